// Record lists on PostgreSQL are answered from memory until the records change (server/ListCache):
// a write through this server shows in the very next list, one through another server (another
// Database on the same records, as a second `gongshi serve` has) once its NOTIFY has arrived. On
// SQLite every list is read.
#include "records/RecordStore.h"
#include "server/ListCache.h"
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

#include <chrono>

using namespace gongshi;
using namespace gongshi::test;

TEST_CASE("record lists are kept until a write here or on another server, and never read stale after one here") {
    ServerFixture f(withoutDelivery());
    Client c = f.editor();
    const Response first = c.get("/api/notices?limit=200");
    REQUIRE(first.status == 200);
    const long long total = num(first.json(), "total");
    const std::uint64_t hitsBefore = f.server->lists().hits();
    const Response again = c.get("/api/notices?limit=200");
    CHECK(again.body == first.body);
    if (onPostgres())
        CHECK(f.server->lists().hits() == hitsBefore + 1);
    else
        CHECK(f.server->lists().hits() == 0);
    // Another page, search or centre is a list of its own.
    const Response searched = c.get("/api/notices?limit=200&q=" + encode("不存在的标题"));
    CHECK(num(searched.json(), "total") == 0);

    // Written through this server: the next list has it, at once.
    const Response made = c.post("/api/notices", R"({"centre_id": 1, "category": "other", "title": "本服务器写的通知"})");
    REQUIRE(made.status == 201);
    const Response after = c.get("/api/notices?limit=200");
    CHECK(num(after.json(), "total") == total + 1);
    CHECK(contains(after.body, "本服务器写的通知"));
    const Response edited = c.put("/api/notices/" + std::to_string(num(made.json(), "id")),
                                  R"({"version": 1, "centre_id": 1, "category": "other", "title": "改过的通知"})");
    REQUIRE(edited.status == 200);
    const Response afterEdit = c.get("/api/notices?limit=200");
    CHECK(contains(afterEdit.body, "改过的通知"));
    CHECK_FALSE(contains(afterEdit.body, "本服务器写的通知"));

    // Written through another server on the same records: in the list within a second.
    TempDir otherDir;
    content::Database other(onPostgres() ? otherDir.str() : f.data.str(), f.config.database);
    content::Notice n;
    n.centreId = 1;
    n.title = "另一台服务器写的通知";
    const auto written = std::chrono::steady_clock::now();
    content::RecordStore<content::Notice>(other).create(n, "other");
    const bool seen = waitFor([&] { return contains(c.get("/api/notices?limit=200").body, "另一台服务器写的通知"); },
                              std::chrono::seconds(1), std::chrono::milliseconds(5));
    CHECK_MESSAGE(seen, "another server's notice not in the list 1 s after it was written");
    MESSAGE("another server's write in this server's list after "
            << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - written).count() << " ms");
    CHECK(num(c.get("/api/notices?limit=200").json(), "total") == total + 2);
}
