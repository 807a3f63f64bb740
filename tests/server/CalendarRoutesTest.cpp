// The holiday calendar over HTTP: a year's days (shipped and entered), saving a year (admins only,
// refused in Chinese naming the day), importing a file, what plays on a day; and the checks in
// order, without findings about notices the screens no longer show.
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

#include <Poco/JSON/Array.h>

using namespace gongshi;
using namespace gongshi::test;

namespace {

// The day of a GET /api/calendar/{year} answer, or null.
Poco::JSON::Object::Ptr dayOf(const Response& r, const std::string& date) {
    auto days = r.json()->getArray("days");
    for (std::size_t i = 0; days && i < days->size(); ++i)
        if (str(item(days, i), "date") == date) return item(days, i);
    return nullptr;
}

// What GET /api/plays says screen `screen` plays on `date` at 10:00 (0: the default program).
long long playsOn(Client& c, const std::string& date, long long screen) {
    Response r = c.get("/api/plays?date=" + date + "&time=10:00");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    auto screens = r.json()->getArray("screens");
    for (std::size_t i = 0; i < screens->size(); ++i) {
        auto s = item(screens, i);
        if (num(s, "screen_id") == screen) return s->get("program_id").isEmpty() ? 0 : num(s, "program_id");
    }
    FAIL("no screen " << screen);
    return -1;
}

} // namespace

TEST_CASE("GET /api/calendar/2024 gives the State Council's Spring Festival, editors may read it") {
    ServerFixture f(withoutDelivery());
    Client editor = f.editor();
    Response r = editor.get("/api/calendar/2024");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(num(r.json(), "year") == 2024);
    CHECK(r.json()->getValue<bool>("shipped"));
    auto sunday = dayOf(r, "2024-02-04");
    REQUIRE(sunday);
    CHECK(str(sunday, "kind") == "workday");
    CHECK(str(sunday, "name") == "春节");
    CHECK(str(sunday, "source") == "state-council");
    CHECK(str(dayOf(r, "2024-02-18"), "kind") == "workday");
    for (int d = 10; d <= 17; ++d) CHECK(str(dayOf(r, "2024-02-" + std::to_string(d)), "kind") == "holiday");
    CHECK(dayOf(r, "2024-02-09") == nullptr);

    Response later = editor.get("/api/calendar/2031");
    REQUIRE(later.status == 200);
    CHECK_FALSE(later.json()->getValue<bool>("shipped"));
    CHECK(later.json()->getArray("days")->size() == 0);

    CHECK(editor.get("/api/calendar/abc").status == 400);
    CHECK(f.client().get("/api/calendar/2024").status == 401);
}

TEST_CASE("PUT /api/calendar/{year}: admins only, checked day by day with Chinese messages naming the date, audited") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    Client editor = f.editor();
    const std::string body =
        R"({"year": 2026, "days": [{"date": "2026-11-30", "kind": "holiday", "name": "县庆"},
                                   {"date": "2026-10-10", "kind": "holiday", "name": ""}]})";
    CHECK(editor.put("/api/calendar/2026", body).status == 403);

    Response saved = admin.put("/api/calendar/2026", body);
    REQUIRE_MESSAGE(saved.status == 200, saved.body);
    auto county = dayOf(saved, "2026-11-30");
    REQUIRE(county);
    CHECK(str(county, "name") == "县庆");
    CHECK(str(county, "source") == "centre");
    auto rested = dayOf(saved, "2026-10-10"); // the shipped make-up Saturday, rested after all
    CHECK(str(rested, "kind") == "holiday");
    CHECK(str(rested->getObject("state_council"), "kind") == "workday");
    CHECK(str(dayOf(saved, "2026-10-01"), "source") == "state-council"); // the shipped days stay
    CHECK(str(dayOf(editor.get("/api/calendar/2026"), "2026-11-30"), "name") == "县庆");
    // GET's answer sent back as it is (what the page does): accepted, nothing changes.
    Response again = admin.put("/api/calendar/2026", saved.json());
    REQUIRE_MESSAGE(again.status == 200, again.body);
    CHECK(again.body == saved.body);

    auto refused = [&](const std::string& b, const std::string& message, const std::string& field) {
        Response r = admin.put("/api/calendar/2026", b);
        CHECK(r.status == 400);
        CHECK(r.error() == message);
        CHECK(r.field() == field);
    };
    refused(R"({"days": [{"date": "2026-12-02", "kind": "workday", "name": ""}]})", "2026-12-02是星期三，本来就上班，不能标为调休上班",
            "days[0].kind");
    refused(R"({"days": [{"date": "2026-12-01", "kind": "holiday"}, {"date": "2026-12-05", "kind": "holiday", "name": "x"}]})",
            "2026-12-05是星期六，本来就休息，不能标为放假", "days[1].kind");
    refused(R"({"days": [{"date": "2027-01-04", "kind": "holiday"}]})", "日期2027-01-04不在2026年内", "days[0].date");
    refused(R"({"days": [{"date": "2026-12-01", "kind": "rest"}]})", "类型只能是“放假”或“上班”，而不是“rest”", "days[0].kind");
    refused(R"({"days": [{"date": "2026-12-01", "kind": "holiday"}, {"date": "2026-12-01", "kind": "holiday"}]})",
            "日期2026-12-01出现了两次", "days[1].date");
    refused(R"({"year": 2025, "days": []})", "年份2025与地址中的2026年不一致", "year");
    CHECK(admin.put("/api/calendar/2026", R"({"days": [{"date": "2026-02-30", "kind": "holiday"}]})").field() == "days[0].date");
    // Nothing refused was written.
    CHECK(str(dayOf(admin.get("/api/calendar/2026"), "2026-11-30"), "name") == "县庆");
    CHECK(dayOf(admin.get("/api/calendar/2026"), "2026-12-01") == nullptr);

    Response audit = admin.get("/api/audit?record=calendar&id=2026");
    REQUIRE(audit.status == 200);
    REQUIRE(items(audit)->size() == 2); // the save and the unchanged save
    auto e = item(items(audit), 0);
    CHECK(str(e, "action") == "calendar");
    CHECK(str(e, "user") == "admin");
    CHECK(contains(jsonText(e->getObject("after")), "县庆"));
}

