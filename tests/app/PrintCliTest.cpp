// `gongshi print` run as a process over the demo centre, its output read back with poppler-utils
// and zbar-tools.
#include "rules/Wording.h"
#include "records/Database.h"
#include "records/RecordStore.h"
#include "tests/print/PrintTools.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace gongshi::test;
using gongshi::content::Matter;

namespace {

struct PrintDir {
    TempDir dir{"gongshi-print-cli"};
    std::string data = dir / "data";
    PrintDir() {
        ProcessResult r = runProcess({gongshiBinary(), "import", "demo", "--data-dir", data}, 120000);
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    }
    ProcessResult print(std::vector<std::string> args) const {
        std::vector<std::string> argv{gongshiBinary(), "print", "--data-dir", data, "--today", "2026-11-27"};
        argv.insert(argv.end(), args.begin(), args.end());
        return runProcess(argv, 120000);
    }
    std::string operator/(const std::string& name) const { return dir / name; }
};

} // namespace

TEST_CASE("gongshi print --sheet poster: every matter name and fee in the PDF's text, A4 pages, fonts embedded") {
    PrintDir d;
    ProcessResult r = d.print({"--sheet", "poster", "--out", d / "poster.pdf"});
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(r.out.find("poster（服务事项公示栏）：4页，A4，210x297 毫米（595.276 x 841.890 pt）") == 0);
    CHECK(r.out.find("已写出 " + (d / "poster.pdf")) != std::string::npos);
    // The demo's fault is reported on stderr, naming the matter and the field.
    CHECK(r.err.find("gongshi print: matter 21 fee_basis: ") != std::string::npos);

    const std::string text = pdfText(d / "poster.pdf");
    gongshi::content::Database db(d.data);
    const auto matters = gongshi::content::RecordStore<Matter>(db).all(1);
    REQUIRE(matters.size() == 29);
    for (const Matter& m : matters) {
        CAPTURE(m.name);
        CHECK(text.find(withoutSpace(m.name)) != std::string::npos);
        CHECK(text.find(withoutSpace(gongshi::content::feeText(m))) != std::string::npos);
    }
    const auto [w, h] = pdfPageSize(d / "poster.pdf");
    CHECK(std::abs(w - 595.276) < 0.5);
    CHECK(std::abs(h - 841.89) < 0.5);
    const std::string fonts = runTool({"pdffonts", d / "poster.pdf"});
    CHECK(fonts.find("NotoSansCJKsc-Regular") != std::string::npos);
    std::istringstream lines(fonts);
    int embedded = 0;
    for (std::string line; std::getline(lines, line);)
        if (line.find("Identity-H") != std::string::npos) {
            CHECK_MESSAGE(line.find("yes yes yes") != std::string::npos, line); // emb, sub, uni
            ++embedded;
        }
    CHECK(embedded >= 2);
}

TEST_CASE("gongshi print sizes pages as asked: A3 landscape, A2, a sign in millimetres") {
    PrintDir d;
    struct Case {
        std::vector<std::string> args;
        double w, h;
    };
    const Case cases[] = {
        {{"--sheet", "poster", "--paper", "A3", "--landscape"}, 1190.55, 841.89},
        {{"--sheet", "notice", "--notice", "2", "--paper", "A2"}, 1190.55, 1683.78},
        {{"--sheet", "guide", "--matter", "3", "--paper", "A4", "--landscape"}, 841.89, 595.276},
        {{"--sheet", "sign", "--paper", "3000x600mm"}, 8503.94, 1700.79},
        {{"--sheet", "postcards"}, 595.276, 841.89},
    };
    for (const auto& c : cases) {
        std::vector<std::string> args = c.args;
        args.insert(args.end(), {"--out", d / "sized.pdf"});
        ProcessResult r = d.print(args);
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        const auto [w, h] = pdfPageSize(d / "sized.pdf");
        CAPTURE(c.args[1]);
        CHECK(std::abs(w - c.w) < 0.5);
        CHECK(std::abs(h - c.h) < 0.5);
    }
}

TEST_CASE("gongshi print writes PNG pages at the dpi asked, recorded in the file, and SVG pages in points") {
    PrintDir d;
    ProcessResult r = d.print({"--sheet", "poster", "--out", d / "poster.png", "--dpi", "72"});
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    for (int p = 1; p <= 4; ++p) {
        const std::string file = d / ("poster-" + std::to_string(p) + ".png");
        REQUIRE(fs::exists(file));
        CHECK(pngDpi(file) == 72);
    }
    CHECK_FALSE(fs::exists(d / "poster-5.png"));
    r = d.print({"--sheet", "checklist", "--matter", "1", "--out", d / "checklist.png", "--dpi", "200"});
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(pngDpi(d / "checklist.png") == 200); // one page: the name asked for
    r = d.print({"--sheet", "guide", "--matter", "1", "--out", d / "guide.svg"});
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    const std::string svg = slurp(d / "guide.svg");
    CHECK(svg.find("width=\"595.275591pt\"") != std::string::npos);
    CHECK(svg.find("height=\"841.889764pt\"") != std::string::npos);
}

