#include "rules/WorkingDays.h"

#include "common/Error.h"
#include "common/Parse.h"
#include "records/Database.h"
#include "rules/Calendar.h"

#include <Poco/Data/Session.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <vector>

using namespace Poco::Data::Keywords;

namespace gongshi::content {

std::chrono::sys_days parseDate(const Date& day) { return std::chrono::sys_days(parse::date(day, {"date", "日期"})); }

Date formatDate(std::chrono::sys_days day) {
    std::chrono::year_month_day ymd(day);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

Date localToday() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string hallTimeZone() {
    const char* tz = std::getenv("TZ");
    return tz && *tz ? (tz[0] == ':' ? tz + 1 : tz) : "UTC";
}

int hallUtcOffsetMinutes() {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return static_cast<int>(tm.tm_gmtoff / 60);
}

Date dateOfTimestamp(const std::string& timestamp) { return timestamp.substr(0, 10); }

WorkingDays WorkingDays::load(Database& db) {
    Connection s = db.session();
    std::vector<std::string> days, names;
    std::vector<int> working;
    s << "SELECT day, working, name FROM calendar_days ORDER BY day", into(days), into(working), into(names), now;
    WorkingDays calendar = shipped();
    for (std::size_t i = 0; i < days.size(); ++i) calendar.setDay(days[i], working[i] != 0, names[i]);
    return calendar;
}

WorkingDays WorkingDays::shipped() {
    WorkingDays calendar;
    for (const auto& d : shippedDays()) calendar.setDay(d.date, d.kind == DayKind::Workday, d.name);
    return calendar;
}

void WorkingDays::saveDay(Database& db, const Date& day, bool working, const std::string& name) {
    parseDate(day);
    db.write([&](Connection& s) {
        std::string d = day, n = name;
        int w = working ? 1 : 0;
        s << "INSERT INTO calendar_days (day, working, name) VALUES (?, ?, ?)"
             " ON CONFLICT (day) DO UPDATE SET working = excluded.working, name = excluded.name",
            use(d), use(w), use(n), now;
    });
}

void WorkingDays::setDay(const Date& day, bool working, const std::string& name) { listed_[parseDate(day)] = Listed{working, name}; }

const WorkingDays::Listed* WorkingDays::listed(const Date& day) const {
    auto it = listed_.find(parseDate(day));
    return it == listed_.end() ? nullptr : &it->second;
}

bool WorkingDays::isWorking(std::chrono::sys_days day) const {
    if (auto it = listed_.find(day); it != listed_.end()) return it->second.working;
    const unsigned wd = std::chrono::weekday(day).iso_encoding(); // 1 = Monday .. 7 = Sunday
    return wd <= 5;
}

bool WorkingDays::isWorkingDay(const Date& day) const { return isWorking(parseDate(day)); }

int WorkingDays::workingDaysBetween(const Date& from, const Date& to) const {
    const auto a = parseDate(from), b = parseDate(to);
    if (b < a) return -workingDaysBetween(to, from);
    int n = 0;
    for (auto d = a + std::chrono::days(1); d <= b; d += std::chrono::days(1))
        if (isWorking(d)) ++n;
    return n;
}

Date WorkingDays::addWorkingDays(const Date& day, int n) const {
    auto d = parseDate(day);
    const std::chrono::days step(n < 0 ? -1 : 1);
    // Only listed days can be holidays, so every run of rest days is finite.
    for (int left = n < 0 ? -n : n; left > 0;) {
        d += step;
        if (isWorking(d)) --left;
    }
    return formatDate(d);
}

} // namespace gongshi::content
