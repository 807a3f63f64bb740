#include "common/Error.h"
#include "records/Database.h"
#include "records/RecordStore.h"
#include "tests/support/TestSupport.h"

#include <Poco/Data/SQLite/SQLiteException.h>

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <thread>

using namespace gongshi;
using namespace gongshi::content;
using namespace Poco::Data::Keywords;
using gongshi::test::TempDir;

namespace {

Centre centre() {
    Centre c;
    c.kind = CentreKind::TownshipCentre;
    c.county = "临江县";
    c.township = "青石镇";
    c.name = "青石镇人民政府便民服务中心";
    c.population = 32000;
    c.hallArea = 260;
    c.grade = 2;
    return c;
}

Matter matter(Id centreId, const std::string& name) {
    Matter m;
    m.centreId = centreId;
    m.name = name;
    m.department = "镇社会事务办";
    m.statutoryDays = 20;
    m.promisedDays = 5;
    m.free = true;
    m.materials.push_back({"居民身份证", MaterialForm::OriginalAndCopy, 1, true, "", ""});
    return m;
}

} // namespace

TEST_CASE("a new data directory gets every migration, in order, once") {
    TempDir tmp("gongshi-store");
    const std::string dir = tmp / "data"; // not there yet: the database makes it
    {
        Database db(dir, gongshi::test::databaseUrl(dir));
        CHECK(db.schemaVersion() == Database::migrations().back().version);
        CHECK(std::filesystem::exists(std::filesystem::path(dir) / "gongshi.db") == !gongshi::test::onPostgres());
    }
    Database again(dir, gongshi::test::databaseUrl(dir)); // opening twice applies nothing twice
    gongshi::content::Connection s = again.session();
    int rows = 0;
    s << "SELECT COUNT(*) FROM schema_migrations", into(rows), now;
    CHECK(rows == static_cast<int>(Database::migrations().size()));
    if (gongshi::test::onPostgres()) return; // the rest is SQLite's own
    std::string mode;
    s << "PRAGMA journal_mode", into(mode), now;
    CHECK(mode == "wal");
    int fk = 0;
    s << "PRAGMA foreign_keys", into(fk), now;
    CHECK(fk == 1);
}

TEST_CASE("an older schema is migrated forward and its records survive") {
    TempDir dir("gongshi-store");
    {
        Database old(dir.str(), gongshi::test::databaseUrl(dir.str()), 1);
        CHECK(old.schemaVersion() == 1);
        old.write([](gongshi::content::Connection& s) {
            s << "INSERT INTO centres (id, version, title, created_at, changed_at, changed_by, data) VALUES"
                 " (7, 1, '青石镇', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'import',"
                 " '{\"id\":7,\"version\":1,\"kind\":\"township-centre\",\"name\":\"青石镇\"}')",
                now;
        });
    }
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    CHECK(db.schemaVersion() == Database::migrations().back().version);
    RecordStore<Centre> centres(db);
    Centre c = centres.get(7);
    CHECK(c.name == "青石镇");
    CHECK(c.meta.version == 1);
    gongshi::content::Connection s = db.session();
    int calendar = -1;
    s << "SELECT COUNT(*) FROM calendar_days", into(calendar), now; // the table came with migration 3
    CHECK(calendar == 0);
}

