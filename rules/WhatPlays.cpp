#include "rules/WhatPlays.h"

#include "common/Error.h"
#include "rules/Wording.h"

#include <algorithm>
#include <ctime>

namespace gongshi::content {

LocalTime localTimeOf(std::chrono::system_clock::time_point t, bool utc) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    if (utc)
        gmtime_r(&tt, &tm);
    else
        localtime_r(&tt, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return {buf, tm.tm_hour * 60 + tm.tm_min, tm.tm_sec, tm.tm_wday == 0 ? 7 : tm.tm_wday};
}

LocalTime localTimeAt(const Date& date, int minute) {
    const unsigned weekday = std::chrono::weekday(parseDate(date)).iso_encoding();
    return {date, minute, 0, static_cast<int>(weekday)};
}

bool scheduleAllows(const Schedule& s, const LocalTime& t, const WorkingDays& calendar) {
    if (!s.from.empty() && t.date < s.from) return false; // ISO dates compare as text
    if (!s.until.empty() && t.date > s.until) return false;
    if (!s.weekdays.empty() && std::find(s.weekdays.begin(), s.weekdays.end(), t.weekday) == s.weekdays.end()) return false;
    if (s.workingDaysOnly && !calendar.isWorkingDay(t.date)) return false;
    if (s.times.empty()) return true;
    for (const auto& w : s.times)
        if (t.minute >= w.startMinute && t.minute < w.endMinute) return true;
    return false;
}

std::optional<Program> chooseProgram(const std::vector<Program>& programs, const LocalTime& t, const WorkingDays& calendar) {
    const Program* best = nullptr;
    for (const auto& p : programs) {
        if (!scheduleAllows(p.schedule, t, calendar)) continue;
        if (!best || p.schedule.priority > best->schedule.priority ||
            (p.schedule.priority == best->schedule.priority && p.meta.id < best->meta.id))
            best = &p;
    }
    if (!best) return std::nullopt;
    return *best;
}

std::vector<Id> UrgentNotices::active(const std::vector<Notice>& notices, const Date& today, std::chrono::system_clock::time_point now) {
    std::vector<Id> out;
    for (const auto& n : notices) {
        if (!n.urgent || !publishedOn(n, today)) continue;
        auto [it, inserted] = firstSeen_.emplace(std::make_pair(n.meta.id, n.meta.version), now);
        (void)inserted;
        if (now < it->second + interruptFor_) out.push_back(n.meta.id);
    }
    return out;
}

std::optional<std::chrono::system_clock::time_point> UrgentNotices::nextEnd(std::chrono::system_clock::time_point now) const {
    std::optional<std::chrono::system_clock::time_point> next;
    for (const auto& [key, seen] : firstSeen_) {
        const auto end = seen + interruptFor_;
        if (end > now && (!next || end < *next)) next = end;
    }
    return next;
}

namespace {

std::string versionText(Id id, int version) { return std::to_string(id) + ":" + std::to_string(version); }

template <class T> std::string versions(const std::vector<T>& records) {
    std::string out;
    for (const auto& r : records) out += versionText(r.meta.id, r.meta.version) + ",";
    return out;
}

template <class T> std::string versionOf(const std::vector<T>& records, Id id) {
    const T* r = findById(records, id);
    return r ? versionText(id, r->meta.version) : std::to_string(id) + ":none";
}

} // namespace

std::string ScreenChoice::source() const {
    if (broadcast) return "broadcast " + std::to_string(broadcast->id);
    if (!calls.empty()) {
        std::string out = "call";
        for (const auto& c : calls) out += " " + std::to_string(c.id);
        return out;
    }
    if (!urgent.empty()) {
        std::string out = "urgent notice";
        for (Id id : urgent) out += " " + std::to_string(id);
        return out;
    }
    return program ? "program " + std::to_string(program->meta.id) : std::string("default");
}

ScreenChoice whatPlays(const ScreenRecord& screen, const std::vector<Program>& programs, const ComposeRecords& records,
                       const WorkingDays& calendar, const LocalTime& t, const std::vector<Id>& urgent, std::optional<Id> program,
                       std::optional<BroadcastShown> broadcast, std::vector<CallShown> calls) {
    ScreenChoice choice;
    choice.date = t.date;
    choice.at = t;
    if (program) {
        const Program* p = findById(programs, *program);
        if (!p) throw NotFoundError("屏幕" + std::to_string(screen.meta.id) + "没有节目" + std::to_string(*program));
        choice.program = *p;
    } else if (broadcast) {
        choice.broadcast = std::move(broadcast);
    } else if (!calls.empty()) {
        choice.calls = std::move(calls);
    } else {
        for (Id id : urgent)
            if (findById(records.notices, id)) choice.urgent.push_back(id);
        if (choice.urgent.empty()) choice.program = chooseProgram(programs, t, calendar);
    }
    choice.key = pictureKey(screen, choice, records);
    return choice;
}

Interruptions interruptionsFor(const std::vector<Broadcast>& activeBroadcasts, const std::vector<QueueCall>& activeCalls,
                               const ScreenRecord& screen, const std::vector<Program>& programsOfScreen) {
    Interruptions out;
    if (const Broadcast* b = broadcastFor(activeBroadcasts, screen)) out.broadcast = BroadcastShown{b->id, b->text};
    for (const auto& c : callsFor(activeCalls, screen, programsOfScreen)) out.calls.push_back({c.id, queueCallText(c)});
    return out;
}

bool isTelevision(const ScreenRecord& screen) { return screen.protocol == "web"; }

bool keepsOwnClock(const ScreenRecord& screen) { return screen.protocol == "bx-6"; }

std::string pictureKey(const ScreenRecord& screen, const ScreenChoice& choice, const ComposeRecords& r) {
    std::string key = "s" + versionText(screen.meta.id, screen.meta.version) + "|d" + choice.date + "|c" +
                      versionText(r.centre.meta.id, r.centre.meta.version);
    if (isTelevision(screen)) key += "|t" + std::to_string(choice.at.minute);
    if (choice.broadcast) return key + "|b" + std::to_string(choice.broadcast->id); // its text never changes
    if (!choice.calls.empty()) {
        for (const auto& c : choice.calls) key += "|q" + std::to_string(c.id); // a call's text never changes
        return key;
    }
    if (!choice.urgent.empty()) {
        for (Id id : choice.urgent) key += "|u" + versionOf(r.notices, id);
        return key;
    }
    const auto& program = choice.program;
    bool matters = !program, notices = !program, staff = false, clock = false;
    if (program) {
        key += "|p" + versionText(program->meta.id, program->meta.version);
        for (const auto& area : program->areas)
            for (const auto& item : area.items) {
                if (item.kind == ItemKind::Matter)
                    key += "|m" + versionOf(r.matters, item.recordId);
                else if (item.kind == ItemKind::Notice)
                    key += "|n" + versionOf(r.notices, item.recordId);
                else if (item.kind == ItemKind::Window) {
                    key += "|w" + versionOf(r.windows, item.recordId);
                    staff = true;
                } else if (item.kind == ItemKind::MatterList || item.kind == ItemKind::FeeTable)
                    matters = true;
                else if (item.kind == ItemKind::NoticeList)
                    notices = true;
                else if (item.kind == ItemKind::Clock)
                    clock = true; // its text changes each minute
                else if (item.kind == ItemKind::Countdown && item.recordId != 0)
                    key += "|n" + versionOf(r.notices, item.recordId);
                else if (item.kind == ItemKind::Image) {
                    // A picture never changes, but an id may come back for another file.
                    const Picture* picture = findPictureById(r.pictures, item.recordId);
                    key += "|i" + std::to_string(item.recordId) + ":" + (picture ? picture->path : std::string("-"));
                }
            }
        if (clock && !isTelevision(screen)) key += "|t" + std::to_string(choice.at.minute); // a television's is there
    } else {
        key += "|default";
        // A television's own layout shows every window's status.
        if (isTelevision(screen)) {
            key += "|W" + versions(r.windows);
            staff = true;
        }
    }
    if (matters) key += "|M" + versions(r.matters);
    if (notices) key += "|N" + versions(r.notices);
    if (staff) {
        key += "|S" + versions(r.staff) + "|A";
        for (auto id : r.absentStaff) key += std::to_string(id) + ",";
    }
    return key;
}

} // namespace gongshi::content
