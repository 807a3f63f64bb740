// Queue calls (叫号) through the API: a token of scope "calls" calls a window with no session and
// no CSRF and can do nothing else; staff call with their session; bad tickets, seconds and
// windows are refused in Chinese naming the field; every call is logged; the window's screens and
// the hall strip (screen option calls=hall) show it for its seconds, then yield, the admin
// preview too. Admins make and remove the tokens through the API; nobody else may.
#include "bitmap/ImageIO.h"
#include "compose/ScreenPlan.h"
#include "delivery/Clock.h"
#include "delivery/DeviceManager.h"
#include "delivery/ScreenContent.h"
#include "layout/TextRenderer.h"
#include "records/Publication.h"
#include "records/QueueCalls.h"
#include "records/RecordStore.h"
#include "rules/WhatPlays.h"
#include "server/ApiTokens.h"
#include "server/Auth.h"
#include "tests/server/ServerFixture.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <Poco/Data/Session.h>

#include <chrono>

using namespace gongshi;
using namespace gongshi::test;
using namespace std::chrono_literals;
using namespace Poco::Data::Keywords;

namespace {

Response withToken(Client& c, const std::string& method, const std::string& target, const std::string& token,
                   const std::string& body = "") {
    return c.request(method, target, body, {{"Authorization", "Bearer " + token}});
}

Response call(Client& c, content::Id window, const std::string& token, const std::string& body) {
    return withToken(c, "POST", "/api/windows/" + std::to_string(window) + "/call", token, body);
}

} // namespace

TEST_CASE("a calls token is kept as a hash only, calls a window without session or CSRF, and can do nothing else") {
    ServerFixture f(withoutDelivery());
    server::ApiTokens tokens(f.server->database());
    const std::string token = tokens.add("jiaohao", "calls");
    CHECK(token.size() > 40);
    {
        gongshi::content::Connection s = f.server->database().session();
        std::string hash, name;
        s << "SELECT token_hash, name FROM api_tokens", into(hash), into(name), now;
        CHECK(name == "jiaohao");
        CHECK(hash == server::Auth::sha256Hex(token));
        CHECK(hash.find(token) == std::string::npos);
    }
    // A second token of the same name is refused; an unknown scope too.
    CHECK_THROWS_AS(tokens.add("jiaohao", "calls"), ConflictError);
    CHECK_THROWS_AS(tokens.add("other", "records"), ValidationError);

    Client machine = f.client(); // no session, no CSRF token
    machine.sendCsrf(false);
    Response r = call(machine, 3, token, R"({"ticket": "A012", "seconds": 30})");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(str(r.json(), "text") == "请 A012 号到 3 号窗口");
    CHECK(str(r.json(), "by") == "jiaohao");
    CHECK(str(r.json(), "via") == "token");
    CHECK(num(r.json(), "seconds") == 30);

    // Nothing else: records neither read nor written, nor the log, nor anything of admins.
    for (const auto& [method, target, body] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"GET", "/api/matters", ""},
             {"GET", "/api/windows/3", ""},
             {"PUT", "/api/windows/3/status", R"({"status": "away"})"},
             {"POST", "/api/notices", R"({"title": "x"})"},
             {"GET", "/api/calls", ""},
             {"POST", "/api/broadcasts", R"({"text": "x", "screens": "all"})"}}) {
        Response refused = withToken(machine, method, target, token, body);
        CHECK_MESSAGE(refused.status == 403, method << " " << target << ": " << refused.status << " " << refused.body);
        CHECK(contains(refused.error(), "只能用于排队叫号"));
    }
    // A wrong token, another form of Authorization, none at all: 401 in Chinese.
    Response wrong = call(machine, 3, token + "0", R"({"ticket": "A013"})");
    CHECK(wrong.status == 401);
    CHECK(contains(wrong.error(), "令牌无效"));
    CHECK(wrong.field() == "Authorization");
    Response basic = machine.request("POST", "/api/windows/3/call", R"({"ticket": "A013"})", {{"Authorization", "Basic YTpi"}});
    CHECK(basic.status == 401);
    CHECK(contains(basic.error(), "Bearer"));
    Response none = machine.post("/api/windows/3/call", R"({"ticket": "A013"})");
    CHECK(none.status == 401);
    CHECK(contains(none.error(), "请先登录"));

    // Removed, it stops working at once.
    const auto listed = tokens.list();
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].scope == "calls");
    CHECK_FALSE(listed[0].lastUsedAt.empty());
    tokens.remove("jiaohao");
    CHECK_THROWS_AS(tokens.remove("jiaohao"), NotFoundError);
    CHECK(call(machine, 3, token, R"({"ticket": "A014"})").status == 401);
}

