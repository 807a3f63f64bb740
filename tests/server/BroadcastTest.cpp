// Emergency broadcasts through the API: they take over the chosen screens only, ahead of their
// programs, end by the button or by their minutes, survive a restart of the server, and are in the
// audit log. And what staff type where screens and people are set up: an address without its
// transport, a phone number that is none, refused in Chinese naming the field.
#include "delivery/Clock.h"
#include "delivery/DeviceManager.h"
#include "tests/server/ServerFixture.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <chrono>

using namespace gongshi;
using namespace gongshi::test;
using namespace std::chrono_literals;

namespace {

struct BroadcastFixture {
    delivery::ManualClock clock{"2026-11-27", 10, 0};
    std::unique_ptr<ServerFixture> f;

    BroadcastFixture() {
        ServerOptions o;
        o.clock = &clock;
        delivery::DeliveryOptions d;
        d.urgentFor = 0s; // the demo's urgent notice must not mask the programs
        d.connectTimeout = 200ms;
        d.firstBackoff = 200ms;
        d.maxBackoff = 1000ms;
        o.deliveryOptions = d;
        o.beforeStart = [](server::HttpServer& s) { parkScreens(s.database()); };
        f = std::make_unique<ServerFixture>(o);
    }
    delivery::DeviceManager& devices() { return *f->server->devices(); }
    std::string showing(content::Id id) {
        auto h = devices().health(id);
        return h ? h->source : std::string("(no worker)");
    }
    // Whether the screen's worker took `source` after the scheduler looked again at the clock's
    // moment (workers take a plan on their own thread: waited for, briefly).
    bool shows(content::Id id, const std::string& source) {
        devices().refresh();
        return waitFor([&] { return showing(id) == source; });
    }
};

Poco::JSON::Object::Ptr broadcast(const std::string& text, const std::string& screensJson, const std::string& extra = "") {
    return parseObject(R"({"text": ")" + text + R"(", "screens": )" + screensJson + extra + "}");
}

} // namespace

TEST_CASE("an emergency broadcast takes over the chosen screens only, until stopped, and is audited") {
    BroadcastFixture b;
    Client admin = b.f->admin();
    for (content::Id id = 1; id <= 4; ++id) CHECK_MESSAGE(b.shows(id, "program " + std::to_string(id)), b.showing(id));
    CHECK_MESSAGE(b.shows(5, "default"), b.showing(5)); // the TV: a television's own layout

    Response started = admin.post("/api/broadcasts", broadcast("因停电，今日下午暂停办理业务", "[1, 3]"));
    REQUIRE_MESSAGE(started.status == 201, started.body);
    const long long id = num(started.json(), "id");
    CHECK(id > 0);
    CHECK(started.json()->get("ends_at").isEmpty()); // until stopped
    CHECK(started.json()->getValue<bool>("active"));
    const std::string source = "broadcast " + std::to_string(id);
    CHECK_MESSAGE(b.shows(1, source), b.showing(1));
    CHECK_MESSAGE(b.shows(3, source), b.showing(3));
    CHECK(b.showing(2) == "program 2"); // not chosen: untouched
    CHECK(b.showing(5) == "default");
    // The admin preview shows what the screens show.
    CHECK(admin.get("/api/screens/1/preview.png").header("X-Source") == source);
    CHECK(admin.get("/api/screens/2/preview.png").header("X-Source") == "program 2");

    Response list = admin.get("/api/broadcasts");
    REQUIRE(list.status == 200);
    REQUIRE(list.json()->getArray("active")->size() == 1);
    CHECK(num(item(list.json()->getArray("active"), 0), "id") == id);

    // Editors see broadcasts but neither start nor stop them.
    Client editor = b.f->editor();
    CHECK(editor.get("/api/broadcasts").status == 200);
    CHECK(editor.post("/api/broadcasts", broadcast("测试", "\"all\"")).status == 403);
    CHECK(editor.del("/api/broadcasts/" + std::to_string(id)).status == 403);

    Response stopped = admin.del("/api/broadcasts/" + std::to_string(id));
    CHECK(stopped.status == 204);
    CHECK_MESSAGE(b.shows(1, "program 1"), b.showing(1));
    CHECK_MESSAGE(b.shows(3, "program 3"), b.showing(3));
    CHECK(admin.del("/api/broadcasts/" + std::to_string(id)).status == 409); // already over
    CHECK(admin.del("/api/broadcasts/999").status == 404);
    Response again = admin.get("/api/broadcasts");
    CHECK(again.json()->getArray("active")->size() == 0);
    CHECK(str(item(items(again), 0), "stopped_by") == "admin");

    // Start and stop are in the audit log with who, the text and the screens.
    Response audit = admin.get("/api/audit?record=broadcast");
    REQUIRE(audit.status == 200);
    auto entries = items(audit);
    REQUIRE(entries->size() == 2);
    CHECK(str(item(entries, 0), "action") == "broadcast-stop");
    CHECK(str(item(entries, 1), "action") == "broadcast-start");
    CHECK(str(item(entries, 1), "user") == "admin");
    CHECK(contains(str(item(entries, 1), "after"), "因停电，今日下午暂停办理业务"));
    auto screens = parseObject(str(item(entries, 1), "after"))->getArray("screens");
    REQUIRE(screens);
    CHECK(screens->size() == 2);
    CHECK(screens->getElement<int>(0) == 1);
    CHECK(screens->getElement<int>(1) == 3);
}

