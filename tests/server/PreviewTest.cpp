// Screen previews, ad-hoc rendering and the OpenAPI description.
#include "bitmap/ImageIO.h"
#include "delivery/Clock.h"
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

#include <set>

using namespace gongshi::test;

TEST_CASE("a screen preview is a PNG of the screen's size, scaled on request, paged") {
    ServerFixture f;
    Client c = f.editor();
    Response r = c.get("/api/screens/1/preview.png");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.header("Content-Type") == "image/png");
    CHECK(r.body.substr(0, 8) == "\x89PNG\r\n\x1a\n");
    REQUIRE(!r.header("X-Pages").empty());
    const int pages = std::stoi(r.header("X-Pages"));
    CHECK(pages >= 1);
    CHECK(r.hasHeader("X-Missing"));
    CHECK(pngSize(r.body) == std::make_pair(256, 32));

    Response scaled = c.get("/api/screens/1/preview.png?scale=3");
    REQUIRE(scaled.status == 200);
    CHECK(pngSize(scaled.body) == std::make_pair(768, 96));
    CHECK(scaled.header("X-Pages") == r.header("X-Pages"));

    // Every page exists, and the one after the last is a 400 on "page".
    for (int p = 0; p < pages; ++p) {
        Response page = c.get("/api/screens/1/preview.png?page=" + std::to_string(p));
        CHECK(page.status == 200);
        CHECK(pngSize(page.body) == std::make_pair(256, 32));
    }
    Response beyond = c.get("/api/screens/1/preview.png?page=" + std::to_string(pages));
    CHECK(beyond.status == 400);
    CHECK(beyond.field() == "page");
    CHECK(beyond.header("Content-Type").rfind("application/json", 0) == 0);
    CHECK(c.get("/api/screens/1/preview.png?page=-1").field() == "page");
    CHECK(c.get("/api/screens/1/preview.png?scale=0").field() == "scale");
    CHECK(c.get("/api/screens/999/preview.png").status == 404);

    // The other demo screens at their own sizes.
    CHECK(pngSize(c.get("/api/screens/2/preview.png").body) == std::make_pair(128, 64));
    CHECK(pngSize(c.get("/api/screens/3/preview.png").body) == std::make_pair(64, 16));
    CHECK(pngSize(c.get("/api/screens/5/preview.png").body) == std::make_pair(1920, 1080));
}

namespace {
// The distinct grey levels of a picture: two for LED pixels, many where text edges are smoothed.
std::size_t greyLevels(const std::string& png) {
    const gongshi::renderer::Bitmap b = gongshi::renderer::decodePng(png, "preview");
    std::set<int> levels;
    for (int y = 0; y < b.height(); y += 2)
        for (int x = 0; x < b.width(); x += 2) {
            const auto c = b.pixel(x, y);
            levels.insert((c.r * 299 + c.g * 587 + c.b * 114) / 1000);
        }
    return levels.size();
}
} // namespace

TEST_CASE("a television's preview is its own size and anti-aliased, never LED dots, whatever scale is asked") {
    ServerFixture f;
    Client c = f.editor();
    for (const char* path : {"/api/screens/5/preview.png", "/api/screens/5/preview.png?scale=2", "/api/screens/5/preview.png?scale=16",
                             "/api/screens/5/play.png?t=0", "/api/screens/5/play.png?t=0&scale=4"}) {
        CAPTURE(path);
        Response r = c.get(path);
        REQUIRE_MESSAGE(r.status == 200, r.body);
        CHECK(pngSize(r.body) == std::make_pair(1920, 1080));
        CHECK(greyLevels(r.body) > 16);
    }
    Response preview = c.get("/api/screens/5/preview.png");
    CHECK(preview.header("X-Source") == "default");
    // A record from the editor as the TV shows it: the same size and smoothness.
    Response record =
        c.post("/api/screens/5/record.png?scale=16", R"({"notice": {"category": "other", "title": "停电通知", "body": "今日下午停电"}})");
    REQUIRE_MESSAGE(record.status == 200, record.body);
    CHECK(pngSize(record.body) == std::make_pair(1920, 1080));
    CHECK(greyLevels(record.body) > 16);
    CHECK(record.header("X-Text").find("%E5%81%9C%E7%94%B5%E9%80%9A%E7%9F%A5") != std::string::npos); // 停电通知
    // An LED screen's preview stays LED pixels: lit or not.
    CHECK(greyLevels(c.get("/api/screens/2/preview.png").body) <= 8);
}

