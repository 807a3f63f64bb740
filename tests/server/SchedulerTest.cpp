// What a screen plays when: schedules (time windows, weekdays, working days, dates), priorities,
// the default program, expired notices and urgent interruptions. The choices are pure functions
// of a moment; DeviceManager::refresh() with a ManualClock shows the same choices reaching the
// screens' workers without sleeping for the clock.
#include "compose/Composer.h"
#include "records/Database.h"
#include "records/Demo.h"
#include "records/RecordStore.h"
#include "compose/ScreenPlan.h"
#include "rules/Calendar.h"
#include "rules/WhatPlays.h"
#include "rules/WorkingDays.h"
#include "delivery/Clock.h"
#include "delivery/DeviceManager.h"
#include "layout/TextRenderer.h"
#include "tests/server/ServerFixture.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>

using namespace gongshi;
using delivery::LocalTime;
using delivery::ManualClock;
using test::parkScreens;
using test::waitFor;
using namespace std::chrono_literals;

namespace {

content::Program program(content::Id id, std::vector<content::TimeWindow> times = {}, int priority = 0) {
    content::Program p;
    p.meta.id = id;
    p.meta.version = 1;
    p.screenId = 1;
    p.name = "program " + std::to_string(id);
    p.schedule.times = std::move(times);
    p.schedule.priority = priority;
    content::ProgramArea a;
    a.width = 64;
    a.height = 16;
    a.items.push_back({content::ItemKind::Text, 0, "节目" + std::to_string(id)});
    p.areas.push_back(a);
    return p;
}

content::TimeWindow window(int h1, int m1, int h2, int m2) { return {h1 * 60 + m1, h2 * 60 + m2}; }

LocalTime at(const std::string& date, int hour, int minute) { return ManualClock(date, hour, minute).local(); }

std::optional<content::Id> chosen(const std::vector<content::Program>& programs, const LocalTime& t,
                                  const content::WorkingDays& calendar = {}) {
    auto p = content::chooseProgram(programs, t, calendar);
    if (!p) return std::nullopt;
    return p->meta.id;
}

// The demo centre in a data directory of its own.
struct DemoData {
    test::TempDir dir{"gongshi-sched"};
    content::Database db{dir.str()};
    DemoData() { content::importDemo(db, content::demoDataDir(), "demo"); }
};

bool planHas(const content::ScreenPlan& plan, const std::string& source) {
    return std::any_of(plan.program.segments.begin(), plan.program.segments.end(),
                       [&](const content::Segment& s) { return s.source == source; });
}

} // namespace

TEST_CASE("ManualClock: local time, weekday and seconds move only when told") {
    ManualClock clock("2026-11-27", 8, 29);
    LocalTime t = clock.local();
    CHECK(t.date == "2026-11-27");
    CHECK(t.minute == 8 * 60 + 29);
    CHECK(t.second == 0);
    CHECK(t.weekday == 5); // a Friday
    clock.advance(61s);
    t = clock.local();
    CHECK(t.minute == 8 * 60 + 30);
    CHECK(t.second == 1);
    clock.set("2026-11-29", 23, 59);
    CHECK(clock.local().weekday == 7);
    clock.advance(60s);
    CHECK(clock.local().date == "2026-11-30");
    CHECK(clock.local().weekday == 1);
    CHECK(clock.local().minute == 0);
}

TEST_CASE("a program with a time window 08:30-17:30 is chosen inside it, the default program outside") {
    const std::vector<content::Program> programs{program(7, {window(8, 30, 17, 30)})};
    const content::WorkingDays calendar;
    CHECK(content::scheduleAllows(programs[0].schedule, at("2026-11-27", 10, 0), calendar));
    CHECK(chosen(programs, at("2026-11-27", 8, 30)) == 7); // the start is inside
    CHECK(chosen(programs, at("2026-11-27", 17, 29)) == 7);
    CHECK(chosen(programs, at("2026-11-27", 8, 29)) == std::nullopt);
    CHECK(chosen(programs, at("2026-11-27", 17, 30)) == std::nullopt); // the end is not
    CHECK(chosen(programs, at("2026-11-27", 23, 0)) == std::nullopt);

    // Two windows a day: either one allows.
    const std::vector<content::Program> split{program(8, {window(8, 0, 12, 0), window(14, 0, 18, 0)})};
    CHECK(chosen(split, at("2026-11-27", 11, 59)) == 8);
    CHECK(chosen(split, at("2026-11-27", 13, 0)) == std::nullopt);
    CHECK(chosen(split, at("2026-11-27", 14, 0)) == 8);

    // planScreen names what it chose.
    DemoData demo;
    renderer::TextRenderer r;
    const auto screen = content::RecordStore<content::ScreenRecord>(demo.db).get(3); // 64x16 window screen
    const auto records = content::loadComposeRecords(demo.db, screen.centreId);
    auto inside = content::planScreen(r, screen, programs, records, calendar, at("2026-11-27", 10, 0), {});
    CHECK(inside.source == "program 7");
    CHECK(planHas(inside, "text"));
    auto outside = content::planScreen(r, screen, programs, records, calendar, at("2026-11-27", 18, 0), {});
    CHECK(outside.source == "default");
    CHECK(planHas(outside, "welcome"));
    CHECK(planHas(outside, "matter 1")); // one-line boxes get a segment per matter
}

