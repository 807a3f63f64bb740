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
           "\",\"window_id\":" + (u.windowId ? std::to_string(u.windowId) : std::string("null")) + "}";
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
                   const std::string& actor) {
    checkNewUser(username, role, windowId, password);
    if (role != "window") windowId = 0;
    const std::string salt = randomHex(16);
    const std::string hash = hashPassword(password, salt, options_.iterations);
    db_.write([&](Poco::Data::Session& s) {
        std::string name = username, r = role, sa = salt, h = hash, at = content::utcNow();
        int n = 0;
        s << "SELECT COUNT(*) FROM users WHERE username = ?", use(name), into(n), now;
        if (n > 0) throw ConflictError(msg::userExists(username));
        if (windowId) {
            content::Id w = windowId;
            s << "SELECT COUNT(*) FROM windows WHERE id = ?", use(w), into(n), now;
            if (n == 0) throw ValidationError("window_id", msg::noSuchWindow(windowId));
        }
        Poco::Nullable<content::Id> window;
        if (windowId) window = windowId;
        int iterations = options_.iterations;
        s << "INSERT INTO users (username, role, window_id, salt, password_hash, iterations, created_at)"
             " VALUES (?, ?, ?, ?, ?, ?, ?)",
            use(name), use(r), use(window), use(sa), use(h), use(iterations), use(at), now;
        recordAuditEvent(s, {"", at, actor, "user-add", "user", 0, "", userJson({username, role, windowId})});
    });
}

void Auth::removeUser(const std::string& username, const std::string& actor) {
    ForgetSessionsOnExit forget{*this}; // after the write, whether it commits or not
    db_.write([&](Poco::Data::Session& s) {
        std::string name = username, role;
        std::vector<std::string> roles;
        std::vector<Poco::Nullable<content::Id>> windows;
        s << "SELECT role, window_id FROM users WHERE username = ?", use(name), into(roles), into(windows), now;
        if (roles.empty()) throw NotFoundError(msg::noSuchUser(username));
        s << "DELETE FROM sessions WHERE username = ?", use(name), now;
        s << "DELETE FROM users WHERE username = ?", use(name), now;
        User u{username, roles[0], windows[0].isNull() ? 0 : windows[0].value()};
        recordAuditEvent(s, {"", content::utcNow(), actor, "user-remove", "user", 0, userJson(u), ""});
    });
}

void Auth::setPassword(const std::string& username, const std::string& password, const std::string& actor) {
    if (password.size() < 8) throw ValidationError("password", msg::passwordTooShort(8));
    const std::string salt = randomHex(16);
    const std::string hash = hashPassword(password, salt, options_.iterations);
    ForgetSessionsOnExit forget{*this}; // after the write, whether it commits or not
    db_.write([&](Poco::Data::Session& s) {
        std::string name = username, sa = salt, h = hash;
        int iterations = options_.iterations;
        Poco::Data::Statement st(s);
        st << "UPDATE users SET salt = ?, password_hash = ?, iterations = ? WHERE username = ?", use(sa), use(h), use(iterations),
            use(name);
        if (st.execute() != 1) throw NotFoundError(msg::noSuchUser(username));
        s << "DELETE FROM sessions WHERE username = ?", use(name), now; // a new password ends every session
        recordAuditEvent(s, {"", content::utcNow(), actor, "password", "user", 0, "", "{\"username\":\"" + username + "\"}"});
    });
}

std::vector<User> Auth::users() {
    Poco::Data::Session s = db_.session();
    std::vector<std::string> names, roles;
    std::vector<Poco::Nullable<content::Id>> windows;
    s << "SELECT username, role, window_id FROM users ORDER BY username", into(names), into(roles), into(windows), now;
    std::vector<User> out;
    for (std::size_t i = 0; i < names.size(); ++i) out.push_back({names[i], roles[i], windows[i].isNull() ? 0 : windows[i].value()});
    return out;
}

int Auth::lockedFor(const std::string& key) {
    auto it = failures_.find(key);
    if (it == failures_.end()) return 0;
    const auto now = std::chrono::steady_clock::now();
    if (it->second.lockedUntil > now)
        return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(it->second.lockedUntil - now).count()) + 1;
    return 0;
}

