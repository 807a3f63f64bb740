#pragma once
// Where the records are kept, reached through Poco::Data, one code path for two engines:
// - SQLite, DATA_DIR/gongshi.db (the default): WAL, foreign keys, a busy timeout on every
//   connection, BEGIN IMMEDIATE for every write transaction (a deferred BEGIN fails under
//   concurrent writers);
// - PostgreSQL, `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB[?schema=NAME&pool=N]`: every write
//   transaction takes one advisory lock first, so writes are serialised exactly as SQLite's are
//   (each sees all that committed before it; READ COMMITTED suffices under that lock), and
//   announces itself with NOTIFY, which other servers on the same database LISTEN for.
// Versioned migrations are applied at open under the same lock, so servers starting together on
// one database migrate it once. SQL is written once, with `?` placeholders and SQLite's
// `INTEGER PRIMARY KEY`: `Connection` turns it into PostgreSQL's where that is the engine.
#include "common/Error.h"

#include <Poco/Data/Session.h>
#include <Poco/Data/SessionPool.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace gongshi {

// The disk (or the database's size cap) is full: nothing was written; reads still work.
class StorageFullError : public EnvironmentError {
public:
    using EnvironmentError::EnvironmentError;
};

} // namespace gongshi

namespace gongshi::content {

struct Migration {
    int version;
    std::string description;
    std::vector<std::string> statements; // portable SQL; SQLite's INTEGER PRIMARY KEY is the one dialect word
};

enum class Engine { sqlite, postgresql };

// A connection from the pool, for one thread's work: statements are written as for SQLite
// (`?` placeholders) and sent in the engine's own dialect. Gives the connection back when it goes.
class Connection {
public:
    Connection(Poco::Data::Session session, Engine engine) : session_(std::move(session)), engine_(engine) {}

    // `c << sql, use(x), into(y), now;` as with a Poco session.
    template <typename Text> Poco::Data::Statement operator<<(const Text& sql) { return session_ << dialect(std::string(sql)); }
    // A statement to bind and execute later (`st.execute()` answers the rows it changed).
    Poco::Data::Statement statement(const std::string& sql);
    Engine engine() const { return engine_; }
    bool postgres() const { return engine_ == Engine::postgresql; }
    Poco::Data::Session& poco() { return session_; }
    // `?` -> `$1`, `$2`, ... for PostgreSQL (outside quoted text); SQLite's text unchanged.
    std::string dialect(const std::string& sql) const;
    // The database's clock, in milliseconds since 1970, as an SQL expression.
    const char* nowMs() const;

private:
    Poco::Data::Session session_;
    Engine engine_;
};

// A PostgreSQL address read: libpq's keyword form, the schema the records live in, the pool's
// size. Throws InputError naming what is wrong in the text.
struct PostgresAddress {
    std::string keywords; // host=... port=... dbname=... user=... password=... connect_timeout=5
    std::string schema;   // "" : the database's default (public)
    int pool = 16;        // connections this process keeps at most
    std::string shown;    // the address without its password, for messages and logs
};
PostgresAddress parsePostgresAddress(const std::string& url);
bool isPostgresUrl(const std::string& text);

class Database {
public:
    // Opens (creating) DATA_DIR/gongshi.db and migrates it to the newest schema. `upTo` stops at
    // an older schema version (for tests of migrations).
    explicit Database(const std::string& dataDir, int upTo = 0);
    // `url` a postgresql:// address: the records there, DATA_DIR holding only this server's own
    // files (logs, what its cards were given); empty: SQLite in DATA_DIR.
    Database(const std::string& dataDir, const std::string& url, int upTo = 0);
    ~Database();

    // The SQLite file, or the PostgreSQL address without its password.
    const std::string& path() const { return path_; }
    const std::string& dataDir() const { return dataDir_; }
    Engine engine() const { return engine_; }
    bool postgres() const { return engine_ == Engine::postgresql; }
    // PostgreSQL: the schema the records live in ("" for the default); the NOTIFY channel.
    const std::string& schema() const { return schema_; }
    const std::string& channel() const { return channel_; }
    // The most connections this process opens (SQLite: kMaxConnections; PostgreSQL: the pool).
    int capacity() const;
    // Connections open now, in use or idle.
    int connectionsOpen() const;
    int schemaVersion();
    static const std::vector<Migration>& migrations();