TEST_CASE("staff call with their session and CSRF token, window staff their own window only") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    Response r = admin.post("/api/windows/2/call", R"({"ticket": "b7"})");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK(str(r.json(), "ticket") == "B7"); // letters in upper case
    CHECK(str(r.json(), "text") == "请 B7 号到 2 号窗口");
    CHECK(str(r.json(), "via") == "session");
    CHECK(str(r.json(), "by") == "admin");
    CHECK(num(r.json(), "seconds") == 30); // the default

    admin.sendCsrf(false);
    Response noCsrf = admin.post("/api/windows/2/call", R"({"ticket": "B8"})");
    CHECK(noCsrf.status == 403);
    CHECK(noCsrf.field() == "X-CSRF-Token");

    server::Auth(f.server->database()).addUser("win3", "window", 3, kPassword, "test");
    Client win = f.login("win3");
    CHECK(win.post("/api/windows/3/call", R"({"ticket": "C1"})").status == 200);
    Response other = win.post("/api/windows/4/call", R"({"ticket": "C2"})");
    CHECK(other.status == 403);
    CHECK_FALSE(other.error().empty());
}

TEST_CASE("bad tickets, seconds and windows are refused in Chinese naming the field") {
    ServerFixture f(withoutDelivery());
    const std::string token = server::ApiTokens(f.server->database()).add("q", "calls");
    Client c = f.client();
    struct Case {
        std::string body, field, says;
    };
    for (const auto& k : std::vector<Case>{{R"({})", "ticket", "不能为空"},
                                           {R"({"ticket": "  "})", "ticket", "不能为空"},
                                           {R"({"ticket": "A-12"})", "ticket", "只能由英文字母和数字组成"},
                                           {R"({"ticket": "一二"})", "ticket", "只能由英文字母和数字组成"},
                                           {R"({"ticket": "ABCDEFGHIJK"})", "ticket", "最多10个"},
                                           {R"({"ticket": true})", "ticket", "只能由英文字母和数字组成"},
                                           {R"({"ticket": "A1", "seconds": 4})", "seconds", "5到600"},
                                           {R"({"ticket": "A1", "seconds": 601})", "seconds", "收到“601”"},
                                           {R"({"ticket": "A1", "seconds": "x"})", "seconds", "5到600"},
                                           {R"({"ticket": "A1", "seconds": 2.5})", "seconds", "5到600"}}) {
        Response r = call(c, 3, token, k.body);
        CHECK_MESSAGE(r.status == 400, k.body << ": " << r.body);
        CHECK_MESSAGE(r.field() == k.field, k.body << ": " << r.body);
        CHECK_MESSAGE(contains(r.error(), k.says), k.body << ": " << r.body);
    }
    Response gone = call(c, 99, token, R"({"ticket": "A1"})");
    CHECK(gone.status == 404);
    CHECK(contains(gone.error(), "窗口"));
    CHECK(call(c, 3, token, "not json").status == 400);
    // Nothing refused was logged.
    CHECK(content::recentQueueCalls(f.server->database(), 0, 0, 100).empty());
    Response ok = call(c, 3, token, R"({"ticket": "Z9", "seconds": "600"})");
    CHECK(ok.status == 200);
    CHECK(num(ok.json(), "seconds") == 600);
}

TEST_CASE("every call is logged, listed newest first by window and from a day") {
    ServerFixture f(withoutDelivery());
    const std::string token = server::ApiTokens(f.server->database()).add("q", "calls");
    Client machine = f.client();
    for (const auto& [window, ticket] : std::vector<std::pair<int, std::string>>{{1, "A1"}, {3, "A2"}, {1, "A3"}, {5, "A4"}})
        REQUIRE(call(machine, window, token, R"({"ticket": ")" + ticket + R"("})").status == 200);
    Client admin = f.admin();
    REQUIRE(admin.post("/api/windows/3/call", R"({"ticket": "A5", "seconds": 10})").status == 200);

    Response all = admin.get("/api/calls");
    REQUIRE_MESSAGE(all.status == 200, all.body);
    auto list = items(all);
    REQUIRE(list->size() == 5);
    CHECK(str(item(list, 0), "ticket") == "A5");
    CHECK(str(item(list, 0), "by") == "admin");
    CHECK(num(item(list, 0), "seconds") == 10);
    CHECK(str(item(list, 4), "ticket") == "A1");
    CHECK(str(item(list, 4), "by") == "q");
    CHECK(str(item(list, 4), "via") == "token");
    CHECK_FALSE(str(item(list, 4), "called_at").empty());

    auto ofOne = items(admin.get("/api/calls?window=1"));
    REQUIRE(ofOne->size() == 2);
    CHECK(str(item(ofOne, 0), "ticket") == "A3");
    CHECK(items(admin.get("/api/calls?limit=2"))->size() == 2);
    CHECK(items(admin.get("/api/calls?from=2099-01-01"))->size() == 0);
    CHECK(items(admin.get("/api/calls?from=2000-01-01"))->size() == 5);
    Response bad = admin.get("/api/calls?from=2026-13-01");
    CHECK(bad.status == 400);
    CHECK(bad.field() == "from");
    CHECK(f.client().get("/api/calls").status == 401);
}

