// POST /api/import/{kind} and GET /api/export/{file}: the preview, the all-or-nothing commit, the
// statuses, and an export that imports back unchanged.
#include "records/Xlsx.h"
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

using namespace gongshi::test;

namespace {

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Response importSheet(Client& c, const std::string& target, const std::string& body, const std::string& type = "text/csv") {
    return c.request("POST", target, body, {}, type);
}

long long mattersOfCentre(Client& c) { return num(c.get("/api/matters?centre_id=1&limit=1").json(), "total"); }

std::string actionOf(const Response& r, std::size_t i) { return str(item(r.json()->getArray("rows"), i), "action"); }

} // namespace

TEST_CASE("an import preview classifies every row and stores nothing, and the commit stores them") {
    ServerFixture f(withoutDelivery());
    Client editor = f.editor();
    const long long before = mattersOfCentre(editor);
    REQUIRE(before == 29);
    const std::string firstName = str(item(items(editor.get("/api/matters?centre_id=1&limit=1")), 0), "name");
    const std::string sheet = "事项名称,法定办结时限\n新设事项甲,5\n新设事项乙,即办\n";

    Response preview = importSheet(editor, "/api/import/matters?centre_id=1&dry_run=1", sheet);
    REQUIRE(preview.status == 200);
    auto p = preview.json();
    CHECK(num(p, "new") == 2);
    CHECK(num(p, "update") == 0);
    CHECK(num(p, "unchanged") == 0);
    CHECK(num(p, "error") == 0);
    CHECK(num(item(p->getArray("rows"), 0), "row") == 2);
    CHECK(item(p->getArray("rows"), 0)->get("id").isEmpty());
    CHECK(mattersOfCentre(editor) == before);

    Response done = importSheet(editor, "/api/import/matters?centre_id=1", sheet);
    REQUIRE(done.status == 200);
    CHECK(num(done.json(), "new") == 2);
    CHECK(mattersOfCentre(editor) == before + 2);
    const long long id = num(item(done.json()->getArray("rows"), 1), "id");
    Response stored = editor.get("/api/matters/" + std::to_string(id));
    CHECK(str(stored.json(), "name") == "新设事项乙");
    CHECK(num(stored.json(), "statutory_days") == 0);

    // Again, with one stored matter renamed in place by its row: updates and unchanged rows.
    Response again = importSheet(editor, "/api/import/matters?centre_id=1", "事项名称,法定办结时限\n新设事项甲,6\n新设事项乙,即办\n");
    REQUIRE(again.status == 200);
    CHECK(num(again.json(), "update") == 1);
    CHECK(num(again.json(), "unchanged") == 1);
    CHECK(actionOf(again, 0) == "update");
    CHECK(mattersOfCentre(editor) == before + 2);
    (void)firstName;
}

TEST_CASE("an import with a bad row answers 400 with every row and leaves the database as it was") {
    ServerFixture f(withoutDelivery());
    Client editor = f.editor();
    const std::string exportedBefore = editor.get("/api/export/matters.csv?centre_id=1").body;
    const long long before = mattersOfCentre(editor);
    const std::string sheet = "事项名称,法定办结时限,承诺办结时限\n新设事项甲,5,3\n新设事项乙,abc,\n,5,\n";

    Response preview = importSheet(editor, "/api/import/matters?centre_id=1&dry_run=1", sheet);
    REQUIRE(preview.status == 200);
    CHECK(num(preview.json(), "error") == 2);

    Response refused = importSheet(editor, "/api/import/matters?centre_id=1", sheet);
    REQUIRE(refused.status == 400);
    auto r = refused.json();
    CHECK(r->getValue<std::string>("message") == "有2行有错误，什么都没有导入：改正后再导入");
    CHECK(num(r, "new") == 1);
    CHECK(num(r, "error") == 2);
    CHECK_FALSE(r->getValue<bool>("committed"));
    auto rows = r->getArray("rows");
    REQUIRE(rows->size() == 3);
    auto bad = item(rows, 1);
    CHECK(num(bad, "row") == 3);
    CHECK(str(bad, "action") == "error");
    auto error = item(bad->getArray("errors"), 0);
    CHECK(str(error, "column") == "法定办结时限");
    CHECK(str(error, "message") == "“abc”不是工作日数（如“20个工作日”“即办”）");
    CHECK(str(item(item(rows, 2)->getArray("errors"), 0), "column") == "事项名称");
    CHECK(mattersOfCentre(editor) == before);
    CHECK(editor.get("/api/export/matters.csv?centre_id=1").body == exportedBefore);
}