    // The most connections open at once: more than the HTTP server's 32 threads, as a request may
    // hold two and delivery keeps one open to watch for writes.
    static constexpr int kMaxConnections = 96;
    // A connection for this thread's work; give it back by letting it go out of scope. When all
    // are in use, waits up to 5 s for one, then throws EnvironmentError.
    Connection session();
    // Runs `work` in a BEGIN IMMEDIATE transaction: committed when it returns, rolled back when
    // it throws (and the exception passed on). Nothing is ever half-written. A full disk throws
    // StorageFullError (logged once, and again at most every ten minutes while it lasts).
    // PostgreSQL: the advisory lock of all writes, and a NOTIFY on the channel at commit.
    void write(const std::function<void(Connection&)>& work);
    // As write, but other servers are not told: for writes no screen shows (sessions, failed
    // logins, the play record, idempotency keys), which would only wake every server's scheduler.
    void writeQuietly(const std::function<void(Connection&)>& work);
    // A transaction of its own that neither waits for other writes nor tells other servers:
    // for the servers' own bookkeeping (leases, heartbeats), whose statements each stand alone.
    void writeApart(const std::function<void(Connection&)>& work);

    // Something tells when another process (or server) wrote: SQLite's data_version on a
    // connection of its own, PostgreSQL's LISTEN on the channel. `changed()` answers whether a
    // write happened since the last call (the first call: false); `wait` blocks up to `ms` for
    // one (PostgreSQL; SQLite just looks). Not shared between threads.
    class ChangeWatch {
    public:
        virtual ~ChangeWatch() = default;
        virtual bool changed(int waitMs) = 0;
        // Whether every write since the watch began would be told (PostgreSQL: the LISTEN
        // connection is up; SQLite: always).
        virtual bool live() const { return true; }
    };
    std::unique_ptr<ChangeWatch> watchChanges();
    // Write transactions other servers are told of (write(), not writeQuietly or writeApart)
    // committed by this process so far: counted before write() returns.
    std::uint64_t commits() const { return commits_.load(); }
    // Whether the last write found the disk full (cleared by the next write that succeeds).
    bool full() const { return full_.load(); }
    // Writes refused for a full disk since the database was opened (what alerts watch).
    std::uint64_t fullRefusals() const { return fullRefusals_.load(); }
    // Caps the database at `pages` pages on every connection (SQLite's max_page_count; 0: no cap):
    // a full disk without filling one, for tests.
    void capPages(long long pages) {
        pageCap_ = pages;
        pageCapUsed_ = true;
    }

    // Write transactions so far and the time spent in them, waiting for the lock included (/metrics).
    struct WriteStats {
        std::uint64_t count = 0;
        double seconds = 0;
    };
    WriteStats writeStats() const { return {writes_.load(), static_cast<double>(writeNanos_.load()) / 1e9}; }

private:
    void open(const std::string& url);
    void migrate(int upTo);
    void transaction(const std::function<void(Connection&)>& work, bool serialised, bool notify);

    Engine engine_ = Engine::sqlite;
    std::string path_, dataDir_, schema_, channel_, keywords_;
    std::unique_ptr<Poco::Data::SessionPool> pool_;
    std::atomic<std::uint64_t> writes_{0}, writeNanos_{0}, commits_{0};
    std::atomic<bool> full_{false};
    std::atomic<std::uint64_t> fullRefusals_{0};
    std::atomic<std::int64_t> lastFullLog_{0}; // steady seconds of the last log of a full disk
    std::atomic<long long> pageCap_{0};
    std::atomic<bool> pageCapUsed_{false};
};

// Now as ISO 8601 UTC, e.g. "2026-11-27T08:30:00Z".
std::string utcNow();

} // namespace gongshi::content
