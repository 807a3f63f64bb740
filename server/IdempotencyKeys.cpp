#include "server/IdempotencyKeys.h"

#include "common/Messages.h"
#include "records/Database.h"
#include "server/HttpError.h"

#include <Poco/Data/Session.h>

#include <cstdint>
#include <ctime>
#include <vector>

using namespace Poco::Data::Keywords;

namespace gongshi::server {

std::optional<StoredAnswer> takeIdempotencyKey(content::Database& db, const std::string& user, const std::string& key,
                                               const std::string& target) {
    // Visible ASCII only, as HTTP header values and the draft standard's keys are.
    if (key.size() > 255 || key.find_first_not_of("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
                                                  "abcdefghijklmnopqrstuvwxyz{|}~") != std::string::npos)
        throw HttpError(400, msg::badIdempotencyKey(), "Idempotency-Key");
    std::optional<StoredAnswer> first;
    db.writeQuietly([&](content::Connection& s) {
        std::int64_t at = static_cast<std::int64_t>(std::time(nullptr)), expired = at - kIdempotencyKeySeconds;
        s << "DELETE FROM idempotency_keys WHERE at < ?", use(expired), now;
        std::string u = user, k = key, t = target;
        std::vector<std::string> targets, bodies;
        std::vector<int> statuses;
        s << "SELECT target, status, body FROM idempotency_keys WHERE username = ? AND key = ?", use(u), use(k), into(targets),
            into(statuses), into(bodies), now;
        if (targets.empty()) {
            s << "INSERT INTO idempotency_keys (username, key, target, at, status, body) VALUES (?, ?, ?, ?, 0, '')", use(u), use(k),
                use(t), use(at), now;
            return;
        }
        if (targets[0] != target) throw HttpError(422, msg::idempotencyKeyElsewhere(targets[0]), "Idempotency-Key");
        if (statuses[0] == 0) throw HttpError(409, msg::idempotencyKeyBusy(), "Idempotency-Key");
        first = StoredAnswer{statuses[0], bodies[0]};
    });
    return first;
}

void rememberAnswer(content::Database& db, const std::string& user, const std::string& key, const StoredAnswer& answer) {
    db.writeQuietly([&](content::Connection& s) {
        std::string u = user, k = key, body = answer.body;
        int status = answer.status;
        s << "UPDATE idempotency_keys SET status = ?, body = ? WHERE username = ? AND key = ?", use(status), use(body), use(u), use(k), now;
    });
}

void releaseKey(content::Database& db, const std::string& user, const std::string& key) {
    db.writeQuietly([&](content::Connection& s) {
        std::string u = user, k = key;
        s << "DELETE FROM idempotency_keys WHERE username = ? AND key = ?", use(u), use(k), now;
    });
}

} // namespace gongshi::server
