// The play record's interval store (records/PlayLog) in a real SQLite file: intervals extended in
// memory, closed and opened on change, written at a bounded rate, ended at the last write after a
// restart, pruned past a retention; and a notice's proof built from them (records/NoticeProof).
#include "records/Database.h"
#include "records/NoticeProof.h"
#include "records/PlayLog.h"
#include "records/RecordStore.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

using namespace gongshi::content;
using gongshi::test::TempDir;

namespace {

const PlayedRecord kNotice{"notice", 7};
const PlayedRecord kOther{"notice", 8};
constexpr std::int64_t T0 = 1'800'000'000; // seconds since 1970
constexpr std::int64_t H = 3600;

std::size_t rows(Database& db) {
    std::size_t n = 0;
    gongshi::content::Connection s = db.session();
    s << "SELECT COUNT(*) FROM play_intervals", Poco::Data::Keywords::into(n), Poco::Data::Keywords::now;
    return n;
}

} // namespace

TEST_CASE("an unchanged picture is one interval whose end moves, written at most once a flush period") {
    TempDir dir("gongshi-playlog");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    PlayLog log(db, std::chrono::seconds(60));
    log.observe(1, true, {kNotice}, T0);
    const auto writesAfterOpen = log.flushes();
    for (int s = 1; s <= 600; ++s) log.observe(1, true, {kNotice}, T0 + s); // ten minutes, once a second
    CHECK(rows(db) == 1);
    CHECK(log.flushes() - writesAfterOpen == 10); // once a minute, not once a second
    log.flush();
    const auto got = PlayLog::intervalsOf(db, kNotice, T0 - H, T0 + H);
    REQUIRE(got.size() == 1);
    CHECK(got[0].screen == 1);
    CHECK(got[0].from == T0);
    CHECK(got[0].until == T0 + 600);
}

TEST_CASE("a change closes what went and opens what came, and offline is an interval of its own") {
    TempDir dir("gongshi-playlog");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    PlayLog log(db);
    log.observe(1, true, {kNotice, kOther}, T0);
    log.observe(1, true, {kNotice, kOther}, T0 + H);
    log.observe(1, true, {kNotice}, T0 + 2 * H);  // notice 8 went
    log.observe(1, false, {kNotice}, T0 + 3 * H); // offline: the card kept nothing we know of
    log.observe(1, true, {kNotice}, T0 + 4 * H);  // back
    log.observe(1, true, {kNotice}, T0 + 5 * H);
    log.flush();
    const auto seven = PlayLog::intervalsOf(db, kNotice, T0, T0 + 10 * H);
    REQUIRE(seven.size() == 2);
    CHECK(seven[0].from == T0);
    CHECK(seven[0].until == T0 + 3 * H);
    CHECK(seven[1].from == T0 + 4 * H);
    CHECK(seven[1].until == T0 + 5 * H);
    const auto eight = PlayLog::intervalsOf(db, kOther, T0, T0 + 10 * H);
    REQUIRE(eight.size() == 1);
    CHECK(eight[0].until == T0 + 2 * H);
    const auto off = PlayLog::offlineOf(db, 1, T0, T0 + 10 * H);
    REQUIRE(off.size() == 1);
    CHECK(off[0].from == T0 + 3 * H);
    CHECK(off[0].until == T0 + 4 * H);
}

TEST_CASE("after a restart the interval still open ends at its last write") {
    TempDir dir("gongshi-playlog");
    {
        Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
        PlayLog log(db, std::chrono::seconds(60));
        log.observe(2, true, {kNotice}, T0);
        log.observe(2, true, {kNotice}, T0 + 30);  // not written: within the flush period
        log.observe(2, true, {kNotice}, T0 + 120); // written
        log.observe(2, true, {kNotice}, T0 + 150); // not written; then the process dies
    }
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    PlayLog log(db);
    log.observe(2, true, {kNotice}, T0 + 600); // the new process: a new interval
    log.flush();
    const auto got = PlayLog::intervalsOf(db, kNotice, T0, T0 + H);
    REQUIRE(got.size() == 2);
    CHECK(got[0].until == T0 + 120);
    CHECK(got[1].from == T0 + 600);
}