TEST_CASE("a window's preview follows its status") {
    ServerFixture f;
    Client c = f.editor();
    // Screen 3 scrolls window 1's status.
    const std::string serving = c.get("/api/screens/3/preview.png").body;
    auto window = c.get("/api/windows/1").json();
    window->set("status", "paused");
    REQUIRE(c.put("/api/windows/1", window).status == 200);
    Response paused = c.get("/api/screens/3/preview.png");
    REQUIRE(paused.status == 200);
    CHECK(paused.body != serving);
}

TEST_CASE("a screen's preview pages follow every edit of what they show, and only then change") {
    ServerFixture f;
    Client c = f.admin();
    // Screen 2 pages through the matter list and the fee table.
    auto allPages = [&] {
        std::vector<std::string> out;
        Response first = c.get("/api/screens/2/preview.png?page=0");
        REQUIRE(first.status == 200);
        const int pages = std::stoi(first.header("X-Pages"));
        out.push_back(first.body);
        for (int p = 1; p < pages; ++p) out.push_back(c.get("/api/screens/2/preview.png?page=" + std::to_string(p)).body);
        return out;
    };
    const auto before = allPages();
    REQUIRE(before.size() > 2);
    CHECK(allPages() == before); // asked again: the same pages

    auto matter = c.get("/api/matters/1").json();
    const std::string name = str(matter, "name");
    matter->set("name", "预览缓存测试事项");
    Response put = c.put("/api/matters/1", matter);
    REQUIRE(put.status == 200);
    const auto edited = allPages();
    CHECK(edited != before);
    // A staff member's phone is on no page: the pages stay as they are.
    auto staff = c.get("/api/staff/1").json();
    staff->set("phone", "13800000001");
    REQUIRE(c.put("/api/staff/1", staff).status == 200);
    CHECK(allPages() == edited);

    auto again = put.json();
    again->set("name", name);
    REQUIRE(c.put("/api/matters/1", again).status == 200);
    CHECK(allPages() == before);
}

