#include "rules/Calendar.h"

#include "common/Error.h"
#include "records/Database.h"
#include "rules/WhatPlays.h"
#include "rules/WorkingDays.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <set>

using namespace gongshi;
using namespace gongshi::content;
using gongshi::test::TempDir;

namespace {

const CalendarDay* shippedDay(const Date& date) {
    for (const auto& d : shippedDays())
        if (d.date == date) return &d;
    return nullptr;
}

void checkShipped(const Date& date, DayKind kind, const std::string& name) {
    INFO(date);
    const CalendarDay* d = shippedDay(date);
    REQUIRE(d != nullptr);
    CHECK(d->kind == kind);
    CHECK(d->name == name);
    CHECK_FALSE(d->entered);
}

int workingDaysOfYear(const WorkingDays& c, int year) {
    const std::string first = std::to_string(year) + "-01-01";
    return c.workingDaysBetween(first, std::to_string(year) + "-12-31") + (c.isWorkingDay(first) ? 1 : 0);
}

std::string messageOf(const std::function<void()>& f, std::string* field = nullptr) {
    try {
        f();
    } catch (const ValidationError& e) {
        if (field) *field = e.field();
        return e.what();
    }
    FAIL("no ValidationError");
    return "";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

} // namespace

TEST_CASE("the shipped 2024 Spring Festival: 02-10 to 02-17 off, Sundays 02-04 and 02-18 worked") {
    checkShipped("2024-02-04", DayKind::Workday, "春节");
    checkShipped("2024-02-18", DayKind::Workday, "春节");
    for (int d = 10; d <= 17; ++d) checkShipped("2024-02-" + std::to_string(d), DayKind::Holiday, "春节");
    CHECK(shippedDay("2024-02-09") == nullptr); // New Year's Eve: only encouraged off, a working day
    CHECK(shippedDay("2024-02-19") == nullptr);

    const WorkingDays c = WorkingDays::shipped();
    CHECK(c.isWorkingDay("2024-02-04"));
    CHECK(c.isWorkingDay("2024-02-18"));
    CHECK_FALSE(c.isWorkingDay("2024-02-12"));
    // After Thursday 02-08: Friday 02-09, Sunday 02-18, Monday 02-19.
    CHECK(c.workingDaysBetween("2024-02-08", "2024-02-19") == 3);
    CHECK(c.addWorkingDays("2024-02-09", 1) == "2024-02-18");
}

TEST_CASE("the shipped days of each year as their notices give them") {
    // 2020, with the Spring Festival extended to 02-02 (国办发明电〔2020〕1号): 02-01 no longer worked.
    checkShipped("2020-01-19", DayKind::Workday, "春节");
    checkShipped("2020-01-31", DayKind::Holiday, "春节");
    checkShipped("2020-02-01", DayKind::Holiday, "春节");
    checkShipped("2020-02-02", DayKind::Holiday, "春节");
    checkShipped("2020-10-08", DayKind::Holiday, "国庆节、中秋节");
    checkShipped("2020-10-10", DayKind::Workday, "国庆节、中秋节");
    checkShipped("2021-09-18", DayKind::Workday, "中秋节");
    checkShipped("2021-10-09", DayKind::Workday, "国庆节");
    checkShipped("2022-01-29", DayKind::Workday, "春节");
    checkShipped("2022-04-02", DayKind::Workday, "清明节");
    checkShipped("2022-12-31", DayKind::Holiday, "元旦"); // of the 2023 notice
    checkShipped("2023-01-02", DayKind::Holiday, "元旦");
    checkShipped("2023-10-08", DayKind::Workday, "中秋节、国庆节");
    checkShipped("2024-06-10", DayKind::Holiday, "端午节");
    checkShipped("2024-10-12", DayKind::Workday, "国庆节");
    checkShipped("2025-01-01", DayKind::Holiday, "元旦");
    checkShipped("2025-01-26", DayKind::Workday, "春节");
    checkShipped("2025-01-28", DayKind::Holiday, "春节");
    checkShipped("2025-02-04", DayKind::Holiday, "春节");
    checkShipped("2025-02-08", DayKind::Workday, "春节");
    checkShipped("2025-04-27", DayKind::Workday, "劳动节");
    checkShipped("2025-10-08", DayKind::Holiday, "国庆节、中秋节");
    checkShipped("2025-10-11", DayKind::Workday, "国庆节、中秋节");
    checkShipped("2026-01-04", DayKind::Workday, "元旦");
    checkShipped("2026-02-14", DayKind::Workday, "春节");
    checkShipped("2026-02-23", DayKind::Holiday, "春节");
    checkShipped("2026-02-28", DayKind::Workday, "春节");
    checkShipped("2026-05-09", DayKind::Workday, "劳动节");
    checkShipped("2026-09-20", DayKind::Workday, "国庆节");
    checkShipped("2026-10-07", DayKind::Holiday, "国庆节");
    checkShipped("2026-10-10", DayKind::Workday, "国庆节");

    CHECK(shippedYears() == std::vector<int>{2020, 2021, 2022, 2023, 2024, 2025, 2026});
    const WorkingDays c = WorkingDays::shipped();
    CHECK(workingDaysOfYear(c, 2024) == 251);
    CHECK(workingDaysOfYear(c, 2025) == 248);
    CHECK(workingDaysOfYear(WorkingDays(), 2025) == 261); // weekends only
}

TEST_CASE("every shipped make-up working day is a Saturday or Sunday, every date once, in order") {
    std::set<Date> seen;
    Date last;
    const std::set<std::string> names = {"元旦",   "春节",   "清明节",         "劳动节",        "端午节",
                                         "中秋节", "国庆节", "国庆节、中秋节", "中秋节、国庆节"};
    for (const auto& d : shippedDays()) {
        INFO(d.date);
        CHECK(seen.insert(d.date).second);
        CHECK(d.date > last);
        last = d.date;
        CHECK(names.count(d.name) == 1);
        if (d.kind == DayKind::Workday) CHECK(std::chrono::weekday(parseDate(d.date)).iso_encoding() >= 6);
    }
    CHECK(shippedDays().size() == 254);
}

TEST_CASE("a calendar file: header, comments, blank rows, 放假 and 上班, GBK or UTF-8") {
    const std::string text =
        "\xEF\xBB\xBF日期,类型,名称\r\n# 本中心\r\n\r\n2027-01-01,放假,元旦\r\n2027-02-06,上班,春节调休\r\n 2027-03-08 , 放假 ,\r\n";
    const auto days = readCalendarCsv(text);
    REQUIRE(days.size() == 3);
    CHECK(days[0] == CalendarDay{"2027-01-01", DayKind::Holiday, "元旦"});
    CHECK(days[1] == CalendarDay{"2027-02-06", DayKind::Workday, "春节调休"});
    CHECK(days[2] == CalendarDay{"2027-03-08", DayKind::Holiday, ""});
    CHECK(readCalendarCsv(writeCalendarCsv(days)) == days);
    // "放假" in GBK.
    const auto gbk = readCalendarCsv("2027-01-01,\xB7\xC5\xBC\xD9,\n");
    REQUIRE(gbk.size() == 1);
    CHECK(gbk[0].kind == DayKind::Holiday);
}

TEST_CASE("a calendar file's bad rows are refused naming the row, the column and the date") {
    std::string field;
    CHECK(messageOf([] { readCalendarCsv("日期,类型,名称\n2027-02-30,放假,\n"); }, &field).find("第2行“日期”") == 0);
    CHECK(field == "date");
    CHECK(contains(messageOf([] { readCalendarCsv("2027-01-01,休假,元旦\n"); }, &field), "第1行“类型”"));
    CHECK(field == "kind");
    CHECK(contains(messageOf([] { readCalendarCsv("2027-01-01,放假,\n2027-01-01,上班,\n"); }), "日期2027-01-01出现了两次（第1行）"));
    // A Monday worked, a Saturday off: nothing to mark.
    const std::string monday = messageOf([] { readCalendarCsv("日期,类型,名称\n2027-03-01,上班,\n"); }, &field);
    CHECK(monday == "第2行“日期”：2027-03-01是星期一，本来就上班，不能标为调休上班");
    const std::string saturday = messageOf([] { readCalendarCsv("2027-03-06,放假,\n"); });
    CHECK(saturday == "第1行“日期”：2027-03-06是星期六，本来就休息，不能标为放假");
    // A shipped holiday's Monday may be worked after all, and a shipped make-up Saturday rested.
    CHECK(readCalendarCsv("2026-10-05,上班,\n2026-10-10,放假,\n").size() == 2);
    CHECK_THROWS_AS(readCalendarCsv("2027-01-01,放假,一二三四五六七八九十一二三四五六七八九十一\n"), ValidationError);
}

TEST_CASE("replaceYear stores what differs from the shipped days, and WorkingDays::load merges them, entered days winning") {
    TempDir dir("gongshi-calendar");
    Database db(dir.str());
    CHECK(enteredDays(db, 2026).empty());
    const auto shipped2026 = calendarOfYear(db, 2026);
    CHECK(shipped2026.size() == 39);

    // What the page sends back: the shipped days as they were, a local holiday, and 10-10 rested.
    std::vector<CalendarDay> days = shipped2026;
    days.push_back({"2026-11-30", DayKind::Holiday, "县庆", false});
    for (auto& d : days)
        if (d.date == "2026-10-10") d = {"2026-10-10", DayKind::Holiday, "", false};
    int inTransaction = 0;
    replaceYear(db, 2026, days, [&](gongshi::content::Connection&) { ++inTransaction; });
    CHECK(inTransaction == 1);
    const auto entered = enteredDays(db, 2026);
    REQUIRE(entered.size() == 2);
    CHECK(entered[0] == CalendarDay{"2026-10-10", DayKind::Holiday, ""});
    CHECK(entered[1] == CalendarDay{"2026-11-30", DayKind::Holiday, "县庆"});
    CHECK(entered[1].entered);

    const auto merged = calendarOfYear(db, 2026);
    CHECK(merged.size() == 40);
    const WorkingDays c = WorkingDays::load(db);
    CHECK_FALSE(c.isWorkingDay("2026-11-30"));
    CHECK_FALSE(c.isWorkingDay("2026-10-10"));
    CHECK(c.isWorkingDay("2026-09-20")); // still shipped
    CHECK_FALSE(c.isWorkingDay("2026-10-01"));

    // Bad days are refused naming the day, and nothing is written.
    std::string field;
    std::vector<CalendarDay> bad = {{"2026-12-01", DayKind::Holiday, "", false}, {"2026-12-02", DayKind::Workday, "", false}};
    CHECK(messageOf([&] { replaceYear(db, 2026, bad); }, &field) == "2026-12-02是星期三，本来就上班，不能标为调休上班");
    CHECK(field == "days[1].kind");
    bad = {{"2027-01-01", DayKind::Holiday, "", false}};
    CHECK(messageOf([&] { replaceYear(db, 2026, bad); }, &field) == "日期2027-01-01不在2026年内");
    CHECK(field == "days[0].date");
    bad = {{"2026-12-01", DayKind::Holiday, "", false}, {"2026-12-01", DayKind::Holiday, "", false}};
    CHECK(messageOf([&] { replaceYear(db, 2026, bad); }, &field) == "日期2026-12-01出现了两次");
    CHECK(enteredDays(db, 2026).size() == 2);

    // An empty year clears what was entered; the shipped days stay.
    replaceYear(db, 2026, {});
    CHECK(enteredDays(db, 2026).empty());
    CHECK(calendarOfYear(db, 2026) == shipped2026);
}

TEST_CASE("importDays lays a file over what was entered, year by year, all or nothing") {
    TempDir dir("gongshi-calendar-import");
    Database db(dir.str());
    replaceYear(db, 2027, {{"2027-03-01", DayKind::Holiday, "旧", false}, {"2027-03-02", DayKind::Holiday, "留", false}});
    const auto years = importDays(db, readCalendarCsv("2027-03-01,放假,新\n2028-01-03,放假,元旦\n"));
    CHECK(years == std::vector<int>{2027, 2028});
    auto e = enteredDays(db, 2027);
    REQUIRE(e.size() == 2);
    CHECK(e[0].name == "新");
    CHECK(e[1].name == "留");
    CHECK(enteredDays(db, 2028).size() == 1);
}

TEST_CASE("a working-days-only program is not chosen on a holiday the centre entered, nor on a shipped one") {
    TempDir dir("gongshi-calendar-plays");
    Database db(dir.str());
    Program office;
    office.meta.id = 7;
    office.schedule.workingDaysOnly = true;
    office.schedule.times = {{8 * 60 + 30, 17 * 60 + 30}};
    const std::vector<Program> programs{office};
    auto chosen = [&](const Date& date) { return chooseProgram(programs, localTimeAt(date, 10 * 60), WorkingDays::load(db)).has_value(); };
    CHECK(chosen("2026-11-27"));       // a Friday
    CHECK_FALSE(chosen("2026-10-05")); // the shipped National Day holiday, a Monday
    CHECK(chosen("2026-10-10"));       // the shipped make-up Saturday
    replaceYear(db, 2026, {{"2026-11-27", DayKind::Holiday, "县庆"}});
    CHECK_FALSE(chosen("2026-11-27"));
}
