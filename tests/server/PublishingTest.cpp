// Publishing with approval, the checks and the audit log.
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

using namespace gongshi::test;

namespace {

Poco::JSON::Object::Ptr findPending(const Response& approvals, const std::string& record, long long id) {
    auto a = items(approvals);
    for (std::size_t i = 0; i < a->size(); ++i)
        if (str(item(a, i), "record") == record && num(item(a, i), "id") == id) return item(a, i);
    return nullptr;
}

Poco::JSON::Object::Ptr findFinding(const Response& checks, const std::string& kind, long long id) {
    auto a = checks.json()->getArray("findings");
    if (!a) return nullptr;
    for (std::size_t i = 0; i < a->size(); ++i)
        if (str(item(a, i), "kind") == kind && num(item(a, i), "id") == id) return item(a, i);
    return nullptr;
}

// Every page of a screen's preview, as PNG bytes one after another.
std::string previewPages(Client& c, long long screen) {
    Response first = c.get("/api/screens/" + std::to_string(screen) + "/preview.png");
    REQUIRE(first.status == 200);
    const int pages = std::stoi(first.header("X-Pages"));
    std::string all = first.body;
    for (int p = 1; p < pages; ++p) {
        Response r = c.get("/api/screens/" + std::to_string(screen) + "/preview.png?page=" + std::to_string(p));
        REQUIRE(r.status == 200);
        all += r.body;
    }
    return all;
}

} // namespace

TEST_CASE("with approval on, an editor's save waits and screens show the approved version until an admin approves") {
    ServerFixture f;
    Client admin = f.admin();
    Client editor = f.editor();

    // A screen that shows one notice, created by the admin (so approved as it is made).
    Response notice = admin.post("/api/notices", R"({"centre_id": 1, "category": "employment", "title": "招聘会通知",
        "body": "十二月一日上午九点在中心广场", "publish_from": "2026-11-20", "publish_until": "2026-12-20"})");
    REQUIRE(notice.status == 201);
    const long long id = num(notice.json(), "id");
    Response screen = admin.post("/api/screens", R"({"centre_id": 1, "name": "审核测试屏", "width": 128, "height": 32,
        "color": "mono", "font_profile": "led16", "protocol": "web", "address": "web:"})");
    REQUIRE(screen.status == 201);
    const long long screenId = num(screen.json(), "id");
    auto program = parseObject(R"({"name": "单条公告", "areas": [{"x": 0, "y": 0, "width": 128, "height": 32,
        "effect": "static", "items": [{"kind": "notice"}]}]})");
    program->set("screen_id", screenId);
    program->getArray("areas")->getObject(0)->getArray("items")->getObject(0)->set("record_id", id);
    REQUIRE(admin.post("/api/programs", program).status == 201);

    // Approval on for the demo centre (as admin).
    auto centre = admin.get("/api/centres/1").json();
    centre->set("publishing_needs_approval", true);
    Response saved = admin.put("/api/centres/1", centre);
    REQUIRE(saved.status == 200);
    CHECK(saved.json()->getValue<bool>("publishing_needs_approval"));
    CHECK(findPending(admin.get("/api/approvals"), "notice", id) == nullptr);

    const std::string approvedLook = previewPages(editor, screenId);

    // The editor's save waits.
    auto changed = editor.get("/api/notices/" + std::to_string(id)).json();
    changed->set("title", "招聘会改期通知");
    changed->set("body", "改为十二月八日下午两点，地点不变");
    Response edit = editor.put("/api/notices/" + std::to_string(id), changed);
    REQUIRE(edit.status == 200);
    CHECK(num(edit.json(), "version") == 2);
    Response approvals = editor.get("/api/approvals");
    REQUIRE(approvals.status == 200);
    auto pending = findPending(approvals, "notice", id);
    REQUIRE(pending);
    CHECK(num(pending, "version") == 2);
    CHECK(num(pending, "approved_version") == 1);
    CHECK(str(pending, "title") == "招聘会改期通知");
    CHECK(str(pending, "changed_by") == "editor");
    CHECK(!str(pending, "changed_at").empty());
    CHECK(num(approvals.json(), "total") == static_cast<long long>(items(approvals)->size()));

    // The record reads as saved, but the screen still shows the approved version.
    CHECK(str(editor.get("/api/notices/" + std::to_string(id)).json(), "title") == "招聘会改期通知");
    CHECK(previewPages(editor, screenId) == approvedLook);
    CHECK(previewPages(admin, screenId) == approvedLook);

    // Approving a version that does not exist: 404, still pending.
    Response wrongVersion = admin.post("/api/approvals", "{\"record\": \"notice\", \"id\": " + std::to_string(id) + ", \"version\": 9}");
    CHECK(wrongVersion.status == 404);
    Response wrongKind = admin.post("/api/approvals", R"({"record": "screen", "id": 1, "version": 1})");
    CHECK(wrongKind.status == 400);
    CHECK(wrongKind.field() == "record");
    CHECK(findPending(admin.get("/api/approvals"), "notice", id) != nullptr);

    // The admin approves version 2: the screen changes, the list empties of it, the log has it.
    Response approve = admin.post("/api/approvals", "{\"record\": \"notice\", \"id\": " + std::to_string(id) + ", \"version\": 2}");
    REQUIRE_MESSAGE(approve.status == 200, approve.body);
    CHECK(str(approve.json(), "approved_by") == "admin");
    CHECK(num(approve.json(), "version") == 2);
    CHECK(findPending(admin.get("/api/approvals"), "notice", id) == nullptr);
    const std::string newLook = previewPages(editor, screenId);
    CHECK(newLook != approvedLook);

    Response audit = admin.get("/api/audit?record=notice&id=" + std::to_string(id));
    REQUIRE(audit.status == 200);
    auto log = items(audit);
    bool approved = false;
    for (std::size_t i = 0; i < log->size(); ++i) {
        auto e = item(log, i);
        if (str(e, "action") != "approve") continue;
        approved = true;
        CHECK(str(e, "user") == "admin");
        CHECK(str(e, "record") == "notice");
        CHECK(num(e, "record_id") == id);
        REQUIRE(e->getObject("after"));
        CHECK(num(e->getObject("after"), "version") == 2);
    }
    CHECK(approved);
    // Newest first, even within one second: the approval, then the editor's update it approves.
    REQUIRE(log->size() >= 2);
    CHECK(str(item(log, 0), "action") == "approve");
    CHECK(str(item(log, 1), "action") == "update");

    // Saves by an admin are approved as made: nothing waits, the screen shows it at once.
    auto byAdmin = admin.get("/api/notices/" + std::to_string(id)).json();
    byAdmin->set("title", "管理员改的标题");
    REQUIRE(admin.put("/api/notices/" + std::to_string(id), byAdmin).status == 200);
    CHECK(findPending(admin.get("/api/approvals"), "notice", id) == nullptr);
    CHECK(previewPages(editor, screenId) != newLook);
}

