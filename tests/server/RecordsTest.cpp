// The record collections: list, create, read, update and delete with versions, validation and
// the error answers, revisions and restore.
#include "records/Database.h"
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

#include <Poco/Data/Session.h>

#include <functional>
#include <vector>

using namespace gongshi::test;
using Poco::JSON::Object;

namespace {

struct CollectionSpec {
    std::string name;         // "matters"
    std::string owner;        // the owner field and list parameter ("centre_id", "screen_id"; empty: none)
    int demoCount;            // records of the demo set
    std::string record;       // JSON of a new record, unique words in its title field
    std::string titleField;   // the field q searches
    std::string query;        // a q that finds the new record only
    std::string invalid;      // a new record with one bad field ...
    std::string invalidField; // ... named so in the 400
};

const std::vector<CollectionSpec>& specs() {
    static const std::vector<CollectionSpec> s = {
        {"centres", "", 1,
         R"({"kind": "township-centre", "county": "临江县", "township": "白石镇", "name": "白石镇人民政府便民服务中心测试",
             "population": 12000, "hall_area": 150, "grade": 1})",
         "name", "便民服务中心测试", R"({"kind": "township-centre", "name": "某中心", "grade": 5})", "grade"},
        {"windows", "centre_id", 6, R"({"centre_id": 1, "number": "9", "business": "测试专用窗口业务", "status": "serving"})", "business",
         "测试专用窗口", R"({"centre_id": 1, "number": "9", "status": "gone"})", "status"},
        {"staff", "centre_id", 12, R"({"centre_id": 1, "unit": "镇政府", "name": "测试员甲乙", "position": "办事员"})", "name", "测试员甲",
         R"({"centre_id": 1, "unit": "镇政府"})", "name"},
        {"matters", "centre_id", 29,
         R"({"centre_id": 1, "name": "测试专用事项办理", "department": "镇社会事务办",
             "materials": [{"name": "居民身份证", "form": "original-and-copy", "copies": 1, "required": true}],
             "statutory_days": 20, "promised_days": 5, "fee": "free", "windows": ["1"]})",
         "name", "测试专用事项", R"({"centre_id": 1, "name": "坏事项", "materials": [{"name": "身份证", "copies": -1}], "fee": "free"})",
         "materials[0].copies"},
        {"notices", "centre_id", 13,
         R"({"centre_id": 1, "category": "employment", "title": "测试专用公告标题", "body": "正文",
             "publish_from": "2026-11-20", "publish_until": "2026-12-20", "urgent": false})",
         "title", "测试专用公告", R"({"centre_id": 1, "category": "employment", "title": "坏公告", "publish_from": "2026-13-01"})",
         "publish_from"},
        {"screens", "centre_id", 5,
         R"({"centre_id": 1, "name": "测试专用屏幕", "location": "二楼", "width": 64, "height": 16, "color": "mono",
             "font_profile": "led16", "protocol": "bx-k", "address": "tcp:127.0.0.1:5999"})",
         "name", "测试专用屏", R"({"centre_id": 1, "name": "坏屏", "width": 0, "height": 16})", "width"},
        {"programs", "screen_id", 4,
         R"({"screen_id": 1, "name": "测试专用节目单",
             "areas": [{"x": 0, "y": 0, "width": 64, "height": 16, "effect": "static",
                        "items": [{"kind": "text", "text": "你好"}]}]})",
         "name", "测试专用节目",
         R"({"screen_id": 1, "name": "坏节目", "areas": [{"x": 0, "y": 0, "width": 64, "height": 16, "effect": "spin"}]})",
         "areas[0].effect"},
    };
    return s;
}

std::string at(const std::string& collection, long long id, const std::string& rest = "") {
    return "/api/" + collection + "/" + std::to_string(id) + rest;
}

} // namespace

