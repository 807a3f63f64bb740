#include "records/PlayLog.h"

#include "records/Database.h"

#include <Poco/Data/Statement.h>

#include <sstream>

using namespace Poco::Data::Keywords;

namespace gongshi::content {

std::set<PlayedRecord> playedRecordsOf(const std::vector<std::string>& sources) {
    std::set<PlayedRecord> out;
    for (const std::string& s : sources) {
        std::istringstream in(s);
        std::string kind;
        long long id = 0;
        if (!(in >> kind >> id) || id <= 0) continue;
        if (kind == "notice" || kind == "matter" || kind == "window") out.insert({kind, id});
    }
    return out;
}

PlayLog::PlayLog(Database& db, std::chrono::seconds flushEvery, std::chrono::seconds retention)
    : db_(db), flushEvery_(flushEvery.count()), retention_(retention.count()) {}

void PlayLog::observe(Id screen, bool online, const std::set<PlayedRecord>& shown, std::int64_t t) {
    observe(std::vector<Observation>{{screen, online, shown}}, t);
}

void PlayLog::observe(const std::vector<Observation>& screens, std::int64_t t) {
    std::lock_guard lock(mutex_);
    bool changed = false;
    for (const Observation& o : screens) {
        std::set<PlayedRecord> now = o.online ? o.shown : std::set<PlayedRecord>{{"offline", 0}};
        auto& open = open_[o.screen];
        for (auto it = open.begin(); it != open.end();) {
            if (now.count(it->first)) {
                it->second.until = std::max(it->second.until, t);
                ++it;
                continue;
            }
            closed_.push_back({o.screen, it->first, it->second.from, std::max(it->second.until, t)});
            it = open.erase(it);
            changed = true;
        }
        for (const PlayedRecord& r : now)
            if (!open.count(r)) {
                open[r] = Open{t, t};
                changed = true;
            }
    }
    if (changed || t - lastFlush_ >= flushEvery_) {
        std::vector<PlayInterval> rows = std::move(closed_);
        closed_.clear();
        for (const auto& [s, records] : open_)
            for (const auto& [r, o] : records) rows.push_back({s, r, o.from, o.until});
        writeLocked(rows);
        lastFlush_ = t;
    }
    if (t - lastPrune_ >= 86400) {
        lastPrune_ = t;
        prune(db_, t - retention_);
    }
}

void PlayLog::flush() {
    std::lock_guard lock(mutex_);
    std::vector<PlayInterval> rows = std::move(closed_);
    closed_.clear();
    for (const auto& [s, records] : open_)
        for (const auto& [r, o] : records) rows.push_back({s, r, o.from, o.until});
    writeLocked(rows);
}

void PlayLog::writeLocked(const std::vector<PlayInterval>& rows) {
    if (rows.empty()) return;
    db_.writeQuietly([&](Connection& s) {
        for (const PlayInterval& p : rows) {
            Id screen = p.screen, id = p.record.id;
            std::string kind = p.record.kind;
            std::int64_t from = p.from, until = p.until;
            // One row per interval, its end moved in place.
            s << "INSERT INTO play_intervals (kind, record_id, screen_id, from_s, until_s) VALUES (?, ?, ?, ?, ?)"
                 " ON CONFLICT (kind, record_id, screen_id, from_s) DO UPDATE SET until_s = excluded.until_s",
                use(kind), use(id), use(screen), use(from), use(until), now;
        }
    });
    ++flushes_;
}

std::int64_t PlayLog::prune(Database& db, std::int64_t before) {
    std::int64_t n = 0;
    db.writeQuietly([&](Connection& s) {
        std::int64_t b = before;
        Poco::Data::Statement st = s.statement("DELETE FROM play_intervals WHERE until_s < ?");
        st, use(b);
        n = static_cast<std::int64_t>(st.execute());
    });
    return n;
}

namespace {

std::vector<PlayInterval> select(Database& db, const std::string& where, std::string kind, Id a, std::int64_t from, std::int64_t until) {
    Connection s = db.session();
    std::vector<Id> screens, ids;
    std::vector<std::int64_t> froms, untils;
    Poco::Data::Statement st(s.poco());
    st << s.dialect("SELECT screen_id, record_id, from_s, until_s FROM play_intervals WHERE kind = ? AND " + where +
                    " AND until_s > ? AND from_s < ? ORDER BY screen_id, from_s"),
        into(screens), into(ids), into(froms), into(untils), use(kind), use(a), use(from), use(until);
    st.execute();
    std::vector<PlayInterval> out;
    for (std::size_t i = 0; i < screens.size(); ++i) out.push_back({screens[i], {kind, ids[i]}, froms[i], untils[i]});
    return out;
}

} // namespace

std::vector<PlayInterval> PlayLog::intervalsOf(Database& db, const PlayedRecord& record, std::int64_t from, std::int64_t until) {
    return select(db, "record_id = ?", record.kind, record.id, from, until);
}

std::vector<PlayInterval> PlayLog::offlineOf(Database& db, Id screen, std::int64_t from, std::int64_t until) {
    return select(db, "record_id = 0 AND screen_id = ?", "offline", screen, from, until);
}

} // namespace gongshi::content
