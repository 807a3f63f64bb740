#pragma once
// Tokens for machines that call the API without a person's session (the hall's queue-calling
// system): `Authorization: Bearer TOKEN`. A token is shown once when it is made; the database
// keeps its SHA-256 only. Each token has one scope, what it may do ("calls": queue calls only);
// a route says which scope it takes (Route::acceptsToken), every other route refuses the token.
#include "records/Database.h"

#include <optional>
#include <string>
#include <vector>

namespace gongshi::server {

struct ApiToken {
    std::string name;
    std::string scope;
    std::string createdAt;
    std::string lastUsedAt; // empty: never used
};

class ApiTokens {
public:
    explicit ApiTokens(content::Database& db) : db_(db) {}

    static const std::vector<std::string>& scopes(); // "calls"
    // A new token named `name` for `scope`: the token itself, to be shown once. ValidationError
    // (name: empty, too long, or not letters, digits, '-', '_', '.'; scope unknown); ConflictError
    // when the name is taken. The audit log names `actor` ("cli", or the admin's user name).
    std::string add(const std::string& name, const std::string& scope, const std::string& actor = "cli");
    // NotFoundError when there is no such token.
    void remove(const std::string& name, const std::string& actor = "cli");
    std::vector<ApiToken> list();
    // The token `token` is, if any (its use noted).
    std::optional<ApiToken> find(const std::string& token);

private:
    content::Database& db_;
};

} // namespace gongshi::server
