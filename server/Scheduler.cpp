#include "server/Scheduler.h"

#include <algorithm>

namespace gongshi::server {

bool scheduleAllows(const content::Schedule& s, const LocalTime& t, const content::WorkingDays& calendar) {
    if (!s.from.empty() && t.date < s.from) return false; // ISO dates compare as text
    if (!s.until.empty() && t.date > s.until) return false;
    if (!s.weekdays.empty() && std::find(s.weekdays.begin(), s.weekdays.end(), t.weekday) == s.weekdays.end()) return false;
    if (s.workingDaysOnly && !calendar.isWorkingDay(t.date)) return false;
    if (s.times.empty()) return true;
    for (const auto& w : s.times)
        if (t.minute >= w.startMinute && t.minute < w.endMinute) return true;
    return false;
}

std::optional<content::Program> chooseProgram(const std::vector<content::Program>& programs, const LocalTime& t,
                                              const content::WorkingDays& calendar) {
    const content::Program* best = nullptr;
    for (const auto& p : programs) {
        if (!scheduleAllows(p.schedule, t, calendar)) continue;
        if (!best || p.schedule.priority > best->schedule.priority ||
            (p.schedule.priority == best->schedule.priority && p.meta.id < best->meta.id))
            best = &p;
    }
    if (!best) return std::nullopt;
    return *best;
}

std::vector<content::Id> UrgentNotices::active(const std::vector<content::Notice>& notices, const content::Date& today,
                                               std::chrono::system_clock::time_point now) {
    std::vector<content::Id> out;
    for (const auto& n : notices) {
        if (!n.urgent || !content::publishedOn(n, today)) continue;
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

ScreenPlan planScreen(renderer::TextRenderer& renderer, const content::ScreenRecord& screen,
                      const std::vector<content::Program>& programs, const content::ComposeRecords& records,
                      const content::WorkingDays& calendar, const LocalTime& t, const std::vector<content::Id>& urgent) {
    content::Composer composer(renderer, screen);
    ScreenPlan plan;
    if (!urgent.empty()) {
        plan.program.width = screen.width;
        plan.program.height = screen.height;
        plan.program.colorMode = composer.colorMode();
        plan.source = "urgent notice";
        for (content::Id id : urgent)
            for (const auto& n : records.notices)
                if (n.meta.id == id) {
                    plan.source += " " + std::to_string(id);
                    for (auto& s : composer.notice(n, composer.screenArea())) plan.program.segments.push_back(std::move(s));
                }
        if (!plan.program.segments.empty()) {
            plan.urgent = true;
            return plan;
        }
    }
    if (auto p = chooseProgram(programs, t, calendar)) {
        plan.source = "program " + std::to_string(p->meta.id);
        plan.program = composer.program(*p, records, t.date);
    } else {
        plan.source = "default";
        plan.program = composer.defaultProgram(records, t.date);
    }
    return plan;
}

} // namespace gongshi::server
