// `gongshi check` run as a process over real data directories.
#include "records/Database.h"
#include "records/RecordStore.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;
using namespace gongshi::content;
using gongshi::test::gongshiBinary;
using gongshi::test::ProcessResult;
using gongshi::test::runProcess;
using gongshi::test::TempDir;

namespace {

void importDemo(const std::string& dataDir) {
    auto r = runProcess({gongshiBinary(), "import", "demo", "--data-dir", dataDir}, 120000);
    INFO(r.err);
    REQUIRE(r.exitCode == 0);
}

ProcessResult check(const std::string& dataDir, bool json = true) {
    std::vector<std::string> argv{gongshiBinary(), "check", "--data-dir", dataDir, "--today", "2026-11-27"};
    if (json) argv.push_back("--json");
    return runProcess(argv, 120000);
}

Poco::JSON::Array::Ptr findingsOf(const std::string& out) {
    Poco::JSON::Parser parser;
    Poco::JSON::Object::Ptr root = parser.parse(out).extract<Poco::JSON::Object::Ptr>();
    REQUIRE(root);
    Poco::JSON::Array::Ptr findings = root->getArray("findings");
    REQUIRE(findings);
    return findings;
}

std::string text(const Poco::JSON::Object::Ptr& o, const std::string& key) { return o->getValue<std::string>(key); }

} // namespace

TEST_CASE("check on the demo finds the charged matter without a fee basis and exits 2") {
    TempDir dir("gongshi-check-cli");
    const std::string data = dir / "data";
    importDemo(data);
    auto r = check(data);
    INFO(r.err);
    INFO(r.out);
    CHECK(r.exitCode == 2);
    auto findings = findingsOf(r.out);

    int errors = 0;
    Poco::JSON::Object::Ptr feeBasis;
    for (std::size_t i = 0; i < findings->size(); ++i) {
        Poco::JSON::Object::Ptr f = findings->getObject(static_cast<unsigned>(i));
        REQUIRE(f);
        CHECK((text(f, "severity") == "error" || text(f, "severity") == "warning"));
        CHECK_FALSE(text(f, "message").empty());
        if (text(f, "severity") == "error") ++errors;
        if (text(f, "kind") == "matter-fee-no-basis") feeBasis = f;
    }
    CHECK(errors == 1); // the demo's one error on purpose
    REQUIRE(feeBasis);
    CHECK(text(feeBasis, "severity") == "error");
    CHECK(text(feeBasis, "record") == "matter");
    CHECK(feeBasis->getValue<gongshi::content::Id>("id") == 21);
    CHECK(text(feeBasis, "field") == "fee_basis");
    CHECK(text(feeBasis, "message").find("农村土地承包经营权证补发") != std::string::npos);

    // 𠮷家坝村… is on the led16 matter screen, which draws 𠮷: not reported.
    for (std::size_t i = 0; i < findings->size(); ++i)
        CHECK(findings->getObject(static_cast<unsigned>(i))->getValue<std::string>("kind") != "screen-missing-glyphs");

    // Without --json: one line a finding on stdout, the count on stderr, the same exit status.
    auto plain = check(data, false);
    CHECK(plain.exitCode == 2);
    CHECK(plain.out.find("错误 matter 21 fee_basis: ") != std::string::npos);
    CHECK(plain.err.find("gongshi check：1个错误，") != std::string::npos);
}