TEST_CASE("of two overlapping programs the higher priority plays, on a tie the older one") {
    // 7 all day at priority 0; 9 from 12:00 to 13:00 at priority 5.
    std::vector<content::Program> programs{program(7, {}, 0), program(9, {window(12, 0, 13, 0)}, 5)};
    CHECK(chosen(programs, at("2026-11-27", 11, 59)) == 7);
    CHECK(chosen(programs, at("2026-11-27", 12, 0)) == 9);
    CHECK(chosen(programs, at("2026-11-27", 12, 59)) == 9);
    CHECK(chosen(programs, at("2026-11-27", 13, 0)) == 7);
    // Order in the list does not matter.
    std::reverse(programs.begin(), programs.end());
    CHECK(chosen(programs, at("2026-11-27", 12, 30)) == 9);
    // A lower priority never wins where the higher one is allowed.
    programs = {program(7, {}, 3), program(9, {window(12, 0, 13, 0)}, -1)};
    CHECK(chosen(programs, at("2026-11-27", 12, 30)) == 7);
    // Equal priorities: the older program (smaller id), whatever the order.
    programs = {program(12, {}, 2), program(4, {}, 2)};
    CHECK(chosen(programs, at("2026-11-27", 12, 30)) == 4);
}

TEST_CASE("weekdays and date ranges limit a program") {
    content::Program weekend = program(5);
    weekend.schedule.weekdays = {6, 7};
    const content::WorkingDays calendar;
    CHECK_FALSE(content::scheduleAllows(weekend.schedule, at("2026-11-27", 10, 0), calendar)); // Friday
    CHECK(content::scheduleAllows(weekend.schedule, at("2026-11-28", 10, 0), calendar));       // Saturday
    CHECK(content::scheduleAllows(weekend.schedule, at("2026-11-29", 10, 0), calendar));       // Sunday
    CHECK_FALSE(content::scheduleAllows(weekend.schedule, at("2026-11-30", 10, 0), calendar)); // Monday

    content::Program december = program(6);
    december.schedule.from = "2026-12-01";
    december.schedule.until = "2026-12-31";
    CHECK_FALSE(content::scheduleAllows(december.schedule, at("2026-11-30", 23, 59), calendar));
    CHECK(content::scheduleAllows(december.schedule, at("2026-12-01", 0, 0), calendar));
    CHECK(content::scheduleAllows(december.schedule, at("2026-12-31", 23, 59), calendar)); // inclusive
    CHECK_FALSE(content::scheduleAllows(december.schedule, at("2027-01-01", 0, 0), calendar));
}

TEST_CASE("working_days_only follows the calendar: not on a holiday, yes on a make-up Saturday") {
    content::Program office = program(3, {window(8, 30, 17, 30)});
    office.schedule.workingDaysOnly = true;
    content::WorkingDays calendar;
    calendar.setDay("2026-10-01", false, "国庆节");                                     // a Thursday
    calendar.setDay("2026-10-10", true, "国庆节调休");                                  // a Saturday
    CHECK(content::scheduleAllows(office.schedule, at("2026-09-30", 10, 0), calendar)); // Wednesday
    CHECK_FALSE(content::scheduleAllows(office.schedule, at("2026-10-01", 10, 0), calendar));
    CHECK(content::scheduleAllows(office.schedule, at("2026-10-10", 10, 0), calendar));
    CHECK_FALSE(content::scheduleAllows(office.schedule, at("2026-10-10", 18, 0), calendar)); // its hours still apply
    CHECK_FALSE(content::scheduleAllows(office.schedule, at("2026-10-17", 10, 0), calendar)); // a plain Saturday
    // Without the flag the holiday is a day like any other.
    office.schedule.workingDaysOnly = false;
    CHECK(content::scheduleAllows(office.schedule, at("2026-10-01", 10, 0), calendar));
}

