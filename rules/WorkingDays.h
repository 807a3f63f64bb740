#pragma once
// The working-day calendar: Monday to Friday are working days and weekends rest days, except the
// days the calendar_days table lists: working = 0 is a holiday (节假日), working = 1 a make-up
// working day (调休上班, usually a Saturday or Sunday). Time limits (statutory and promised days)
// and the 20 working days of the open-government regulation count in these days.
//
// Dates are "YYYY-MM-DD" civil dates; no time zones.
#include "records/Records.h"

#include <chrono>
#include <map>
#include <string>

namespace gongshi::content {

class Database;

// Throws a ValidationError (field "date") naming the text when it is not a valid "YYYY-MM-DD" date.
std::chrono::sys_days parseDate(const Date& day);
Date formatDate(std::chrono::sys_days day);
// Today in the machine's local time zone (the hall's own).
Date localToday();
// The hall's time zone: every command and the server run in it (TZ; app/main.cpp sets
// Asia/Shanghai when TZ is unset, gongshi serve --timezone another). Its name and its offset now.
std::string hallTimeZone();
int hallUtcOffsetMinutes();
// The date part of an ISO 8601 timestamp ("2026-11-27T08:30:00Z" -> "2026-11-27"), as written.
Date dateOfTimestamp(const std::string& timestamp);

class WorkingDays {
public:
    // Weekends only: no holidays, no make-up days.
    WorkingDays() = default;

    // The State Council's arrangements that ship with gongshi (rules/Calendar), then every day of
    // the database's calendar_days table (what the centre entered) over them.
    static WorkingDays load(Database& db);
    // The shipped arrangements alone.
    static WorkingDays shipped();
    // Writes (or replaces) one day of the table.
    static void saveDay(Database& db, const Date& day, bool working, const std::string& name);

    // Marks a day in memory (tests, or a calendar read from elsewhere).
    void setDay(const Date& day, bool working, const std::string& name = "");

    bool isWorkingDay(const Date& day) const;
    // The working days after `from` up to and including `to`; negative when `to` is before `from`
    // (-workingDaysBetween(to, from)).
    int workingDaysBetween(const Date& from, const Date& to) const;
    // The n-th working day after `day` (n > 0), before it (n < 0), or `day` itself (n = 0).
    Date addWorkingDays(const Date& day, int n) const;

    // A holiday (working false) or a make-up working day (true) with its name.
    struct Listed {
        bool working = false;
        std::string name;
    };
    // The listed day `day` is, shipped or entered; nullptr for an ordinary weekday or weekend.
    const Listed* listed(const Date& day) const;

private:
    bool isWorking(std::chrono::sys_days day) const;

    std::map<std::chrono::sys_days, Listed> listed_;
};

} // namespace gongshi::content