TEST_CASE("a broadcast for some minutes ends by itself, and one until stopped outlives a restart of the server") {
    BroadcastFixture b;
    Client admin = b.f->admin();
    Response timed = admin.post("/api/broadcasts", broadcast("请到二楼办理", "\"all\"", R"(, "centre_id": 1, "minutes": 5)"));
    REQUIRE_MESSAGE(timed.status == 201, timed.body);
    CHECK(num(timed.json(), "minutes") == 5);
    const std::string source = "broadcast " + std::to_string(num(timed.json(), "id"));
    for (content::Id id = 1; id <= 5; ++id) CHECK_MESSAGE(b.shows(id, source), b.showing(id));
    b.clock.advance(4min + 59s);
    CHECK_MESSAGE(b.shows(2, source), b.showing(2));
    b.clock.advance(2s);
    for (content::Id id = 1; id <= 4; ++id) CHECK_MESSAGE(b.shows(id, "program " + std::to_string(id)), b.showing(id));
    CHECK_MESSAGE(b.shows(5, "default"), b.showing(5)); // the TV: a television's own layout

    Response open = admin.post("/api/broadcasts", broadcast("系统维护，暂停取号", "[2]"));
    REQUIRE(open.status == 201);
    const long long id = num(open.json(), "id");
    CHECK_MESSAGE(b.shows(2, "broadcast " + std::to_string(id)), b.showing(2));

    b.f->restart();
    CHECK_MESSAGE(b.shows(2, "broadcast " + std::to_string(id)), b.showing(2)); // read back from the database
    CHECK(b.showing(1) == "program 1");
    Client again = b.f->admin();
    Response stopped = again.post("/api/broadcasts/" + std::to_string(id) + "/stop", "{}");
    REQUIRE_MESSAGE(stopped.status == 200, stopped.body);
    CHECK_FALSE(stopped.json()->getValue<bool>("active"));
    CHECK_MESSAGE(b.shows(2, "program 2"), b.showing(2));
}

TEST_CASE("a broadcast is refused before it starts: characters the screens' fonts lack, no screens, bad minutes") {
    BroadcastFixture b;
    Client admin = b.f->admin();
    // U+2A6D7 is in no LED font: named with the screen, nothing started.
    Response missing = admin.post("/api/broadcasts", broadcast("请王\xF0\xAA\x9B\x97到窗口", "[1]"));
    CHECK(missing.status == 400);
    CHECK(missing.field() == "text");
    CHECK(contains(missing.error(), "U+2A6D7"));
    CHECK(contains(missing.error(), "大厅横幅屏"));
    CHECK(admin.get("/api/broadcasts").json()->getArray("items")->size() == 0);
    CHECK_MESSAGE(b.shows(1, "program 1"), b.showing(1));

    CHECK(admin.post("/api/broadcasts", broadcast("  ", "[1]")).field() == "text");
    CHECK(admin.post("/api/broadcasts", broadcast("通知", "[]")).field() == "screens");
    CHECK(admin.post("/api/broadcasts", broadcast("通知", "\"some\"")).field() == "screens");
    Response unknown = admin.post("/api/broadcasts", broadcast("通知", "[1, 99]"));
    CHECK(unknown.status == 400);
    CHECK(unknown.field() == "screens[1]");
    CHECK(contains(unknown.error(), "99"));
    Response minutes = admin.post("/api/broadcasts", broadcast("通知", "[1]", R"(, "minutes": 0)"));
    CHECK(minutes.field() == "minutes");
    CHECK(contains(minutes.error(), "插播时长"));

    // The takeover previewed on each chosen screen before it starts, with what its font lacks.
    Response preview = admin.post("/api/screens/3/record.png", parseObject(R"({"broadcast": {"text": "暂停办理"}})"));
    REQUIRE_MESSAGE(preview.status == 200, preview.body);
    CHECK(pngSize(preview.body) == std::make_pair(64, 16));
    CHECK(contains(decode(preview.header("X-Text")), "暂停办理"));
}

