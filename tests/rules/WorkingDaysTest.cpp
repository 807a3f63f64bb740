#include "rules/WorkingDays.h"

#include "common/Error.h"
#include "records/Database.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::content;
using namespace Poco::Data::Keywords;
using gongshi::test::TempDir;

namespace {

// The 2026 National Day and Mid-Autumn holiday: 10-01 (Thu) to 10-07 (Wed) off, with the Sunday
// before (09-20) and the Saturday after (10-10) worked instead.
WorkingDays nationalDay2026() {
    WorkingDays c;
    c.setDay("2026-09-20", true, "国庆节调休上班");
    for (const char* d : {"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"})
        c.setDay(d, false, "国庆节、中秋节");
    c.setDay("2026-10-10", true, "国庆节调休上班");
    return c;
}

} // namespace

TEST_CASE("parseDate reads YYYY-MM-DD and formatDate writes it back") {
    const auto d = parseDate("2026-11-27");
    CHECK(std::chrono::year_month_day(d) ==
          std::chrono::year_month_day(std::chrono::year(2026), std::chrono::month(11), std::chrono::day(27)));
    CHECK(formatDate(d) == "2026-11-27");
    CHECK(formatDate(parseDate("2024-02-29")) == "2024-02-29"); // a leap day
    CHECK(formatDate(parseDate("2026-01-05") + std::chrono::days(1)) == "2026-01-06");
}

TEST_CASE("parseDate rejects what is not a real YYYY-MM-DD date with a ValidationError naming the text") {
    for (const char* bad : {"2026-02-30", "2026-1-5", "abc", "", "2026-13-01", "2026-00-10", "2025-02-29", "2026/01/05",
                            "2026-01-05T08:00:00Z", " 2026-01-05", "２０２６-01-05"}) {
        CAPTURE(bad);
        try {
            parseDate(bad);
            FAIL("no exception for '" << bad << "'");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "date");
            CHECK(std::string(e.what()) == "日期“" + std::string(bad) + "”不是有效日期，应写作“2026-01-31”");
        }
    }
}

TEST_CASE("dateOfTimestamp keeps the date part of an ISO 8601 timestamp") {
    CHECK(dateOfTimestamp("2026-11-27T08:30:00Z") == "2026-11-27");
    CHECK(dateOfTimestamp("2026-11-27") == "2026-11-27");
}

TEST_CASE("without a calendar Monday to Friday are working days and weekends rest days") {
    WorkingDays c;
    CHECK(c.isWorkingDay("2026-11-23"));       // Monday
    CHECK(c.isWorkingDay("2026-11-27"));       // Friday
    CHECK_FALSE(c.isWorkingDay("2026-11-28")); // Saturday
    CHECK_FALSE(c.isWorkingDay("2026-11-29")); // Sunday
    CHECK(c.isWorkingDay("2026-10-01"));       // a Thursday: a holiday only when the calendar lists it
    CHECK_FALSE(c.isWorkingDay("2026-10-10")); // a Saturday: worked only when the calendar lists it
    CHECK_THROWS_AS(c.isWorkingDay("2026-02-30"), InputError);
}

TEST_CASE("a listed holiday on a weekday is a rest day and a listed make-up Saturday or Sunday a working day") {
    WorkingDays c = nationalDay2026();
    CHECK_FALSE(c.isWorkingDay("2026-10-01")); // Thursday, holiday
    CHECK_FALSE(c.isWorkingDay("2026-10-02")); // Friday, holiday
    CHECK_FALSE(c.isWorkingDay("2026-10-05")); // Monday, holiday
    CHECK_FALSE(c.isWorkingDay("2026-10-07")); // Wednesday, holiday
    CHECK_FALSE(c.isWorkingDay("2026-10-03")); // Saturday, holiday anyway
    CHECK(c.isWorkingDay("2026-10-10"));       // Saturday, make-up working day
    CHECK(c.isWorkingDay("2026-09-20"));       // Sunday, make-up working day
    CHECK_FALSE(c.isWorkingDay("2026-10-11")); // the Sunday after: an ordinary rest day
    CHECK_FALSE(c.isWorkingDay("2026-09-19")); // the Saturday before
    CHECK(c.isWorkingDay("2026-09-30"));       // the last working day before the holiday
    CHECK(c.isWorkingDay("2026-10-08"));       // the first one after it

    // A later setDay for the same day replaces the earlier one.
    c.setDay("2026-10-10", false, "改为休息");
    CHECK_FALSE(c.isWorkingDay("2026-10-10"));
    c.setDay("2026-10-01", true);
    CHECK(c.isWorkingDay("2026-10-01"));
    CHECK_THROWS_AS(c.setDay("2026-1-5", false), InputError);
}

