#pragma once
// Which screens this server drives, when several servers share one database: a lease per screen
// in the database (`screen_leases`), held by one server (`instances`, by name) until it expires,
// renewed by a heartbeat every second. A server takes free or expired leases of the screens it may
// drive (all, or those of the centres it is limited to) up to its share of the servers alive; one
// that holds more than its share hands the surplus back once its workers have stopped. A limited
// server (delivery/DriveLimit: centres, tags) drives the screens its limit matches; the unlimited
// ones leave those to it while it is alive. A server
// that cannot renew stops driving before its leases expire, so no screen ever has two drivers;
// one that stops or dies leaves its screens to the others within a lease's time.
#include "delivery/DriveLimit.h"
#include "records/Database.h"
#include "records/Records.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>

namespace gongshi::delivery {

struct LeaseOptions {
    std::string instance;                   // this server's name, unique among those on the database
    DriveLimit drive;                       // empty: every screen the live limited servers leave
    std::chrono::milliseconds ttl{8000};    // a lease lasts this long unless renewed
    std::chrono::milliseconds every{1000};  // renewal, heartbeat and takeover look this often
    std::chrono::milliseconds margin{2000}; // stop driving this long before an unrenewed lease ends
};

class ScreenLeases {
public:
    // `changed` is called (on the lease thread) when the screens held change.
    ScreenLeases(content::Database& db, LeaseOptions options, std::function<void()> changed);
    ~ScreenLeases();
    ScreenLeases(const ScreenLeases&) = delete;
    ScreenLeases& operator=(const ScreenLeases&) = delete;

    void start();
    // Hands every lease back (after the caller stopped its workers) and leaves the instances table.
    void stop();
    // The screens this server may drive now.
    std::set<content::Id> held() const;
    // The workers of these screens are stopped: their leases may go to another server.
    void released(const std::set<content::Id>& screens);
    // One round of heartbeat, renewal, takeover (what the thread does every `every`; for tests).
    void tick();
    const std::string& instance() const { return options_.instance; }

    // The server driving `screen` now, by the database ("" when none).
    static std::string driverOf(content::Database& db, content::Id screen);
    // Every live lease: screen -> server.
    static std::map<content::Id, std::string> drivers(content::Database& db);

private:
    void loop();

    content::Database& db_;
    LeaseOptions options_;
    std::function<void()> changed_;
    mutable std::mutex mutex_;
    std::set<content::Id> held_;                                     // leases renewed in time, minus those being handed back
    std::set<content::Id> handing_;                                  // surplus: not driven any more, lease kept until the workers stop
    std::set<content::Id> stopped_;                                  // surplus whose workers stopped: deleted at the next round
    std::optional<std::chrono::steady_clock::time_point> renewedAt_; // start of the last renewal that worked
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace gongshi::delivery