namespace {

struct CallFixture {
    delivery::ManualClock clock{"2026-11-27", 10, 0}; // inside the hall strip's program hours
    std::unique_ptr<ServerFixture> f;
    std::string token;

    CallFixture() {
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
        token = server::ApiTokens(f->server->database()).add("q", "calls");
    }
    std::string showing(content::Id id) {
        auto h = f->server->devices()->health(id);
        return h ? h->source : std::string("(no worker)");
    }
    bool shows(content::Id id, const std::string& source) {
        f->server->devices()->refresh();
        return waitFor([&] { return showing(id) == source; });
    }
    long long call(content::Id window, const std::string& ticket, int seconds) {
        Client c = f->client();
        Response r = ::call(c, window, token, R"({"ticket": ")" + ticket + R"(", "seconds": )" + std::to_string(seconds) + "}");
        REQUIRE_MESSAGE(r.status == 200, r.body);
        return num(r.json(), "id");
    }
};

} // namespace

TEST_CASE("a call shows on its window's screens and the hall strip for its seconds, a newer call of the window replaces it") {
    // The demo: screen 1 大厅横幅屏 (calls=hall), 2 大厅事项屏, 3 the window screen of window 1,
    // 4 that of window 4, 5 the TV (its own layout).
    CallFixture c;
    for (content::Id id = 1; id <= 4; ++id) REQUIRE_MESSAGE(c.shows(id, "program " + std::to_string(id)), c.showing(id));
    REQUIRE_MESSAGE(c.shows(5, "default"), c.showing(5)); // the TV: its own layout, no program

    const long long first = c.call(1, "A012", 20);
    const std::string one = "call " + std::to_string(first);
    CHECK_MESSAGE(c.shows(3, one), c.showing(3));
    CHECK_MESSAGE(c.shows(1, one), c.showing(1));
    CHECK(c.showing(4) == "program 4"); // another window's screen
    CHECK(c.showing(2) == "program 2"); // neither a window's screen nor a hall strip
    CHECK(c.showing(5) == "default");

    // Window 4 too: the hall strip shows both, newest first; each window screen its own.
    c.clock.advance(5s);
    const long long second = c.call(4, "B003", 20);
    CHECK_MESSAGE(c.shows(1, "call " + std::to_string(second) + " " + std::to_string(first)), c.showing(1));
    CHECK_MESSAGE(c.shows(4, "call " + std::to_string(second)), c.showing(4));
    CHECK(c.showing(3) == one);

    // A newer call of window 1 replaces its older one everywhere.
    const long long third = c.call(1, "A013", 20);
    CHECK_MESSAGE(c.shows(3, "call " + std::to_string(third)), c.showing(3));
    CHECK_MESSAGE(c.shows(1, "call " + std::to_string(third) + " " + std::to_string(second)), c.showing(1));

    // Time up (both running calls were made 5 s in, for 20 s): every screen yields back to its program.
    c.clock.advance(21s);
    CHECK_MESSAGE(c.shows(1, "program 1"), c.showing(1));
    CHECK_MESSAGE(c.shows(3, "program 3"), c.showing(3));
    CHECK_MESSAGE(c.shows(4, "program 4"), c.showing(4));
}