TEST_CASE("import and export answer with the statuses of their routes") {
    ServerOptions options = withoutDelivery();
    options.configure = [](gongshi::server::ServerConfig& c) { c.maxUpload = 4096; };
    ServerFixture f(options);
    Client editor = f.editor();
    const std::string sheet = "标题,公示开始\n招聘会,2026-12-03\n";
    CHECK(importSheet(editor, "/api/import/notices?centre_id=1&dry_run=1", sheet).status == 200);
    Response wrongType = importSheet(editor, "/api/import/notices?centre_id=1", sheet, "application/json");
    CHECK(wrongType.status == 415);
    CHECK(wrongType.error().find("CSV") != std::string::npos);
    CHECK(importSheet(editor, "/api/import/windows?centre_id=1", sheet).status == 404);
    Response noCentre = importSheet(editor, "/api/import/notices", sheet);
    CHECK(noCentre.status == 400);
    CHECK(noCentre.field() == "centre_id");
    CHECK(importSheet(editor, "/api/import/notices?centre_id=99", sheet).status == 404);
    CHECK(importSheet(editor, "/api/import/notices?centre_id=1", std::string(5000, 'a')).status == 413);
    Response notWorkbook = importSheet(editor, "/api/import/notices?centre_id=1", std::string("PK\x03\x04", 4) + "nonsense", kXlsx);
    CHECK(notWorkbook.status == 400);
    CHECK(notWorkbook.error().rfind("不是 Excel 工作簿（.xlsx）", 0) == 0);
    Response noHeader = importSheet(editor, "/api/import/notices?centre_id=1", "正文\n甲\n");
    CHECK(noHeader.status == 400);
    CHECK(noHeader.error() == "第1行：缺少必填的“标题”列（表头行须写明）");

    Client anonymous = f.client();
    CHECK(importSheet(anonymous, "/api/import/notices?centre_id=1", sheet).status == 401);
    CHECK(anonymous.get("/api/export/notices.csv?centre_id=1").status == 401);
    Client noToken = f.editor();
    noToken.sendCsrf(false);
    CHECK(importSheet(noToken, "/api/import/notices?centre_id=1", sheet).status == 403);
    CHECK(editor.get("/api/export/notices.pdf?centre_id=1").status == 404);
    CHECK(editor.get("/api/export/windows.csv?centre_id=1").status == 404);
}

TEST_CASE("an export as .xlsx or .csv imports back with every row unchanged") {
    ServerFixture f(withoutDelivery());
    Client editor = f.editor();
    Response xlsx = editor.get("/api/export/matters.xlsx?centre_id=1");
    REQUIRE(xlsx.status == 200);
    CHECK(xlsx.header("Content-Type") == kXlsx);
    CHECK(xlsx.header("Content-Disposition") == "attachment; filename=\"matters-1.xlsx\"");
    const auto rows = gongshi::content::readXlsx(xlsx.body);
    REQUIRE(rows.size() == 30);
    CHECK(rows[0].at(0) == "事项编码");
    CHECK(rows[0].at(1) == "事项名称");
    Response back = importSheet(editor, "/api/import/matters?centre_id=1", xlsx.body, kXlsx);
    REQUIRE(back.status == 200);
    CHECK(num(back.json(), "unchanged") == 29);
    CHECK(num(back.json(), "new") == 0);
    CHECK(num(back.json(), "update") == 0);

    Response csv = editor.get("/api/export/notices.csv?centre_id=1");
    REQUIRE(csv.status == 200);
    CHECK(csv.header("Content-Type") == "text/csv; charset=utf-8");
    CHECK(csv.body.rfind("\xEF\xBB\xBF公告类别,标题,", 0) == 0);
    Response notices = importSheet(editor, "/api/import/notices?centre_id=1", csv.body);
    REQUIRE(notices.status == 200);
    CHECK(num(notices.json(), "new") == 0);
    CHECK(num(notices.json(), "update") == 0);
    CHECK(num(notices.json(), "error") == 0);
    CHECK(num(notices.json(), "unchanged") > 0);
}

TEST_CASE("an import is saved as the admin page saves: revisions in the audit log, approval waiting for an editor's") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    Client editor = f.editor();
    auto centre = admin.get("/api/centres/1").json();
    centre->set("publishing_needs_approval", true);
    REQUIRE(admin.put("/api/centres/1", centre).status == 200);
    auto pending = [&](long long id) {
        auto a = items(admin.get("/api/approvals"));
        for (std::size_t i = 0; i < a->size(); ++i)
            if (str(item(a, i), "record") == "notice" && num(item(a, i), "id") == id) return true;
        return false;
    };

    Response byEditor = importSheet(editor, "/api/import/notices?centre_id=1", "标题,公示开始\n导入的公告甲,2026-12-01\n");
    REQUIRE(byEditor.status == 200);
    const long long editorsId = num(item(byEditor.json()->getArray("rows"), 0), "id");
    CHECK(pending(editorsId));
    Response byAdmin = importSheet(admin, "/api/import/notices?centre_id=1", "标题,公示开始\n导入的公告乙,2026-12-01\n");
    REQUIRE(byAdmin.status == 200);
    const long long adminsId = num(item(byAdmin.json()->getArray("rows"), 0), "id");
    CHECK_FALSE(pending(adminsId));

    // The editor's import again, changed: an update with its revision, by the editor.
    Response again = importSheet(editor, "/api/import/notices?centre_id=1", "标题,公示开始,正文\n导入的公告甲,2026-12-01,补上正文\n");
    REQUIRE(again.status == 200);
    CHECK(actionOf(again, 0) == "update");
    Response audit = admin.get("/api/audit?record=notice&id=" + std::to_string(editorsId));
    REQUIRE(audit.status == 200);
    auto log = items(audit);
    REQUIRE(log->size() >= 2);
    CHECK(str(item(log, 0), "action") == "update");
    CHECK(str(item(log, 0), "user") == "editor");
    CHECK(str(item(log, log->size() - 1), "action") == "create");
}