TEST_CASE("workingDaysBetween counts the working days after the first date up to and including the second") {
    WorkingDays c;
    CHECK(c.workingDaysBetween("2026-03-02", "2026-03-02") == 0);
    CHECK(c.workingDaysBetween("2026-03-02", "2026-03-03") == 1);  // Monday -> Tuesday
    CHECK(c.workingDaysBetween("2026-03-06", "2026-03-07") == 0);  // Friday -> Saturday
    CHECK(c.workingDaysBetween("2026-03-06", "2026-03-09") == 1);  // Friday -> Monday
    CHECK(c.workingDaysBetween("2026-03-02", "2026-03-30") == 20); // four weeks
    CHECK(c.workingDaysBetween("2026-03-02", "2026-03-31") == 21);
    CHECK(c.workingDaysBetween("2026-03-07", "2026-03-08") == 0); // Saturday -> Sunday
    CHECK(c.workingDaysBetween("2025-12-31", "2026-01-02") == 2); // across a year end (no calendar)

    // Backwards: the negative of the forward count.
    CHECK(c.workingDaysBetween("2026-03-30", "2026-03-02") == -20);
    CHECK(c.workingDaysBetween("2026-03-09", "2026-03-06") == -1);
    CHECK(c.workingDaysBetween("2026-03-08", "2026-03-07") == 0);

    CHECK_THROWS_AS(c.workingDaysBetween("2026-02-30", "2026-03-02"), InputError);
    CHECK_THROWS_AS(c.workingDaysBetween("2026-03-02", "abc"), InputError);
}

TEST_CASE("workingDaysBetween across the National Day holiday leaves out the holidays and counts the make-up days") {
    WorkingDays c = nationalDay2026();
    // 2026-09-25 (Fri) to 2026-10-29 (Thu): 34 calendar days, 24 weekdays, 5 of them holidays, plus
    // the make-up Saturday 10-10.
    CHECK(c.workingDaysBetween("2026-09-25", "2026-10-29") == 20);
    CHECK(WorkingDays().workingDaysBetween("2026-09-25", "2026-10-29") == 24);
    CHECK(c.workingDaysBetween("2026-10-29", "2026-09-25") == -20);
    CHECK(c.workingDaysBetween("2026-09-30", "2026-10-08") == 1); // the whole week off in between
    CHECK(c.workingDaysBetween("2026-10-08", "2026-09-30") == -1);
    CHECK(c.workingDaysBetween("2026-10-09", "2026-10-12") == 2); // Saturday 10-10 and Monday 10-12
    CHECK(c.workingDaysBetween("2026-09-18", "2026-09-21") == 2); // Sunday 09-20 and Monday 09-21
    CHECK(c.workingDaysBetween("2026-10-01", "2026-10-07") == 0);
}