TEST_CASE("the screen option calls: hall, window or off, anything else refused at save naming options.calls") {
    CallFixture c;
    Client admin = c.f->admin();
    auto setCalls = [&](content::Id screen, const std::string& value) {
        Response got = admin.get("/api/screens/" + std::to_string(screen));
        auto o = copyObject(got.json());
        Poco::JSON::Object::Ptr options = new Poco::JSON::Object;
        options->set("calls", value);
        o->set("options", options);
        return admin.put("/api/screens/" + std::to_string(screen), o);
    };
    Response bad = setCalls(2, "everywhere");
    CHECK(bad.status == 400);
    CHECK(bad.field() == "options.calls");
    CHECK(contains(bad.error(), "hall"));
    REQUIRE(setCalls(2, "hall").status == 200); // the matter panel takes every call too
    REQUIRE(setCalls(3, "off").status == 200);  // window 1's screen none
    // A saved screen is driven afresh: wait until both show their programs again before calling.
    REQUIRE_MESSAGE(c.shows(2, "program 2"), c.showing(2));
    REQUIRE_MESSAGE(c.shows(3, "program 3"), c.showing(3));
    const long long id = c.call(1, "A1", 10);
    CHECK_MESSAGE(c.shows(2, "call " + std::to_string(id)), c.showing(2));
    CHECK_MESSAGE(c.shows(3, "program 3"), c.showing(3));
}

namespace {

int tokenRows(server::HttpServer& s) {
    gongshi::content::Connection db = s.database().session();
    int n = 0;
    db << "SELECT COUNT(*) FROM api_tokens", into(n), now;
    return n;
}

} // namespace

TEST_CASE("admins make, list and remove the queue system's tokens through the API, audited, the token kept as a hash only") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    Response made = admin.post("/api/tokens", R"({"name": "jiaohao", "scope": "calls"})");
    REQUIRE_MESSAGE(made.status == 201, made.body);
    const std::string token = str(made.json(), "token");
    CHECK(token.rfind("gst_", 0) == 0);
    CHECK(token.size() > 40);
    CHECK(str(made.json(), "name") == "jiaohao");
    CHECK(str(made.json(), "scope") == "calls");
    CHECK_FALSE(str(made.json(), "created_at").empty());
    CHECK(made.json()->get("last_used_at").isEmpty());
    {
        gongshi::content::Connection s = f.server->database().session();
        std::string hash;
        s << "SELECT token_hash FROM api_tokens WHERE name = 'jiaohao'", into(hash), now;
        CHECK(hash == server::Auth::sha256Hex(token));
    }

    // Listed without the token or its hash.
    Response listed = admin.get("/api/tokens");
    REQUIRE(listed.status == 200);
    REQUIRE(items(listed)->size() == 1);
    CHECK(str(item(items(listed), 0), "name") == "jiaohao");
    CHECK_FALSE(contains(listed.body, token));
    CHECK_FALSE(contains(listed.body, server::Auth::sha256Hex(token)));
    CHECK_FALSE(item(items(listed), 0)->has("token"));

    // The token calls a window; its use is noted.
    Client machine = f.client();
    machine.sendCsrf(false);
    Response called = call(machine, 3, token, R"({"ticket": "A012"})");
    REQUIRE_MESSAGE(called.status == 200, called.body);
    CHECK(str(called.json(), "by") == "jiaohao");
    CHECK_FALSE(item(items(admin.get("/api/tokens")), 0)->get("last_used_at").isEmpty());

    // Refusals in Chinese naming the field; nothing stored.
    struct Case {
        std::string body;
        int status;
        std::string field, says;
    };
    for (const auto& k : std::vector<Case>{{R"({"name": "jiaohao"})", 409, "name", "已存在"},
                                           {R"({"name": ""})", 400, "name", "令牌名称不能为空"},
                                           {R"({})", 400, "name", "令牌名称不能为空"},
                                           {R"({"name": ")" + std::string(65, 'a') + R"("})", 400, "name", "最多64个字符"},
                                           {R"({"name": "叫号机"})", 400, "name", "只能由英文字母、数字"},
                                           {R"({"name": "q2", "scope": "records"})", 400, "scope", "未知的令牌用途"},
                                           {R"({"name": 5})", 400, "name", "令牌名称"}}) {
        Response r = admin.post("/api/tokens", k.body);
        CHECK_MESSAGE(r.status == k.status, k.body << ": " << r.body);
        CHECK_MESSAGE(r.field() == k.field, k.body << ": " << r.body);
        CHECK_MESSAGE(contains(r.error(), k.says), k.body << ": " << r.body);
    }
    CHECK(tokenRows(*f.server) == 1);

    // Editors, window staff, the token itself and a write without CSRF are refused; nothing changes.
    server::Auth(f.server->database()).addUser("win3", "window", 3, kPassword, "test");
    Client editor = f.editor();
    Client win = f.login("win3");
    for (Client* c : {&editor, &win}) {
        CHECK(c->get("/api/tokens").status == 403);
        CHECK(c->post("/api/tokens", R"({"name": "mine"})").status == 403);
        CHECK(c->del("/api/tokens/jiaohao").status == 403);
    }
    CHECK(withToken(machine, "GET", "/api/tokens", token).status == 403);
    CHECK(withToken(machine, "POST", "/api/tokens", token, R"({"name": "mine"})").status == 403);
    admin.sendCsrf(false);
    Response noCsrf = admin.post("/api/tokens", R"({"name": "mine"})");
    CHECK(noCsrf.status == 403);
    CHECK(noCsrf.field() == "X-CSRF-Token");
    admin.sendCsrf(true);
    CHECK(tokenRows(*f.server) == 1);

    // Removed: the queue system is refused at once; a second removal finds nothing.
    CHECK(admin.del("/api/tokens/jiaohao").status == 204);
    CHECK(call(machine, 3, token, R"({"ticket": "A013"})").status == 401);
    Response again = admin.del("/api/tokens/jiaohao");
    CHECK(again.status == 404);
    CHECK(contains(again.error(), "jiaohao"));
    CHECK(items(admin.get("/api/tokens"))->size() == 0);

    // Both in the audit log, by the admin, with the name and scope, never the token.
    Response audit = admin.get("/api/audit?record=token");
    REQUIRE(audit.status == 200);
    auto entries = items(audit);
    REQUIRE(entries->size() == 2);
    CHECK(str(item(entries, 0), "action") == "token-remove");
    CHECK(str(item(entries, 1), "action") == "token-add");
    CHECK(str(item(entries, 1), "user") == "admin");
    CHECK(contains(str(item(entries, 1), "after"), "jiaohao"));
    CHECK_FALSE(contains(audit.body, token));
    CHECK_FALSE(contains(audit.body, server::Auth::sha256Hex(token)));
}