void Auth::noteFailure(const std::string& key, int limit) {
    const auto now = std::chrono::steady_clock::now();
    Failures& f = failures_[key];
    if (f.count == 0 || now - f.first > std::chrono::seconds(options_.failureWindowSeconds)) {
        f.count = 0;
        f.first = now;
    }
    if (++f.count >= limit) {
        f.lockedUntil = now + std::chrono::seconds(options_.lockSeconds);
        f.count = 0;
    }
}

LoginResult Auth::login(const std::string& username, const std::string& password, const std::string& address,
                        const std::string& previousToken) {
    const std::string userKey = "user:" + username, addressKey = "address:" + address;
    {
        std::lock_guard lock(mutex_);
        int wait = std::max(lockedFor(userKey), lockedFor(addressKey));
        if (wait > 0) throw HttpError(429, "登录失败次数过多，请" + std::to_string((wait + 59) / 60) + "分钟后再试");
    }
    Poco::Data::Session s = db_.session();
    std::string name = username;
    std::vector<std::string> roles, salts, hashes;
    std::vector<Poco::Nullable<content::Id>> windows;
    std::vector<int> iterations;
    s << "SELECT role, window_id, salt, password_hash, iterations FROM users WHERE username = ?", use(name), into(roles), into(windows),
        into(salts), into(hashes), into(iterations), now;
    // An unknown user costs the same hashing as a known one, so timing does not tell names apart.
    const bool known = !roles.empty();
    const std::string computed =
        hashPassword(password, known ? salts[0] : std::string(32, '0'), known ? iterations[0] : options_.iterations);
    if (!known || !constantTimeEqual(computed, hashes[0])) {
        std::lock_guard lock(mutex_);
        noteFailure(userKey, options_.maxFailures);
        noteFailure(addressKey, options_.maxFailures * 4);
        throw HttpError(401, "用户名或密码不正确");
    }
    {
        std::lock_guard lock(mutex_);
        failures_.erase(userKey);
    }
    LoginResult r;
    r.token = randomHex(32);
    r.csrf = randomHex(32);
    r.user = {username, roles[0], windows[0].isNull() ? 0 : windows[0].value()};
    db_.write([&](Poco::Data::Session& w) {
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
    Poco::Data::Session s = db_.session();
    std::vector<std::string> names, roles, csrfs, created;
    std::vector<Poco::Nullable<content::Id>> windows;
    std::vector<std::int64_t> seen;
    s << "SELECT s.username, u.role, u.window_id, s.csrf, s.last_seen, s.created_at FROM sessions s JOIN users u ON u.username = "
         "s.username WHERE s.token_hash = ?",
        use(hash), into(names), into(roles), into(windows), into(csrfs), into(seen), into(created), now;
    if (names.empty()) return std::nullopt;
    const std::int64_t t = epochSeconds();
    if (t - seen[0] > options_.idleSeconds || created[0] < utcSecondsAgo(options_.lifetimeSeconds)) {
        try {
            db_.write([&](Poco::Data::Session& w) { w << "DELETE FROM sessions WHERE token_hash = ?", use(hash), now; });
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
            db_.write(
                [&](Poco::Data::Session& w) { w << "UPDATE sessions SET last_seen = ? WHERE token_hash = ?", use(v), use(hash), now; });
        } catch (const StorageFullError&) {
            // Reads go on; the session is touched once writes succeed again.
        }
    }
    SessionInfo info{{names[0], roles[0], windows[0].isNull() ? 0 : windows[0].value()}, csrfs[0]};
    {
        std::lock_guard lock(mutex_);
        if (cache_.size() > 10000) cache_.clear(); // bounded: stale entries go in bulk
        if (generation == cacheGeneration_) cache_[hash] = {info, std::chrono::steady_clock::now()};
    }
    return info;
}

void Auth::logout(const std::string& token) {
    std::string hash = sha256Hex(token);
    db_.write([&](Poco::Data::Session& w) { w << "DELETE FROM sessions WHERE token_hash = ?", use(hash), now; });
    forgetCachedSessions();
}

} // namespace gongshi::server
