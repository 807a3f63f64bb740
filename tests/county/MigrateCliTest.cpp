// gongshi migrate-to takes a centre's SQLite data directory into PostgreSQL whole, refuses a database
// that already holds records, and the records commands then work on PostgreSQL with --database:
// the same export, the same check, a backup that restores as a data directory.
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

namespace gongshi::test {

TEST_CASE("migrate-to copies a data directory into PostgreSQL once, and every command reads it there") {
    TempDir base("gongshi-migrate");
    const std::string data = base / "data";
    const std::string url = databaseUrl(base.path());
    REQUIRE(runProcess({gongshiBinary(), "import", "demo", "--data-dir", data}, 120000).exitCode == 0);

    const ProcessResult moved = runProcess({gongshiBinary(), "migrate-to", url, "--data-dir", data}, 120000);
    REQUIRE_MESSAGE(moved.exitCode == 0, moved.err);
    CHECK(moved.out.find("已迁移到") != std::string::npos);
    CHECK(moved.out.find("matters\t29") != std::string::npos);
    CHECK(moved.out.find("notices\t13") != std::string::npos);

    // A second time: the target holds records, nothing is written, the refusal names a table.
    const ProcessResult again = runProcess({gongshiBinary(), "migrate-to", url, "--data-dir", data}, 120000);
    CHECK(again.exitCode == 1);
    CHECK(again.err.find("已有记录") != std::string::npos);
    CHECK(again.err.find("表 centres") != std::string::npos);

    // The same sheet out of either database.
    const std::string other = base / "local";
    const ProcessResult fromSqlite = runProcess({gongshiBinary(), "export", "matters", "-", "--data-dir", data});
    const ProcessResult fromPostgres = runProcess({gongshiBinary(), "export", "matters", "-", "--data-dir", other, "--database", url});
    REQUIRE_MESSAGE(fromPostgres.exitCode == 0, fromPostgres.err);
    CHECK(fromPostgres.out.size() > 1000);
    CHECK(fromPostgres.out == fromSqlite.out);
    const ProcessResult checkSqlite = runProcess({gongshiBinary(), "check", "--data-dir", data, "--json", "--today", "2026-12-01"});
    const ProcessResult checkPostgres =
        runProcess({gongshiBinary(), "check", "--data-dir", other, "--database", url, "--json", "--today", "2026-12-01"});
    CHECK(checkPostgres.exitCode == checkSqlite.exitCode);
    CHECK(checkPostgres.out == checkSqlite.out);

    // A user added on PostgreSQL is there for the next command.
    CHECK(runProcess({gongshiBinary(), "user", "add", "clerk", "--role", "editor", "--data-dir", other, "--database", url}, 60000,
                     "clerk-password-1\n")
              .exitCode == 0);
    const ProcessResult users = runProcess({gongshiBinary(), "user", "list", "--data-dir", other, "--database", url});
    CHECK(users.out.find("clerk") != std::string::npos);

    // A snapshot of PostgreSQL restores as a data directory with the same records.
    const std::string archive = base / "snapshot.zip";
    const ProcessResult backup = runProcess({gongshiBinary(), "backup", "--data-dir", data, "--database", url, "--out", archive}, 120000);
    REQUIRE_MESSAGE(backup.exitCode == 0, backup.err);
    const std::string restored = base / "restored";
    REQUIRE(runProcess({gongshiBinary(), "restore", archive, "--data-dir", restored}, 120000).exitCode == 0);
    const ProcessResult fromRestored = runProcess({gongshiBinary(), "export", "matters", "-", "--data-dir", restored});
    CHECK(fromRestored.out == fromSqlite.out);

    // A bad address is refused before anything, in Chinese, without repeating the password.
    const ProcessResult bad = runProcess({gongshiBinary(), "export", "matters", "-", "--database", "postgresql://u:secret@/db"});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.find("数据库地址") != std::string::npos);
    CHECK(bad.err.find("secret") == std::string::npos);
}

} // namespace gongshi::test
