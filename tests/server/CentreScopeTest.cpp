// Users of one centre reach that centre's records only, on every route; county users reach all.
#include "tests/server/ServerFixture.h"

#include "server/Auth.h"

#include <doctest/doctest.h>

#include <array>
#include <set>

using namespace gongshi;
using namespace gongshi::test;

namespace {

struct Collection {
    std::string name; // the API path's collection
    long long a = 0;  // a record of centre A (the demo centre, 1)
    long long b = 0;  // one of centre B
};

// The demo centre (A, id 1) and a second centre (B) with one record of each collection, made by a
// county admin; users "editor-a" (editor) and "admin-a" (admin) of centre A.
struct TwoCentres {
    ServerFixture f{withoutDelivery()};
    Client county = f.admin();
    long long centreB = 0;
    std::vector<Collection> collections;

    long long made(const std::string& collection, const std::string& body) {
        Response r = county.post("/api/" + collection, body);
        REQUIRE_MESSAGE(r.status == 201, (collection + ": " + r.body));
        return num(r.json(), "id");
    }
    long long firstOf(const std::string& collection) {
        Response r = county.get("/api/" + collection + "?centre_id=1&limit=1");
        REQUIRE(r.status == 200);
        REQUIRE(items(r)->size() == 1);
        return num(item(items(r), 0), "id");
    }

    TwoCentres() {
        centreB = made("centres", R"({"kind": "township-centre", "county": "测试县", "township": "外镇", "name": "外镇便民服务中心"})");
        const std::string b = std::to_string(centreB);
        const long long window = made("windows", R"({"centre_id": )" + b + R"(, "number": "1", "business": "外镇综合窗口"})");
        const long long staff = made("staff", R"({"centre_id": )" + b + R"(, "name": "外镇人员"})");
        const long long matter = made("matters", R"({"centre_id": )" + b + R"(, "name": "外镇事项", "fee": "free"})");
        const long long notice = made("notices", R"({"centre_id": )" + b + R"(, "category": "other", "title": "外镇公告", "body": "正文",
            "publish_from": "2026-11-01", "publish_until": "2026-12-31"})");
        const long long screen = made("screens", R"({"centre_id": )" + b + R"(, "name": "外镇大厅屏", "width": 256, "height": 32,
            "color": "red-green", "font_profile": "led16", "protocol": "ddp", "address": "udp:127.0.0.1:4049"})");
        const long long program = made("programs", R"({"screen_id": )" + std::to_string(screen) + R"(, "name": "外镇节目", "areas":
            [{"x": 0, "y": 0, "width": 256, "height": 32, "items": [{"kind": "text", "text": "外镇欢迎您"}]}]})");
        collections = {{"centres", 1, centreB},
                       {"windows", firstOf("windows"), window},
                       {"staff", firstOf("staff"), staff},
                       {"matters", firstOf("matters"), matter},
                       {"notices", firstOf("notices"), notice},
                       {"screens", firstOf("screens"), screen},
                       {"programs", 0, program}};
        Response programs = county.get("/api/programs?screen_id=" + std::to_string(collections[5].a) + "&limit=1");
        REQUIRE(items(programs)->size() == 1);
        collections[6].a = num(item(items(programs), 0), "id");
        f.server->auth().addUser("editor-a", "editor", 0, kPassword, "test", 1);
        f.server->auth().addUser("admin-a", "admin", 0, kPassword, "test", 1);
    }
    const Collection& of(const std::string& name) const {
        for (const auto& c : collections)
            if (c.name == name) return c;
        FAIL("no collection " << name);
        return collections.front();
    }
    std::string idOf(const std::string& name, bool inB) const { return std::to_string(inB ? of(name).b : of(name).a); }
};

