#include "records/Broadcasts.h"

#include "records/Database.h"

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

#include <algorithm>
#include <sstream>

using namespace Poco::Data::Keywords;

namespace gongshi::content {
namespace {

std::string idList(const std::vector<Id>& ids) {
    std::string out;
    for (Id id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
    return out;
}

std::vector<Id> parseIds(const std::string& text) {
    std::vector<Id> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(std::stoll(item));
    return out;
}

constexpr const char* kColumns =
    "SELECT id, text, all_screens, screens, centre_id, started_at, ends_at, stopped_at, started_by, stopped_by FROM broadcasts";

std::vector<Broadcast> select(Database& db, const std::string& tail, std::int64_t bound) {
    Connection s = db.session();
    std::vector<Id> ids, centres;
    std::vector<std::string> texts, screens, startedBy;
    std::vector<int> all;
    std::vector<std::int64_t> started;
    std::vector<Poco::Nullable<std::int64_t>> ends, stopped;
    std::vector<Poco::Nullable<std::string>> stoppedBy;
    std::int64_t b1 = bound, b2 = bound;
    Poco::Data::Statement st(s.poco());
    st << s.dialect(std::string(kColumns) + tail), into(ids), into(texts), into(all), into(screens), into(centres), into(started),
        into(ends), into(stopped), into(startedBy), into(stoppedBy);
    if (tail.find('?') != std::string::npos) st, use(b1), use(b2);
    st.execute();
    std::vector<Broadcast> out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        Broadcast b;
        b.id = ids[i];
        b.text = texts[i];
        b.allScreens = all[i] != 0;
        b.screens = parseIds(screens[i]);
        b.centreId = centres[i];
        b.startedAt = started[i];
        if (!ends[i].isNull()) b.endsAt = ends[i].value();
        if (!stopped[i].isNull()) b.stoppedAt = stopped[i].value();
        b.startedBy = startedBy[i];
        if (!stoppedBy[i].isNull()) b.stoppedBy = stoppedBy[i].value();
        out.push_back(std::move(b));
    }
    return out;
}

} // namespace

bool Broadcast::activeAt(std::int64_t nowMs) const {
    if (nowMs < startedAt) return false;
    const auto end = endAt();
    return !end || nowMs < *end;
}

std::optional<std::int64_t> Broadcast::endAt() const {
    if (stoppedAt && (!endsAt || *stoppedAt < *endsAt)) return stoppedAt;
    return endsAt;
}

bool Broadcast::covers(const ScreenRecord& screen) const {
    if (centreId != 0 && screen.centreId != centreId) return false;
    return allScreens || std::find(screens.begin(), screens.end(), screen.meta.id) != screens.end();
}

Id insertBroadcast(Connection& s, const Broadcast& b) {
    std::string text = b.text, screens = idList(b.screens), by = b.startedBy;
    int all = b.allScreens ? 1 : 0;
    Id centre = b.centreId;
    std::int64_t started = b.startedAt;
    Poco::Nullable<std::int64_t> ends;
    if (b.endsAt) ends = *b.endsAt;
    Id id = 0;
    s << "INSERT INTO broadcasts (text, all_screens, screens, centre_id, started_at, ends_at, started_by) VALUES (?, ?, ?, ?, ?, ?, ?)"
         " RETURNING id",
        use(text), use(all), use(screens), use(centre), use(started), use(ends), use(by), into(id), now;
    return id;
}

bool stopBroadcast(Connection& s, Id id, std::int64_t atMs, const std::string& by) {
    Id key = id;
    std::int64_t at = atMs, at2 = atMs;
    std::string who = by;
    Poco::Data::Statement st = s.statement(
        "UPDATE broadcasts SET stopped_at = ?, stopped_by = ? WHERE id = ? AND stopped_at IS NULL AND (ends_at IS NULL OR ends_at > ?)");
    st, use(at), use(who), use(key), use(at2);
    return st.execute() > 0;
}

std::optional<Broadcast> findBroadcast(Database& db, Id id) {
    auto found = select(db, " WHERE id = ? OR id = ?", id);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<Broadcast> activeBroadcasts(Database& db, std::int64_t nowMs) {
    auto all = select(db, " WHERE stopped_at IS NULL AND (ends_at IS NULL OR ends_at > ?) AND started_at <= ? ORDER BY id DESC", nowMs);
    return all;
}

std::vector<Broadcast> recentBroadcasts(Database& db, int limit) {
    return select(db, " ORDER BY id DESC LIMIT " + std::to_string(std::max(1, limit)), 0);
}

const Broadcast* broadcastFor(const std::vector<Broadcast>& active, const ScreenRecord& screen) {
    for (const auto& b : active)
        if (b.covers(screen)) return &b; // newest first
    return nullptr;
}

} // namespace gongshi::content