TEST_CASE("pruning deletes only intervals that ended before the retention") {
    TempDir dir("gongshi-playlog");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    PlayLog log(db);
    log.observe(1, true, {kNotice}, T0);
    log.observe(1, true, {kOther}, T0 + H);
    log.observe(1, true, {kOther}, T0 + 100 * H);
    log.flush();
    CHECK(rows(db) == 2);
    CHECK(PlayLog::prune(db, T0 + 2 * H) == 1);
    CHECK(rows(db) == 1);
    CHECK(PlayLog::intervalsOf(db, kNotice, 0, T0 + 1000 * H).empty());
    CHECK(PlayLog::intervalsOf(db, kOther, 0, T0 + 1000 * H).size() == 1);
}

TEST_CASE("the records of a picture are read from its segments' sources") {
    const auto got = playedRecordsOf({"welcome", "notice 12", "matter 3", "notice 12", "window 2", "text", "notice x"});
    CHECK(got == std::set<PlayedRecord>{{"matter", 3}, {"notice", 12}, {"window", 2}});
}

TEST_CASE("a notice's proof: hours shown per screen and the gaps, offline told from not shown") {
    TempDir dir("gongshi-playlog");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    ScreenRecord a, b;
    a.meta.id = 1, a.name = "大厅屏";
    b.meta.id = 2, b.name = "窗口屏";
    Notice n;
    n.meta.id = 7;
    n.title = "公示";
    PlayLog log(db);
    const std::int64_t day = T0 - T0 % (24 * H);
    log.observe(1, true, {kNotice}, day);
    log.observe(1, false, {}, day + 10 * H);
    log.observe(1, true, {kNotice}, day + 11 * H);
    log.observe(1, true, {}, day + 20 * H); // out of the program
    log.observe(1, true, {}, day + 24 * H);
    log.flush();
    const NoticeProof p = buildNoticeProof(db, n, "中心", {a, b}, day, day + 24 * H);
    REQUIRE(p.screens.size() == 2);
    CHECK(p.screens[0].secondsShown == 19 * H);
    REQUIRE(p.screens[0].gaps.size() == 2);
    CHECK(p.screens[0].gaps[0].from == day + 10 * H);
    CHECK(p.screens[0].gaps[0].until == day + 11 * H);
    CHECK(p.screens[0].gaps[0].reason == "offline");
    CHECK(p.screens[0].gaps[1].from == day + 20 * H);
    CHECK(p.screens[0].gaps[1].until == day + 24 * H);
    CHECK(p.screens[0].gaps[1].reason == "not_shown");
    CHECK(p.screens[1].secondsShown == 0);
    REQUIRE(p.screens[1].gaps.size() == 1);
    CHECK(p.screens[1].gaps[0].until - p.screens[1].gaps[0].from == 24 * H);
}

TEST_CASE("the log prunes by itself, once a day, what ended before its retention") {
    TempDir dir("gongshi-playlog");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    PlayLog log(db, std::chrono::seconds(60), std::chrono::days(30));
    log.observe(1, true, {kNotice}, T0);
    log.observe(1, true, {kOther}, T0 + H); // notice 7 ended at T0 + H
    log.observe(1, true, {kOther}, T0 + 30 * 24 * H);
    CHECK(PlayLog::intervalsOf(db, kNotice, 0, T0 + 1000 * H).size() == 1); // not yet 30 days since it ended
    log.observe(1, true, {kOther}, T0 + 32 * 24 * H);
    CHECK(PlayLog::intervalsOf(db, kNotice, 0, T0 + 1000 * H).empty());
    CHECK(PlayLog::intervalsOf(db, kOther, 0, T0 + 1000 * H).size() == 1);
}

TEST_CASE("one look at many new screens is one write of a row each, not a write per screen") {
    TempDir dir("gongshi-playlog");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    PlayLog log(db, std::chrono::seconds(60));
    std::vector<PlayLog::Observation> look;
    for (Id s = 1; s <= 300; ++s) look.push_back({s, true, {{"notice", s}}});
    log.observe(look, T0);
    CHECK(log.flushes() == 1);
    CHECK(rows(db) == 300);
    // The next look, nothing changed, within the flush period: nothing written.
    log.observe(look, T0 + 1);
    CHECK(log.flushes() == 1);
    // One screen changed: one write again, the old interval closed and the new one opened.
    look[0].shown = {kOther};
    log.observe(look, T0 + 2);
    CHECK(log.flushes() == 2);
    CHECK(rows(db) == 301);
    const auto got = PlayLog::intervalsOf(db, {"notice", 1}, T0 - H, T0 + H);
    REQUIRE(got.size() == 1);
    CHECK(got[0].until == T0 + 2);
}