// The centre a listed record belongs to: a centre is its own, a program its screen's.
long long centreOfItem(Client& county, const std::string& collection, const Poco::JSON::Object::Ptr& o) {
    if (collection == "centres") return num(o, "id");
    if (collection == "programs") return num(county.get("/api/screens/" + std::to_string(num(o, "screen_id"))).json(), "centre_id");
    return num(o, "centre_id");
}

} // namespace

TEST_CASE("a centre's editor reads, saves and deletes none of another centre's records: 404 as for no record") {
    TwoCentres t;
    Client a = t.f.login("editor-a");
    REQUIRE(num(a.get("/api/session").json()->getObject("user"), "centre_id") == 1);
    for (const auto& c : t.collections) {
        CAPTURE(c.name);
        const std::string own = "/api/" + c.name + "/" + std::to_string(c.a), other = "/api/" + c.name + "/" + std::to_string(c.b);
        CHECK(a.get(own).status == 200);
        Response read = a.get(other);
        CHECK(read.status == 404);
        // The same words as for a record that is not there at all.
        Response missing = a.get("/api/" + c.name + "/999999");
        CHECK(missing.status == 404);
        CHECK(read.error().find(std::to_string(c.b)) != std::string::npos);
        CHECK(read.error().substr(0, 9) == missing.error().substr(0, 9));

        auto record = t.county.get(other).json();
        CHECK(a.put(other, record).status == 404);
        CHECK(a.del(other + "?version=1").status == 404);
        CHECK(a.get(other + "/revisions").status == 404);
        CHECK(a.get(other + "/revisions/1").status == 404);
        CHECK(a.post(other + "/revisions/1/restore", R"({"version": 1})").status == 404);
        // Untouched.
        CHECK(num(t.county.get(other).json(), "version") == 1);

        // The list holds centre A's records only, and asking for B's is 404.
        Response list = a.get("/api/" + c.name + "?limit=1000");
        REQUIRE(list.status == 200);
        const auto listed = items(list);
        CHECK(listed->size() > 0);
        for (std::size_t i = 0; i < listed->size(); ++i) CHECK(centreOfItem(t.county, c.name, item(listed, i)) == 1);
        CHECK(num(list.json(), "total") == num(t.county.get("/api/" + c.name + "?centre_id=1&limit=1").json(), "total"));
        CHECK(a.get("/api/" + c.name + "?centre_id=" + std::to_string(t.centreB)).status == 404);
    }
    // Moving one's own record to centre B is as refused as creating one there.
    auto matter = a.get("/api/matters/" + t.idOf("matters", false)).json();
    matter->set("centre_id", t.centreB);
    CHECK(a.put("/api/matters/" + t.idOf("matters", false), matter).status == 404);
}

TEST_CASE("a centre's editor creates nothing owned by another centre, nor a centre") {
    TwoCentres t;
    Client a = t.f.login("editor-a");
    const std::string b = std::to_string(t.centreB);
    for (const std::string& body :
         {R"({"centre_id": )" + b + R"(, "number": "9", "business": "越界窗口"})", R"({"centre_id": )" + b + R"(, "name": "越界人员"})"})
        CHECK(a.post(body.find("number") != std::string::npos ? "/api/windows" : "/api/staff", body).status == 404);
    Response matter = a.post("/api/matters", R"({"centre_id": )" + b + R"(, "name": "越界事项", "fee": "free"})");
    CHECK(matter.status == 404);
    CHECK(matter.error() == "编号为" + b + "的服务中心不存在（可能已被删除）");
    // A centre that does not exist reads the same: ids tell nothing.
    Response nowhere = a.post("/api/matters", R"({"centre_id": 999, "name": "越界事项", "fee": "free"})");
    CHECK(nowhere.status == 404);
    CHECK(nowhere.error() == "编号为999的服务中心不存在（可能已被删除）");
    CHECK(a.post("/api/notices", R"({"centre_id": )" + b + R"(, "category": "other", "title": "越界公告"})").status == 404);
    CHECK(a.post("/api/screens", R"({"centre_id": )" + b + R"(, "name": "越界屏", "width": 64, "height": 16, "color": "red-green",
        "font_profile": "led16", "protocol": "ddp", "address": "udp:127.0.0.1:4049"})")
              .status == 404);
    CHECK(a.post("/api/programs", R"({"screen_id": )" + t.idOf("screens", true) + R"(, "name": "越界节目", "areas":
        [{"x": 0, "y": 0, "width": 64, "height": 16, "items": [{"kind": "text", "text": "越界"}]}]})")
              .status == 404);
    CHECK(a.post("/api/centres", R"({"kind": "township-centre", "county": "测试县", "township": "新镇", "name": "新镇便民服务中心"})")
              .status == 403);
    // In one's own centre, as ever.
    CHECK(a.post("/api/matters", R"({"centre_id": 1, "name": "本中心事项", "fee": "free"})").status == 201);
    CHECK(num(t.county.get("/api/matters?centre_id=" + b).json(), "total") == 1);
}

