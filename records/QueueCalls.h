#pragma once
// Queue calls (叫号) from the hall's queue-calling system: "请 A012 号到 3 号窗口" on the window's
// screens and the hall strip for some seconds, then the screens yield back to what they played.
// Every call is kept in the `queue_calls` table (the log staff read, and what the screens show
// while a call lasts, so a restart keeps a running call). Times are milliseconds since 1970 on
// the screens' clock (delivery::Clock). A newer call of a window replaces its older one.
//
// Which screens show a call (the screen option `calls`):
//   hall    every call of the screen's centre (the hall strip; the demo's 大厅横幅屏);
//   off     none;
//   window  (the default) the calls of the windows whose `window` item is in one of its programs.
#include "records/Records.h"

#include "records/Database.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::content {

class Database;

struct QueueCall {
    Id id = 0;
    Id windowId = 0;
    Id centreId = 0;
    std::string windowNumber; // as the window record had it at the call
    std::string ticket;       // "A012"
    int seconds = 30;
    std::int64_t calledAt = 0;
    std::string by;  // the token's name or the user's
    std::string via; // "token" or "session"

    std::int64_t endsAt() const { return calledAt + static_cast<std::int64_t>(seconds) * 1000; }
    bool activeAt(std::int64_t nowMs) const { return calledAt <= nowMs && nowMs < endsAt(); }
};

// "请 A012 号到 3 号窗口"
std::string queueCallText(const QueueCall& c);

// Inside a write transaction: stores `c` (without id) and returns its id.
Id insertQueueCall(Connection& s, const QueueCall& c);
// Running at `nowMs`, the newest of each window only, newest first.
std::vector<QueueCall> activeQueueCalls(Database& db, std::int64_t nowMs);
// The log, newest first: of window `windowId` (0: all) of centre `centreId` (0: all), called at or
// after `fromMs`, at most `limit`.
std::vector<QueueCall> recentQueueCalls(Database& db, Id windowId, std::int64_t fromMs, int limit, Id centreId = 0);

enum class CallsShown { Window, Hall, Off };
// The screen's `calls` option; ValidationError naming options.calls for any other value.
CallsShown callsShown(const ScreenRecord& screen);
// The calls of `active` that `screen` shows (see above), newest first.
std::vector<QueueCall> callsFor(const std::vector<QueueCall>& active, const ScreenRecord& screen,
                                const std::vector<Program>& programsOfScreen);

} // namespace gongshi::content
