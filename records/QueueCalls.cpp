#include "records/QueueCalls.h"

#include "common/Error.h"
#include "records/Database.h"

#include <Poco/Data/Statement.h>

#include <algorithm>
#include <set>

using namespace Poco::Data::Keywords;

namespace gongshi::content {

std::string queueCallText(const QueueCall& c) { return "请 " + c.ticket + " 号到 " + c.windowNumber + " 号窗口"; }

Id insertQueueCall(Connection& s, const QueueCall& c) {
    Id window = c.windowId, centre = c.centreId;
    std::string number = c.windowNumber, ticket = c.ticket, by = c.by, via = c.via;
    int seconds = c.seconds;
    std::int64_t at = c.calledAt, ends = c.endsAt();
    Id id = 0;
    s << "INSERT INTO queue_calls (window_id, centre_id, window_number, ticket, seconds, called_at, ends_at, called_by, via)"
         " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        use(window), use(centre), use(number), use(ticket), use(seconds), use(at), use(ends), use(by), use(via), into(id), now;
    return id;
}

namespace {

std::vector<QueueCall> select(Database& db, const std::string& where, std::vector<std::int64_t> values, int limit) {
    Connection s = db.session();
    std::vector<Id> ids, windows, centres;
    std::vector<std::string> numbers, tickets, by, via;
    std::vector<int> seconds;
    std::vector<std::int64_t> at;
    Poco::Data::Statement st(s.poco());
    st << s.dialect("SELECT id, window_id, centre_id, window_number, ticket, seconds, called_at, called_by, via FROM queue_calls" + where +
                    " ORDER BY id DESC LIMIT " + std::to_string(std::max(1, limit))),
        into(ids), into(windows), into(centres), into(numbers), into(tickets), into(seconds), into(at), into(by), into(via);
    for (auto& v : values) st, use(v);
    st.execute();
    std::vector<QueueCall> out;
    for (std::size_t i = 0; i < ids.size(); ++i)
        out.push_back({ids[i], windows[i], centres[i], numbers[i], tickets[i], seconds[i], at[i], by[i], via[i]});
    return out;
}

} // namespace

std::vector<QueueCall> activeQueueCalls(Database& db, std::int64_t nowMs) {
    // ends_at is indexed: the running calls are the few at the end of the log.
    std::vector<QueueCall> out;
    std::set<Id> windows;
    for (auto& c : select(db, " WHERE ends_at > ? AND called_at <= ?", {nowMs, nowMs}, 10000))
        if (windows.insert(c.windowId).second) out.push_back(std::move(c)); // newest first: a newer call replaces the older
    return out;
}

std::vector<QueueCall> recentQueueCalls(Database& db, Id windowId, std::int64_t fromMs, int limit, Id centreId) {
    if (windowId) return select(db, " WHERE window_id = ? AND called_at >= ?", {windowId, fromMs}, limit);
    if (centreId) return select(db, " WHERE centre_id = ? AND called_at >= ?", {centreId, fromMs}, limit);
    return select(db, " WHERE called_at >= ?", {fromMs}, limit);
}

CallsShown callsShown(const ScreenRecord& screen) {
    auto it = screen.options.find("calls");
    if (it == screen.options.end() || it->second == "window") return CallsShown::Window;
    if (it->second == "hall") return CallsShown::Hall;
    if (it->second == "off") return CallsShown::Off;
    throw ValidationError("options.calls",
                          "叫号显示“" + it->second + "”应为 hall（全厅叫号）、window（本屏节目中的窗口，默认）或 off（不显示）");
}

std::vector<QueueCall> callsFor(const std::vector<QueueCall>& active, const ScreenRecord& screen, const std::vector<Program>& programs) {
    std::vector<QueueCall> out;
    const CallsShown shown = callsShown(screen);
    if (shown == CallsShown::Off) return out;
    std::set<Id> windows;
    for (const auto& p : programs)
        for (const auto& a : p.areas)
            for (const auto& item : a.items)
                if (item.kind == ItemKind::Window) windows.insert(item.recordId);
    for (const auto& c : active) {
        if (c.centreId != screen.centreId) continue;
        if (shown == CallsShown::Hall || windows.count(c.windowId)) out.push_back(c);
    }
    return out;
}

} // namespace gongshi::content