TEST_CASE("every route that reaches a record of another centre answers a centre's user 404") {
    TwoCentres t;
    Client a = t.f.login("editor-a");
    const std::string screenB = t.idOf("screens", true), screenA = t.idOf("screens", false), b = std::to_string(t.centreB);
    CHECK(a.get("/api/screens/" + screenA + "/preview.png").status == 200);
    CHECK(a.get("/api/screens/" + screenB + "/preview.png").status == 404);
    CHECK(a.get("/api/screens/" + screenB + "/play.png").status == 404);
    CHECK(a.get("/api/screens/" + screenB + "/week").status == 404);
    CHECK(a.post("/api/screens/" + screenB + "/record.png", R"({"broadcast": {"text": "试"}})").status == 404);
    CHECK(a.get("/api/screens/" + screenB + "/health").status == 404);
    CHECK(a.get("/api/notices/" + t.idOf("notices", true) + "/proof.json").status == 404);
    CHECK(a.get("/api/notices/" + t.idOf("notices", false) + "/proof.json").status == 200);
    CHECK(a.get("/api/print/guide.json?matter=" + t.idOf("matters", true)).status == 404);
    CHECK(a.get("/api/print/poster.json?centre=" + b).status == 404);
    CHECK(a.get("/api/print/poster.json").status == 200);
    CHECK(a.get("/api/staff/" + t.idOf("staff", true) + "/photo").status == 404);
    CHECK(a.request("PUT", "/api/staff/" + t.idOf("staff", true) + "/photo", "x", {}, "image/png").status == 404);
    CHECK(a.put("/api/windows/" + t.idOf("windows", true) + "/status", R"({"status": "paused"})").status == 404);
    CHECK(a.post("/api/windows/" + t.idOf("windows", true) + "/call", R"({"ticket": "A001"})").status == 404);
    CHECK(a.get("/api/calls?window=" + t.idOf("windows", true)).status == 404);
    CHECK(a.get("/api/export/matters.csv?centre_id=" + b).status == 404);
    CHECK(a.request("POST", "/api/import/matters?centre_id=" + b + "&dry_run=1", "名称\n", {}, "text/csv").status == 404);
    CHECK(a.get("/api/checks?centre_id=" + b).status == 404);
    CHECK(a.get("/api/audit?centre_id=" + b).status == 404);
    CHECK(a.get("/api/plays?centre_id=" + b).status == 404);
    CHECK(a.get("/api/health?centre_id=" + b).status == 404);

    // The lists of the other routes: centre A's only.
    Response checks = a.get("/api/checks");
    REQUIRE(checks.status == 200);
    Response plays = a.get("/api/plays");
    REQUIRE(plays.status == 200);
    const auto screens = plays.json()->getArray("screens");
    for (std::size_t i = 0; i < screens->size(); ++i) CHECK(num(item(screens, i), "screen_id") != t.of("screens").b);
    Response audit = a.get("/api/audit?limit=1000");
    REQUIRE(audit.status == 200);
    const auto events = items(audit);
    for (std::size_t i = 0; i < events->size(); ++i) {
        const auto e = item(events, i);
        for (const auto& c : t.collections) {
            const bool ofB = (str(e, "record") + "s" == c.name || str(e, "record") == c.name) && num(e, "record_id") == c.b;
            CHECK_FALSE(ofB);
        }
    }

    // A centre's admin broadcasts to their centre's screens only, and manages their centre's users only.
    Client admin = t.f.login("admin-a");
    CHECK(admin.post("/api/broadcasts", R"({"text": "停电通知", "screens": [)" + screenB + "]}").status == 404);
    CHECK(admin.post("/api/broadcasts", R"({"text": "停电通知", "screens": "all", "centre_id": )" + b + "}").status == 404);
    Response users = admin.get("/api/users");
    REQUIRE(users.status == 200);
    for (std::size_t i = 0; i < items(users)->size(); ++i) CHECK(num(item(items(users), i), "centre_id") == 1);
    CHECK(admin.del("/api/users/editor").status == 404); // a county user
    Response added = admin.post("/api/users", R"({"username": "clerk-a", "role": "editor", "password": "long-enough-1"})");
    REQUIRE(added.status == 201);
    CHECK(num(added.json(), "centre_id") == 1);
    CHECK(admin.post("/api/users", R"({"username": "clerk-b", "role": "editor", "password": "long-enough-1", "centre_id": )" + b + "}")
              .status == 404);
}