TEST_CASE("a screen address without its transport is refused at save time in Chinese naming address") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    auto screen = copyObject(admin.get("/api/screens/1").json());
    auto save = [&](const std::string& address) {
        auto o = copyObject(screen);
        o->set("address", address);
        return admin.put("/api/screens/1", o);
    };
    Response bare = save("10.0.0.5:5005");
    CHECK(bare.status == 400);
    CHECK(bare.field() == "address");
    CHECK(contains(bare.error(), "地址“10.0.0.5:5005”没有写明连接方式"));
    CHECK(save("ftp:10.0.0.5:5005").field() == "address");
    CHECK(contains(save("localhost:5005").error(), "没有写明连接方式"));
    CHECK(contains(save("/dev/ttyUSB0").error(), "没有写明连接方式"));
    CHECK(contains(save("tcp:10.0.0.5").error(), "缺少主机或端口"));
    CHECK(contains(save("tcp:10.0.0.5:99999").error(), "端口"));
    CHECK(contains(save("serial:ttyUSB0@9600").error(), "/dev/ttyUSB0"));
    CHECK(contains(save("serial:/dev/ttyUSB0").error(), "波特率"));
    CHECK(contains(save("web:").error(), "网页播放器"));
    // Nothing was stored by the refusals; a good address saves.
    CHECK(str(admin.get("/api/screens/1").json(), "address") == "tcp:127.0.0.1:5005");
    Response good = save("tcp:10.0.0.5:5005");
    REQUIRE_MESSAGE(good.status == 200, good.body);
    CHECK(str(good.json(), "address") == "tcp:10.0.0.5:5005");
    // A web player's screen keeps web:.
    auto tv = copyObject(admin.get("/api/screens/5").json());
    tv->set("address", "tcp:10.0.0.5:5005");
    CHECK(admin.put("/api/screens/5", tv).field() == "address");
}

TEST_CASE("testing a screen's link asks the card with a bounded wait and answers in Chinese") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    // Nothing listens on TCP port 1: the connection is refused, said in Chinese, quickly.
    const auto started = std::chrono::steady_clock::now();
    Response refused =
        admin.post("/api/screens/test-link", parseObject(R"({"protocol": "bx-6", "address": "tcp:127.0.0.1:1", "timeout_ms": 500})"));
    REQUIRE_MESSAGE(refused.status == 200, refused.body);
    CHECK_FALSE(refused.json()->getValue<bool>("answered"));
    CHECK(contains(str(refused.json(), "message"), "连接不上tcp:127.0.0.1:1"));
    CHECK(std::chrono::steady_clock::now() - started < 3s);
    Response bad = admin.post("/api/screens/test-link", parseObject(R"({"protocol": "bx-6", "address": "10.0.0.5:5005"})"));
    CHECK(bad.status == 400);
    CHECK(bad.field() == "address");
    // An emulated BX-6 card answers the status question: said in Chinese, with what the card told.
    TempDir card("gongshi-link-card");
    BackgroundProcess emulator({gongshiBinary(), "emulate", "--protocol", "bx-6", "--width", "64", "--height", "16", "--color", "red-green",
                                "--out-dir", card.str(), "--max-seconds", "60", "--listen", "tcp:127.0.0.1:0"});
    const std::string line = emulator.readLine(20000);
    REQUIRE_MESSAGE(line.rfind("listening on ", 0) == 0, line);
    auto asked = parseObject(R"({"protocol": "bx-6", "timeout_ms": 2000})");
    asked->set("address", line.substr(std::string("listening on ").size()));
    Response answered = admin.post("/api/screens/test-link", asked);
    REQUIRE_MESSAGE(answered.status == 200, answered.body);
    CHECK(answered.json()->getValue<bool>("answered"));
    CHECK(contains(str(answered.json(), "message"), "控制卡已应答（bx-6，"));
    Response ports = admin.get("/api/ports");
    REQUIRE(ports.status == 200);
    CHECK(ports.json()->getArray("bauds")->size() == 5);
}

TEST_CASE("phone numbers and a return time are checked where staff type them") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    auto staff = copyObject(admin.get("/api/staff/1").json());
    staff->set("phone", "abc");
    Response abc = admin.put("/api/staff/1", staff);
    CHECK(abc.status == 400);
    CHECK(abc.field() == "phone");
    CHECK(contains(abc.error(), "电话应为手机号"));
    for (const char* good : {"13812345678", "028-12345678", "0833-6201101", "02812345678"}) {
        auto o = copyObject(admin.get("/api/staff/1").json());
        o->set("phone", good);
        Response r = admin.put("/api/staff/1", o);
        CHECK_MESSAGE(r.status == 200, good << ": " << r.body);
    }
    for (const char* bad : {"12812345678", "1381234567", "28-12345678", "028-1234", "0833 6201101"}) {
        auto o = copyObject(admin.get("/api/staff/1").json());
        o->set("phone", bad);
        CHECK_MESSAGE(admin.put("/api/staff/1", o).field() == "phone", bad);
    }
    // The window page's away form.
    Response away =
        admin.put("/api/windows/1/status",
                  parseObject(R"({"status": "away", "away": {"where": "村委会", "why": "核查", "back_at": "15:30", "phone": "abc"}})"));
    CHECK(away.status == 400);
    CHECK(away.field() == "away.phone");
    Response late =
        admin.put("/api/windows/1/status",
                  parseObject(R"({"status": "away", "away": {"where": "村委会", "why": "核查", "back_at": "25:00", "phone": ""}})"));
    CHECK(late.field() == "away.back_at");
    CHECK(contains(late.error(), "预计返回"));
}