TEST_CASE("POST /api/calendar/import reads 日期,类型,名称 rows, names a bad row, admins only") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    const std::string file = "日期,类型,名称\n2027-02-08,放假,春节\n2027-02-20,上班,春节\n";
    Poco::JSON::Object::Ptr body = new Poco::JSON::Object;
    body->set("text", file);
    CHECK(f.editor().post("/api/calendar/import", body).status == 403);
    Response r = admin.post("/api/calendar/import", body);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(num(r.json(), "days") == 2);
    CHECK(str(r.json(), "message") == "已导入2天（2027年）");
    Response year = admin.get("/api/calendar/2027");
    CHECK(str(dayOf(year, "2027-02-20"), "kind") == "workday");

    body->set("text", std::string("2027-03-01,放假,\n2027-03-07,放假,\n"));
    Response bad = admin.post("/api/calendar/import", body);
    CHECK(bad.status == 400);
    CHECK(bad.error() == "第2行“日期”：2027-03-07是星期日，本来就休息，不能标为放假");
    CHECK(dayOf(admin.get("/api/calendar/2027"), "2027-03-01") == nullptr); // all or nothing
}

TEST_CASE("a working-days-only program does not play on a holiday entered through the API") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    // Screen 1 (大厅横幅屏) plays program 1 08:30-17:30 on working days only; 2026-11-27 is a Friday.
    CHECK(playsOn(admin, "2026-11-27", 1) == 1);
    CHECK(playsOn(admin, "2026-10-05", 1) == 0); // the shipped National Day holiday, a Monday
    CHECK(playsOn(admin, "2026-10-10", 1) == 1); // the shipped make-up Saturday

    REQUIRE(admin.put("/api/calendar/2026", R"({"days": [{"date": "2026-11-27", "kind": "holiday", "name": "县庆"}]})").status == 200);
    Response plays = admin.get("/api/plays?date=2026-11-27");
    CHECK_FALSE(plays.json()->getValue<bool>("working_day"));
    CHECK(str(plays.json(), "day_name") == "县庆");
    CHECK(playsOn(admin, "2026-11-27", 1) == 0);
    CHECK(playsOn(admin, "2026-11-27", 2) == 2); // an all-week program plays on
    CHECK(admin.get("/api/plays?date=2026-13-01").status == 400);
}

TEST_CASE("the demo's checks: errors first, and no finding about expired notices the screens already hide") {
    ServerFixture f(withoutDelivery());
    Response r = f.editor().get("/api/checks");
    REQUIRE(r.status == 200);
    auto list = r.json()->getArray("findings");
    REQUIRE(list->size() > 0);
    bool warned = false;
    int errors = 0;
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto fi = item(list, i);
        CAPTURE(str(fi, "message"));
        CHECK(str(fi, "kind") != "notice-expired-shown");
        CHECK(str(fi, "kind") != "program-notice-expired"); // the demo's programs show notices through lists
        CHECK_FALSE(contains(str(fi, "message"), "仍在"));
        if (str(fi, "severity") == "error") {
            CHECK_FALSE(warned); // no error after a warning
            ++errors;
        } else {
            warned = true;
        }
        CHECK(!str(fi, "record").empty());
        CHECK(!str(fi, "field").empty());
    }
    CHECK(errors > 0);
    CHECK(warned);
}