TEST_CASE("a county admin reaches both centres and narrows lists by centre_id") {
    TwoCentres t;
    for (const auto& c : t.collections) {
        CAPTURE(c.name);
        CHECK(t.county.get("/api/" + c.name + "/" + std::to_string(c.a)).status == 200);
        CHECK(t.county.get("/api/" + c.name + "/" + std::to_string(c.b)).status == 200);
        Response onlyB = t.county.get("/api/" + c.name + "?centre_id=" + std::to_string(t.centreB));
        REQUIRE(onlyB.status == 200);
        REQUIRE(items(onlyB)->size() == 1);
        CHECK(num(item(items(onlyB), 0), "id") == c.b);
        CHECK(num(t.county.get("/api/" + c.name).json(), "total") > 1);
    }
    CHECK(t.county.get("/api/screens/" + t.idOf("screens", true) + "/preview.png").status == 200);
    CHECK(t.county.get("/api/notices/" + t.idOf("notices", true) + "/proof.json").status == 200);

    // The checks of one centre: findings about B's records only; the county's hold both centres'.
    auto findingsOf = [&](const std::string& target) {
        std::set<std::pair<std::string, long long>> out;
        const auto findings = t.county.get(target).json()->getArray("findings");
        for (std::size_t i = 0; i < findings->size(); ++i) out.insert({str(item(findings, i), "record"), num(item(findings, i), "id")});
        return out;
    };
    const auto ofB = findingsOf("/api/checks?centre_id=" + std::to_string(t.centreB)), all = findingsOf("/api/checks");
    REQUIRE_FALSE(ofB.empty());
    for (const auto& [record, id] : ofB) {
        bool isB = false;
        for (const auto& c : t.collections) isB = isB || ((record + "s" == c.name || record == c.name) && id == c.b);
        CHECK_MESSAGE(isB, record << " " << id);
    }
    CHECK(all.size() > ofB.size());
    Response users = t.county.get("/api/users");
    bool sawCounty = false, sawCentre = false;
    for (std::size_t i = 0; i < items(users)->size(); ++i) {
        const auto u = item(items(users), i);
        if (str(u, "username") == "admin") sawCounty = u->get("centre_id").isEmpty();
        if (str(u, "username") == "editor-a") sawCentre = num(u, "centre_id") == 1;
    }
    CHECK(sawCounty);
    CHECK(sawCentre);
    // A county admin adds a user of centre B; one of a centre that does not exist is refused.
    Response added = t.county.post("/api/users", R"({"username": "clerk-b", "role": "editor", "password": "long-enough-1", "centre_id": )" +
                                                     std::to_string(t.centreB) + "}");
    REQUIRE(added.status == 201);
    CHECK(num(added.json(), "centre_id") == t.centreB);
    Response none =
        t.county.post("/api/users", R"({"username": "clerk-x", "role": "editor", "password": "long-enough-1", "centre_id": 999})");
    CHECK(none.status == 400);
    CHECK(none.field() == "centre_id");
}