TEST_CASE("every collection lists, creates, reads, updates and deletes with versions") {
    ServerFixture f;
    Client c = f.editor();
    for (const CollectionSpec& spec : specs()) {
        CAPTURE(spec.name);
        const std::string base = "/api/" + spec.name;

        // The demo set, listed.
        Response list = c.get(base);
        REQUIRE(list.status == 200);
        CHECK(num(list.json(), "total") == spec.demoCount);
        CHECK(items(list)->size() == static_cast<std::size_t>(spec.demoCount));

        // Create: 201 with an id, version 1 and who made it.
        Response created = c.post(base, spec.record);
        REQUIRE_MESSAGE(created.status == 201, created.body);
        auto rec = created.json();
        const long long id = num(rec, "id");
        CHECK(id > 0);
        CHECK(num(rec, "version") == 1);
        CHECK(!str(rec, "created_at").empty());
        CHECK(str(rec, "changed_at") == str(rec, "created_at"));
        CHECK(str(rec, "changed_by") == "editor");
        const std::string title = str(parseObject(spec.record), spec.titleField);
        CHECK(str(rec, spec.titleField) == title);

        // Read it back.
        Response got = c.get(at(spec.name, id));
        REQUIRE(got.status == 200);
        CHECK(num(got.json(), "id") == id);
        CHECK(num(got.json(), "version") == 1);
        CHECK(str(got.json(), spec.titleField) == title);
        Response missing = c.get(at(spec.name, 999999));
        CHECK(missing.status == 404);
        CHECK(!missing.error().empty());
        CHECK(c.get(base + "/abc").status == 404);

        // List: q, limit, offset and the owner.
        Response q = c.get(base + "?q=" + encode(spec.query));
        REQUIRE(q.status == 200);
        CHECK(num(q.json(), "total") == 1);
        REQUIRE(items(q)->size() == 1);
        CHECK(num(item(items(q), 0), "id") == id);
        Response limited = c.get(base + "?limit=2");
        CHECK(num(limited.json(), "total") == spec.demoCount + 1);
        CHECK(items(limited)->size() == std::min<std::size_t>(2, spec.demoCount + 1));
        Response last = c.get(base + "?limit=100&offset=" + std::to_string(spec.demoCount));
        CHECK(num(last.json(), "total") == spec.demoCount + 1);
        REQUIRE(items(last)->size() == 1);
        CHECK(num(item(items(last), 0), "id") == id);
        Response beyond = c.get(base + "?offset=" + std::to_string(spec.demoCount + 5));
        CHECK(num(beyond.json(), "total") == spec.demoCount + 1);
        CHECK(items(beyond)->size() == 0);
        if (!spec.owner.empty()) {
            Response own = c.get(base + "?" + spec.owner + "=1");
            CHECK(num(own.json(), "total") == (spec.name == "programs" ? 2 : spec.demoCount + 1));
            Response none = c.get(base + "?" + spec.owner + "=77");
            CHECK(num(none.json(), "total") == 0);
            CHECK(items(none)->size() == 0);
        }
        CHECK(c.get(base + "?limit=0").status == 400);
        CHECK(c.get(base + "?limit=0").field() == "limit");
        CHECK(c.get(base + "?limit=1001").status == 400);
        CHECK(c.get(base + "?offset=-1").field() == "offset");

        // Update with the version read: 200, version 2.
        auto changed = copyObject(rec);
        changed->set(spec.titleField, title + "（改）");
        Response updated = c.put(at(spec.name, id), changed);
        REQUIRE_MESSAGE(updated.status == 200, updated.body);
        CHECK(num(updated.json(), "version") == 2);
        CHECK(num(updated.json(), "id") == id);
        CHECK(str(updated.json(), spec.titleField) == title + "（改）");
        CHECK(str(updated.json(), "created_at") == str(rec, "created_at"));

        // A stale version: 409 on "version", nothing changed.
        auto stale = copyObject(rec); // still version 1
        stale->set(spec.titleField, title + "（旧）");
        Response conflict = c.put(at(spec.name, id), stale);
        CHECK(conflict.status == 409);
        CHECK(conflict.field() == "version");
        CHECK(!conflict.error().empty());
        Response after = c.get(at(spec.name, id));
        CHECK(num(after.json(), "version") == 2);
        CHECK(str(after.json(), spec.titleField) == title + "（改）");

        // No version at all: 409 too.
        auto noVersion = copyObject(rec);
        noVersion->remove("version");
        Response nv = c.put(at(spec.name, id), noVersion);
        CHECK(nv.status == 409);
        CHECK(nv.field() == "version");
        CHECK(nv.error() == "保存须带上读取时的版本号（version），以免覆盖别人的修改");
        CHECK(num(c.get(at(spec.name, id)).json(), "version") == 2);

        // Delete: stale 409, without a version 409, current 204, then 404.
        Response staleDelete = c.del(at(spec.name, id, "?version=1"));
        CHECK(staleDelete.status == 409);
        CHECK(staleDelete.field() == "version");
        Response noVersionDelete = c.del(at(spec.name, id));
        CHECK(noVersionDelete.status == 409);
        CHECK(noVersionDelete.error() == "删除须带上读取时的版本号（?version=N），以免删掉别人刚改过的内容");
        CHECK(c.get(at(spec.name, id)).status == 200);
        Response deleted = c.del(at(spec.name, id, "?version=2"));
        CHECK(deleted.status == 204);
        CHECK(deleted.body.empty());
        CHECK(c.get(at(spec.name, id)).status == 404);
        CHECK(c.del(at(spec.name, id, "?version=3")).status == 404);
        CHECK(c.put(at(spec.name, id), changed).status == 404);
        CHECK(num(c.get(base).json(), "total") == spec.demoCount);
    }
}