TEST_CASE("the notice sheet's QR code decodes to the centre's review address") {
    PrintDir d;
    ProcessResult r = d.print({"--sheet", "notice", "--notice", "2", "--out", d / "notice.png", "--dpi", "100"});
    REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    CHECK(qrText(d / "notice.png") == "https://hcp.linjiang.example.cn/qingshi");
}

TEST_CASE("gongshi print refuses bad input with exit status 1 and a message saying what to do") {
    PrintDir d;
    struct Case {
        std::vector<std::string> args;
        const char* message;
    };
    const std::string out = d / "x.pdf";
    const Case cases[] = {
        {{"--sheet", "flyer", "--out", out}, "没有“flyer”这种印件，可选：poster（服务事项公示栏）"},
        {{"--out", out}, "缺少 --sheet（印件："},
        {{"--sheet", "poster"}, "缺少 --out（输出文件：文件.pdf、文件.svg 或 文件.png）"},
        {{"--sheet", "guide", "--out", out}, "guide是为一个事项印的：请指定事项（编号）"},
        {{"--sheet", "checklist", "--out", out}, "checklist是为一个事项印的：请指定事项（编号）"},
        {{"--sheet", "notice", "--out", out}, "notice是为一条公告印的：请指定公告（编号）"},
        {{"--sheet", "guide", "--matter", "999", "--out", out}, "便民服务中心1没有编号为999的已发布事项"},
        {{"--sheet", "guide", "--matter", "abc", "--out", out}, "--matter 应为记录编号（正整数），收到“abc”"},
        {{"--sheet", "poster", "--matter", "1", "--out", out}, "--matter 只用于办事指南（guide）和一次性告知单（checklist）"},
        {{"--sheet", "poster", "--paper", "B5", "--out", out}, "没有“B5”这种纸张"},
        {{"--sheet", "poster", "--paper", "9000x600mm", "--out", out}, "纸张“9000x600mm”的每边应在10到5000毫米之间"},
        {{"--sheet", "poster", "--out", d / "x.jpg"}, "应以 .pdf、.svg 或 .png 结尾"},
        {{"--sheet", "poster", "--out", out, "--dpi", "300"}, "--dpi 只用于 PNG 输出（--out 文件.png）"},
        {{"--sheet", "poster", "--out", d / "x.png", "--dpi", "5"}, "--dpi"},
        {{"--sheet", "sign", "--out", d / "x.png", "--dpi", "600"}, "图片过大：请降低分辨率（--dpi）"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.message);
        ProcessResult r = d.print(c.args);
        CHECK(r.exitCode == 1);
        CHECK_MESSAGE(r.err.find(c.message) != std::string::npos, r.err);
        CHECK(r.err.rfind("gongshi print: ", 0) == 0);
    }
    CHECK_FALSE(fs::exists(out));
    ProcessResult none = runProcess({gongshiBinary(), "print", "--sheet", "poster", "--data-dir", d / "empty", "--out", out});
    CHECK(none.exitCode == 1);
    CHECK(none.err.find("里还没有记录（没有 gongshi.db）") != std::string::npos);
}

TEST_CASE("a character no font has is reported on stderr naming the matter, and --strict-glyphs writes nothing, exit 3") {
    PrintDir d;
    writeBytes(d / "m.csv", "事项名称,申请材料,承诺办结时限,收费标准\n\xF0\xAA\x9B\x97家坝测试事项,居民身份证（原件1份）,5,不收费\n");
    ProcessResult imported = runProcess({gongshiBinary(), "import", "matters", d / "m.csv", "--data-dir", d.data});
    REQUIRE_MESSAGE(imported.exitCode == 0, imported.err);
    ProcessResult r = d.print({"--sheet", "poster", "--out", d / "poster.pdf"});
    REQUIRE(r.exitCode == 0);
    CHECK_MESSAGE(r.err.find("gongshi print: matter 30 name: 字体 print-sans 中没有 U+2A6D7（𪛗）") != std::string::npos, r.err);
    CHECK(pdfText(d / "poster.pdf").find("𪛗家坝测试事项") != std::string::npos);

    ProcessResult strict = d.print({"--sheet", "poster", "--out", d / "strict.pdf", "--strict-glyphs"});
    CHECK(strict.exitCode == 3);
    CHECK_MESSAGE(strict.err.find("未写出文件（--strict-glyphs）") != std::string::npos, strict.err);
    CHECK_FALSE(fs::exists(d / "strict.pdf"));
}