TEST_CASE("a notice leaves the default program the day after its publish_until") {
    DemoData demo;
    renderer::TextRenderer r;
    const auto screen = content::RecordStore<content::ScreenRecord>(demo.db).get(3);
    const auto records = content::loadComposeRecords(demo.db, screen.centreId);
    // The family-planning notice is published 2026-11-24 .. 2026-11-30.
    const auto n = std::find_if(records.notices.begin(), records.notices.end(),
                                [](const content::Notice& x) { return x.publishUntil == "2026-11-30"; });
    REQUIRE(n != records.notices.end());
    const std::string source = "notice " + std::to_string(n->meta.id);
    const content::WorkingDays calendar;
    auto plan = [&](const std::string& date) { return content::planScreen(r, screen, {}, records, calendar, at(date, 10, 0), {}); };
    CHECK_FALSE(planHas(plan("2026-11-23"), source));
    CHECK(planHas(plan("2026-11-24"), source));
    auto last = plan("2026-11-30");
    CHECK(last.source == "default");
    CHECK(planHas(last, source));
    auto after = plan("2026-12-01");
    CHECK(after.source == "default");
    CHECK_FALSE(planHas(after, source));
    CHECK(planHas(after, "welcome")); // the rest of the default program stays
}

TEST_CASE("UrgentNotices: each version interrupts once for its time, only inside its period") {
    content::Notice n;
    n.meta.id = 11;
    n.meta.version = 1;
    n.urgent = true;
    n.publishFrom = "2026-11-27";
    n.publishUntil = "2026-11-29";
    content::Notice plain = n;
    plain.meta.id = 12;
    plain.urgent = false;
    ManualClock clock("2026-11-27", 9, 0);
    content::UrgentNotices urgent(120s);
    CHECK(urgent.active({n, plain}, "2026-11-26", clock.now()).empty()); // before its period
    CHECK(urgent.active({n, plain}, "2026-11-27", clock.now()) == std::vector<content::Id>{11});
    REQUIRE(urgent.nextEnd(clock.now()).has_value());
    CHECK(*urgent.nextEnd(clock.now()) == clock.now() + 120s);
    clock.advance(119s);
    CHECK(urgent.active({n, plain}, "2026-11-27", clock.now()) == std::vector<content::Id>{11});
    clock.advance(1s);
    CHECK(urgent.active({n, plain}, "2026-11-27", clock.now()).empty());
    CHECK_FALSE(urgent.nextEnd(clock.now()).has_value());
    // Edited (a new version): it interrupts again.
    n.meta.version = 2;
    CHECK(urgent.active({n}, "2026-11-27", clock.now()) == std::vector<content::Id>{11});
    // With no interruption time it never interrupts.
    content::UrgentNotices never(0s);
    CHECK(never.active({n}, "2026-11-27", clock.now()).empty());
}

TEST_CASE("DeviceManager::refresh with a ManualClock: urgent notice, then the screen's own program by the clock") {
    DemoData demo;
    parkScreens(demo.db);                   // no screen reaches a device here: plans are what is checked
    ManualClock clock("2026-11-27", 10, 0); // a working Friday; notice 11 is urgent and in its period
    delivery::DeliveryOptions options;
    options.urgentFor = 45s; // not the tracker's own default of 120 s
    options.connectTimeout = 200ms;
    options.firstBackoff = 200ms;
    options.maxBackoff = 1000ms;
    delivery::DeviceManager devices(demo.db, clock, options);

    auto showing = [&](content::Id id) {
        auto h = devices.health(id);
        return h ? h->source : std::string("(no worker)");
    };
    auto expect = [&](content::Id id, const std::string& source) {
        const bool reached = waitFor([&] { return showing(id) == source; });
        CHECK_MESSAGE(reached, "screen " << id << " shows '" << showing(id) << "', expected '" << source << "'");
    };

    devices.refresh();
    for (content::Id id = 1; id <= 5; ++id) expect(id, "urgent notice 11");
    clock.advance(44s);
    devices.refresh();
    expect(1, "urgent notice 11");
    clock.advance(2s); // 10:00:46, the interruption is over
    devices.refresh();
    for (content::Id id = 1; id <= 4; ++id) expect(id, "program " + std::to_string(id));
    expect(5, "default"); // the TV has no program: its own layout

    // Screen 1's program runs 08:30-17:30 on working days only.
    clock.set("2026-11-27", 17, 30);
    devices.refresh();
    expect(1, "default");
    expect(2, "program 2");         // all-day programs stay
    clock.set("2026-11-28", 10, 0); // Saturday
    devices.refresh();
    expect(1, "default");
    content::WorkingDays::saveDay(demo.db, "2026-11-28", true, "调休上班");
    devices.refresh();
    expect(1, "program 1");
    content::WorkingDays::saveDay(demo.db, "2026-11-27", false, "测试假日");
    clock.set("2026-11-27", 10, 30);
    devices.refresh();
    expect(1, "default");

    // A screen whose worker cannot reach its device says so, and still knows what it shows.
    auto h = devices.health(1);
    REQUIRE(h);
    CHECK_FALSE(h->online);
    CHECK(waitFor([&] { return !devices.health(1)->lastError.empty(); }));
    devices.stop();
}

