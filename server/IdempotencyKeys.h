#pragma once
// Creates answered once per Idempotency-Key: a client that sends a create again (a retry after a
// lost answer, a double click) with the same key gets the first create's answer instead of a
// second record. Keys are kept per user for 24 hours in the database (table idempotency_keys).
#include <optional>
#include <string>

namespace gongshi::content {
class Database;
}

namespace gongshi::server {

inline constexpr int kIdempotencyKeySeconds = 24 * 60 * 60;

struct StoredAnswer {
    int status = 0;
    std::string body; // JSON
};

// Takes `key` for `user`'s request to `target`. nullopt: the key is new and now taken; the caller
// answers and then calls rememberAnswer (or releaseKey when the request failed). Otherwise the
// answer given to the key's first request. Throws HttpError 400 for a malformed key, 422 when the
// key was used for another target, 409 while its first request is still being answered.
std::optional<StoredAnswer> takeIdempotencyKey(content::Database& db, const std::string& user, const std::string& key,
                                               const std::string& target);
void rememberAnswer(content::Database& db, const std::string& user, const std::string& key, const StoredAnswer& answer);
void releaseKey(content::Database& db, const std::string& user, const std::string& key);

} // namespace gongshi::server
