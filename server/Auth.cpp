#include "server/Auth.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/Database.h"
#include "server/AuditLog.h"
#include "server/HttpError.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/PBKDF2Engine.h>
#include <Poco/SHA2Engine.h>

#include <sys/random.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>

using namespace Poco::Data::Keywords;

namespace gongshi::server {
namespace {

// Poco 1.11's SHA2Engine lacks the BLOCK_SIZE and DIGEST_SIZE that HMACEngine needs.
struct SHA256Engine : Poco::SHA2Engine {
    enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
    SHA256Engine() : Poco::SHA2Engine(SHA_256) {}
};

// The time `seconds` ago as sessions.created_at holds times (utcNow), which compare as text.
std::string utcSecondsAgo(int seconds) {
    Poco::Timestamp t;
    t -= static_cast<Poco::Timestamp::TimeDiff>(seconds) * Poco::Timestamp::resolution();
    return Poco::DateTimeFormatter::format(t, "%Y-%m-%dT%H:%M:%SZ");
}

// Empties the session cache when it goes, i.e. after the write it guards has ended.
struct ForgetSessionsOnExit {
    Auth& auth;
    ~ForgetSessionsOnExit() { auth.forgetCachedSessions(); }
};

std::int64_t epochSeconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

std::string userJson(const User& u) {
    return "{\"username\":\"" + u.username + "\",\"role\":\"" + u.role +
           "\",\"window_id\":" + (u.windowId ? std::to_string(u.windowId) : std::string("null")) +
           ",\"centre_id\":" + (u.centreId ? std::to_string(u.centreId) : std::string("null")) + "}";
}

bool validUsername(const std::string& name) {
    if (name.empty() || name.size() > 64) return false;
    for (unsigned char c : name)
        if (!(std::isalnum(c) || c == '_' || c == '-' || c == '.')) return false;
    return true;
}

} // namespace

Auth::Auth(content::Database& db, AuthOptions options) : db_(db), options_(options) {}

bool Auth::validRole(const std::string& role) { return role == "admin" || role == "editor" || role == "window"; }

std::string Auth::randomHex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    std::size_t got = 0;
    while (got < bytes) {
        ssize_t n = getrandom(raw.data() + got, bytes - got, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw EnvironmentError(std::string("getrandom failed: ") + std::strerror(errno));
        }
        got += static_cast<std::size_t>(n);
    }
    return Poco::DigestEngine::digestToHex(Poco::DigestEngine::Digest(raw.begin(), raw.end()));
}

std::string Auth::sha256Hex(const std::string& data) {
    SHA256Engine e;
    e.update(data);
    return Poco::DigestEngine::digestToHex(e.digest());
}

std::string Auth::hashPassword(const std::string& password, const std::string& saltHex, int iterations) {
    Poco::PBKDF2Engine<Poco::HMACEngine<SHA256Engine>> e(saltHex, static_cast<unsigned>(iterations), 32);
    e.update(password);
    return Poco::DigestEngine::digestToHex(e.digest());
}

