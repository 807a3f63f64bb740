// A database made by an earlier release opens with this one: migrated to the newest schema, every
// record read back through the field tables, revisions and users kept.
#include "records/Database.h"
#include "records/Migrate.h"
#include "records/RecordStore.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>

using namespace gongshi::content;
using gongshi::test::TempDir;
using Poco::Data::Keywords::into;
using Poco::Data::Keywords::now;

TEST_CASE("a database made by the release at 117952f (schema 5) migrates and reads back whole") {
    TempDir dir("gongshi-upgrade");
    std::filesystem::copy_file(gongshi::test::sourceDir() + "/tests/data/upgrade/gongshi-117952f.db", dir / "gongshi.db");
    Database old(dir.str());
    // On PostgreSQL: the upgraded file taken there whole, as gongshi migrate-to does, and read back there.
    std::unique_ptr<Database> pg;
    if (gongshi::test::onPostgres()) {
        pg = std::make_unique<Database>(dir / "pg", gongshi::test::databaseUrl(dir.path()));
        const CopySummary copied = copyRecords(old, *pg);
        CHECK(copied.rows.at("matters") == 29);
        CHECK_THROWS_AS(copyRecords(old, *pg), gongshi::InputError); // only into an empty database
    }
    Database& db = pg ? *pg : old;
    CHECK(db.schemaVersion() == Database::migrations().back().version);
    CHECK(db.schemaVersion() >= 5);

    const auto centres = RecordStore<Centre>(db).all();
    REQUIRE(centres.size() == 1);
    CHECK(centres[0].name == "青石镇人民政府便民服务中心");
    CHECK(RecordStore<Matter>(db).all().size() == 29);
    CHECK(RecordStore<Notice>(db).all().size() == 13);
    CHECK(RecordStore<Window>(db).all().size() == 6);
    CHECK(RecordStore<Staff>(db).all().size() == 12);
    CHECK(RecordStore<ScreenRecord>(db).all().size() == 5);
    CHECK(RecordStore<Program>(db).all().size() == 5);
    const Matter first = RecordStore<Matter>(db).get(1);
    CHECK_FALSE(first.name.empty());
    CHECK_FALSE(first.materials.empty());

    gongshi::content::Connection s = db.session();
    int users = 0, revisions = 0;
    s << "SELECT COUNT(*) FROM users", into(users), now;
    s << "SELECT COUNT(*) FROM revisions", into(revisions), now;
    CHECK(users == 2);
    CHECK(revisions == 71);
    // Users made before centres had users of their own stay the county's (centre_id NULL: every centre).
    int countyUsers = 0;
    s << "SELECT COUNT(*) FROM users WHERE centre_id IS NULL", into(countyUsers), now;
    CHECK(countyUsers == 2);

    // And it takes writes as a database made now does.
    Matter changed = first;
    changed.name += "（更新）";
    const Matter saved = RecordStore<Matter>(db).update(changed, "upgrade-test");
    CHECK(saved.meta.version == first.meta.version + 1);
}