TEST_CASE("a write recomposes only the screens that show what it changed") {
    DemoData demo;
    parkScreens(demo.db);
    ManualClock clock("2026-11-27", 10, 0);
    delivery::DeliveryOptions options;
    options.urgentFor = 0s; // each screen plays its own program
    options.connectTimeout = 200ms;
    delivery::DeviceManager devices(demo.db, clock, options);
    devices.refresh();
    const auto first = devices.plansComposed();
    CHECK(first == 5);
    devices.refresh();
    CHECK(devices.plansComposed() == first); // nothing changed: nothing composed

    // Matter 1 is on the panel's and the TV's matter lists (screens 2 and 5), nowhere else.
    content::RecordStore<content::Matter> matters(demo.db);
    auto m = matters.get(1);
    m.phone = "0833-6209999";
    matters.update(m, "test");
    devices.refresh();
    CHECK(devices.plansComposed() == first + 2);

    // Window 1 is on screen 3 and on the TV's own layout, which shows every window.
    content::RecordStore<content::Window> windows(demo.db);
    auto w = windows.get(1);
    w.status = content::WindowStatus::Paused;
    windows.update(w, "test");
    devices.refresh();
    CHECK(devices.plansComposed() == first + 4);

    // The centre is on every screen (the welcome line, or the default program's).
    content::RecordStore<content::Centre> centres(demo.db);
    auto c = centres.get(1);
    c.complaintPhone = "0833-6200000";
    centres.update(c, "test");
    devices.refresh();
    CHECK(devices.plansComposed() == first + 9);
}

TEST_CASE("the screens follow the shipped holidays and a holiday saved as the calendar page saves it") {
    DemoData demo;
    parkScreens(demo.db);
    ManualClock clock("2026-10-05", 10, 0); // a Monday of the shipped National Day holiday
    delivery::DeliveryOptions options;
    options.urgentFor = 1s; // past any urgent notice at once
    options.connectTimeout = 200ms;
    options.firstBackoff = 200ms;
    options.maxBackoff = 1000ms;
    delivery::DeviceManager devices(demo.db, clock, options);
    auto showing = [&](content::Id id) {
        auto h = devices.health(id);
        return h ? h->source : std::string("(no worker)");
    };
    auto expect = [&](content::Id id, const std::string& source) {
        const bool reached = waitFor([&] { return showing(id) == source; });
        CHECK_MESSAGE(reached, "screen " << id << " shows '" << showing(id) << "', expected '" << source << "'");
    };
    auto at = [&](const std::string& date) {
        clock.set(date, 10, 0);
        devices.refresh();
        clock.advance(2s);
        devices.refresh();
    };

    // Screen 1's program runs 08:30-17:30 on working days only; screen 2's every day.
    at("2026-10-05");
    expect(1, "default");
    expect(2, "program 2");
    at("2026-10-10"); // the shipped make-up Saturday
    expect(1, "program 1");
    at("2026-11-27"); // a plain Friday
    expect(1, "program 1");

    content::replaceYear(demo.db, 2026, {{"2026-11-27", content::DayKind::Holiday, "县庆"}});
    at("2026-11-27");
    expect(1, "default");
    expect(2, "program 2");
    devices.stop();
}
