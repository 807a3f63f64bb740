#include "rules/Calendar.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "common/Utf8.h"
#include "records/Csv.h"
#include "records/Database.h"
#include "rules/WorkingDays.h"

#include <algorithm>
#include <map>
#include <set>

using namespace Poco::Data::Keywords;

namespace gongshi::content {

extern const char* const kShippedHolidaysCsv; // ShippedHolidays.cpp, made from records/calendar

namespace {

const std::string kDate = "日期", kKind = "类型", kName = "名称";

int yearOf(const Date& date) { return static_cast<int>(std::chrono::year_month_day(parseDate(date)).year()); }

unsigned isoWeekday(const Date& date) { return std::chrono::weekday(parseDate(date)).iso_encoding(); }

DayKind readKind(const std::string& cell) {
    if (cell == "放假" || cell == "休息" || cell == "holiday") return DayKind::Holiday;
    if (cell == "上班" || cell == "调休上班" || cell == "workday") return DayKind::Workday;
    throw ValidationError("kind", msg::calendarKind(cell));
}

// `check`: refuse days that change nothing (a centre's file; the shipped file is what they are
// checked against).
std::vector<CalendarDay> readRows(std::string_view bytes, bool check) {
    const std::vector<CsvRow> rows = parseCsv(decodeCsvText(bytes));
    std::vector<CalendarDay> out;
    std::map<Date, std::size_t> seen; // date -> row
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const CsvRow& row = rows[i];
        const std::size_t rowNumber = i + 1;
        if (isBlankRow(row)) continue;
        const std::string first = trimText(row[0]);
        if (first.rfind("#", 0) == 0) continue;
        if (first == kDate) continue; // the header
        auto cell = [&](std::size_t c) { return c < row.size() ? trimText(row[c]) : std::string(); };
        auto at = [&](const std::string& column, auto reader) {
            try {
                return reader();
            } catch (const ValidationError& e) {
                throw ValidationError(column == kDate   ? "date"
                                      : column == kKind ? "kind"
                                                        : "name",
                                      msg::csvCell(rowNumber, column, e.what()));
            }
        };
        CalendarDay day;
        day.date = at(kDate, [&] {
            if (first.empty()) throw ValidationError("date", msg::csvCellEmpty(rowNumber, kDate));
            return formatDate(parseDate(asciiDigits(first)));
        });
        day.kind = at(kKind, [&] { return readKind(cell(1)); });
        day.name = cell(2);
        if (auto [it, fresh] = seen.emplace(day.date, rowNumber); !fresh)
            throw ValidationError(
                "date", msg::csvCell(rowNumber, kDate, msg::calendarDayTwice(day.date) + "（第" + std::to_string(it->second) + "行）"));
        if (check) at(kDate, [&] { checkDay(day); });
        out.push_back(std::move(day));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    return out;
}

const CalendarDay* shippedOn(const Date& date) {
    const auto& all = shippedDays();
    auto it = std::lower_bound(all.begin(), all.end(), date, [](const CalendarDay& d, const Date& x) { return d.date < x; });
    return it != all.end() && it->date == date ? &*it : nullptr;
}

std::string yearFrom(int year) { return std::to_string(year) + "-01-01"; }
std::string yearUntil(int year) { return std::to_string(year) + "-12-31"; }

// The entries of `year` to store: each day checked, in the year, once; those equal to the shipped
// day dropped. `where(i)` names the i-th day for a ValidationError's field.
std::vector<CalendarDay> toStore(int year, const std::vector<CalendarDay>& days, const std::function<std::string(std::size_t)>& where) {
    std::set<Date> seen;
    std::vector<CalendarDay> out;
    for (std::size_t i = 0; i < days.size(); ++i) {
        CalendarDay d = days[i];
        try {
            d.date = formatDate(parseDate(d.date));
        } catch (const ValidationError& e) {
            throw ValidationError(where(i) + ".date", e.what());
        }
        if (yearOf(d.date) != year) throw ValidationError(where(i) + ".date", msg::calendarDayOutsideYear(d.date, year));
        if (!seen.insert(d.date).second) throw ValidationError(where(i) + ".date", msg::calendarDayTwice(d.date));
        try {
            checkDay(d);
        } catch (const ValidationError& e) {
            throw ValidationError(where(i) + "." + e.field(), e.what());
        }
        const CalendarDay* shipped = shippedOn(d.date);
        if (shipped && *shipped == d) continue;
        d.entered = true;
        out.push_back(std::move(d));
    }
    return out;
}

void writeYear(Connection& s, int year, const std::vector<CalendarDay>& entries) {
    std::string from = yearFrom(year), until = yearUntil(year);
    s << "DELETE FROM calendar_days WHERE day >= ? AND day <= ?", use(from), use(until), now;
    for (const auto& d : entries) {
        std::string day = d.date, name = d.name;
        int working = d.kind == DayKind::Workday ? 1 : 0;
        s << "INSERT INTO calendar_days (day, working, name) VALUES (?, ?, ?)", use(day), use(working), use(name), now;
    }
}

} // namespace

std::string_view dayKindName(DayKind kind) { return kind == DayKind::Holiday ? "holiday" : "workday"; }
std::string_view dayKindChinese(DayKind kind) { return kind == DayKind::Holiday ? "放假" : "上班"; }

std::vector<CalendarDay> readCalendarCsv(std::string_view bytes) { return readRows(bytes, true); }

std::string writeCalendarCsv(const std::vector<CalendarDay>& days) {
    std::vector<CsvRow> rows{{kDate, kKind, kName}};
    for (const auto& d : days) rows.push_back({d.date, std::string(dayKindChinese(d.kind)), d.name});
    return writeCsv(rows);
}

const std::vector<CalendarDay>& shippedDays() {
    static const std::vector<CalendarDay> days = readRows(kShippedHolidaysCsv, false);
    return days;
}

std::vector<int> shippedYears() {
    std::set<int> years;
    for (const auto& d : shippedDays())
        if (d.date.substr(5) != "12-31") years.insert(yearOf(d.date));
    return {years.begin(), years.end()};
}

void checkDay(const CalendarDay& day) {
    const unsigned wd = isoWeekday(day.date);
    const bool weekend = wd >= 6;
    const CalendarDay* shipped = shippedOn(day.date);
    if (day.kind == DayKind::Workday && !weekend && !(shipped && shipped->kind == DayKind::Holiday))
        throw ValidationError("kind", msg::calendarWorkdayOnWeekday(day.date, msg::weekdayName(wd)));
    if (day.kind == DayKind::Holiday && weekend && !shipped)
        throw ValidationError("kind", msg::calendarHolidayOnWeekend(day.date, msg::weekdayName(wd)));
    if (decodeUtf8(day.name).size() > kDayNameMaxChars) throw ValidationError("name", msg::calendarNameTooLong(day.date, kDayNameMaxChars));
}

std::vector<CalendarDay> enteredDays(Database& db, int year) {
    Connection s = db.session();
    std::vector<std::string> days, names;
    std::vector<int> working;
    std::string from = yearFrom(year), until = yearUntil(year);
    s << "SELECT day, working, name FROM calendar_days WHERE day >= ? AND day <= ? ORDER BY day", use(from), use(until), into(days),
        into(working), into(names), now;
    std::vector<CalendarDay> out;
    for (std::size_t i = 0; i < days.size(); ++i)
        out.push_back({days[i], working[i] ? DayKind::Workday : DayKind::Holiday, names[i], true});
    return out;
}

std::vector<CalendarDay> calendarOfYear(Database& db, int year) {
    std::map<Date, CalendarDay> merged;
    const std::string from = yearFrom(year), until = yearUntil(year);
    for (const auto& d : shippedDays())
        if (d.date >= from && d.date <= until) merged[d.date] = d;
    for (auto& d : enteredDays(db, year)) merged[d.date] = std::move(d);
    std::vector<CalendarDay> out;
    for (auto& [date, d] : merged) out.push_back(std::move(d));
    return out;
}

void replaceYear(Database& db, int year, const std::vector<CalendarDay>& days, const std::function<void(Connection&)>& also) {
    const auto entries = toStore(year, days, [](std::size_t i) { return "days[" + std::to_string(i) + "]"; });
    db.write([&](Connection& s) {
        writeYear(s, year, entries);
        if (also) also(s);
    });
}

std::vector<int> importDays(Database& db, const std::vector<CalendarDay>& days, const std::function<void(Connection&)>& also) {
    std::map<int, std::map<Date, CalendarDay>> byYear;
    for (const auto& d : days) byYear[yearOf(d.date)];
    for (auto& [year, merged] : byYear)
        for (auto& d : enteredDays(db, year)) merged[d.date] = std::move(d);
    for (const auto& d : days) byYear[yearOf(d.date)][d.date] = d;
    std::map<int, std::vector<CalendarDay>> entries;
    for (auto& [year, merged] : byYear) {
        std::vector<CalendarDay> list;
        for (auto& [date, d] : merged) list.push_back(d);
        entries[year] = toStore(year, list, [&](std::size_t i) { return "days[" + list[i].date + "]"; });
    }
    db.write([&](Connection& s) {
        for (const auto& [year, list] : entries) writeYear(s, year, list);
        if (also) also(s);
    });
    std::vector<int> years;
    for (const auto& [year, list] : entries) years.push_back(year);
    return years;
}

} // namespace gongshi::content
