// `gongshi init` as a process: a centre with its standard name and its first admin in an empty
// data directory; every refusal names the option and writes nothing.
#include "records/Database.h"
#include "records/RecordStore.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <filesystem>

using gongshi::test::gongshiBinary;
using gongshi::test::runProcess;
using gongshi::test::TempDir;

namespace {

gongshi::test::ProcessResult init(const std::string& dir, std::vector<std::string> extra,
                                  const std::string& password = "a-long-password\n") {
    std::vector<std::string> args{gongshiBinary(), "init", "--data-dir", dir};
    args.insert(args.end(), extra.begin(), extra.end());
    return runProcess(args, 30000, password);
}

} // namespace

TEST_CASE("gongshi init makes a township centre with its standard name and its first admin") {
    TempDir dir("gongshi-init");
    const std::string data = dir / "data";
    auto r = init(data, {"--kind", "township-centre", "--county", "临江县", "--township", "柳树镇", "--admin", "chief"});
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.out == "柳树镇人民政府便民服务中心\n");
    {
        gongshi::content::Database db(data);
        const auto centres = gongshi::content::RecordStore<gongshi::content::Centre>(db).all();
        REQUIRE(centres.size() == 1);
        CHECK(centres[0].name == "柳树镇人民政府便民服务中心");
        CHECK(centres[0].county == "临江县");
        CHECK(centres[0].kind == gongshi::content::CentreKind::TownshipCentre);
    }
    auto users = runProcess({gongshiBinary(), "user", "list", "--data-dir", data});
    CHECK(users.out == "chief\tadmin\n");

    // A data directory that holds a centre is refused, and keeps its one centre.
    auto again = init(data, {"--kind", "street-centre", "--county", "临江县", "--street", "城关街道", "--admin", "other"});
    CHECK(again.exitCode == 1);
    CHECK(again.err.find("已有便民服务中心（1 柳树镇人民政府便民服务中心）") != std::string::npos);
    gongshi::content::Database db(data);
    CHECK(gongshi::content::RecordStore<gongshi::content::Centre>(db).all().size() == 1);
}

TEST_CASE("gongshi init makes a street centre and a merged station by their own rules") {
    TempDir dir("gongshi-init");
    auto street = init(dir / "a", {"--kind", "street-centre", "--county", "临江县", "--street", "城关街道", "--admin", "chief"});
    CHECK(street.exitCode == 0);
    CHECK(street.out == "临江县人民政府城关街道便民服务中心\n");
    auto station = init(dir / "b", {"--kind", "merged-township-station", "--county", "临江县", "--township", "柳树镇", "--station", "白马",
                                    "--admin", "chief"});
    CHECK(station.exitCode == 0);
    CHECK(station.out == "柳树镇人民政府白马便民服务站\n");
}

TEST_CASE("gongshi init refuses a missing or malformed name part, a name that is not standard and a short password, writing nothing") {
    TempDir dir("gongshi-init");
    const std::string data = dir / "data";
    struct Case {
        std::vector<std::string> args;
        std::string password;
        std::string message;
    };
    const Case cases[] = {
        {{"--kind", "township-centre", "--county", "临江县", "--admin", "chief"}, "a-long-password\n", "--township：请填写"},
        {{"--kind", "township-centre", "--county", "临江县", "--township", "柳树", "--admin", "chief"},
         "a-long-password\n",
         "--township：乡镇名称“柳树”应以“乡”或“镇”结尾"},
        {{"--kind", "township-centre", "--county", "临江县", "--township", "柳树镇", "--name", "柳树镇便民服务中心", "--admin", "chief"},
         "a-long-password\n",
         "--name：名称“柳树镇便民服务中心”不符合名称规范（附件1），应为“柳树镇人民政府便民服务中心”"},
        {{"--kind", "town", "--county", "临江县", "--admin", "chief"}, "a-long-password\n", "--kind：类型“town”无效，可选："},
        {{"--kind", "township-centre", "--county", "临江县", "--township", "柳树镇", "--admin", "chief"}, "short\n", "密码"},
        {{"--kind", "township-centre", "--county", "临江县", "--township", "柳树镇"}, "a-long-password\n", "缺少 --admin"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.message);
        auto r = init(data, c.args, c.password);
        CHECK(r.exitCode == 1);
        CHECK_MESSAGE(r.err.find(c.message) != std::string::npos, r.err);
        CHECK_FALSE(std::filesystem::exists(std::filesystem::path(data) / "gongshi.db"));
    }
}