TEST_CASE("the checks find matter 21's fee without a basis, narrowed by record and id, gone once it has one") {
    ServerFixture f;
    Client c = f.editor();
    Response all = c.get("/api/checks");
    REQUIRE(all.status == 200);
    auto finding = findFinding(all, "matter-fee-no-basis", 21);
    REQUIRE(finding);
    CHECK(str(finding, "severity") == "error");
    CHECK(str(finding, "record") == "matter");
    CHECK(str(finding, "field") == "fee_basis");
    CHECK(!str(finding, "message").empty());
    const std::size_t total = all.json()->getArray("findings")->size();

    Response narrowed = c.get("/api/checks?record=matter&id=21");
    REQUIRE(narrowed.status == 200);
    auto list = narrowed.json()->getArray("findings");
    REQUIRE(list);
    CHECK(list->size() >= 1);
    CHECK(list->size() < total);
    for (std::size_t i = 0; i < list->size(); ++i) {
        CHECK(str(item(list, i), "record") == "matter");
        CHECK(num(item(list, i), "id") == 21);
    }
    CHECK(findFinding(narrowed, "matter-fee-no-basis", 21));
    CHECK(c.get("/api/checks?record=matter&id=x").status == 400);

    auto matter = c.get("/api/matters/21").json();
    CHECK(str(matter, "fee") == "charged");
    CHECK(str(matter, "fee_basis").empty());
    matter->set("fee_basis", "《四川省行政事业性收费项目目录》");
    Response saved = c.put("/api/matters/21", matter);
    REQUIRE_MESSAGE(saved.status == 200, saved.body);
    CHECK(str(saved.json(), "fee_basis") == "《四川省行政事业性收费项目目录》");

    Response after = c.get("/api/checks?record=matter&id=21");
    REQUIRE(after.status == 200);
    CHECK(findFinding(after, "matter-fee-no-basis", 21) == nullptr);
    CHECK(findFinding(c.get("/api/checks"), "matter-fee-no-basis", 21) == nullptr);
    CHECK(c.get("/api/checks").json()->getArray("findings")->size() == total - list->size() + after.json()->getArray("findings")->size());
}

