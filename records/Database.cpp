#include "records/Database.h"

#include "common/Error.h"
#include "common/Messages.h"

#include <Poco/Data/DataException.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/SQLiteException.h>
#include <Poco/Logger.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <thread>

using namespace Poco::Data::Keywords;

namespace gongshi::content {
namespace {

// Per-connection settings: every pooled connection gets them when it is made.
class ConfiguredPool : public Poco::Data::SessionPool {
public:
    explicit ConfiguredPool(const std::string& path) : SessionPool("SQLite", path, 1, Database::kMaxConnections, 60) {}

protected:
    void customizeSession(Poco::Data::Session& s) override {
        s << "PRAGMA foreign_keys = ON", now;
        s << "PRAGMA busy_timeout = 10000", now;
    }
};

std::string recordTable(const char* name, const char* owner) {
    std::string t = std::string("CREATE TABLE ") + name + " (id INTEGER PRIMARY KEY, owner_id INTEGER";
    if (owner) t += std::string(" REFERENCES ") + owner + "(id)";
    t += ", version INTEGER NOT NULL, title TEXT NOT NULL, created_at TEXT NOT NULL, changed_at TEXT NOT NULL,"
         " changed_by TEXT NOT NULL, data TEXT NOT NULL)";
    return t;
}

} // namespace

std::string utcNow() { return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%SZ"); }

const std::vector<Migration>& Database::migrations() {
    static const std::vector<Migration> all = {
        {1,
         "records",
         {recordTable("centres", nullptr), recordTable("windows", "centres"), recordTable("staff", "centres"),
          recordTable("matters", "centres"), recordTable("notices", "centres"), recordTable("screens", "centres"),
          recordTable("programs", "screens"), "CREATE INDEX matters_owner ON matters(owner_id)",
          "CREATE INDEX notices_owner ON notices(owner_id)"}},
        {2,
         "revisions of every save",
         {"CREATE TABLE revisions (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, record_id INTEGER NOT NULL,"
          " version INTEGER NOT NULL, action TEXT NOT NULL, changed_at TEXT NOT NULL, changed_by TEXT NOT NULL,"
          " content TEXT NOT NULL)",
          "CREATE UNIQUE INDEX revisions_record ON revisions(kind, record_id, version)"}},
        {3,
         "working-day calendar and notice publication dates",
         {"CREATE TABLE calendar_days (day TEXT PRIMARY KEY, working INTEGER NOT NULL, name TEXT NOT NULL)",
          "ALTER TABLE notices ADD COLUMN publish_from TEXT", "ALTER TABLE notices ADD COLUMN publish_until TEXT"}},
        {4,
         "users, sessions, audit events and approvals",
         {"CREATE TABLE users (username TEXT PRIMARY KEY, role TEXT NOT NULL, window_id INTEGER, salt TEXT NOT NULL,"
          " password_hash TEXT NOT NULL, iterations INTEGER NOT NULL, created_at TEXT NOT NULL)",
          "CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, username TEXT NOT NULL REFERENCES users(username)"
          " ON DELETE CASCADE, csrf TEXT NOT NULL, created_at TEXT NOT NULL, last_seen INTEGER NOT NULL)",
          // Writes that are not saves of a record (those are in revisions): users, approvals, logins.
          "CREATE TABLE audit_events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, username TEXT NOT NULL,"
          " action TEXT NOT NULL, record TEXT NOT NULL, record_id INTEGER NOT NULL, before TEXT, after TEXT)",
          // The version of a matter or notice that screens may show when publishing needs approval.
          "CREATE TABLE approvals (kind TEXT NOT NULL, record_id INTEGER NOT NULL, version INTEGER NOT NULL,"
          " approved_by TEXT NOT NULL, approved_at TEXT NOT NULL, PRIMARY KEY (kind, record_id))"}},
        {5,
         "audit events ordered among the revisions of the same second",
         // The newest revision when the event was written: an event sorts after it, before the next.
         {"ALTER TABLE audit_events ADD COLUMN revision_mark INTEGER NOT NULL DEFAULT 0"}},
        {6,
         "answers of creates by Idempotency-Key",
         // status 0: the first request with the key is still being answered.
         {"CREATE TABLE idempotency_keys (username TEXT NOT NULL, key TEXT NOT NULL, target TEXT NOT NULL, at INTEGER NOT NULL,"
          " status INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (username, key))"}},
        {7,
         "failed logins by user name and address",
         // Times in milliseconds since 1970. In the database, so `gongshi user unlock` reaches a
         // running server and a restart does not clear a lock-out.
         {"CREATE TABLE login_failures (username TEXT NOT NULL, address TEXT NOT NULL, failures INTEGER NOT NULL,"
          " last_failure INTEGER NOT NULL, locked_until INTEGER NOT NULL, PRIMARY KEY (username, address))"}},
        {8,
         "server settings",
         // One JSON text per group of settings (alerts), kept across restarts.
         {"CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL, changed_at TEXT NOT NULL, changed_by TEXT NOT NULL)"}},
        {9,
         "approvals sent back",
         // A version of a matter or notice an admin sent back, with why; a later save waits anew.
         {"CREATE TABLE approval_rejections (kind TEXT NOT NULL, record_id INTEGER NOT NULL, version INTEGER NOT NULL,"
          " comment TEXT NOT NULL, rejected_by TEXT NOT NULL, rejected_at TEXT NOT NULL, PRIMARY KEY (kind, record_id, version))"}},
        {10,
         "emergency broadcasts",
         // Times in milliseconds since 1970 on the screens' clock; ends_at NULL: until stopped;
         // screens: ids separated by commas when all_screens is 0.
         {"CREATE TABLE broadcasts (id INTEGER PRIMARY KEY, text TEXT NOT NULL, all_screens INTEGER NOT NULL, screens TEXT NOT NULL,"
          " centre_id INTEGER NOT NULL, started_at INTEGER NOT NULL, ends_at INTEGER, stopped_at INTEGER, started_by TEXT NOT NULL,"
          " stopped_by TEXT)"}},
        {11,
         "queue calls and API tokens",
         // Tokens for machines (the queue-calling system): the SHA-256 of the token only, never the
         // token; scope: what it may do ("calls"). Calls: times in milliseconds since 1970 on the
         // screens' clock; called_by: the token's name or the user's, via: "token" or "session".
         {"CREATE TABLE api_tokens (name TEXT PRIMARY KEY, scope TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,"
          " created_at TEXT NOT NULL, last_used_at TEXT)",
          "CREATE TABLE queue_calls (id INTEGER PRIMARY KEY, window_id INTEGER NOT NULL, centre_id INTEGER NOT NULL,"
          " window_number TEXT NOT NULL, ticket TEXT NOT NULL, seconds INTEGER NOT NULL, called_at INTEGER NOT NULL,"
          " ends_at INTEGER NOT NULL, called_by TEXT NOT NULL, via TEXT NOT NULL)",
          "CREATE INDEX queue_calls_ends ON queue_calls(ends_at)", "CREATE INDEX queue_calls_window ON queue_calls(window_id, id)"}},
        {12,
         "play record",
         // What each screen showed (kind notice, matter, window; record_id) and when it was offline
         // (kind offline, record_id 0), as intervals in seconds since 1970: records/PlayLog.
         {"CREATE TABLE play_intervals (kind TEXT NOT NULL, record_id INTEGER NOT NULL, screen_id INTEGER NOT NULL,"
          " from_s INTEGER NOT NULL, until_s INTEGER NOT NULL, PRIMARY KEY (kind, record_id, screen_id, from_s)) WITHOUT ROWID"}},
        {13,
         "uploaded pictures",
         // Pictures for program items of kind image (records/Pictures): path is the file in the
         // FileStore (named by its SHA-256), bytes its size; a picture is never changed.
         {"CREATE TABLE pictures (id INTEGER PRIMARY KEY, name TEXT NOT NULL, path TEXT NOT NULL, width INTEGER NOT NULL,"
          " height INTEGER NOT NULL, bytes INTEGER NOT NULL, uploaded_at TEXT NOT NULL, uploaded_by TEXT NOT NULL)"}},
        {14,
         "users of one centre",
         // The centre a user works in; NULL: the county, every centre (server/CentreScope).
         {"ALTER TABLE users ADD COLUMN centre_id INTEGER"}},
    };
    return all;
}

Database::Database(const std::string& dataDir, int upTo) {
    static std::once_flag registered;
    std::call_once(registered, [] { Poco::Data::SQLite::Connector::registerConnector(); });
    std::error_code ec;
    std::filesystem::create_directories(dataDir, ec);
    if (ec) throw EnvironmentError(msg::cannotCreateDataDir(dataDir, ec.message()));
    path_ = (std::filesystem::path(dataDir) / "gongshi.db").string();
    try {
        pool_ = std::make_unique<ConfiguredPool>(path_);
        Poco::Data::Session s = pool_->get();
        s << "PRAGMA journal_mode = WAL", now;
    } catch (const Poco::Exception& e) {
        throw EnvironmentError(msg::cannotOpenDatabase(path_, e.displayText()));
    }
    migrate(upTo);
}

Database::~Database() = default;

Poco::Data::Session Database::session() {
    // All connections busy (a burst of requests): wait for one, within bounds, rather than fail.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (true) {
        try {
            Poco::Data::Session s = pool_->get();
            if (pageCapUsed_) {
                const long long cap = pageCap_.load();
                s << "PRAGMA max_page_count = " + std::to_string(cap > 0 ? cap : 4294967294LL), now;
            }
            return s;
        } catch (const Poco::Data::SessionPoolExhaustedException&) {
            if (std::chrono::steady_clock::now() >= deadline) throw EnvironmentError(msg::databaseBusy(path_, 5, pool_->capacity()));
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
}

void Database::write(const std::function<void(Poco::Data::Session&)>& work) {
    const auto started = std::chrono::steady_clock::now();
    struct Count {
        Database& db;
        std::chrono::steady_clock::time_point started;
        ~Count() {
            ++db.writes_;
            db.writeNanos_ += static_cast<std::uint64_t>(
                std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started).count());
        }
    } count{*this, started};
    Poco::Data::Session s = session();
    s << "BEGIN IMMEDIATE", now;
    try {
        work(s);
        s << "COMMIT", now;
    } catch (...) {
        try {
            s << "ROLLBACK", now;
        } catch (const Poco::Exception&) {
            // The connection is already out of the transaction; the original error matters.
        }
        try {
            throw;
        } catch (const Poco::Data::SQLite::DatabaseFullException& e) {
            // Said once, not once per request: again only after ten minutes (small writes that fit
            // in pages the file has may succeed in between).
            ++fullRefusals_;
            full_ = true;
            const std::int64_t nowSeconds =
                std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
            std::int64_t last = lastFullLog_.load();
            if ((last == 0 || nowSeconds - last >= 600) && lastFullLog_.compare_exchange_strong(last, nowSeconds))
                Poco::Logger::get("gongshi.database")
                    .error("%s: disk full, writes refused until space is freed (%s)", path_, e.displayText());
            throw StorageFullError(msg::diskFull());
        }
    }
    full_ = false;
}

int Database::schemaVersion() {
    Poco::Data::Session s = session();
    int version = 0;
    s << "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", into(version), now;
    return version;
}

void Database::migrate(int upTo) {
    write([](Poco::Data::Session& s) {
        s << "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
             " applied_at TEXT NOT NULL)",
            now;
    });
    int current = schemaVersion();
    for (const Migration& m : migrations()) {
        if (m.version <= current || (upTo > 0 && m.version > upTo)) continue;
        // One transaction per step: a failed step leaves the schema at the step before.
        write([&](Poco::Data::Session& s) {
            for (const auto& sql : m.statements) s << sql, now;
            int v = m.version;
            std::string description = m.description, at = utcNow();
            s << "INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)", use(v), use(description), use(at),
                now;
        });
    }
}

} // namespace gongshi::content