bool Auth::constantTimeEqual(const std::string& a, const std::string& b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

void Auth::checkNewUser(const std::string& username, const std::string& role, content::Id windowId, const std::string& password) {
    if (!validUsername(username)) throw ValidationError("username", msg::userNameRule(username));
    if (!validRole(role)) throw ValidationError("role", msg::roleRule(role));
    if (role == "window" && windowId <= 0) throw ValidationError("window_id", msg::windowUserNeedsWindow());
    if (password.size() < 8) throw ValidationError("password", msg::passwordTooShort(8));
}

void Auth::addUser(const std::string& username, const std::string& role, content::Id windowId, const std::string& password,
                   const std::string& actor, content::Id centreId) {
    checkNewUser(username, role, windowId, password);
    if (role != "window") windowId = 0;
    const std::string salt = randomHex(16);
    const std::string hash = hashPassword(password, salt, options_.iterations);
    db_.write([&](content::Connection& s) {
        std::string name = username, r = role, sa = salt, h = hash, at = content::utcNow();
        int n = 0;
        s << "SELECT COUNT(*) FROM users WHERE username = ?", use(name), into(n), now;
        if (n > 0) throw ConflictError(msg::userExists(username));
        if (windowId) {
            content::Id w = windowId;
            s << "SELECT COUNT(*) FROM windows WHERE id = ?", use(w), into(n), now;
            if (n == 0) throw ValidationError("window_id", msg::noSuchWindow(windowId));
        }
        Poco::Nullable<content::Id> centre;
        if (centreId) {
            content::Id c = centreId;
            s << "SELECT COUNT(*) FROM centres WHERE id = ?", use(c), into(n), now;
            if (n == 0) throw ValidationError("centre_id", msg::noSuchCentre(centreId));
            centre = centreId;
        }
        if (windowId && centreId) {
            // A window user of one centre works at one of its windows.
            content::Id w = windowId, c = centreId;
            s << "SELECT COUNT(*) FROM windows WHERE id = ? AND owner_id = ?", use(w), use(c), into(n), now;
            if (n == 0) throw ValidationError("window_id", msg::noSuchWindow(windowId));
        }
        Poco::Nullable<content::Id> window;
        if (windowId) window = windowId;
        int iterations = options_.iterations;
        s << "INSERT INTO users (username, role, window_id, salt, password_hash, iterations, created_at, centre_id)"
             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            use(name), use(r), use(window), use(sa), use(h), use(iterations), use(at), use(centre), now;
        recordAuditEvent(s, {"", at, actor, "user-add", "user", 0, "", userJson({username, role, windowId, centreId})});
    });
}

void Auth::removeUser(const std::string& username, const std::string& actor) {
    ForgetSessionsOnExit forget{*this}; // after the write, whether it commits or not
    db_.write([&](content::Connection& s) {
        std::string name = username, role;
        std::vector<std::string> roles;
        std::vector<Poco::Nullable<content::Id>> windows, centres;
        s << "SELECT role, window_id, centre_id FROM users WHERE username = ?", use(name), into(roles), into(windows), into(centres), now;
        if (roles.empty()) throw NotFoundError(msg::noSuchUser(username));
        s << "DELETE FROM sessions WHERE username = ?", use(name), now;
        s << "DELETE FROM users WHERE username = ?", use(name), now;
        User u{username, roles[0], windows[0].isNull() ? 0 : windows[0].value(), centres[0].isNull() ? 0 : centres[0].value()};
        recordAuditEvent(s, {"", content::utcNow(), actor, "user-remove", "user", 0, userJson(u), ""});
    });
}

void Auth::changePassword(const std::string& username, const std::string& oldPassword, const std::string& newPassword,
                          const std::string& keepToken, const std::string& address) {
    const Admission admitted = admit(username, address);
    content::Connection s = db_.session();
    std::string name = username;
    std::vector<std::string> salts, hashes;
    std::vector<int> iterations;
    s << "SELECT salt, password_hash, iterations FROM users WHERE username = ?", use(name), into(salts), into(hashes), into(iterations),
        now;
    if (salts.empty()) throw NotFoundError(msg::noSuchUser(username));
    if (!constantTimeEqual(hashPassword(oldPassword, salts[0], iterations[0]), hashes[0])) {
        noteFailure(username, address);
        throw HttpError(403, msg::wrongOldPassword(), "old");
    }
    if (failuresOf(username, address).count > 0) clearFailures(username, address);
    if (oldPassword == newPassword) throw ValidationError("new", msg::samePassword());
    if (newPassword.size() < 8) throw ValidationError("new", msg::passwordTooShort(8));
    setPassword(username, newPassword, username, keepToken);
}

void Auth::setPassword(const std::string& username, const std::string& password, const std::string& actor, const std::string& keepToken) {
    if (password.size() < 8) throw ValidationError("password", msg::passwordTooShort(8));
    const std::string salt = randomHex(16);
    const std::string hash = hashPassword(password, salt, options_.iterations);
    ForgetSessionsOnExit forget{*this}; // after the write, whether it commits or not
    db_.write([&](content::Connection& s) {
        std::string name = username, sa = salt, h = hash;
        int iterations = options_.iterations;
        Poco::Data::Statement st(s.poco());
        st << s.dialect("UPDATE users SET salt = ?, password_hash = ?, iterations = ? WHERE username = ?"), use(sa), use(h),
            use(iterations), use(name);
        if (st.execute() != 1) throw NotFoundError(msg::noSuchUser(username));
        std::string kept = keepToken.empty() ? "" : sha256Hex(keepToken);
        // A new password ends every session but the one that set it.
        s << "DELETE FROM sessions WHERE username = ? AND token_hash <> ?", use(name), use(kept), now;
        recordAuditEvent(s, {"", content::utcNow(), actor, "password", "user", 0, "", "{\"username\":\"" + username + "\"}"});
    });
}

std::vector<User> Auth::users() {
    content::Connection s = db_.session();
    std::vector<std::string> names, roles;
    std::vector<Poco::Nullable<content::Id>> windows, centres;
    s << "SELECT username, role, window_id, centre_id FROM users ORDER BY username", into(names), into(roles), into(windows), into(centres),
        now;
    std::vector<User> out;
    for (std::size_t i = 0; i < names.size(); ++i)
        out.push_back({names[i], roles[i], windows[i].isNull() ? 0 : windows[i].value(), centres[i].isNull() ? 0 : centres[i].value()});
    return out;
}

namespace {

std::int64_t epochMillis() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

int secondsUntil(std::int64_t whenMs, std::int64_t nowMs) { return static_cast<int>((whenMs - nowMs + 999) / 1000); }

} // namespace

Auth::Failures Auth::failuresOf(const std::string& username, const std::string& address) {
    content::Connection s = db_.session();
    std::string name = username, from = address;
    std::vector<int> counts;
    std::vector<std::int64_t> last, until;
    s << "SELECT failures, last_failure, locked_until FROM login_failures WHERE username = ? AND address = ?", use(name), use(from),
        into(counts), into(last), into(until), now;
    if (counts.empty()) return {};
    Failures f{counts[0], last[0], until[0]};
    // Quiet long enough, and no wait left: a fresh start.
    if (epochMillis() - std::max(f.lastMs, f.lockedUntilMs) > std::int64_t{options_.failureWindowSeconds} * 1000) return {};
    return f;
}

Auth::Admission Auth::admit(const std::string& username, const std::string& address) {
    std::string key = username + '\n' + address;
    std::lock_guard lock(loginMutex_);
    const Failures f = failuresOf(username, address);
    const std::int64_t nowMs = epochMillis();
    if (f.lockedUntilMs > nowMs) throw HttpError(429, msg::loginLocked(secondsUntil(f.lockedUntilMs, nowMs)));
    // Tries under way count as failures until they end: forty at once are not all hashed.
    const int left = f.count >= options_.maxFailures ? 1 : options_.maxFailures - f.count;
    int& underWay = loginsUnderWay_[key];
    if (underWay >= left) throw HttpError(429, msg::loginLocked(1));
    ++underWay;
    return Admission(*this, std::move(key));
}

void Auth::release(const std::string& key) {
    std::lock_guard lock(loginMutex_);
    if (auto it = loginsUnderWay_.find(key); it != loginsUnderWay_.end() && --it->second <= 0) loginsUnderWay_.erase(it);
}

void Auth::noteFailure(const std::string& username, const std::string& address) {
    const Failures before = failuresOf(username, address);
    const std::int64_t nowMs = epochMillis();
    Failures f{before.count + 1, nowMs, 0};
    if (f.count >= options_.maxFailures) {
        // 1 s after the fifth, 2 s after the sixth, ... up to lockSeconds.
        const int doublings = std::min(f.count - options_.maxFailures, 30);
        const std::int64_t wait = std::min(std::int64_t{options_.firstDelayMs} << doublings, std::int64_t{options_.lockSeconds} * 1000);
        f.lockedUntilMs = nowMs + wait;
    }
    db_.writeQuietly([&](content::Connection& w) {
        std::string name = username, from = address;
        w << "INSERT INTO login_failures (username, address, failures, last_failure, locked_until) VALUES (?, ?, ?, ?, ?)"
             " ON CONFLICT (username, address) DO UPDATE SET failures = excluded.failures, last_failure = excluded.last_failure,"
             " locked_until = excluded.locked_until",
            use(name), use(from), use(f.count), use(f.lastMs), use(f.lockedUntilMs), now;
        // Rows quiet for longer than the window are forgotten anyway: the table stays small.
        std::int64_t forgotten = nowMs - std::int64_t{options_.failureWindowSeconds} * 1000;
        w << "DELETE FROM login_failures WHERE last_failure < ? AND locked_until < ?", use(forgotten), use(forgotten), now;
    });
}

void Auth::clearFailures(const std::string& username, const std::string& address) {
    db_.writeQuietly([&](content::Connection& w) {
        std::string name = username, from = address;
        w << "DELETE FROM login_failures WHERE username = ? AND address = ?", use(name), use(from), now;
    });
}

int Auth::unlock(const std::string& username, const std::string& actor) {
    int locked = 0;
    db_.write([&](content::Connection& w) {
        std::string name = username;
        int known = 0;
        w << "SELECT COUNT(*) FROM users WHERE username = ?", use(name), into(known), now;
        if (known == 0) throw NotFoundError(msg::noSuchUser(username));
        std::int64_t nowMs = epochMillis();
        w << "SELECT COUNT(*) FROM login_failures WHERE username = ? AND locked_until > ?", use(name), use(nowMs), into(locked), now;
        w << "DELETE FROM login_failures WHERE username = ?", use(name), now;
        recordAuditEvent(w, {"", content::utcNow(), actor, "unlock", "user", 0, "{\"locked_addresses\":" + std::to_string(locked) + "}",
                             "{\"username\":\"" + username + "\"}"});
    });
    return locked;
}

std::unordered_map<std::string, int> Auth::lockedUsers() {
    content::Connection s = db_.session();
    std::int64_t nowMs = epochMillis();
    std::vector<std::string> names;
    std::vector<std::int64_t> until;
    s << "SELECT username, MAX(locked_until) FROM login_failures WHERE locked_until > ? GROUP BY username", use(nowMs), into(names),
        into(until), now;
    std::unordered_map<std::string, int> out;
    for (std::size_t i = 0; i < names.size(); ++i) out[names[i]] = secondsUntil(until[i], nowMs);
    return out;
}

LoginResult Auth::login(const std::string& username, const std::string& password, const std::string& address,
                        const std::string& previousToken) {
    const Admission admitted = admit(username, address);
    content::Connection s = db_.session();
    std::string name = username;
    std::vector<std::string> roles, salts, hashes;
    std::vector<Poco::Nullable<content::Id>> windows, centres;
    std::vector<int> iterations;
    s << "SELECT role, window_id, salt, password_hash, iterations, centre_id FROM users WHERE username = ?", use(name), into(roles),
        into(windows), into(salts), into(hashes), into(iterations), into(centres), now;
    // An unknown user costs the same hashing as a known one, so timing does not tell names apart.
    const bool known = !roles.empty();
    const std::string computed =
        hashPassword(password, known ? salts[0] : std::string(32, '0'), known ? iterations[0] : options_.iterations);
    if (!known || !constantTimeEqual(computed, hashes[0])) {
        noteFailure(username, address); // written before this try stops counting as under way
        throw HttpError(401, "用户名或密码不正确");
    }
    if (failuresOf(username, address).count > 0) clearFailures(username, address);
    LoginResult r;
    r.token = randomHex(32);
    r.csrf = randomHex(32);
    r.user = {username, roles[0], windows[0].isNull() ? 0 : windows[0].value(), centres[0].isNull() ? 0 : centres[0].value()};
    db_.writeQuietly([&](content::Connection& w) {
        if (!previousToken.empty()) {
            std::string old = sha256Hex(previousToken);
            w << "DELETE FROM sessions WHERE token_hash = ?", use(old), now;
        }
        std::string hash = sha256Hex(r.token), csrf = r.csrf, at = content::utcNow(), n = username;
        std::int64_t seen = epochSeconds();
        w << "INSERT INTO sessions (token_hash, username, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)", use(hash), use(n),
            use(csrf), use(at), use(seen), now;
        // Sessions that ended by idling or by age are cleared now and then, here.
        std::int64_t cutoff = seen - options_.idleSeconds;
        std::string bornBefore = utcSecondsAgo(options_.lifetimeSeconds);
        w << "DELETE FROM sessions WHERE last_seen < ? OR created_at < ?", use(cutoff), use(bornBefore), now;
    });
    if (!previousToken.empty()) forgetCachedSessions();
    return r;
}

void Auth::forgetCachedSessions() {
    std::lock_guard lock(mutex_);
    cache_.clear();
    ++cacheGeneration_;
}

std::optional<SessionInfo> Auth::lookup(const std::string& token) {
    if (token.size() != 64) return std::nullopt;
    std::string hash = sha256Hex(token);
    constexpr auto kCacheFor = std::chrono::seconds(5);
    std::uint64_t generation = 0;
    {
        std::lock_guard lock(mutex_);
        generation = cacheGeneration_;
        auto it = cache_.find(hash);
        if (it != cache_.end() && std::chrono::steady_clock::now() - it->second.readAt < kCacheFor) return it->second.info;
    }
    content::Connection s = db_.session();
    std::vector<std::string> names, roles, csrfs, created;
    std::vector<Poco::Nullable<content::Id>> windows, centres;
    std::vector<std::int64_t> seen;
    s << "SELECT s.username, u.role, u.window_id, s.csrf, s.last_seen, s.created_at, u.centre_id FROM sessions s JOIN users u ON "
         "u.username = s.username WHERE s.token_hash = ?",
        use(hash), into(names), into(roles), into(windows), into(csrfs), into(seen), into(created), into(centres), now;
    if (names.empty()) return std::nullopt;
    const std::int64_t t = epochSeconds();
    if (t - seen[0] > options_.idleSeconds || created[0] < utcSecondsAgo(options_.lifetimeSeconds)) {
        try {
            db_.writeQuietly([&](content::Connection& w) { w << "DELETE FROM sessions WHERE token_hash = ?", use(hash), now; });
        } catch (const StorageFullError&) {
            // Ended all the same: the row goes with the next write that finds space.
        }
        return std::nullopt;
    }
    // Touch at most once a minute: a write per request would cost more than the request. A full
    // disk keeps the user logged in, untouched, rather than logging them out.
    if (t - seen[0] >= 60) {
        std::int64_t v = t;
        try {
            db_.writeQuietly(
                [&](content::Connection& w) { w << "UPDATE sessions SET last_seen = ? WHERE token_hash = ?", use(v), use(hash), now; });
        } catch (const StorageFullError&) {
            // Reads go on; the session is touched once writes succeed again.
        }
    }
    SessionInfo info{{names[0], roles[0], windows[0].isNull() ? 0 : windows[0].value(), centres[0].isNull() ? 0 : centres[0].value()},
                     csrfs[0]};
    {
        std::lock_guard lock(mutex_);
        if (cache_.size() > 10000) cache_.clear(); // bounded: stale entries go in bulk
        if (generation == cacheGeneration_) cache_[hash] = {info, std::chrono::steady_clock::now()};
    }
    return info;
}

void Auth::logout(const std::string& token) {
    std::string hash = sha256Hex(token);
    db_.writeQuietly([&](content::Connection& w) { w << "DELETE FROM sessions WHERE token_hash = ?", use(hash), now; });
    forgetCachedSessions();
}

} // namespace gongshi::server