TEST_CASE("an invalid field is a 400 naming it, and nothing is stored") {
    ServerFixture f;
    Client c = f.editor();
    for (const CollectionSpec& spec : specs()) {
        CAPTURE(spec.name);
        const std::string base = "/api/" + spec.name;
        Response r = c.post(base, spec.invalid);
        CHECK(r.status == 400);
        CHECK(r.field() == spec.invalidField);
        CHECK(!r.error().empty());
        CHECK(num(c.get(base).json(), "total") == spec.demoCount);
        // The same on an update of an existing record.
        auto bad = parseObject(spec.invalid);
        bad->set("version", 1);
        Response u = c.put(base + "/1", bad);
        CHECK(u.status == 400);
        CHECK(u.field() == spec.invalidField);
        CHECK(num(c.get(base + "/1").json(), "version") == 1);
    }
    // A few more, named with their path.
    Response fee = c.post("/api/matters", R"({"centre_id": 1, "name": "收费事项", "fee": "charged",
                                             "fees": [{"name": "工本费", "amount": "5元", "unit": "元/本"}]})");
    CHECK(fee.status == 400);
    CHECK(fee.field() == "fees[0].amount");
    Response days = c.post("/api/matters", R"({"centre_id": 1, "name": "期限", "statutory_days": 5, "promised_days": 10})");
    CHECK(days.field() == "promised_days");
    Response height = c.post("/api/screens", R"({"centre_id": 1, "name": "高", "width": 64, "height": 5000})");
    CHECK(height.status == 400);
    CHECK(height.field() == "height");
    Response order = c.post("/api/notices", R"({"centre_id": 1, "category": "other", "title": "倒序",
                                               "publish_from": "2026-12-01", "publish_until": "2026-11-01"})");
    CHECK(order.field() == "publish_until");
    Response type = c.post("/api/notices", R"({"centre_id": 1, "category": "other", "title": 5})");
    CHECK(type.status == 400);
    CHECK(type.field() == "title");
    CHECK(num(c.get("/api/matters").json(), "total") == 29);
}

TEST_CASE("a program item of an unknown kind is a 400 naming its place and the kinds allowed, and nothing is stored") {
    ServerFixture f;
    Client c = f.editor();
    // "notices" for "notice-list" was once stored and blanked its area on the screen.
    const std::string program = R"({"screen_id": 1, "name": "错类型节目",
        "areas": [{"x": 0, "y": 0, "width": 64, "height": 16, "effect": "static",
                   "items": [{"kind": "text", "text": "你好"}, {"kind": "notices"}]}]})";
    Response created = c.post("/api/programs", program);
    CHECK(created.status == 400);
    CHECK(created.field() == "areas[0].items[1].kind");
    CHECK(created.error() ==
          "区域[0].内容[1]."
          "类型“notices”无效，可选：事项（matter）、公告（notice）、窗口状态（window）、中心欢迎词（centre）、事项清单（matter-list）、"
          "收费标准表（fee-table）、公告栏（notice-list）、文字（text）、时钟（clock）、倒计时（countdown）、"
          "好差评二维码（review-qr）、图片（image）");
    CHECK(num(c.get("/api/programs").json(), "total") == 4);
    CHECK(num(c.get("/api/programs?q=" + encode("错类型")).json(), "total") == 0);

    const std::string before = c.get("/api/programs/1").body;
    auto stored = parseObject(before);
    auto area = stored->getArray("areas")->getObject(0);
    Poco::JSON::Object::Ptr wrong = new Poco::JSON::Object;
    wrong->set("kind", "notices");
    area->getArray("items")->add(wrong);
    const std::string at = "areas[0].items[" + std::to_string(area->getArray("items")->size() - 1) + "].kind";
    Response updated = c.put("/api/programs/1", stored);
    CHECK(updated.status == 400);
    CHECK(updated.field() == at);
    CHECK(contains(updated.error(), "“notices”无效"));
    Response after = c.get("/api/programs/1");
    CHECK(num(after.json(), "version") == 1);
    CHECK(after.body == before);
}