TEST_CASE("create, read, list, update and delete a matter, each save kept as a revision") {
    TempDir dir("gongshi-store");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    RecordStore<Centre> centres(db);
    RecordStore<Matter> matters(db);
    Centre c = centres.create(centre(), "admin");
    CHECK(c.meta.id > 0);
    CHECK(c.meta.version == 1);
    Matter m = matters.create(matter(c.meta.id, "最低生活保障申请"), "editor1");
    matters.create(matter(c.meta.id, "临时救助申请"), "editor1");
    CHECK(m.meta.version == 1);
    CHECK(m.meta.changedBy == "editor1");
    CHECK(matters.get(m.meta.id).name == "最低生活保障申请");

    ListQuery q;
    q.text = "救助";
    auto page = matters.list(q);
    CHECK(page.total == 1);
    REQUIRE(page.items.size() == 1);
    CHECK(page.items[0].name == "临时救助申请");

    m.promisedDays = 3;
    Matter saved = matters.update(m, "editor2");
    CHECK(saved.meta.version == 2);
    CHECK(matters.get(m.meta.id).promisedDays == 3);

    auto revs = matters.revisions(m.meta.id);
    REQUIRE(revs.size() == 2);
    CHECK(revs[0].action == "create");
    CHECK(revs[1].action == "update");
    CHECK(revs[1].changedBy == "editor2");
    CHECK(revs[0].content.find("\"promised_days\":5") != std::string::npos);

    matters.remove(m.meta.id, 2, "admin");
    CHECK_FALSE(matters.find(m.meta.id).has_value());
    CHECK_THROWS_AS(matters.get(m.meta.id), NotFoundError);
    CHECK(matters.revisions(m.meta.id).back().action == "delete");
}

TEST_CASE("a save based on a stale version fails with a conflict naming the record, and writes nothing") {
    TempDir dir("gongshi-store");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    RecordStore<Centre> centres(db);
    RecordStore<Matter> matters(db);
    Centre c = centres.create(centre(), "admin");
    Matter m = matters.create(matter(c.meta.id, "户口迁移"), "a");
    Matter first = m, second = m;
    first.phone = "0838-1111111";
    matters.update(first, "a");
    second.phone = "0838-2222222";
    try {
        matters.update(second, "b");
        FAIL("a stale save went through");
    } catch (const ConflictError& e) {
        const auto stored = matters.get(m.meta.id);
        CHECK(std::string(e.what()) == "事项" + std::to_string(m.meta.id) + "已被a于" + stored.meta.changedAt +
                                           "修改（现为第2版，本次保存基于第1版），未覆盖任何内容，请刷新后再改");
    }
    CHECK(matters.get(m.meta.id).phone == "0838-1111111");
    CHECK(matters.revisions(m.meta.id).size() == 2);
}

TEST_CASE("a revision is restored as a new version, and a deleted record comes back under its id") {
    TempDir dir("gongshi-store");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    RecordStore<Centre> centres(db);
    RecordStore<Notice> notices(db);
    Centre c = centres.create(centre(), "admin");
    Notice n;
    n.centreId = c.meta.id;
    n.category = NoticeCategory::SocialAssistance;
    n.title = "低保对象公示";
    n.body = "第一稿";
    n.publishFrom = "2026-12-01";
    n.publishUntil = "2026-12-07";
    n = notices.create(n, "editor");
    n.body = "第二稿";
    n = notices.update(n, "editor");
    Notice back = notices.restore(n.meta.id, 1, 2, "admin");
    CHECK(back.meta.version == 3);
    CHECK(notices.get(n.meta.id).body == "第一稿");
    CHECK(notices.revisions(n.meta.id).back().action == "restore");

    notices.remove(n.meta.id, 3, "admin");
    CHECK_THROWS_AS(notices.restore(n.meta.id, 2, 3, "admin"), ConflictError); // it was deleted at version 4
    Notice undeleted = notices.restore(n.meta.id, 2, 4, "admin");
    CHECK(undeleted.meta.id == n.meta.id);
    CHECK(undeleted.meta.version == 5);
    CHECK(notices.get(n.meta.id).body == "第二稿");

    gongshi::content::Connection s = db.session();
    std::string until;
    s << "SELECT publish_until FROM notices WHERE id = ?", use(n.meta.id), into(until), now;
    CHECK(until == "2026-12-07");
}