TEST_CASE("a screen's preview shows the program the screen plays at that moment, not the one of highest priority") {
    // 10:00 on a working Friday; the screens' clock is the preview's clock.
    gongshi::delivery::ManualClock clock("2026-11-27", 10, 0);
    ServerOptions options;
    options.delivery = false;
    options.clock = &clock;
    ServerFixture f(options);
    Client c = f.admin();
    // Screen 3 plays program 3 (window 1's status) all day. A morning notice outranks it from 08:00 to 09:00.
    auto morning = parseObject(R"({"screen_id": 3, "name": "早间提示", "areas": [{"x": 0, "y": 0, "width": 64,
        "height": 16, "effect": "static", "items": [{"kind": "text", "text": "早上好"}]}],
        "schedule": {"times": [{"start": "08:00", "end": "09:00"}], "priority": 10}})");
    Response created = c.post("/api/programs", morning);
    REQUIRE_MESSAGE(created.status == 201, created.body);
    const std::string morningId = std::to_string(num(created.json(), "id"));

    const std::string windowStatus = c.get("/api/screens/3/preview.png?program=3").body;
    const std::string greeting = c.get("/api/screens/3/preview.png?program=" + morningId).body;
    REQUIRE(windowStatus.substr(0, 8) == "\x89PNG\r\n\x1a\n");
    REQUIRE(greeting != windowStatus);

    Response at10 = c.get("/api/screens/3/preview.png");
    REQUIRE(at10.status == 200);
    CHECK(at10.body == windowStatus);
    clock.set("2026-11-27", 8, 30);
    CHECK(c.get("/api/screens/3/preview.png").body == greeting);
    // Saturday 08:30: the morning notice has no working-day rule, so it still plays.
    clock.set("2026-11-28", 8, 30);
    CHECK(c.get("/api/screens/3/preview.png").body == greeting);
    clock.set("2026-11-28", 9, 0); // its window ends at 09:00
    CHECK(c.get("/api/screens/3/preview.png").body == windowStatus);

    // Screen 1's program plays on working days only: on a Saturday its preview is the default program.
    const std::string hallProgram = c.get("/api/screens/1/preview.png?program=1").body;
    clock.set("2026-11-27", 10, 0);
    CHECK(c.get("/api/screens/1/preview.png").body == hallProgram);
    clock.set("2026-11-28", 10, 0);
    Response saturday = c.get("/api/screens/1/preview.png");
    REQUIRE(saturday.status == 200);
    CHECK(saturday.body != hallProgram);

    Response other = c.get("/api/screens/3/preview.png?program=1");
    CHECK(other.status == 404);
}

TEST_CASE("render.png draws text as gongshi render does, by GET or POST") {
    ServerFixture f;
    Client c = f.editor();
    const std::string text = "青石镇便民服务中心欢迎您";
    const std::string query = "/api/render.png?text=" + encode(text) + "&width=64&height=16&font=led16&color=red-green";
    Response r = c.get(query);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.header("Content-Type") == "image/png");
    CHECK(pngSize(r.body) == std::make_pair(64, 16));
    const int pages = std::stoi(r.header("X-Pages"));
    CHECK(pages >= 2); // twelve characters of 16 px on a 64x16 box: four a page
    CHECK(r.header("X-Lines") == "1");
    CHECK(r.header("X-Missing").empty());

    Response last = c.get(query + "&page=" + std::to_string(pages - 1));
    CHECK(last.status == 200);
    CHECK(last.body != r.body);
    Response beyond = c.get(query + "&page=" + std::to_string(pages));
    CHECK(beyond.status == 400);
    CHECK(beyond.field() == "page");
    Response scaled = c.get(query + "&scale=3");
    CHECK(pngSize(scaled.body) == std::make_pair(192, 48));

    // A bigger box: one page, two lines.
    Response big = c.get("/api/render.png?text=" + encode(text) + "&width=96&height=32&font=led16");
    REQUIRE(big.status == 200);
    CHECK(pngSize(big.body) == std::make_pair(96, 32));
    CHECK(big.header("X-Pages") == "1");
    CHECK(big.header("X-Lines") == "2");

    // The line rules and the gap between lines of gongshi render: a gap of 8 px leaves room for
    // one line only; unknown rules are refused.
    Response gap = c.get("/api/render.png?text=" + encode(text) + "&width=96&height=32&font=led16&line-gap=8&breaks=strict");
    REQUIRE(gap.status == 200);
    CHECK(gap.header("X-Lines") == "1");
    CHECK(c.get("/api/render.png?text=a&width=64&height=16&breaks=loose").status == 400);
    CHECK(c.get("/api/render.png?text=a&width=64&height=16&line-gap=-1").field() == "line-gap");

    // A character no font has is reported.
    Response missing = c.get("/api/render.png?text=" + encode("姓名：王\xF0\xAA\x9B\x97") + "&width=128&height=16");
    REQUIRE(missing.status == 200);
    CHECK(contains(missing.header("X-Missing"), "U+2A6D7"));

    // Bad options.
    CHECK(c.get("/api/render.png?text=a&width=0&height=16").field() == "width");
    CHECK(c.get("/api/render.png?text=a&width=64").field() == "height");
    CHECK(c.get("/api/render.png?text=a&width=64&height=16&color=purple").status == 400);
    CHECK(c.get("/api/render.png?text=a&width=64&height=16&scale=99").field() == "scale");

    // POST with the options as JSON: the same picture and headers; a write, so it needs the token.
    auto body = parseObject(R"({"width": 64, "height": 16, "font": "led16", "color": "red-green"})");
    body->set("text", text);
    Response posted = c.post("/api/render.png", body);
    REQUIRE_MESSAGE(posted.status == 200, posted.body);
    CHECK(posted.header("Content-Type") == "image/png");
    CHECK(posted.body == r.body);
    CHECK(posted.header("X-Pages") == r.header("X-Pages"));
    CHECK(posted.header("X-Lines") == r.header("X-Lines"));
    body->set("page", pages - 1);
    CHECK(c.post("/api/render.png", body).body == last.body);
    auto missingBody = parseObject(R"({"width": 128, "height": 16})");
    missingBody->set("text", "姓名：王\xF0\xAA\x9B\x97");
    CHECK(contains(c.post("/api/render.png", missingBody).header("X-Missing"), "U+2A6D7"));
    c.sendCsrf(false);
    CHECK(c.post("/api/render.png", body).status == 403);
}