TEST_CASE("a county emergency broadcast reaches the screens of every centre") {
    TwoCentres t;
    Response started = t.county.post("/api/broadcasts", R"({"text": "紧急通知", "screens": "all"})");
    REQUIRE_MESSAGE(started.status == 201, started.body);
    CHECK(started.json()->get("centre_id").isEmpty());
    const std::string source = "broadcast " + std::to_string(num(started.json(), "id"));
    CHECK(t.county.get("/api/screens/" + t.idOf("screens", false) + "/preview.png").header("X-Source") == source);
    CHECK(t.county.get("/api/screens/" + t.idOf("screens", true) + "/preview.png").header("X-Source") == source);

    // A centre's admin sees it over their screens and may not stop it; their own "all" is their centre's.
    Client admin = t.f.login("admin-a");
    Response list = admin.get("/api/broadcasts");
    REQUIRE(list.json()->getArray("active")->size() == 1);
    CHECK(admin.del("/api/broadcasts/" + std::to_string(num(started.json(), "id"))).status == 403);
    REQUIRE(t.county.del("/api/broadcasts/" + std::to_string(num(started.json(), "id"))).status == 204);
    Response own = admin.post("/api/broadcasts", R"({"text": "本中心通知", "screens": "all"})");
    REQUIRE_MESSAGE(own.status == 201, own.body);
    CHECK(num(own.json(), "centre_id") == 1);
    const std::string ownSource = "broadcast " + std::to_string(num(own.json(), "id"));
    CHECK(t.county.get("/api/screens/" + t.idOf("screens", false) + "/preview.png").header("X-Source") == ownSource);
    CHECK(t.county.get("/api/screens/" + t.idOf("screens", true) + "/preview.png").header("X-Source") != ownSource);
}

TEST_CASE("a deleted record's revisions stay with its centre, and what spans every centre is the county's") {
    TwoCentres t;
    Client a = t.f.login("editor-a");
    const std::string matterB = "/api/matters/" + t.idOf("matters", true);
    REQUIRE(t.county.del(matterB + "?version=1").status == 204);
    CHECK(a.get(matterB + "/revisions").status == 404);
    CHECK(a.post(matterB + "/revisions/1/restore", R"({"version": 2})").status == 404);
    CHECK(t.county.get(matterB + "/revisions").status == 200);

    Response own = a.post("/api/matters", R"({"centre_id": 1, "name": "本中心临时事项", "fee": "free"})");
    REQUIRE(own.status == 201);
    const std::string matterA = "/api/matters/" + std::to_string(num(own.json(), "id"));
    REQUIRE(a.del(matterA + "?version=1").status == 204);
    CHECK(a.get(matterA + "/revisions").status == 200);
    Response restored = a.post(matterA + "/revisions/1/restore", R"({"version": 2})");
    CHECK_MESSAGE(restored.status == 200, restored.body);

    Client admin = t.f.login("admin-a");
    for (const std::string path : {"/api/backups", "/api/tokens", "/api/alerts", "/api/alerts/settings"}) {
        Response r = admin.get(path);
        CHECK_MESSAGE(r.status == 403, path);
        CHECK(r.error() == "此项涉及全县所有服务中心，只有全县的用户可以操作");
    }
    CHECK(t.county.get("/api/tokens").status == 200);
}
