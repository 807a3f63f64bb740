// Approval people can see: what a waiting version changes, field by field; sending it back with a
// comment; where a matter or notice stands, in its read, its list and the answer to its save.
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

Poco::JSON::Object::Ptr findChange(const Poco::JSON::Object::Ptr& pending, const std::string& field) {
    auto changes = pending->getArray("changes");
    REQUIRE(changes);
    for (std::size_t i = 0; i < changes->size(); ++i)
        if (str(item(changes, i), "field") == field) return item(changes, i);
    return nullptr;
}

Poco::JSON::Object::Ptr listed(Client& c, const std::string& collection, long long id) {
    Response r = c.get("/api/" + collection + "?limit=1000");
    REQUIRE(r.status == 200);
    auto a = items(r);
    for (std::size_t i = 0; i < a->size(); ++i)
        if (num(item(a, i), "id") == id) return item(a, i);
    return nullptr;
}

void needApproval(Client& admin) {
    auto centre = admin.get("/api/centres/1").json();
    centre->set("publishing_needs_approval", true);
    REQUIRE(admin.put("/api/centres/1", centre).status == 200);
}

} // namespace

TEST_CASE("a waiting matter shows its changes field by field, nested materials by readable paths and Chinese labels") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    Client editor = f.editor();
    needApproval(admin);

    auto m = editor.get("/api/matters/1").json();
    const std::string oldName = str(m, "name");
    auto materials = m->getArray("materials");
    REQUIRE(materials);
    REQUIRE(materials->size() >= 1);
    const long long oldCopies = num(item(materials, 0), "copies");
    const std::size_t oldCount = materials->size();
    m->set("name", oldName + "（新）");
    item(materials, 0)->set("copies", oldCopies + 2);
    auto added =
        parseObject(R"({"name": "新增的证明", "form": "original", "copies": 1, "required": true, "notes": "", "sample_file": ""})");
    materials->add(added);
    Response saved = editor.put("/api/matters/1", m);
    REQUIRE_MESSAGE(saved.status == 200, saved.body);
    auto approval = saved.json()->getObject("approval");
    REQUIRE(approval);
    CHECK(str(approval, "state") == "waiting");
    CHECK(str(approval, "by") == "editor");
    CHECK(str(approval, "shown_title") == oldName); // screens still show the approved name
    CHECK(num(approval, "approved_version") == 1);

    Response approvals = admin.get("/api/approvals");
    REQUIRE(approvals.status == 200);
    auto pending = findPending(approvals, "matter", 1);
    REQUIRE(pending);
    auto name = findChange(pending, "name");
    REQUIRE(name);
    CHECK(str(name, "label") == "名称");
    CHECK(str(name, "before") == oldName);
    CHECK(str(name, "after") == oldName + "（新）");
    auto copies = findChange(pending, "materials[0].copies");
    REQUIRE(copies);
    CHECK(str(copies, "label") == "申请材料第1项·份数");
    CHECK(str(copies, "before") == std::to_string(oldCopies));
    CHECK(str(copies, "after") == std::to_string(oldCopies + 2));
    const std::string at = "materials[" + std::to_string(oldCount) + "]";
    auto newName = findChange(pending, at + ".name");
    REQUIRE(newName);
    CHECK(str(newName, "label") == "申请材料第" + std::to_string(oldCount + 1) + "项·名称");
    CHECK(newName->get("before").isEmpty()); // absent before
    CHECK(str(newName, "after") == "新增的证明");
    auto required = findChange(pending, at + ".required");
    REQUIRE(required);
    CHECK(str(required, "after") == "是");
    // Only what changed, nothing of the record's bookkeeping.
    CHECK(findChange(pending, "department") == nullptr);
    CHECK(findChange(pending, "version") == nullptr);
    CHECK(findChange(pending, "changed_at") == nullptr);
    CHECK(pending->getArray("changes")->size() == 2 + added->size());
}

