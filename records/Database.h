#pragma once
// The embedded SQLite database under the data directory, reached through Poco::Data: WAL,
// foreign keys, a busy timeout on every connection, versioned migrations applied at open, and
// BEGIN IMMEDIATE for every write transaction (a deferred BEGIN fails under concurrent writers).
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

class Database {
public:
    // Opens (creating) DATA_DIR/gongshi.db and migrates it to the newest schema. `upTo` stops at
    // an older schema version (for tests of migrations).
    explicit Database(const std::string& dataDir, int upTo = 0);
    ~Database();

    const std::string& path() const { return path_; }
    int schemaVersion();
    static const std::vector<Migration>& migrations();

    // The most connections open at once: more than the HTTP server's 32 threads, as a request may
    // hold two and delivery keeps one open to watch for writes.
    static constexpr int kMaxConnections = 96;
    // A connection for this thread's work; give it back by letting it go out of scope. When all
    // are in use, waits up to 5 s for one, then throws EnvironmentError.
    Poco::Data::Session session();
    // Runs `work` in a BEGIN IMMEDIATE transaction: committed when it returns, rolled back when
    // it throws (and the exception passed on). Nothing is ever half-written. A full disk throws
    // StorageFullError (logged once, and again at most every ten minutes while it lasts).
    void write(const std::function<void(Poco::Data::Session&)>& work);
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
    void migrate(int upTo);

    std::string path_;
    std::unique_ptr<Poco::Data::SessionPool> pool_;
    std::atomic<std::uint64_t> writes_{0}, writeNanos_{0};
    std::atomic<bool> full_{false};
    std::atomic<std::uint64_t> fullRefusals_{0};
    std::atomic<std::int64_t> lastFullLog_{0}; // steady seconds of the last log of a full disk
    std::atomic<long long> pageCap_{0};
    std::atomic<bool> pageCapUsed_{false};
};

// Now as ISO 8601 UTC, e.g. "2026-11-27T08:30:00Z".
std::string utcNow();

} // namespace gongshi::content
