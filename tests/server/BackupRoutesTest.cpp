// The nightly backup: made once a day at its local time, the newest N kept, the latest
// downloadable by admins only, and a download that gongshi restore takes.
#include "records/Backup.h"
#include "records/Database.h"
#include "records/RecordStore.h"
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace gongshi;
using namespace gongshi::test;
using namespace std::chrono_literals;

TEST_CASE("the nightly backup is made once a day at its time, the newest kept, the latest downloadable by admins") {
    if (onPostgres()) return; // the nightly archive is the SQLite data directory's (PostgreSQL is backed up by pg_dump)
    delivery::ManualClock clock("2026-11-27", 2, 29);
    ServerOptions o;
    o.clock = &clock;
    o.delivery = false;
    o.backup = {"", 2, 2 * 60 + 30};
    ServerFixture f(o);
    server::NightlyBackup& nightly = f.server->backups();
    Client admin = f.admin();

    CHECK_FALSE(nightly.runDue()); // 02:29: not yet
    Response none = admin.get("/api/backups/latest");
    CHECK(none.status == 404);
    CHECK(none.json()->getValue<std::string>("error").find("还没有备份") == 0);

    clock.advance(2min);
    CHECK(nightly.runDue());
    CHECK_FALSE(nightly.runDue()); // once a day
    for (const char* day : {"2026-11-28", "2026-11-29"}) {
        clock.advance(24h);
        CHECK(nightly.runDue());
        CHECK(nightly.latest()->name == std::string("gongshi-") + day + ".zip");
    }
    const auto kept = nightly.list();
    REQUIRE(kept.size() == 2); // keep 2: the first day's is gone
    CHECK(kept[0].name == "gongshi-2026-11-29.zip");
    CHECK(kept[1].name == "gongshi-2026-11-28.zip");

    Response list = admin.get("/api/backups");
    REQUIRE(list.status == 200);
    CHECK(list.json()->getArray("items")->size() == 2);
    CHECK(list.json()->getArray("items")->getObject(0)->getValue<std::string>("name") == "gongshi-2026-11-29.zip");

    Response latest = admin.get("/api/backups/latest");
    REQUIRE(latest.status == 200);
    CHECK(latest.header("Content-Type") == "application/zip");
    CHECK(latest.header("Content-Disposition") == "attachment; filename=\"gongshi-2026-11-29.zip\"");
    CHECK(latest.body.size() == kept[0].bytes);
    CHECK(f.editor().get("/api/backups/latest").status == 403);
    CHECK(f.client().get("/api/backups/latest").status == 401);

    // What was downloaded restores: the demo's 29 matters.
    TempDir out("gongshi-backup-dl");
    std::ofstream(out / "latest.zip", std::ios::binary) << latest.body;
    content::restoreBackup(out / "latest.zip", out / "restored", false);
    content::Database restored(out / "restored");
    CHECK(content::RecordStore<content::Matter>(restored).all().size() == 29);
}
