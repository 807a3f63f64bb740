#pragma once
// Emergency broadcasts (紧急插播): a text that takes over chosen screens, ahead of their programs
// and of urgent notices, for some minutes or until stopped. Kept in the `broadcasts` table so a
// restart of the server keeps an active broadcast until it ends. Times are milliseconds since
// 1970 on the screens' clock (delivery::Clock), so tests move them with a ManualClock.
#include "records/Records.h"

#include "records/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::content {

class Database;

struct Broadcast {
    Id id = 0;
    std::string text;
    bool allScreens = false; // every screen (of `centreId` when set)
    std::vector<Id> screens; // the chosen screens when not all
    Id centreId = 0;         // 0: any centre
    std::int64_t startedAt = 0;
    std::optional<std::int64_t> endsAt;    // unset: until stopped
    std::optional<std::int64_t> stoppedAt; // stopped by hand
    std::string startedBy;
    std::string stoppedBy;

    bool activeAt(std::int64_t nowMs) const;
    bool covers(const ScreenRecord& screen) const;
    // When it ends or ended (stopped, or its minutes up), if it does.
    std::optional<std::int64_t> endAt() const;
};

// Inside a write transaction (Database::write): stores `b` (without id) and returns its id.
Id insertBroadcast(Connection& s, const Broadcast& b);
// Inside a write transaction: stops broadcast `id` at `atMs` by `by`; false when it was not active.
bool stopBroadcast(Connection& s, Id id, std::int64_t atMs, const std::string& by);

std::optional<Broadcast> findBroadcast(Database& db, Id id);
// Active at `nowMs`, newest first.
std::vector<Broadcast> activeBroadcasts(Database& db, std::int64_t nowMs);
// The newest `limit`, active or not, newest first.
std::vector<Broadcast> recentBroadcasts(Database& db, int limit);
// The newest active one covering `screen` (the one it shows), if any.
const Broadcast* broadcastFor(const std::vector<Broadcast>& active, const ScreenRecord& screen);

} // namespace gongshi::content
