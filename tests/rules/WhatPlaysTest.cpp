// The key of a composed picture (content::pictureKey): everything that changes the picture changes
// it, nothing else does, and the screens and the preview of the program they play get one key.
#include "rules/WhatPlays.h"

#include "common/Error.h"

#include <doctest/doctest.h>

using namespace gongshi::content;

namespace {

template <class T> T record(Id id, int version = 1) {
    T r;
    r.meta.id = id;
    r.meta.version = version;
    return r;
}

ComposeRecords hall() {
    ComposeRecords r;
    r.centre = record<Centre>(1);
    r.matters = {record<Matter>(1), record<Matter>(2)};
    r.notices = {record<Notice>(1), record<Notice>(2)};
    r.windows = {record<Window>(1), record<Window>(2)};
    r.staff = {record<Staff>(1), record<Staff>(2)};
    return r;
}

// The hall's records with one change.
template <class Change> ComposeRecords changed(Change change) {
    ComposeRecords r = hall();
    change(r);
    return r;
}

ScreenRecord screen() {
    ScreenRecord s = record<ScreenRecord>(3);
    s.width = 64;
    s.height = 16;
    return s;
}

// A program of screen 3 showing one item, 08:00 to 12:00 unless told otherwise.
Program programShowing(Id id, ItemKind kind, Id recordId, int priority = 0) {
    Program p = record<Program>(id);
    p.screenId = 3;
    ProgramArea a;
    a.width = 64;
    a.height = 16;
    a.items.push_back({kind, recordId, ""});
    p.areas.push_back(a);
    p.schedule.times.push_back({8 * 60, 12 * 60});
    p.schedule.priority = priority;
    return p;
}

const WorkingDays kCalendar;
const LocalTime kMorning = localTimeAt("2026-11-27", 9 * 60);

std::string keyOf(const std::vector<Program>& programs, const ComposeRecords& r, const std::vector<Id>& urgent = {},
                  const LocalTime& t = kMorning, const ScreenRecord& s = screen()) {
    return whatPlays(s, programs, r, kCalendar, t, urgent).key;
}

} // namespace

TEST_CASE("the picture key changes with a record the program reads and not with one it does not read") {
    const std::vector<Program> programs{programShowing(7, ItemKind::Matter, 1)};
    const std::string key = keyOf(programs, hall());
    CHECK(key == "s3:1|d2026-11-27|c1:1|p7:1|m1:1");

    // Another matter, a notice, an absent staff member: not on this picture.
    CHECK(keyOf(programs, changed([](ComposeRecords& r) { r.matters[1].meta.version = 2; })) == key);
    CHECK(keyOf(programs, changed([](ComposeRecords& r) { r.notices[0].meta.version = 5; })) == key);
    CHECK(keyOf(programs, changed([](ComposeRecords& r) { r.absentStaff = {1}; })) == key);

    // Its matter, the centre, the screen, the day, the program itself: a new picture.
    CHECK(keyOf(programs, changed([](ComposeRecords& r) { r.matters[0].meta.version = 2; })) == "s3:1|d2026-11-27|c1:1|p7:1|m1:2");
    CHECK(keyOf(programs, changed([](ComposeRecords& r) { r.centre.meta.version = 4; })) == "s3:1|d2026-11-27|c1:4|p7:1|m1:1");
    ScreenRecord resized = screen();
    resized.meta.version = 2;
    CHECK(keyOf(programs, hall(), {}, kMorning, resized) == "s3:2|d2026-11-27|c1:1|p7:1|m1:1");
    CHECK(keyOf(programs, hall(), {}, localTimeAt("2026-11-28", 9 * 60)) == "s3:1|d2026-11-28|c1:1|p7:1|m1:1");
    Program edited = programs[0];
    edited.meta.version = 3;
    CHECK(keyOf({edited}, hall()) == "s3:1|d2026-11-27|c1:1|p7:3|m1:1");
}

TEST_CASE("the picture key of a window item follows the window, the staff and who is absent") {
    const std::vector<Program> programs{programShowing(7, ItemKind::Window, 2)};
    const std::string key = keyOf(programs, hall());
    CHECK(key == "s3:1|d2026-11-27|c1:1|p7:1|w2:1|S1:1,2:1,|A");
    CHECK(keyOf(programs, changed([](ComposeRecords& r) { r.absentStaff = {2}; })) == "s3:1|d2026-11-27|c1:1|p7:1|w2:1|S1:1,2:1,|A2,");
    CHECK(keyOf(programs, changed([](ComposeRecords& r) { r.windows[0].meta.version = 9; })) == key);
    CHECK(keyOf(programs, changed([](ComposeRecords& r) { r.matters[0].meta.version = 9; })) == key);
}

