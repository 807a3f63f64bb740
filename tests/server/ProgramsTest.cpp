// Programs as the editor makes them: what a save refuses (and names), the lists the editor offers,
// a program played as its card plays it, and a screen's week as the scheduler sees it.
#include "bitmap/ImageIO.h"
#include "records/Database.h"
#include "rules/WorkingDays.h"
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::test;

namespace {

// Screen 1 of the demo is the hall banner: 256 x 32, a bx-k card; screen 5 the hall TV (web).
std::string program(int screen, const std::string& areas) {
    return R"({"screen_id": )" + std::to_string(screen) + R"(, "name": "测试节目", "areas": )" + areas + "}";
}

int programCount(Client& c) { return static_cast<int>(num(c.get("/api/programs").json(), "total")); }

// Lit pixels of `frame` inside the rectangle.
int litIn(const renderer::Bitmap& frame, int x, int y, int w, int h) {
    int n = 0;
    for (int j = y; j < y + h; ++j)
        for (int i = x; i < x + w; ++i) n += frame.lit(i, j) ? 1 : 0;
    return n;
}

} // namespace

TEST_CASE("a program save refuses a mistyped item kind, naming its place in Chinese, and stores nothing") {
    ServerFixture f(withoutDelivery());
    Client c = f.editor();
    const int before = programCount(c);
    Response r = c.post("/api/programs", program(1, R"([{"x": 0, "y": 0, "width": 256, "height": 16, "items": [{"kind": "centre"}]},
        {"x": 0, "y": 16, "width": 256, "height": 16, "effect": "left", "items": [{"kind": "notices"}]}])"));
    CHECK(r.status == 400);
    CHECK(r.field() == "areas[1].items[0].kind");
    CHECK(contains(r.error(), "区域[1].内容[0].类型“notices”无效"));
    CHECK(contains(r.error(), "公告栏（notice-list）"));
    CHECK(programCount(c) == before);
}

TEST_CASE("a program save refuses areas off the screen, overlapping on a card, empty, or too slow, naming the field") {
    ServerFixture f(withoutDelivery());
    Client c = f.editor();
    const int before = programCount(c);

    Response off =
        c.post("/api/programs", program(1, R"([{"x": 200, "y": 0, "width": 100, "height": 16, "items": [{"kind": "centre"}]}])"));
    CHECK(off.status == 400);
    CHECK(off.field() == "areas[0].width");
    CHECK(off.error() == "区域[0]（x 200，y 0，100×16）超出显示屏（256×32）：请把区域移回屏内或缩小");

    Response below =
        c.post("/api/programs", program(1, R"([{"x": 0, "y": 32, "width": 64, "height": 16, "items": [{"kind": "centre"}]}])"));
    CHECK(below.status == 400);
    CHECK(below.field() == "areas[0].y");

    Response empty = c.post("/api/programs", program(1, R"([{"x": 0, "y": 0, "width": 0, "height": 16, "items": [{"kind": "centre"}]}])"));
    CHECK(empty.status == 400);
    CHECK(empty.field() == "areas[0].width");
    CHECK(contains(empty.error(), "宽和高都应大于 0"));

    const std::string overlapping = R"([{"x": 0, "y": 0, "width": 128, "height": 32, "items": [{"kind": "centre"}]},
        {"x": 112, "y": 16, "width": 144, "height": 16, "items": [{"kind": "notice-list"}]}])";
    Response overlap = c.post("/api/programs", program(1, overlapping));
    CHECK(overlap.status == 400);
    CHECK(overlap.field() == "areas[1]");
    CHECK(overlap.error() == "区域[1]与区域[0]重叠：控制卡不能叠放区域，请移开或缩小其中一个");

    Response nothing = c.post("/api/programs", program(1, R"([{"x": 0, "y": 0, "width": 256, "height": 32, "items": []}])"));
    CHECK(nothing.status == 400);
    CHECK(nothing.field() == "areas[0].items");
    CHECK(nothing.error() == "区域[0]没有内容：请至少选择一项要显示的内容");

    Response slow = c.post("/api/programs",
                           program(1, R"([{"x": 0, "y": 0, "width": 256, "height": 32, "speed": 40, "items": [{"kind": "centre"}]}])"));
    CHECK(slow.status == 400);
    CHECK(slow.field() == "areas[0].speed");
    CHECK(slow.error() == "区域[0]的速度应在 1（最快）到 25（最慢）之间，而不是 40");

    Response still =
        c.post("/api/programs",
               program(1, R"([{"x": 0, "y": 0, "width": 256, "height": 32, "dwell_seconds": 0, "items": [{"kind": "centre"}]}])"));
    CHECK(still.status == 400);
    CHECK(still.field() == "areas[0].dwell_seconds");
    CHECK(programCount(c) == before);

    // A web player draws areas one over another: the same overlap is taken there.
    Response tv = c.post("/api/programs", program(5, overlapping));
    CHECK(tv.status == 201);
    CHECK(programCount(c) == before + 1);
}

