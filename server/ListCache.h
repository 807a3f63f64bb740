#pragma once
// Lists of records answered from memory until the records change, on PostgreSQL, where a county's
// servers share one database and a list costs several round trips. A list is kept with the count
// of changes known when it was read: writes through this server (Database::commits, counted
// before the write returns, so a client always reads its own writes) and every other server's
// write told by LISTEN/NOTIFY (a thread of its own). While the LISTEN connection is down nothing is
// kept or answered from memory. Another server's write shows here once its NOTIFY has arrived
// (milliseconds on a county's network). SQLite (one server) lists are always read.
#include "records/Database.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace gongshi::server {

class ListCache {
public:
    // Off (every lookup misses) unless `db` is on PostgreSQL.
    explicit ListCache(content::Database& db);
    ~ListCache();
    ListCache(const ListCache&) = delete;
    ListCache& operator=(const ListCache&) = delete;

    // Where the records stand now; nullopt: lists must be read (SQLite, or LISTEN is down).
    std::optional<std::uint64_t> token() const;
    // The answer kept for `key` if the records have not changed since it was read; null otherwise.
    std::shared_ptr<const std::string> find(const std::string& key) const;
    // Keeps `body` for `key`, read at `token` (taken before the read).
    void keep(const std::string& key, std::uint64_t token, std::string body);
    // Lists answered from memory and read (/metrics, tests).
    std::uint64_t hits() const { return hits_.load(); }
    std::uint64_t misses() const { return misses_.load(); }

    static constexpr std::size_t kMaxEntries = 512;
    static constexpr std::size_t kMaxBytes = 64u << 20;

private:
    content::Database& db_;
    std::atomic<std::uint64_t> told_{0}; // notifications (and reconnections) seen
    std::atomic<bool> live_{false};      // LISTEN is up
    std::atomic<bool> stopping_{false};
    std::thread listener_;
    mutable std::mutex mutex_;
    struct Entry {
        std::uint64_t token;
        std::shared_ptr<const std::string> body;
    };
    std::map<std::string, Entry> entries_;
    std::size_t bytes_ = 0;
    mutable std::atomic<std::uint64_t> hits_{0}, misses_{0};
};

} // namespace gongshi::server