TEST_CASE("the picture key of the default program reads the matters and notices, of an urgent notice only that notice") {
    // 13:00 is outside the program's hours: the default program.
    const LocalTime afternoon = localTimeAt("2026-11-27", 13 * 60);
    const std::vector<Program> programs{programShowing(7, ItemKind::Matter, 1)};
    const ComposeRecords notice = changed([](ComposeRecords& r) { r.notices[1].meta.version = 2; });
    CHECK(keyOf(programs, hall(), {}, afternoon) == "s3:1|d2026-11-27|c1:1|default|M1:1,2:1,|N1:1,2:1,");
    CHECK(keyOf(programs, notice, {}, afternoon) == "s3:1|d2026-11-27|c1:1|default|M1:1,2:1,|N1:1,2:2,");
    CHECK(keyOf(programs, changed([](ComposeRecords& r) { r.windows[0].meta.version = 2; }), {}, afternoon) ==
          keyOf(programs, hall(), {}, afternoon));

    CHECK(keyOf(programs, hall(), {2}) == "s3:1|d2026-11-27|c1:1|u2:1");
    CHECK(keyOf(programs, notice, {2}) == "s3:1|d2026-11-27|c1:1|u2:2");
    CHECK(keyOf(programs, hall(), {1, 2}) == "s3:1|d2026-11-27|c1:1|u1:1|u2:1");
    // An urgent notice not among the records shown (waiting for approval) interrupts nothing.
    CHECK(keyOf(programs, hall(), {9}) == "s3:1|d2026-11-27|c1:1|p7:1|m1:1");
}

TEST_CASE("the screens and a preview of the program they play make the same choice and the same key") {
    // Program 8 has the higher priority but plays only 08:00 to 12:00; program 7 all day.
    Program allDay = programShowing(7, ItemKind::Matter, 1);
    allDay.schedule.times.clear();
    const std::vector<Program> programs{allDay, programShowing(8, ItemKind::Notice, 2, 5)};
    const ComposeRecords r = hall();

    const ScreenChoice morning = whatPlays(screen(), programs, r, kCalendar, kMorning, {});
    REQUIRE(morning.program.has_value());
    CHECK(morning.program->meta.id == 8);
    CHECK(morning.source() == "program 8");
    CHECK(morning.key == pictureKey(screen(), morning, r));

    const LocalTime afternoon = localTimeAt("2026-11-27", 13 * 60);
    const ScreenChoice played = whatPlays(screen(), programs, r, kCalendar, afternoon, {});
    REQUIRE(played.program.has_value());
    CHECK(played.program->meta.id == 7);
    CHECK(played.key == "s3:1|d2026-11-27|c1:1|p7:1|m1:1");
    // Asked for by id, the program the screen plays has the screens' key (one cache serves both);
    // the other program is its own picture, whatever the time.
    CHECK(whatPlays(screen(), programs, r, kCalendar, afternoon, {}, Id{7}).key == played.key);
    const ScreenChoice asked = whatPlays(screen(), programs, r, kCalendar, afternoon, {}, Id{8});
    CHECK(asked.source() == "program 8");
    CHECK(asked.key == "s3:1|d2026-11-27|c1:1|p8:1|n2:1");
    CHECK(asked.key == morning.key);
    // A program asked for plays even while an urgent notice interrupts the screens.
    CHECK(whatPlays(screen(), programs, r, kCalendar, afternoon, {1}, Id{8}).key == asked.key);
    CHECK_THROWS_AS(whatPlays(screen(), programs, r, kCalendar, afternoon, {}, Id{99}), gongshi::NotFoundError);
}

TEST_CASE("an emergency broadcast plays ahead of urgent notices and programs, and a preview of a program still shows that program") {
    const std::vector<Program> programs{programShowing(7, ItemKind::Matter, 1)};
    const BroadcastShown broadcast{4, "因停电暂停办理"};
    const ScreenChoice taken = whatPlays(screen(), programs, hall(), kCalendar, kMorning, {2}, std::nullopt, broadcast);
    REQUIRE(taken.broadcast.has_value());
    CHECK(taken.broadcast->text == "因停电暂停办理");
    CHECK(taken.urgent.empty());
    CHECK_FALSE(taken.program.has_value());
    CHECK(taken.source() == "broadcast 4");
    CHECK(taken.key == "s3:1|d2026-11-27|c1:1|b4");
    // Records change under it: the same picture.
    CHECK(whatPlays(screen(), programs, changed([](ComposeRecords& r) { r.matters[0].meta.version = 2; }), kCalendar, kMorning, {},
                    std::nullopt, broadcast)
              .key == taken.key);
    // Another broadcast is another picture; none, and the screen plays its program again.
    CHECK(whatPlays(screen(), programs, hall(), kCalendar, kMorning, {}, std::nullopt, BroadcastShown{5, "x"}).key != taken.key);
    CHECK(whatPlays(screen(), programs, hall(), kCalendar, kMorning, {}).source() == "program 7");
    CHECK(whatPlays(screen(), programs, hall(), kCalendar, kMorning, {}, Id{7}, broadcast).source() == "program 7");
}