TEST_CASE("check exits 0 when every finding is a warning, or there is none") {
    TempDir dir("gongshi-check-cli");
    const std::string data = dir / "data";
    importDemo(data);
    {
        Database db(data);
        RecordStore<Matter> matters(db);
        Matter m = matters.get(21);
        REQUIRE(m.name == "农村土地承包经营权证补发");
        m.feeBasis = "《农村土地承包经营权证管理办法》";
        matters.update(m, "test");
    }
    auto r = check(data);
    INFO(r.err);
    INFO(r.out);
    CHECK(r.exitCode == 0);
    auto findings = findingsOf(r.out);
    CHECK(findings->size() > 0); // the demo's warnings (matters without a statutory limit)
    bool expired = false;        // the demo's expired notice is on notice lists only, which leave it out
    for (std::size_t i = 0; i < findings->size(); ++i) {
        Poco::JSON::Object::Ptr f = findings->getObject(static_cast<unsigned>(i));
        CHECK(text(f, "severity") == "warning");
        if (text(f, "kind") == "notice-expired-shown" || text(f, "kind") == "program-notice-expired") expired = true;
    }
    CHECK_FALSE(expired);

    // A data directory with one clean centre: no findings at all.
    const std::string clean = dir / "clean";
    {
        Database db(clean);
        Centre c;
        c.kind = CentreKind::TownshipCentre;
        c.county = "临江县";
        c.township = "青石镇";
        c.name = "青石镇人民政府便民服务中心";
        c.population = 32000;
        c.grade = 2;
        c.hallArea = 260;
        RecordStore<Centre>(db).create(c, "test");
    }
    r = check(clean);
    INFO(r.err);
    CHECK(r.exitCode == 0);
    CHECK(findingsOf(r.out)->size() == 0);
}

TEST_CASE("check with a bad --today exits 1 naming --today") {
    TempDir dir("gongshi-check-cli");
    const std::string data = dir / "data";
    importDemo(data);
    for (const char* bad : {"2026-02-30", "2026-1-5", "tomorrow"}) {
        CAPTURE(bad);
        auto r = runProcess({gongshiBinary(), "check", "--data-dir", data, "--json", "--today", bad});
        CHECK(r.exitCode == 1);
        CHECK(r.err.find("--today") != std::string::npos);
        CHECK(r.err.find(bad) != std::string::npos);
        CHECK(r.out.empty());
    }
}

TEST_CASE("check without records in the data directory exits 1") {
    TempDir dir("gongshi-check-cli");
    auto r = runProcess({gongshiBinary(), "check", "--data-dir", dir / "nothing", "--today", "2026-11-27"});
    CHECK(r.exitCode == 1);
    CHECK(r.err.find("gongshi.db") != std::string::npos);
    CHECK_FALSE(fs::exists(dir / "nothing/gongshi.db")); // nothing created
}

TEST_CASE("gongshi calendar import FILE and show YEAR: the shipped days with the file's, a bad row named") {
    TempDir dir("gongshi-calendar-cli");
    const std::string data = dir / "data";
    importDemo(data);
    const std::string file = dir / "days.csv";
    {
        std::ofstream out(file);
        out << "日期,类型,名称\n2026-11-30,放假,县庆\n2027-02-20,上班,春节\n";
    }
    auto imported = runProcess({gongshiBinary(), "calendar", "import", file, "--data-dir", data}, 60000);
    INFO(imported.err);
    CHECK(imported.exitCode == 0);
    CHECK(imported.out == "已导入2天（2026年、2027年）\n");

    auto shown = runProcess({gongshiBinary(), "calendar", "show", "2026", "--data-dir", data}, 60000);
    CHECK(shown.exitCode == 0);
    CHECK(shown.out.find("2026-02-14 上班 春节 国务院\n") != std::string::npos);
    CHECK(shown.out.find("2026-10-01 放假 国庆节 国务院\n") != std::string::npos);
    CHECK(shown.out.find("2026-11-30 放假 县庆 本中心\n") != std::string::npos);

    // After the import, the checks count the new holiday as any other (nothing else changes).
    CHECK(check(data).exitCode == 2);

    {
        std::ofstream out(file);
        out << "2027-03-01,放假,\n2027-03-02,上班,\n";
    }
    auto bad = runProcess({gongshiBinary(), "calendar", "import", file, "--data-dir", data}, 60000);
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.find("第2行“日期”：2027-03-02是星期二，本来就上班，不能标为调休上班") != std::string::npos);
    auto year2027 = runProcess({gongshiBinary(), "calendar", "show", "2027", "--data-dir", data, "--csv"}, 60000);
    CHECK(year2027.out.find("2027-02-20,上班,春节") != std::string::npos);
    CHECK(year2027.out.find("2027-03-01") == std::string::npos); // nothing of the bad file written
}