TEST_CASE("the admin page names a record's fields as its description does, parts included") {
    ServerFixture f;
    Client c = f.editor();
    Response r = c.get("/api/fields");
    REQUIRE(r.status == 200);
    auto fields = r.json();
    CHECK(fields->getObject("matter")->getValue<std::string>("materials") == "申请材料");
    CHECK(fields->getObject("matter")->getValue<std::string>("materials.copies") == "份数");
    CHECK(fields->getObject("staff")->getValue<std::string>("name") == "姓名");
    CHECK(fields->getObject("program")->getValue<std::string>("areas.items.kind") == "类型");
    CHECK(fields->getObject("program")->getValue<std::string>("schedule.times.end") == "结束");
    CHECK(fields->getObject("window")->getValue<std::string>("away.back_at") == "预计返回");
    CHECK(fields->size() == 7);
}

TEST_CASE("a record whose centre or screen does not exist is a 400 naming the field") {
    ServerFixture f;
    Client c = f.editor();
    for (const CollectionSpec& spec : specs()) {
        if (spec.owner.empty()) continue;
        CAPTURE(spec.name);
        auto o = parseObject(spec.record);
        o->set(spec.owner, 4242);
        Response r = c.post("/api/" + spec.name, o);
        CHECK(r.status == 400);
        CHECK(r.field() == spec.owner);
        CHECK(r.error() == (spec.owner == "screen_id" ? "显示屏 4242 不存在" : "服务中心 4242 不存在"));
        CHECK(num(c.get("/api/" + spec.name).json(), "total") == spec.demoCount);
        // Moving an existing record to a centre that does not exist: the same.
        auto stored = c.get("/api/" + spec.name + "/1").json();
        stored->set(spec.owner, 4242);
        Response u = c.put("/api/" + spec.name + "/1", stored);
        CHECK(u.status == 400);
        CHECK(u.field() == spec.owner);
    }
}

TEST_CASE("bodies that are not JSON objects, or not UTF-8, are 400s") {
    ServerFixture f;
    Client c = f.editor();
    for (const CollectionSpec& spec : specs()) {
        CAPTURE(spec.name);
        const std::string base = "/api/" + spec.name;
        Response bad = c.post(base, R"({"name": "x", )");
        CHECK(bad.status == 400);
        CHECK(bad.error().rfind("请求内容不是有效的 JSON（", 0) == 0);
        Response array = c.post(base, "[1, 2, 3]");
        CHECK(array.status == 400);
        CHECK(array.error() == "请求内容应为一个 JSON 对象（{…}）");
        CHECK(c.post(base, "\"text\"").status == 400);
        CHECK(c.post(base, "").status == 400);

        std::string invalid = R"({"name": "ab)";
        const std::size_t offset = invalid.size();
        invalid += "\xff\xfe\"}";
        Response utf8 = c.post(base, invalid);
        CHECK(utf8.status == 400);
        CHECK(utf8.error() == "请求内容不是有效的 UTF-8 文字：字节偏移" + std::to_string(offset) + "处有误");
        // A lone continuation byte after Chinese text: the offset counts bytes, not characters.
        std::string chinese = R"({"name": "中文)";
        const std::size_t at = chinese.size();
        chinese += "\x80\"}";
        Response cjk = c.put(base + "/1", chinese);
        CHECK(cjk.status == 400);
        CHECK(cjk.error() == "请求内容不是有效的 UTF-8 文字：字节偏移" + std::to_string(at) + "处有误");
        CHECK(num(c.get(base).json(), "total") == spec.demoCount);
        CHECK(num(c.get(base + "/1").json(), "version") == 1);
    }
}

