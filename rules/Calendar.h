#pragma once
// The holiday calendar by year, as staff see and edit it: the State Council's arrangements that
// ship with gongshi (records/calendar/state-council-holidays.csv, compiled in, one notice a year)
// and the days the centre entered (table calendar_days), an entered day winning over a shipped
// one. WorkingDays::load reads the two merged, so time limits, the 20 working days of the checks
// and programs' working_days_only all count in the same days.
//
// A day is a holiday (放假) or a make-up working day (上班); every other day is ordinary (Monday to
// Friday work, weekends rest). An entry that would change nothing is refused: a workday on a
// Monday to Friday, a holiday on a weekend, unless the shipped arrangements say otherwise that day.
#include "records/Records.h"

#include "records/Database.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gongshi::content {

class Database;

enum class DayKind { Holiday, Workday };

std::string_view dayKindName(DayKind kind);    // "holiday", "workday"
std::string_view dayKindChinese(DayKind kind); // "放假", "上班"

struct CalendarDay {
    Date date;
    DayKind kind = DayKind::Holiday;
    std::string name;     // 春节, 国庆节, ... (may be empty)
    bool entered = false; // entered by the centre (else shipped)

    bool operator==(const CalendarDay& o) const { return date == o.date && kind == o.kind && name == o.name; }
};

// At most this many characters in a day's name.
constexpr std::size_t kDayNameMaxChars = 20;

// A file of "日期,类型,名称" rows (类型 放假 or 上班; holiday and workday are taken too), with or
// without that header row; rows starting with # and blank rows are skipped; UTF-8 or GBK as
// records/Csv reads. Throws ValidationError naming the row and column of a bad cell, a date
// given twice, or a day that changes nothing (see checkDay).
std::vector<CalendarDay> readCalendarCsv(std::string_view bytes);
// The days as such a file (UTF-8 with a BOM for Excel).
std::string writeCalendarCsv(const std::vector<CalendarDay>& days);

// The State Council's arrangements that ship with gongshi, in date order.
const std::vector<CalendarDay>& shippedDays();
// The years whose notice ships (those of the shipped file's dates, save a New Year's Eve of the
// year before).
std::vector<int> shippedYears();

// Throws ValidationError (field "date" or "name", message naming the date) when the day changes
// nothing against the weekday and the shipped arrangements, or its name is too long.
void checkDay(const CalendarDay& day);

// What the centre entered for `year`, in date order.
std::vector<CalendarDay> enteredDays(Database& db, int year);
// The shipped arrangements of `year` with what the centre entered, entered days winning.
std::vector<CalendarDay> calendarOfYear(Database& db, int year);

// Stores `days` as the whole of `year` (what the page shows and sends back): each checked
// (checkDay, in the year, each date once; a ValidationError's field is "days[i].date"), and
// those that differ from the shipped arrangements replace what was entered for the year. `also`
// runs in the same transaction (the audit event).
void replaceYear(Database& db, int year, const std::vector<CalendarDay>& days, const std::function<void(Connection&)>& also = {});

// A file's days laid over what was entered for their years (the file wins), all years checked
// before any is written, in one transaction. Returns the years touched, in order.
std::vector<int> importDays(Database& db, const std::vector<CalendarDay>& days, const std::function<void(Connection&)>& also = {});

} // namespace gongshi::content