TEST_CASE("a program item naming a record that does not exist, or none, or another centre's, is refused on its record_id") {
    ServerFixture f(withoutDelivery());
    Client c = f.editor();
    const int before = programCount(c);
    auto one = [&](const std::string& item) {
        return c.post("/api/programs",
                      program(1, R"([{"x": 0, "y": 0, "width": 256, "height": 32, "items": [{"kind": "centre"}, )" + item + "]}]"));
    };
    Response missing = one(R"({"kind": "matter", "record_id": 9999})");
    CHECK(missing.status == 400);
    CHECK(missing.field() == "areas[0].items[1].record_id");
    CHECK(missing.error() == "区域[0].内容[1]的记录：事项 9999 不存在");

    Response none = one(R"({"kind": "window"})");
    CHECK(none.status == 400);
    CHECK(none.field() == "areas[0].items[1].record_id");
    CHECK(none.error() == "区域[0].内容[1]的类型是“窗口状态”，请选择要显示的窗口");

    Response blank = one(R"({"kind": "text", "text": "  "})");
    CHECK(blank.status == 400);
    CHECK(blank.field() == "areas[0].items[1].text");

    // Another centre's notice.
    Response centre =
        c.post("/api/centres", R"({"kind": "township-centre", "county": "测试县", "township": "外镇", "name": "外镇便民服务中心"})");
    REQUIRE_MESSAGE(centre.status == 201, centre.body);
    Response notice = c.post("/api/notices", R"({"centre_id": )" + std::to_string(num(centre.json(), "id")) +
                                                 R"(, "category": "other", "title": "外镇公告", "body": "正文",
        "publish_from": "2026-11-01", "publish_until": "2026-12-31"})");
    REQUIRE_MESSAGE(notice.status == 201, notice.body);
    Response elsewhere = one(R"({"kind": "notice", "record_id": )" + std::to_string(num(notice.json(), "id")) + "}");
    CHECK(elsewhere.status == 400);
    CHECK(elsewhere.field() == "areas[0].items[1].record_id");
    CHECK(contains(elsewhere.error(), "不属于这块显示屏所在的服务中心"));
    CHECK(programCount(c) == before);

    Response good = one(R"({"kind": "matter", "record_id": 1})");
    CHECK(good.status == 201);

    // A save of a stored program is checked the same way, and the stored one stays as it was.
    const std::string stored = c.get("/api/programs/1").body;
    auto p = parseObject(stored);
    p->getArray("areas")->getObject(1)->set("y", 24);
    Response moved = c.put("/api/programs/1", p);
    CHECK(moved.status == 400);
    CHECK(moved.field() == "areas[1].height");
    CHECK(c.get("/api/programs/1").body == stored);
}

