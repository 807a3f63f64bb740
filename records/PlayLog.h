#pragma once
// The play record (公示记录): what each screen showed when, as the cards acknowledged it, and when
// each screen was offline. Kept as intervals (screen, kind, record, from, until) in seconds since
// 1970: an interval stays open in memory while nothing changes and only its end moves; it is
// written when it opens or closes and, while open, at most once every `flushEvery`. After a
// restart an interval still open ends at its last write.
#include "records/Records.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace gongshi::content {

class Database;

// One record on a picture: kind "notice", "matter", "window"; the kind "offline" (id 0) is a
// screen that did not answer.
struct PlayedRecord {
    std::string kind;
    Id id = 0;
    auto operator<=>(const PlayedRecord&) const = default;
};

// The records named by a composed program's segment sources ("notice 12", "matter 3", "window 2").
std::set<PlayedRecord> playedRecordsOf(const std::vector<std::string>& sources);

struct PlayInterval {
    Id screen = 0;
    PlayedRecord record;
    std::int64_t from = 0, until = 0; // seconds since 1970
};

class PlayLog {
public:
    // Intervals that ended more than `retention` ago are deleted, once a day.
    explicit PlayLog(Database& db, std::chrono::seconds flushEvery = std::chrono::seconds(60),
                     std::chrono::seconds retention = std::chrono::days(3653));

    // What screen `screen` showed at `t` (seconds since 1970): `shown` when `online`, else it was
    // offline. Closes what it no longer shows, opens what is new, moves the end of the rest.
    void observe(Id screen, bool online, const std::set<PlayedRecord>& shown, std::int64_t t);
    struct Observation {
        Id screen = 0;
        bool online = false;
        std::set<PlayedRecord> shown;
    };
    // Every screen of one look at once: at most one write for all of them, not one per screen
    // that changed (which, with every screen new, wrote n(n+1)/2 rows).
    void observe(const std::vector<Observation>& screens, std::int64_t t);
    // Writes every open interval's end now (also on stopping).
    void flush();
    // Deletes intervals that ended before `before`; returns how many.
    static std::int64_t prune(Database& db, std::int64_t before);
    // The intervals of `record` (on any screen), and a screen's offline intervals, overlapping [from, until).
    static std::vector<PlayInterval> intervalsOf(Database& db, const PlayedRecord& record, std::int64_t from, std::int64_t until);
    static std::vector<PlayInterval> offlineOf(Database& db, Id screen, std::int64_t from, std::int64_t until);

    std::uint64_t flushes() const { return flushes_; }

private:
    struct Open {
        std::int64_t from = 0, until = 0;
    };
    void writeLocked(const std::vector<PlayInterval>& rows);

    Database& db_;
    std::int64_t flushEvery_;
    std::int64_t retention_;
    std::int64_t lastPrune_ = 0;
    std::mutex mutex_;
    std::map<Id, std::map<PlayedRecord, Open>> open_;
    std::vector<PlayInterval> closed_; // closed since the last write
    std::int64_t lastFlush_ = 0;
    std::uint64_t flushes_ = 0;
};

} // namespace gongshi::content