namespace {

// The first page of screen `id` as the preview draws it while `calls` run.
renderer::Bitmap previewWithCalls(server::HttpServer& s, content::Id screenId, const std::vector<content::CallShown>& calls) {
    static thread_local renderer::TextRenderer r;
    content::Database& db = s.database();
    const auto screen = content::RecordStore<content::ScreenRecord>(db).get(screenId);
    content::ScreenChoice choice;
    choice.date = s.config().clock->local().date;
    choice.at = s.config().clock->local();
    choice.calls = calls;
    const auto program = content::composeChoice(r, screen, choice, content::loadPublishedRecords(db, screen.centreId)).program;
    renderer::Bitmap out(program.width, program.height, program.colorMode);
    for (const auto& a : delivery::renderAreas(r, program)) {
        if (!a.pages.empty())
            out.blit(a.pages.front(), a.x, a.y);
        else if (!a.strips.empty())
            out.blit(
                a.strips.front().crop(0, 0, std::min(a.strips.front().width(), a.width), std::min(a.strips.front().height(), a.height)),
                a.x, a.y);
    }
    return out;
}

} // namespace

TEST_CASE("the admin preview shows a running call as the screens do, then the program again") {
    CallFixture c;
    Client admin = c.f->admin();
    const std::string before = admin.get("/api/screens/3/preview.png").body;
    REQUIRE(admin.get("/api/screens/3/preview.png").header("X-Source") == "program 3");

    const long long id = c.call(1, "A012", 20);
    const std::string source = "call " + std::to_string(id);
    for (content::Id screen : {1, 3}) { // the hall strip and window 1's screen
        Response p = admin.get("/api/screens/" + std::to_string(screen) + "/preview.png");
        REQUIRE_MESSAGE(p.status == 200, p.body);
        CHECK(p.header("X-Source") == source);
        const renderer::Bitmap shown = renderer::decodePng(p.body, "preview");
        CHECK(shown.litCount() > 50);
        CHECK_MESSAGE(shown.toRgb() == previewWithCalls(*c.f->server, screen, {{id, "请 A012 号到 1 号窗口"}}).toRgb(),
                      "screen " << screen);
        Response played = admin.get("/api/screens/" + std::to_string(screen) + "/play.png");
        REQUIRE_MESSAGE(played.status == 200, played.body);
        CHECK(played.header("X-Source") == source);
    }
    CHECK(admin.get("/api/screens/2/preview.png").header("X-Source") == "program 2");           // shows no calls
    CHECK(admin.get("/api/screens/3/preview.png?program=3").header("X-Source") == "program 3"); // asked for by id
    CHECK_MESSAGE(c.shows(3, source), c.showing(3));                                            // what the screen itself shows

    c.clock.advance(21s);
    Response after = admin.get("/api/screens/3/preview.png");
    CHECK(after.header("X-Source") == "program 3");
    CHECK(after.body == before);
}