TEST_CASE("unknown API paths are 404 and other methods on known paths are 405") {
    ServerFixture f;
    Client c = f.editor();
    Response unknown = c.get("/api/nothing-here");
    CHECK(unknown.status == 404);
    CHECK(unknown.error() == "没有这个接口：/api/nothing-here");
    CHECK(c.get("/api/matters/1/nothing").status == 404);
    CHECK(c.get("/api").status == 404);
    CHECK(c.post("/api/nothing-here", "{}").status == 404);

    Response patch = c.request("PATCH", "/api/matters/1", "{}");
    CHECK(patch.status == 405);
    CHECK(!patch.header("Allow").empty());
    CHECK(patch.error() == "接口/api/matters/1不支持 PATCH 请求");
    CHECK(c.del("/api/matters").status == 405);
    CHECK(c.put("/api/notices", "{}").status == 405);
    CHECK(c.post("/api/matters/1", "{}").status == 405);
    CHECK(c.get("/api/approvals").status == 200); // the connection and session are fine after them
}

TEST_CASE("revisions are listed, read and restored with the current version") {
    ServerFixture f;
    Client c = f.editor();
    Response created = c.post("/api/notices", R"({"centre_id": 1, "category": "other", "title": "第一版标题",
                                                  "body": "第一版正文", "publish_from": "2026-11-20", "publish_until": "2026-12-20"})");
    REQUIRE(created.status == 201);
    const long long id = num(created.json(), "id");
    auto v2 = copyObject(created.json());
    v2->set("title", "第二版标题");
    v2->set("body", "第二版正文");
    REQUIRE(c.put(at("notices", id), v2).status == 200);

    Response revs = c.get(at("notices", id, "/revisions"));
    REQUIRE(revs.status == 200);
    CHECK(num(revs.json(), "total") == 2);
    auto list = items(revs);
    REQUIRE(list->size() == 2);
    CHECK(num(item(list, 0), "version") == 1);
    CHECK(str(item(list, 0), "action") == "create");
    CHECK(str(item(list, 0), "changed_by") == "editor");
    CHECK(!str(item(list, 0), "changed_at").empty());
    CHECK(num(item(list, 1), "version") == 2);
    CHECK(str(item(list, 1), "action") == "update");

    Response one = c.get(at("notices", id, "/revisions/1"));
    REQUIRE(one.status == 200);
    CHECK(num(one.json(), "version") == 1);
    CHECK(str(one.json(), "action") == "create");
    auto old = one.json()->getObject("record");
    REQUIRE(old);
    CHECK(str(old, "title") == "第一版标题");
    CHECK(str(old, "body") == "第一版正文");
    CHECK(num(old, "id") == id);
    Response ninth = c.get(at("notices", id, "/revisions/9"));
    CHECK(ninth.status == 404);
    CHECK(ninth.error() == "公告" + std::to_string(id) + "没有第9版");
    Response none = c.get(at("notices", 999999, "/revisions"));
    CHECK(none.status == 404);
    CHECK(none.error() == "编号为999999的公告不存在（可能已被删除）");

    // Restoring with a stale version: 409, nothing changed.
    Response stale = c.post(at("notices", id, "/revisions/1/restore"), R"({"version": 1})");
    CHECK(stale.status == 409);
    CHECK(stale.field() == "version");
    CHECK(str(c.get(at("notices", id)).json(), "title") == "第二版标题");
    CHECK(c.post(at("notices", id, "/revisions/1/restore"), "{}").status == 409);
    CHECK(c.post(at("notices", id, "/revisions/7/restore"), R"({"version": 2})").status == 404);

    // With the current version: the old content comes back as version 3.
    Response restored = c.post(at("notices", id, "/revisions/1/restore"), R"({"version": 2})");
    REQUIRE(restored.status == 200);
    CHECK(num(restored.json(), "version") == 3);
    CHECK(str(restored.json(), "title") == "第一版标题");
    CHECK(str(restored.json(), "body") == "第一版正文");
    Response now = c.get(at("notices", id));
    CHECK(num(now.json(), "version") == 3);
    CHECK(str(now.json(), "title") == "第一版标题");
    auto after = items(c.get(at("notices", id, "/revisions")));
    REQUIRE(after->size() == 3);
    CHECK(str(item(after, 2), "action") == "restore");
    // The same restore again is stale now.
    CHECK(c.post(at("notices", id, "/revisions/1/restore"), R"({"version": 2})").status == 409);

    // A deleted record comes back under its id.
    REQUIRE(c.del(at("notices", id, "?version=3")).status == 204);
    CHECK(c.get(at("notices", id)).status == 404);
    Response back = c.post(at("notices", id, "/revisions/2/restore"), R"({"version": 4})");
    REQUIRE(back.status == 200);
    CHECK(num(back.json(), "id") == id);
    CHECK(str(back.json(), "title") == "第二版标题");
    CHECK(c.get(at("notices", id)).status == 200);
}