TEST_CASE("the audit log shows a notice's saves newest first with the record before and after, and user changes") {
    ServerFixture f;
    Client c = f.editor();
    Response created = c.post("/api/notices", R"({"centre_id": 1, "category": "other", "title": "审计公告",
                                                  "publish_from": "2026-11-20", "publish_until": "2026-12-20"})");
    REQUIRE(created.status == 201);
    const long long id = num(created.json(), "id");
    auto changed = copyObject(created.json());
    changed->set("title", "审计公告（更正）");
    REQUIRE(c.put("/api/notices/" + std::to_string(id), changed).status == 200);

    Response audit = c.get("/api/audit?record=notice&id=" + std::to_string(id));
    REQUIRE(audit.status == 200);
    CHECK(num(audit.json(), "total") == 2);
    auto log = items(audit);
    REQUIRE(log->size() == 2);
    auto update = item(log, 0), create = item(log, 1);
    CHECK(str(update, "action") == "update");
    CHECK(str(update, "user") == "editor");
    CHECK(str(update, "record") == "notice");
    CHECK(num(update, "record_id") == id);
    CHECK(!str(update, "at").empty());
    REQUIRE(update->getObject("before"));
    REQUIRE(update->getObject("after"));
    CHECK(str(update->getObject("before"), "title") == "审计公告");
    CHECK(str(update->getObject("after"), "title") == "审计公告（更正）");
    CHECK(num(update->getObject("after"), "version") == 2);
    CHECK(str(create, "action") == "create");
    CHECK(str(create, "user") == "editor");
    CHECK(create->isNull("before"));
    REQUIRE(create->getObject("after"));
    CHECK(str(create->getObject("after"), "title") == "审计公告");

    // Paging.
    Response page = c.get("/api/audit?record=notice&id=" + std::to_string(id) + "&limit=1&offset=1");
    CHECK(num(page.json(), "total") == 2);
    REQUIRE(items(page)->size() == 1);
    CHECK(str(item(items(page), 0), "action") == "create");

    // A delete: after is null.
    REQUIRE(c.del("/api/notices/" + std::to_string(id) + "?version=2").status == 204);
    auto withDelete = items(c.get("/api/audit?record=notice&id=" + std::to_string(id)));
    REQUIRE(withDelete->size() == 3);
    CHECK(str(item(withDelete, 0), "action") == "delete");
    CHECK(item(withDelete, 0)->isNull("after"));
    CHECK(str(item(withDelete, 0)->getObject("before"), "title") == "审计公告（更正）");

    // A user added by the admin.
    Client a = f.admin();
    REQUIRE(a.post("/api/users", R"({"username": "wang.wu", "role": "editor", "password": "a-long-password"})").status == 201);
    Response users = c.get("/api/audit?record=user");
    REQUIRE(users.status == 200);
    auto entries = items(users);
    REQUIRE(entries->size() >= 1);
    auto newest = item(entries, 0);
    CHECK(str(newest, "action") == "user-add");
    CHECK(str(newest, "user") == "admin");
    REQUIRE(newest->getObject("after"));
    CHECK(str(newest->getObject("after"), "username") == "wang.wu");
    CHECK(str(newest->getObject("after"), "role") == "editor");
    CHECK(!contains(users.body, "a-long-password"));
    CHECK(c.get("/api/audit?limit=0").status == 400);
}

TEST_CASE("only an admin switches approval on or off, and the switch is in the audit log") {
    ServerFixture f;
    Client admin = f.admin();
    Client editor = f.editor();
    auto on = admin.get("/api/centres/1").json();
    on->set("publishing_needs_approval", true);
    REQUIRE(admin.put("/api/centres/1", on).status == 200);

    // An editor switching it off is refused, and the centre keeps it on.
    auto off = editor.get("/api/centres/1").json();
    off->set("publishing_needs_approval", false);
    Response refused = editor.put("/api/centres/1", off);
    CHECK(refused.status == 403);
    CHECK(refused.field() == "publishing_needs_approval");
    CHECK(refused.error() == "只有管理员可以开启或关闭“发布须审批”");
    CHECK(admin.get("/api/centres/1").json()->getValue<bool>("publishing_needs_approval"));

    // An editor may still save the centre's other fields.
    auto renamed = editor.get("/api/centres/1").json();
    renamed->set("complaint_phone", "0571-12345678");
    CHECK(editor.put("/api/centres/1", renamed).status == 200);

    // The admin's switches are audited with the setting before and after.
    auto offAgain = admin.get("/api/centres/1").json();
    offAgain->set("publishing_needs_approval", false);
    REQUIRE(admin.put("/api/centres/1", offAgain).status == 200);
    auto log = items(admin.get("/api/audit?record=centre&id=1"));
    std::vector<std::pair<bool, bool>> switches;
    for (std::size_t i = 0; i < log->size(); ++i)
        if (str(item(log, i), "action") == "approval-setting") {
            CHECK(str(item(log, i), "user") == "admin");
            switches.emplace_back(item(log, i)->getObject("before")->getValue<bool>("publishing_needs_approval"),
                                  item(log, i)->getObject("after")->getValue<bool>("publishing_needs_approval"));
        }
    CHECK(switches == std::vector<std::pair<bool, bool>>{{true, false}, {false, true}});
}