TEST_CASE("record.png composes a form's unsaved record as the chosen screen shows it") {
    ServerFixture f;
    Client c = f.editor();
    auto matter = c.get("/api/matters/13").json();
    matter->set("name", "未保存的事项名称");
    matter->set("fee_basis", " \u3000");
    auto body = parseObject("{}");
    body->set("matter", matter);
    // Screen 2 (128x64): the matter's entry, then its fee table row with the basis as the screens word it.
    Response r = c.post("/api/screens/2/record.png", body);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(r.header("Content-Type") == "image/png");
    CHECK(pngSize(r.body) == std::make_pair(128, 64));
    const std::string shown = decode(r.header("X-Text"));
    CHECK(contains(shown, "未保存的事项名称"));
    CHECK(contains(shown, "承诺20个工作日"));
    CHECK(contains(shown, "依据：未载明"));
    CHECK(r.header("X-Missing").empty());
    CHECK(contains(decode(r.header("X-Warnings")), "事项“未保存的事项名称”收费，但没有填写收费依据"));
    // A basis of several documents is shortened on the 128x64 panel by its rule, and the warning says so.
    matter->set("fee_basis", "《中华人民共和国居民身份证法》第二十条；《国家发展改革委 财政部关于居民身份证收费标准及有关问题的通知》"
                             "（发改价格〔2003〕2322号）");
    Response shortened = c.post("/api/screens/2/record.png", body);
    REQUIRE(shortened.status == 200);
    CHECK_FALSE(contains(decode(shortened.header("X-Text")), "2322号"));
    CHECK(contains(decode(shortened.header("X-Warnings")), "事项“未保存的事项名称”的收费依据在屏上缩写为“"));
    matter->set("fee_basis", " \u3000");
    const int pages = std::stoi(r.header("X-Pages"));
    CHECK(pages >= 2);
    Response scaled = c.post("/api/screens/2/record.png?scale=2&page=" + std::to_string(pages - 1), body);
    REQUIRE(scaled.status == 200);
    CHECK(pngSize(scaled.body) == std::make_pair(256, 128));
    Response beyond = c.post("/api/screens/2/record.png?page=" + std::to_string(pages), body);
    CHECK(beyond.status == 400);
    CHECK(beyond.field() == "page");
    // Nothing was stored.
    CHECK(str(c.get("/api/matters/13").json(), "name") != "未保存的事项名称");

    // A notice with a character no font has: reported, and present in the text shown.
    auto notice = c.get("/api/notices/1").json();
    notice->set("title", "王\xF0\xAA\x9B\x97的公示");
    auto nbody = parseObject("{}");
    nbody->set("notice", notice);
    Response n = c.post("/api/screens/2/record.png", nbody);
    REQUIRE_MESSAGE(n.status == 200, n.body);
    CHECK(contains(n.header("X-Missing"), "U+2A6D7"));
    std::string noticeText = decode(n.header("X-Text"));
    std::erase(noticeText, '\n'); // lines as broken on the screen
    CHECK(contains(noticeText, "王\xF0\xAA\x9B\x97的公示"));

    // A window away, on its 64x16 screen: the screens' word is 暂离.
    auto window = c.get("/api/windows/1").json();
    window->set("status", "away");
    auto away = parseObject(R"({"where": "", "why": "", "back_at": "14:30", "phone": ""})");
    window->set("away", away);
    auto wbody = parseObject("{}");
    wbody->set("window", window);
    Response w = c.post("/api/screens/3/record.png", wbody);
    REQUIRE_MESSAGE(w.status == 200, w.body);
    CHECK(pngSize(w.body) == std::make_pair(64, 16));
    CHECK(contains(decode(w.header("X-Text")), "暂离"));
    CHECK(contains(decode(w.header("X-Text")), "14:30回"));

    // Nothing to compose, an unknown screen, no token.
    Response none = c.post("/api/screens/2/record.png", parseObject("{}"));
    CHECK(none.status == 400);
    CHECK(none.field() == "matter");
    CHECK(c.post("/api/screens/999/record.png", body).status == 404);
    c.sendCsrf(false);
    CHECK(c.post("/api/screens/2/record.png", body).status == 403);
}