TEST_CASE("a record others belong to is not deleted: 409 naming what still belongs to it") {
    ServerFixture f;
    Client c = f.admin();
    Response centre = c.del("/api/centres/1?version=1");
    CHECK(centre.status == 409);
    CHECK(centre.field() == "");
    const std::string says = centre.error();
    CHECK(says.rfind("服务中心 1下还有", 0) == 0);
    CHECK(contains(says, std::to_string(num(c.get("/api/windows").json(), "total")) + "个窗口"));
    CHECK(contains(says, "29个事项"));
    CHECK(contains(says, "，请先删除这些记录再删除它"));
    CHECK(c.get("/api/centres/1").status == 200);

    // A screen with a program: 409 too; without: deleted.
    Response screen = c.post("/api/screens", R"({"centre_id": 1, "name": "删除测试屏", "width": 64, "height": 16,
        "color": "mono", "font_profile": "led16", "protocol": "web", "address": "web:"})");
    REQUIRE(screen.status == 201);
    const std::string screenPath = "/api/screens/" + std::to_string(num(screen.json(), "id"));
    auto program = parseObject(R"({"name": "一个节目", "areas": [{"x": 0, "y": 0, "width": 64, "height": 16,
        "effect": "static", "items": [{"kind": "text", "text": "欢迎"}]}]})");
    program->set("screen_id", num(screen.json(), "id"));
    Response created = c.post("/api/programs", program);
    REQUIRE(created.status == 201);
    Response held = c.del(screenPath + "?version=1");
    CHECK(held.status == 409);
    CHECK(held.error() == "显示屏 " + std::to_string(num(screen.json(), "id")) + "下还有1个节目，请先删除这些记录再删除它");
    REQUIRE(c.del("/api/programs/" + std::to_string(num(created.json(), "id")) + "?version=1").status == 204);
    CHECK(c.del(screenPath + "?version=1").status == 204);
}

TEST_CASE("a window its users or posts point at, or staff holding a post, is not deleted: 409 naming them") {
    ServerFixture f;
    Client c = f.admin();
    Response made = c.post("/api/windows", R"({"centre_id": 1, "number": "90", "business": "删除测试"})");
    REQUIRE(made.status == 201);
    const long long windowId = num(made.json(), "id");
    const std::string windowPath = "/api/windows/" + std::to_string(windowId);
    Response staff = c.post("/api/staff", R"({"centre_id": 1, "unit": "测试单位", "name": "岗位测试员", "position": "科员"})");
    REQUIRE(staff.status == 201);
    const long long staffId = num(staff.json(), "id");
    const std::string staffPath = "/api/staff/" + std::to_string(staffId);
    auto window = made.json();
    window->set("post_a", staffId);
    Response posted = c.put(windowPath, window);
    REQUIRE(posted.status == 200);
    f.server->auth().addUser("win90", "window", windowId, kPassword, "test");

    Response both = c.del(windowPath + "?version=2");
    CHECK(both.status == 409);
    CHECK(both.error() ==
          "窗口 " + std::to_string(windowId) +
              "仍被窗口人员账号“win90”、A岗工作人员“岗位测试员”引用，请先解除这些引用（账号改绑或删除，岗位换人或留空）再删除它");
    Response heldStaff = c.del(staffPath + "?version=1");
    CHECK(heldStaff.status == 409);
    CHECK(heldStaff.error() ==
          "工作人员 " + std::to_string(staffId) + "仍被90号窗口A岗引用，请先解除这些引用（账号改绑或删除，岗位换人或留空）再删除它");
    CHECK(c.get(staffPath).status == 200);

    // The user gone, the post still staffed: 409 naming the post only.
    REQUIRE(c.del("/api/users/win90").status == 204);
    Response post = c.del(windowPath + "?version=2");
    CHECK(post.status == 409);
    CHECK(contains(post.error(), "仍被A岗工作人员“岗位测试员”引用"));
    // The post emptied: both deletes go through.
    auto emptied = posted.json();
    emptied->set("post_a", 0);
    REQUIRE(c.put(windowPath, emptied).status == 200);
    CHECK(c.del(staffPath + "?version=1").status == 204);
    CHECK(c.del(windowPath + "?version=3").status == 204);
    CHECK(c.get(windowPath).status == 404);
}

