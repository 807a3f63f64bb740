// A full disk: SQLite's SQLITE_FULL, made deterministic by capping the database at the pages it
// has (PRAGMA max_page_count on every connection). Writes answer 507 in Chinese naming the cause;
// reads and the sessions already open go on; one alert goes out, not one per request.
#include "records/Database.h"
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

#include <Poco/Data/Session.h>

#include <chrono>
#include <ctime>
#include <thread>

using namespace gongshi;
using namespace gongshi::test;
using namespace std::chrono_literals;
using namespace Poco::Data::Keywords;

namespace {

std::string bigNotice(const std::string& title) {
    std::string body;
    for (int i = 0; i < 1200; ++i) body += "公告正文"; // 4,800 characters: under the 5,000 a body may hold, over a page
    return R"({"centre_id": 1, "category": "other", "title": ")" + title + R"(", "body": ")" + body +
           R"(", "publish_from": "2026-11-20", "publish_until": "2026-12-20"})";
}

std::int64_t pageCount(content::Database& db) {
    gongshi::content::Connection s = db.session();
    std::int64_t pages = 0;
    s << "PRAGMA page_count", into(pages), now;
    return pages;
}

} // namespace

TEST_CASE("a full disk: writes answer 507 in Chinese, reads and an open session go on, and the disk is reported once") {
    // SQLite's page cap stands in for the full disk; PostgreSQL's disk_full (53100) takes the same path in Database::write.
    if (onPostgres()) return;
    ServerFixture f(withoutDelivery());
    Client editor = f.editor();
    Client admin = f.admin();
    content::Database& db = f.server->database();
    // The session is due a touch (last seen two minutes ago): the touch must not end it.
    {
        gongshi::content::Connection s = db.session();
        std::int64_t twoMinutesAgo = static_cast<std::int64_t>(std::time(nullptr)) - 120;
        s << "UPDATE sessions SET last_seen = ?", use(twoMinutesAgo), now;
    }
    db.capPages(pageCount(db));

    Response full = editor.post("/api/notices", bigNotice("磁盘满时的公告"));
    CHECK(full.status == 507);
    CHECK(full.error() == "服务器磁盘已满，无法保存：请清理磁盘空间后重试。");
    CHECK(db.full());
    Response again = editor.post("/api/notices", bigNotice("再试一次"));
    CHECK(again.status == 507);

    // Reads and the session that was open.
    CHECK(editor.get("/api/notices?limit=5").status == 200);
    CHECK(editor.get("/api/session").status == 200);
    CHECK(admin.get("/api/matters/1").status == 200);

    // One alert for the full disk, however many writes were refused.
    REQUIRE(waitFor([&] { return contains(admin.get("/api/alerts").body, "\"kind\":\"disk\""); }, 10s));
    CHECK(editor.post("/api/notices", bigNotice("第三次")).status == 507);
    std::this_thread::sleep_for(1500ms); // past the next look
    auto list = items(admin.get("/api/alerts"));
    int disk = 0;
    for (std::size_t i = 0; i < list->size(); ++i) disk += str(item(list, i), "kind") == "disk";
    CHECK(disk == 1);
    CHECK(contains(admin.get("/metrics").body, "gongshi_alerts_total{kind=\"disk\"} 1\n"));

    // Space again: the write goes through and the state clears.
    db.capPages(0);
    Response later = editor.post("/api/notices", bigNotice("有空间了"));
    CHECK_MESSAGE(later.status == 201, later.body);
    CHECK(!db.full());
}