TEST_CASE("/api/wording words list rows as the screens do") {
    ServerFixture f;
    Client c = f.editor();
    auto matters = c.get("/api/matters?limit=1000").json()->getArray("items");
    auto windows = c.get("/api/windows?limit=1000").json()->getArray("items");
    REQUIRE(matters->size() == 29);
    // Matter 13 charges with a basis, matter 21 charges without one (the demo's fault).
    auto body = parseObject("{}");
    body->set("matters", matters);
    body->set("windows", windows);
    Response r = c.post("/api/wording", body);
    REQUIRE_MESSAGE(r.status == 200, r.body);
    auto words = r.json();
    auto matterWords = words->getArray("matters");
    REQUIRE(matterWords->size() == matters->size());
    for (unsigned i = 0; i < matters->size(); ++i) {
        const int id = matters->getObject(i)->getValue<int>("id");
        auto w = matterWords->getObject(i);
        if (id == 13) {
            CHECK(str(w, "time_limit") == "承诺20个工作日");
            CHECK(str(w, "fee") == "工本费20元");
            CHECK(contains(str(w, "fee_basis"), "发改价格〔2003〕2322号"));
            CHECK(!w->getValue<bool>("fee_basis_missing"));
        }
        if (id == 21) {
            CHECK(str(w, "fee_basis") == "未载明");
            CHECK(w->getValue<bool>("fee_basis_missing"));
        }
    }
    auto windowWords = words->getArray("windows");
    REQUIRE(windowWords->size() == windows->size());
    CHECK(str(windowWords->getObject(0), "status").rfind("服务中", 0) == 0);
    // No record in a list is an empty answer; a matter that is no matter is a 400 naming the field.
    CHECK(c.post("/api/wording", parseObject("{}")).json()->size() == 0);
    Response bad = c.post("/api/wording", parseObject(R"({"matters": [{"name": "x", "promised_days": "abc"}]})"));
    CHECK(bad.status == 400);
}