TEST_CASE("a whole number beyond 64 bits is refused naming its field, never stored wrapped") {
    ServerFixture f;
    Client c = f.editor();
    Response days = c.post("/api/matters", R"({"centre_id": 1, "name": "极大期限", "statutory_days": 18446744073709551616})");
    CHECK(days.status == 400);
    CHECK(days.field() == "statutory_days");
    CHECK(contains(days.error(), "18446744073709551616"));
    Response owner = c.post("/api/matters", R"({"centre_id": 18446744073709551617, "name": "极大中心"})");
    CHECK(owner.status == 400);
    CHECK(owner.field() == "centre_id");
    Response negative = c.post("/api/matters", R"({"centre_id": 1, "name": "负数", "promised_days": -9223372036854775809})");
    CHECK(negative.status == 400);
    CHECK(negative.field() == "promised_days");
    Response huge = c.post("/api/matters", R"({"centre_id": 1, "name": "更大", "statutory_days": 99999999999999999999999})");
    CHECK(huge.status == 400);
    CHECK(huge.field() == "statutory_days");
    // Digits inside a text are text.
    Response text = c.post("/api/matters", R"({"centre_id": 1, "name": "编号18446744073709551616", "statutory_days": 5})");
    CHECK(text.status == 201);
    CHECK(str(text.json(), "name") == "编号18446744073709551616");
    CHECK(num(c.get("/api/matters").json(), "total") == 30);
}

TEST_CASE("a create sent again with the same Idempotency-Key answers the first create and creates nothing more") {
    ServerFixture f;
    Client editor = f.editor();
    const std::string notice = R"({"centre_id": 1, "category": "other", "title": "重发的公告"})";
    const long long before = num(editor.get("/api/notices").json(), "total");
    Response first = editor.request("POST", "/api/notices", notice, {{"Idempotency-Key", "k-123"}});
    REQUIRE(first.status == 201);
    CHECK(!first.hasHeader("Idempotent-Replayed"));
    Response again = editor.request("POST", "/api/notices", notice, {{"Idempotency-Key", "k-123"}});
    CHECK(again.status == 201);
    CHECK(again.header("Idempotent-Replayed") == "true");
    CHECK(again.body == first.body);
    CHECK(num(editor.get("/api/notices").json(), "total") == before + 1);

    // Another key, or another user with the same key, creates.
    CHECK(editor.request("POST", "/api/notices", notice, {{"Idempotency-Key", "k-124"}}).status == 201);
    Client admin = f.admin();
    Response other = admin.request("POST", "/api/notices", notice, {{"Idempotency-Key", "k-123"}});
    CHECK(other.status == 201);
    CHECK(num(other.json(), "id") != num(first.json(), "id"));
    CHECK(num(editor.get("/api/notices").json(), "total") == before + 3);

    // The same key on another collection is a mistake, said so.
    Response elsewhere = editor.request("POST", "/api/matters", R"({"centre_id": 1, "name": "另一个"})", {{"Idempotency-Key", "k-123"}});
    CHECK(elsewhere.status == 422);
    CHECK(elsewhere.field() == "Idempotency-Key");
    CHECK(elsewhere.error() == "这个 Idempotency-Key 已用于“/api/notices”的请求，请为新的请求换一个");

    // A refused create keeps no answer: the corrected request with the same key creates.
    Response bad =
        editor.request("POST", "/api/notices", R"({"centre_id": 1, "category": "other", "title": 5})", {{"Idempotency-Key", "k-200"}});
    CHECK(bad.status == 400);
    Response fixed = editor.request("POST", "/api/notices", notice, {{"Idempotency-Key", "k-200"}});
    CHECK(fixed.status == 201);
    CHECK(!fixed.hasHeader("Idempotent-Replayed"));

    // Keys older than 24 hours are forgotten.
    {
        gongshi::content::Connection s = f.server->database().session();
        s << "UPDATE idempotency_keys SET at = at - 86401", Poco::Data::Keywords::now;
    }
    Response later = editor.request("POST", "/api/notices", notice, {{"Idempotency-Key", "k-123"}});
    CHECK(later.status == 201);
    CHECK(num(later.json(), "id") != num(first.json(), "id"));

    Response odd = editor.request("POST", "/api/notices", notice, {{"Idempotency-Key", "键"}});
    CHECK(odd.status == 400);
    CHECK(odd.field() == "Idempotency-Key");
}
