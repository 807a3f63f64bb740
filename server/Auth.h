#pragma once
// Users, passwords and sessions. Passwords: PBKDF2-HMAC-SHA256 with a per-user random salt,
// compared in constant time. Sessions live in the database (the token's SHA-256 only, never the
// token), carry a CSRF token, and end when idle or, at the latest, a working day after the login.
// Failed logins are counted per user name and address together, so guesses from one place lock
// neither the same user elsewhere nor other users behind the same address; past a few, each
// failure makes the next try wait longer. Lock-outs live in the database: an admin (page or
// `gongshi user unlock`) lifts them at once.
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
    int maxFailures = 5;                // failed logins of one user from one address before a wait ...
    int firstDelayMs = 1000;            // ... of this long, doubled with each further failure ...
    int lockSeconds = 15 * 60;          // ... up to this long
    int failureWindowSeconds = 15 * 60; // failures are forgotten after this long without one (and no wait)
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
    // `centreId`: the centre the user works in (ValidationError centre_id when there is none such;
    // a window user's window must be one of its own); 0: the county, every centre.
    void addUser(const std::string& username, const std::string& role, content::Id windowId, const std::string& password,
                 const std::string& actor, content::Id centreId = 0);
    // Throws NotFoundError.
    void removeUser(const std::string& username, const std::string& actor);
    // A new password (the rules of addUser) ends every session of the user but `keepToken`'s.
    // Throws ValidationError (password), NotFoundError.
    void setPassword(const std::string& username, const std::string& password, const std::string& actor, const std::string& keepToken = "");
    // A user's own change: `oldPassword` must be the present one (HttpError 403 otherwise, counted
    // as a failed login from `address`, so guesses lock out as logins do: 429); the session
    // `keepToken` goes on, the user's others end.
    void changePassword(const std::string& username, const std::string& oldPassword, const std::string& newPassword,
                        const std::string& keepToken, const std::string& address);
    std::vector<User> users();

    // Throws HttpError 401 (wrong name or password: the same answer for both) or 429 (locked out,
    // or as many tries of this name from this address under way as failures it has left; the
    // message says for how long). The lock is looked at before any hashing.
    // `previousToken` (a session the browser still had) ends.
    LoginResult login(const std::string& username, const std::string& password, const std::string& address,
                      const std::string& previousToken = "");
    // Lifts every lock-out and forgets the failures of `username` (from any address). Throws
    // NotFoundError for an unknown user. Returns how many addresses were locked.
    int unlock(const std::string& username, const std::string& actor);
    // Users locked out now, with the seconds left of the longest wait.
    std::unordered_map<std::string, int> lockedUsers();
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
        std::int64_t lastMs = 0, lockedUntilMs = 0;
    };
    Failures failuresOf(const std::string& username, const std::string& address);
    void noteFailure(const std::string& username, const std::string& address);
    void clearFailures(const std::string& username, const std::string& address);
    // One try of a name from an address, counted as under way until it goes.
    class Admission {
    public:
        Admission(Auth& auth, std::string key) : auth_(auth), key_(std::move(key)) {}
        Admission(const Admission&) = delete;
        Admission& operator=(const Admission&) = delete;
        ~Admission() { auth_.release(key_); }

    private:
        Auth& auth_;
        std::string key_;
    };
    // Lets one try of `username` from `address` in, or throws 429.
    [[nodiscard]] Admission admit(const std::string& username, const std::string& address);
    void release(const std::string& key);

    content::Database& db_;
    AuthOptions options_;
    std::mutex mutex_;
    std::mutex loginMutex_;                               // admissions: the database read and the count together
    std::unordered_map<std::string, int> loginsUnderWay_; // by name and address
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