TEST_CASE("a new record never takes the id of a deleted one, whose revisions keep it") {
    TempDir dir("gongshi-store");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    RecordStore<Centre> centres(db);
    RecordStore<ScreenRecord> screens(db);
    Centre c = centres.create(centre(), "admin");
    ScreenRecord s;
    s.centreId = c.meta.id;
    s.name = "大厅屏";
    s.width = 64;
    s.height = 16;
    s = screens.create(s, "admin");
    screens.remove(s.meta.id, 1, "admin"); // the last and only screen: its id is free in the table
    ScreenRecord again = s;
    again.name = "新大厅屏";
    again = screens.create(again, "admin");
    CHECK(again.meta.id == s.meta.id + 1);
    CHECK(screens.revisions(s.meta.id).size() == 2); // create and delete, untouched
    CHECK(screens.revisions(again.meta.id).size() == 1);
    // The deleted one can still come back under its own id.
    CHECK(screens.restore(s.meta.id, 1, 2, "admin").name == "大厅屏");
    CHECK(screens.all().size() == 2);
}

TEST_CASE("threads writing the same and different records lose no update and overwrite nothing silently") {
    TempDir dir("gongshi-store");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    RecordStore<Centre> centres(db);
    RecordStore<Matter> matters(db);
    Centre c = centres.create(centre(), "admin");
    Matter shared = matters.create(matter(c.meta.id, "共享事项"), "admin");

    const int threads = 8, rounds = 25;
    std::atomic<int> applied{0}, conflicts{0}, unexpected{0};
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (int i = 0; i < rounds; ++i) {
                try {
                    // Each thread also creates its own record: different rows never conflict.
                    matters.create(matter(c.meta.id, "事项" + std::to_string(t) + "-" + std::to_string(i)), "t" + std::to_string(t));
                    // Read, change, save: the classic lost-update race on one row.
                    for (int attempt = 0; attempt < 100; ++attempt) {
                        Matter m = matters.get(shared.meta.id);
                        m.windows.push_back(std::to_string(t) + ":" + std::to_string(i));
                        // Widen the window between read and save so that the threads really race.
                        std::this_thread::sleep_for(std::chrono::microseconds(500));
                        try {
                            matters.update(m, "t" + std::to_string(t));
                            ++applied;
                            break;
                        } catch (const ConflictError&) {
                            ++conflicts;
                        }
                    }
                } catch (const std::exception&) {
                    ++unexpected;
                }
            }
        });
    }
    for (auto& th : pool) th.join();
    CHECK(unexpected == 0);
    CHECK(applied == threads * rounds);
    Matter final = matters.get(shared.meta.id);
    // Every applied change is in the record: nothing was lost by an overwrite.
    CHECK(final.windows.size() == static_cast<std::size_t>(threads * rounds));
    CHECK(final.meta.version == 1 + threads * rounds);
    CHECK(matters.all(c.meta.id).size() == static_cast<std::size_t>(1 + threads * rounds));
    CHECK(matters.revisions(shared.meta.id).size() == static_cast<std::size_t>(1 + threads * rounds));
    CHECK(conflicts > 0); // the race happened, and every loser was told
    MESSAGE("conflicts detected and retried: " << conflicts.load());
}

TEST_CASE("a record pointing at a centre that does not exist is refused by the database") {
    TempDir dir("gongshi-store");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    RecordStore<Matter> matters(db);
    CHECK_THROWS_AS(matters.create(matter(999, "无主事项"), "x"), Poco::Data::DataException);
    CHECK(matters.all().empty());
}

TEST_CASE("when every connection is in use, a caller waits for one to come free instead of failing") {
    TempDir dir;
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    std::vector<gongshi::content::Connection> held; // every connection there is
    for (int i = 0; i < db.capacity(); ++i) held.push_back(db.session());
    std::atomic<bool> got{false};
    std::thread caller([&] {
        gongshi::content::Connection s = db.session();
        int one = 0;
        s << "SELECT 1", into(one), now;
        got = one == 1;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK_FALSE(got.load()); // still waiting
    held.pop_back();         // a request finishes
    caller.join();
    CHECK(got.load());
}