TEST_CASE("an admin sends a notice back with a comment, the editor sees it in the read and the list, and a new save waits again") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    Client editor = f.editor();
    needApproval(admin);

    Response created = admin.post("/api/notices", R"({"centre_id": 1, "category": "other", "title": "停水通知",
        "body": "周六上午停水", "publish_from": "2026-11-20", "publish_until": "2026-12-20"})");
    REQUIRE(created.status == 201);
    const long long id = num(created.json(), "id");
    const std::string path = "/api/notices/" + std::to_string(id);
    CHECK(str(created.json()->getObject("approval"), "state") == "approved"); // an admin's save is approved as made

    auto n = editor.get(path).json();
    n->set("title", "停水通知（更正）");
    Response saved = editor.put(path, n);
    REQUIRE(saved.status == 200);
    CHECK(str(saved.json()->getObject("approval"), "state") == "waiting");
    auto changes = findPending(admin.get("/api/approvals"), "notice", id);
    REQUIRE(changes);
    auto title = findChange(changes, "title");
    REQUIRE(title);
    CHECK(str(title, "label") == "标题");
    CHECK(str(title, "before") == "停水通知");
    CHECK(str(title, "after") == "停水通知（更正）");

    const std::string target = "{\"record\": \"notice\", \"id\": " + std::to_string(id) + ", \"version\": 2, \"decision\": \"reject\"";
    // No comment, or only blanks: refused in Chinese, naming the field.
    Response bare = admin.post("/api/approvals", target + "}");
    CHECK(bare.status == 400);
    CHECK(bare.field() == "comment");
    CHECK(contains(bare.error(), "意见"));
    CHECK(admin.post("/api/approvals", target + ", \"comment\": \"  \"}").status == 400);
    Response odd = admin.post("/api/approvals",
                              "{\"record\": \"notice\", \"id\": " + std::to_string(id) + ", \"version\": 2, \"decision\": \"maybe\"}");
    CHECK(odd.status == 400);
    CHECK(odd.field() == "decision");
    CHECK(contains(odd.error(), "审批决定"));
    // Only the version waiting is sent back.
    Response stale = admin.post("/api/approvals", "{\"record\": \"notice\", \"id\": " + std::to_string(id) +
                                                      ", \"version\": 1, \"decision\": \"reject\", \"comment\": \"不对\"}");
    CHECK(stale.status == 409);
    CHECK(contains(stale.error(), "第1版已不是待审批的版本（现在是第2版）"));
    // An editor may not decide.
    CHECK(editor.post("/api/approvals", target + ", \"comment\": \"自己退回\"}").status == 403);

    Response sentBack = admin.post("/api/approvals", target + ", \"comment\": \"标题里写清停水时间\"}");
    REQUIRE_MESSAGE(sentBack.status == 200, sentBack.body);
    CHECK(str(sentBack.json(), "decision") == "reject");
    CHECK(str(sentBack.json(), "rejected_by") == "admin");
    CHECK(findPending(admin.get("/api/approvals"), "notice", id) == nullptr); // no longer waits for the admin

    auto read = editor.get(path).json()->getObject("approval");
    REQUIRE(read);
    CHECK(str(read, "state") == "rejected");
    CHECK(str(read, "comment") == "标题里写清停水时间");
    CHECK(str(read, "by") == "admin");
    CHECK(!str(read, "at").empty());
    CHECK(str(read, "shown_title") == "停水通知");
    auto inList = listed(editor, "notices", id);
    REQUIRE(inList);
    CHECK(str(inList->getObject("approval"), "state") == "rejected");
    CHECK(str(inList->getObject("approval"), "comment") == "标题里写清停水时间");

    // The audit log has the send-back with its comment.
    auto log = items(admin.get("/api/audit?record=notice&id=" + std::to_string(id)));
    REQUIRE(log->size() >= 1);
    CHECK(str(item(log, 0), "action") == "reject");
    CHECK(str(item(log, 0), "user") == "admin");
    CHECK(num(item(log, 0)->getObject("after"), "version") == 2);
    CHECK(str(item(log, 0)->getObject("after"), "comment") == "标题里写清停水时间");

    // The editor's next save waits again, and approving it makes it approved.
    auto again = editor.get(path).json();
    again->set("title", "周六上午八点至十二点停水");
    Response resaved = editor.put(path, again);
    REQUIRE(resaved.status == 200);
    CHECK(str(resaved.json()->getObject("approval"), "state") == "waiting");
    CHECK(findPending(admin.get("/api/approvals"), "notice", id) != nullptr);
    Response ok = admin.post("/api/approvals", "{\"record\": \"notice\", \"id\": " + std::to_string(id) + ", \"version\": 3}");
    REQUIRE(ok.status == 200);
    CHECK(str(ok.json(), "decision") == "approve"); // no decision: approve, as clients from before send
    auto now = editor.get(path).json()->getObject("approval");
    CHECK(str(now, "state") == "approved");
    CHECK(now->get("shown_title").isEmpty());
    CHECK(str(listed(editor, "notices", id)->getObject("approval"), "state") == "approved");
    // What is approved is not sent back.
    Response late = admin.post("/api/approvals", "{\"record\": \"notice\", \"id\": " + std::to_string(id) +
                                                     ", \"version\": 3, \"decision\": \"reject\", \"comment\": \"晚了\"}");
    CHECK(late.status == 409);
    CHECK(contains(late.error(), "第3版已批准发布，不能退回"));
    CHECK(str(editor.get(path).json()->getObject("approval"), "state") == "approved");
}

TEST_CASE("without approval a record carries no approval state") {
    ServerFixture f(withoutDelivery());
    Client editor = f.editor();
    CHECK_FALSE(editor.get("/api/notices/1").json()->has("approval"));
    CHECK_FALSE(listed(editor, "matters", 1)->has("approval"));
}