TEST_CASE("/api/openapi.json describes the API") {
    ServerFixture f;
    Client c = f.client(); // public
    Response r = c.get("/api/openapi.json");
    REQUIRE(r.status == 200);
    CHECK(r.header("Content-Type").rfind("application/json", 0) == 0);
    auto doc = r.json();
    CHECK(str(doc, "openapi").rfind("3.", 0) == 0);
    auto paths = doc->getObject("paths");
    REQUIRE(paths);
    auto matter = paths->getObject("/api/matters/{id}");
    REQUIRE(matter);
    CHECK(matter->has("get"));
    CHECK(matter->has("put"));
    CHECK(matter->has("delete"));
    CHECK(!matter->has("post"));
    REQUIRE(matter->getObject("put"));
    CHECK(matter->getObject("put")->getObject("responses")->has("409"));
    for (const char* p :
         {"/api/session", "/api/matters", "/api/notices/{id}/revisions/{version}/restore", "/api/approvals", "/api/checks", "/api/audit",
          "/api/users/{username}", "/api/screens/{id}/preview.png", "/api/render.png", "/api/windows/{id}/status"}) {
        CAPTURE(p);
        CHECK(paths->has(p));
    }
}

TEST_CASE("a preview that would pass the pixels drawn for one request is refused naming the field, normal sizes pass") {
    ServerFixture f;
    Client c = f.editor();
    // The editor's request that took a minute and 6 GB: 2048 x 2048 enlarged 16 times.
    Response huge = c.get("/api/render.png?text=a&width=2048&height=2048&scale=16");
    CHECK(huge.status == 400);
    CHECK(huge.field() == "scale");
    CHECK(huge.error() == "放大倍数（scale）为16时，图片将有32768×32768像素，超过每次请求的上限8388608像素：这个尺寸最多放大1倍");
    Response posted = c.post("/api/render.png", R"({"text": "a", "width": 2048, "height": 2048, "scale": 16})");
    CHECK(posted.status == 400);
    CHECK(posted.field() == "scale");
    // A size too large even at scale 1 names the width.
    Response wide = c.get("/api/render.png?text=a&width=4096&height=4096");
    CHECK(wide.status == 400);
    CHECK(wide.field() == "width");
    CHECK(wide.error() ==
          "宽度（width）4096、高度（height）4096时，图片将有4096×4096像素，超过每次请求的上限8388608像素：请减小宽度或高度");
    Response fine = c.get("/api/render.png?text=a&width=2048&height=1024&scale=2"); // the limit itself
    CHECK(fine.status == 200);
    CHECK(pngSize(fine.body) == std::make_pair(4096, 2048));
    CHECK(pngSize(c.get("/api/render.png?text=a&width=192&height=64&scale=16").body) == std::make_pair(3072, 1024));

    // Screens: a 512 x 256 LED wall enlarged 16 times is refused, 8 times drawn; the same for one record.
    auto wall = parseObject(R"({"centre_id": 1, "name": "大厅LED墙", "width": 512, "height": 256, "color": "red-green",
        "font_profile": "led16", "protocol": "ddp", "address": "udp:127.0.0.1:4049"})");
    Response created = c.post("/api/screens", wall);
    REQUIRE_MESSAGE(created.status == 201, created.body);
    const std::string id = std::to_string(created.json()->getValue<long long>("id"));
    Response big = c.get("/api/screens/" + id + "/preview.png?scale=16");
    CHECK(big.status == 400);
    CHECK(big.field() == "scale");
    CHECK(contains(big.error(), "这个尺寸最多放大8倍"));
    Response big8 = c.get("/api/screens/" + id + "/preview.png?scale=8");
    CHECK(big8.status == 200);
    CHECK(pngSize(big8.body) == std::make_pair(4096, 2048));
    Response record = c.post("/api/screens/" + id + "/record.png?scale=16", R"({"notice": {"category": "other", "title": "停电通知"}})");
    CHECK(record.status == 400);
    CHECK(record.field() == "scale");
    CHECK(c.post("/api/screens/" + id + "/record.png?scale=2", R"({"notice": {"category": "other", "title": "停电通知"}})").status == 200);
}
