#pragma once
// Users, passwords and sessions. Passwords: PBKDF2-HMAC-SHA256 with a per-user random salt,
// compared in constant time. Sessions live in the database (the token's SHA-256 only, never the
// token), carry a CSRF token, and end when idle or, at the latest, a working day after the login. Failed logins are counted per user and per
// address; too many lock that user or address out for a while.
#include "server/Exchange.h"

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace gongshi::content {
class Database;
}

namespace gongshi::server {

struct AuthOptions {
    int idleSeconds = 30 * 60;          // a session unused this long ends
    int lifetimeSeconds = 12 * 60 * 60; // a session ends this long after its login, however busy
    int iterations = 100000;            // PBKDF2 rounds for new passwords
    int maxFailures = 5;                // failed logins per user (four times as many per address, which
                                        // a whole hall may share) ...
    int failureWindowSeconds = 15 * 60; // ... within this time lock it out ...
    int lockSeconds = 15 * 60;          // ... for this long
};

struct LoginResult {
    std::string token; // the cookie value
    std::string csrf;
    User user;
};

struct SessionInfo {
    User user;
    std::string csrf;
};

class Auth {
public:
    Auth(content::Database& db, AuthOptions options = {});

    static bool validRole(const std::string& role);
    // Throws ValidationError naming the field (username, role, window_id, password) or
    // ConflictError when the name is taken. `actor` is who did it, for the audit log.
    // Throws what addUser would for these values (name, role, window given, password length),
    // without touching the database: a command that creates more than the user checks first.
    static void checkNewUser(const std::string& username, const std::string& role, content::Id windowId, const std::string& password);
    void addUser(const std::string& username, const std::string& role, content::Id windowId, const std::string& password,
                 const std::string& actor);
    // Throws NotFoundError.
    void removeUser(const std::string& username, const std::string& actor);
    void setPassword(const std::string& username, const std::string& password, const std::string& actor);
    std::vector<User> users();

    // Throws HttpError 401 (wrong name or password: the same answer for both) or 429 (locked out;
    // the message says for how long). `previousToken` (a session the browser still had) ends.
    LoginResult login(const std::string& username, const std::string& password, const std::string& address,
                      const std::string& previousToken = "");
    std::optional<SessionInfo> lookup(const std::string& token);
    void logout(const std::string& token);
    // Drops the sessions lookup() remembers, so the next request of each reads the database.
    void forgetCachedSessions();

    // Random bytes from the kernel (getrandom), as lowercase hex.
    static std::string randomHex(std::size_t bytes);
    static std::string sha256Hex(const std::string& data);
    static std::string hashPassword(const std::string& password, const std::string& saltHex, int iterations);
    static bool constantTimeEqual(const std::string& a, const std::string& b);

private:
    struct Failures {
        int count = 0;
        std::chrono::steady_clock::time_point first;
        std::chrono::steady_clock::time_point lockedUntil;
    };
    // Seconds left of a lock-out for `key`, 0 when none.
    int lockedFor(const std::string& key);
    void noteFailure(const std::string& key, int limit);

    content::Database& db_;
    AuthOptions options_;
    std::mutex mutex_;
    std::unordered_map<std::string, Failures> failures_;
    // Sessions read from the database in the last few seconds, by token hash: most requests of
    // a page come in bursts. Any logout or change of users empties it.
    struct Cached {
        SessionInfo info;
        std::chrono::steady_clock::time_point readAt;
    };
    std::unordered_map<std::string, Cached> cache_;
    std::uint64_t cacheGeneration_ = 0; // a lookup that began before a forget does not cache
};

} // namespace gongshi::server