TEST_CASE("addWorkingDays steps over weekends and the holiday week, forwards and backwards") {
    WorkingDays plain;
    CHECK(plain.addWorkingDays("2026-03-06", 0) == "2026-03-06");
    CHECK(plain.addWorkingDays("2026-03-07", 0) == "2026-03-07"); // a rest day stays itself for n = 0
    CHECK(plain.addWorkingDays("2026-03-06", 1) == "2026-03-09"); // Friday + 1 -> Monday
    CHECK(plain.addWorkingDays("2026-03-07", 1) == "2026-03-09"); // Saturday + 1 -> Monday
    CHECK(plain.addWorkingDays("2026-03-09", -1) == "2026-03-06");
    CHECK(plain.addWorkingDays("2026-03-02", 20) == "2026-03-30");
    CHECK(plain.addWorkingDays("2026-03-30", -20) == "2026-03-02");

    WorkingDays c = nationalDay2026();
    CHECK(c.addWorkingDays("2026-09-30", 1) == "2026-10-08"); // over the whole holiday
    CHECK(c.addWorkingDays("2026-10-08", -1) == "2026-09-30");
    CHECK(c.addWorkingDays("2026-10-03", 1) == "2026-10-08"); // from inside the holiday
    CHECK(c.addWorkingDays("2026-10-03", -1) == "2026-09-30");
    CHECK(c.addWorkingDays("2026-10-09", 1) == "2026-10-10"); // onto the make-up Saturday
    CHECK(c.addWorkingDays("2026-10-09", 2) == "2026-10-12");
    CHECK(c.addWorkingDays("2026-09-18", 1) == "2026-09-20"); // onto the make-up Sunday
    CHECK(c.addWorkingDays("2026-09-21", -1) == "2026-09-20");
    CHECK(c.addWorkingDays("2026-09-25", 20) == "2026-10-29");
    CHECK(c.addWorkingDays("2026-10-29", -20) == "2026-09-25");
    CHECK(plain.addWorkingDays("2026-09-25", 20) == "2026-10-23");

    // addWorkingDays and workingDaysBetween agree, from a working day, both ways.
    for (int n : {1, 3, 5, 10, 15, 25}) {
        CAPTURE(n);
        const Date later = c.addWorkingDays("2026-09-28", n);
        CHECK(c.workingDaysBetween("2026-09-28", later) == n);
        CHECK(c.addWorkingDays(later, -n) == "2026-09-28");
    }
    CHECK_THROWS_AS(c.addWorkingDays("2026-02-30", 1), InputError);
}

TEST_CASE("calendar days are saved to and loaded from the calendar_days table of a real database") {
    TempDir dir("gongshi-workdays");
    Database db(dir.str());
    // An empty table: weekends and the shipped State Council arrangements only.
    CHECK(WorkingDays::load(db).isWorkingDay("2019-10-01")); // a Tuesday of a year not shipped
    CHECK_FALSE(WorkingDays::load(db).isWorkingDay("2026-10-01"));
    CHECK(WorkingDays::load(db).isWorkingDay("2026-10-10")); // the shipped make-up Saturday

    WorkingDays::saveDay(db, "2026-09-20", true, "国庆节调休上班");
    for (const char* d : {"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"})
        WorkingDays::saveDay(db, d, false, "国庆节、中秋节");
    WorkingDays::saveDay(db, "2026-10-10", true, "国庆节调休上班");

    {
        gongshi::content::Connection s = db.session();
        int rows = 0;
        s << "SELECT COUNT(*) FROM calendar_days", into(rows), now;
        CHECK(rows == 9);
        std::string name;
        int working = -1;
        s << "SELECT name, working FROM calendar_days WHERE day = '2026-10-10'", into(name), into(working), now;
        CHECK(name == "国庆节调休上班");
        CHECK(working == 1);
        s << "SELECT name, working FROM calendar_days WHERE day = '2026-10-05'", into(name), into(working), now;
        CHECK(name == "国庆节、中秋节");
        CHECK(working == 0);
    }

    WorkingDays loaded = WorkingDays::load(db);
    CHECK_FALSE(loaded.isWorkingDay("2026-10-01"));
    CHECK_FALSE(loaded.isWorkingDay("2026-10-07"));
    CHECK(loaded.isWorkingDay("2026-10-10"));
    CHECK(loaded.isWorkingDay("2026-09-20"));
    CHECK(loaded.isWorkingDay("2026-10-08"));
    CHECK(loaded.workingDaysBetween("2026-09-25", "2026-10-29") == 20);
    CHECK(loaded.addWorkingDays("2026-09-30", 1) == "2026-10-08");

    // Saving a day again replaces it (one row per day).
    WorkingDays::saveDay(db, "2026-10-10", false, "取消调休");
    {
        gongshi::content::Connection s = db.session();
        int rows = 0;
        s << "SELECT COUNT(*) FROM calendar_days", into(rows), now;
        CHECK(rows == 9);
    }
    CHECK_FALSE(WorkingDays::load(db).isWorkingDay("2026-10-10"));

    // A bad date is refused and nothing is written; a reopened database still has the days.
    CHECK_THROWS_AS(WorkingDays::saveDay(db, "2026-02-30", false, "不存在"), InputError);
    Database again(dir.str());
    gongshi::content::Connection s = again.session();
    int rows = 0;
    s << "SELECT COUNT(*) FROM calendar_days", into(rows), now;
    CHECK(rows == 9);
    CHECK_FALSE(WorkingDays::load(again).isWorkingDay("2026-10-06"));
}