TEST_CASE("a clock with a broken pattern, a countdown without a date, a review QR without an address are refused naming the field") {
    ServerFixture f(withoutDelivery());
    Client c = f.editor();
    const int before = programCount(c);
    auto one = [&](const std::string& item) {
        return c.post("/api/programs", program(1, R"([{"x": 0, "y": 0, "width": 256, "height": 32, "items": [)" + item + "]}]"));
    };
    Response clock = one(R"({"kind": "clock", "text": "HH:mm [U年"})");
    CHECK(clock.status == 400);
    CHECK(clock.field() == "areas[0].items[0].text");
    CHECK(contains(clock.error(), "区域[0].内容[0]的时钟格式有误"));
    Response date = one(R"({"kind": "countdown", "text": "2026-02-30"})");
    CHECK(date.status == 400);
    CHECK(date.field() == "areas[0].items[0].text");
    CHECK(date.error() == "区域[0].内容[0]的类型是“倒计时”，截止日期应为 YYYY-MM-DD 格式的日期，而不是“2026-02-30”");
    Response notice = one(R"({"kind": "countdown", "record_id": 9999})");
    CHECK(notice.status == 400);
    CHECK(notice.field() == "areas[0].items[0].record_id");
    CHECK(programCount(c) == before);

    CHECK(one(R"({"kind": "clock", "text": "M月d日 EEEE HH:mm"}, {"kind": "countdown", "text": "2026-12-31"}, {"kind": "review-qr"})")
              .status == 201);
    // Without the centre's review address a QR item has nothing to show.
    auto centre = c.get("/api/centres/1").json();
    centre->set("review_url", "");
    REQUIRE(c.put("/api/centres/1", centre).status == 200);
    Response qr = one(R"({"kind": "review-qr"})");
    CHECK(qr.status == 400);
    CHECK(qr.field() == "areas[0].items[0].kind");
    CHECK(contains(qr.error(), "好差评地址"));
}

TEST_CASE("a program revision naming a record deleted since is not restored, and the program stays as it is") {
    ServerFixture f(withoutDelivery());
    Client c = f.editor();
    Response matter = c.post("/api/matters", R"({"centre_id": 1, "name": "临时事项", "fee": "free"})");
    REQUIRE_MESSAGE(matter.status == 201, matter.body);
    const long long matterId = num(matter.json(), "id");
    Response made =
        c.post("/api/programs", program(1, R"([{"x": 0, "y": 0, "width": 256, "height": 32, "items": [{"kind": "matter", "record_id": )" +
                                               std::to_string(matterId) + "}]}]"));
    REQUIRE_MESSAGE(made.status == 201, made.body);
    const long long id = num(made.json(), "id");
    auto p = made.json();
    p->getArray("areas")->getObject(0)->getArray("items")->getObject(0)->set("kind", "centre");
    REQUIRE(c.put("/api/programs/" + std::to_string(id), p).status == 200);
    REQUIRE(c.del("/api/matters/" + std::to_string(matterId) + "?version=1").status == 204);

    Response restored = c.post("/api/programs/" + std::to_string(id) + "/revisions/1/restore", R"({"version": 2})");
    CHECK(restored.status == 400);
    CHECK(restored.field() == "areas[0].items[0].record_id");
    CHECK(restored.error() == "区域[0].内容[0]的记录：事项 " + std::to_string(matterId) + " 不存在");
    CHECK(num(c.get("/api/programs/" + std::to_string(id)).json(), "version") == 2);
}

TEST_CASE("the program editor's lists name item kinds, effects, speeds and weekdays in Chinese") {
    ServerFixture f(withoutDelivery());
    Client c = f.editor();
    Response r = c.get("/api/program-options");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    auto o = r.json();
    auto kinds = o->getArray("item_kinds");
    REQUIRE(kinds->size() == 12);
    CHECK(str(item(kinds, 0), "value") == "matter");
    CHECK(str(item(kinds, 0), "label") == "事项");
    CHECK(str(item(kinds, 0), "record") == "matters");
    CHECK(str(item(kinds, 6), "value") == "notice-list");
    CHECK(str(item(kinds, 6), "label") == "公告栏");
    CHECK(item(kinds, 6)->get("record").isEmpty());
    CHECK(item(kinds, 7)->getValue<bool>("text"));
    CHECK(str(item(kinds, 8), "value") == "clock");
    CHECK(str(item(kinds, 8), "label") == "时钟");
    CHECK(item(kinds, 8)->getValue<bool>("text"));
    CHECK(contains(str(item(kinds, 8), "placeholder"), "HH:mm"));
    CHECK(str(item(kinds, 9), "value") == "countdown");
    CHECK(str(item(kinds, 9), "label") == "倒计时");
    CHECK(item(kinds, 9)->get("record").isEmpty());
    CHECK(str(item(kinds, 10), "value") == "review-qr");
    CHECK(str(item(kinds, 10), "label") == "好差评二维码");
    CHECK_FALSE(item(kinds, 10)->getValue<bool>("text"));
    CHECK(str(item(kinds, 11), "value") == "image");
    CHECK(str(item(kinds, 11), "label") == "图片");
    CHECK(str(item(kinds, 11), "record") == "pictures");
    CHECK_FALSE(item(kinds, 11)->getValue<bool>("text"));
    auto effects = o->getArray("effects");
    REQUIRE(effects->size() == 3);
    CHECK(str(item(effects, 1), "value") == "left");
    CHECK(str(item(effects, 1), "label") == "左移");
    CHECK(num(item(o->getArray("speeds"), 0), "value") == 1);
    CHECK(str(item(o->getArray("speeds"), 0), "label") == "最快");
    CHECK(str(item(o->getArray("dwells"), 2), "label") == "5 秒");
    CHECK(str(item(o->getArray("weekdays"), 6), "label") == "星期日");
    CHECK(num(o, "slowest_speed") == 25);
    Client anonymous = f.client();
    CHECK(anonymous.get("/api/program-options").status == 401);
}

TEST_CASE("a program plays as its card plays it: the banner's notice line moves in from the right and both areas light") {
    ServerFixture f(withoutDelivery());
    Client c = f.editor();
    Response first = c.get("/api/screens/1/play.png?program=1&t=0");
    REQUIRE_MESSAGE(first.status == 200, first.body);
    CHECK(first.header("Content-Type") == "image/png");
    CHECK(first.header("X-Source") == "program 1");
    const long long next = std::stoll(first.header("X-Next-Change"));
    CHECK(next > 0);
    CHECK(next < 1000); // the marquee moves a pixel every few ten milliseconds
    const renderer::Bitmap start = renderer::decodePng(first.body, "frame");
    CHECK(start.width() == 256);
    CHECK(start.height() == 32);
    CHECK(litIn(start, 0, 0, 256, 16) > 50); // the welcome line stands still
    // Two seconds later the notice line has come in from the right, and only there.
    const renderer::Bitmap later = renderer::decodePng(c.get("/api/screens/1/play.png?program=1&t=2000").body, "frame");
    CHECK(litIn(later, 0, 16, 256, 16) > 20);
    CHECK(litIn(later, 0, 16, 256, 16) != litIn(start, 0, 16, 256, 16));
    CHECK(litIn(later, 0, 0, 256, 16) == litIn(start, 0, 0, 256, 16));
    // Scaled as the previews are, and refused for a program of another screen.
    CHECK(pngSize(c.get("/api/screens/1/play.png?program=1&t=0&scale=2").body) == std::make_pair(512, 64));
    CHECK(c.get("/api/screens/1/play.png?program=2").status == 404);
}

TEST_CASE("a screen's week follows the scheduler: a working-days program is absent on a holiday and plays on a make-up Saturday") {
    ServerFixture f(withoutDelivery());
    content::WorkingDays::saveDay(f.server->database(), "2026-11-25", false, "测试假日");
    content::WorkingDays::saveDay(f.server->database(), "2026-11-28", true, "调休上班");
    Client c = f.editor();
    Response r = c.get("/api/screens/1/week?from=2026-11-23");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    auto days = r.json()->getArray("days");
    REQUIRE(days->size() == 7);
    auto spans = [&](std::size_t d) { return item(days, d)->getArray("spans"); };
    // Monday: the demo's banner program (working days, 08:30-17:30) between the default's spans.
    auto monday = item(days, 0);
    CHECK(str(monday, "date") == "2026-11-23");
    CHECK(num(monday, "weekday") == 1);
    REQUIRE(spans(0)->size() == 3);
    CHECK(num(item(spans(0), 0), "program_id") == 0);
    CHECK(str(item(spans(0), 0), "program") == "默认节目");
    CHECK(str(item(spans(0), 1), "start") == "08:30");
    CHECK(str(item(spans(0), 1), "end") == "17:30");
    CHECK(num(item(spans(0), 1), "program_id") == 1);
    CHECK(str(item(spans(0), 1), "program") == "欢迎语与公告");
    CHECK(str(item(spans(0), 2), "end") == "24:00");
    // Wednesday is a holiday: the default all day.
    auto wednesday = item(days, 2);
    CHECK(str(wednesday, "listed") == "holiday");
    CHECK(str(wednesday, "name") == "测试假日");
    CHECK_FALSE(wednesday->getValue<bool>("working"));
    REQUIRE(spans(2)->size() == 1);
    CHECK(num(item(spans(2), 0), "program_id") == 0);
    // Saturday is a make-up working day: the program plays; Sunday it does not.
    auto saturday = item(days, 5);
    CHECK(str(saturday, "listed") == "make-up");
    CHECK(str(saturday, "name") == "调休上班");
    REQUIRE(spans(5)->size() == 3);
    CHECK(num(item(spans(5), 1), "program_id") == 1);
    REQUIRE(spans(6)->size() == 1);
    CHECK(num(item(spans(6), 0), "program_id") == 0);

    Response bad = c.get("/api/screens/1/week?from=2026-11-31");
    CHECK(bad.status == 400);
    CHECK(bad.field() == "from");
    CHECK(bad.error() == "开始日期应为 YYYY-MM-DD 格式的日期，而不是“2026-11-31”");
    CHECK(c.get("/api/screens/999/week").status == 404);
    // Without `from`: the week of the server's day (2026-11-27, a Friday) from its Monday.
    CHECK(str(c.get("/api/screens/1/week").json(), "from") == "2026-11-23");
}
