#include "bitmap/ImageIO.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;
using gongshi::test::gongshiBinary;
using gongshi::test::runProcess;
using gongshi::test::slurp;
using gongshi::test::TempDir;

TEST_CASE("render writes one PNG for one page and a layout JSON with exact line texts") {
    TempDir dir("gongshi-cli");
    auto r = runProcess({gongshiBinary(), "render", "--width", "160", "--height", "32", "--text", "一号窗口：社保业务，咨询0838-1234567",
                         "--out", dir / "out.png", "--layout-json", dir / "layout.json"});
    CHECK(r.exitCode == 0);
    CHECK(fs::exists(dir / "out.png"));
    auto png = gongshi::renderer::readPng(dir / "out.png");
    CHECK(png.width() == 160);
    CHECK(png.height() == 32);
    CHECK(slurp(dir / "layout.json") ==
          "{\"font\": \"led16\", \"width\": 160, \"height\": 32, \"pages\": [{\"lines\": [{\"text\": \"一号窗口：社保业务，\", \"x\": 0, "
          "\"y\": 0, \"width\": 152}, {\"text\": \"咨询0838-1234567\", \"x\": 0, \"y\": 16, \"width\": 126}]}], \"missing\": []}\n");
}

TEST_CASE("render numbers the pages when the text needs several") {
    TempDir dir("gongshi-cli");
    auto r = runProcess(
        {gongshiBinary(), "render", "--width", "64", "--height", "16", "--text", "便民服务中心欢迎您", "--out", dir / "notice.png"});
    CHECK(r.exitCode == 0);
    CHECK(fs::exists(dir / "notice-1.png"));
    CHECK(fs::exists(dir / "notice-2.png"));
    CHECK(fs::exists(dir / "notice-3.png"));
    CHECK_FALSE(fs::exists(dir / "notice.png"));
    CHECK(r.out.find("3 page(s)") != std::string::npos);
}

TEST_CASE("render exits 1 with a one-line message naming the byte offset of invalid UTF-8") {
    TempDir dir("gongshi-cli");
    {
        std::ofstream f(dir / "bad.txt", std::ios::binary);
        f << "公示\xC3(";
    }
    auto r =
        runProcess({gongshiBinary(), "render", "--width", "64", "--height", "16", "--text-file", dir / "bad.txt", "--out", dir / "x.png"});
    CHECK(r.exitCode == 1);
    CHECK(r.err == "gongshi render: invalid UTF-8 at byte offset 6: missing continuation byte (byte 0xC3)\n");
}

TEST_CASE("render exits 1 on bad options and names the option") {
    TempDir dir("gongshi-cli");
    auto r = runProcess({gongshiBinary(), "render", "--width", "wide", "--height", "16", "--text", "x", "--out", dir / "x.png"});
    CHECK(r.exitCode == 1);
    CHECK(r.err == "gongshi render: --width 应为整数，收到“wide”\n");
    r = runProcess(
        {gongshiBinary(), "render", "--width", "64", "--height", "16", "--text", "x", "--out", dir / "x.png", "--breaks", "loose"});
    CHECK(r.exitCode == 1);
    CHECK(r.err == "gongshi render: unknown break rules 'loose' (use basic, gb or strict)\n");
}

TEST_CASE("a missing character is reported, and with --strict-glyphs the exit status is 3") {
    TempDir dir("gongshi-cli");
    std::string text = "张\xF0\xAA\x9B\x97";
    auto r = runProcess({gongshiBinary(), "render", "--width", "64", "--height", "16", "--text", text, "--out", dir / "x.png",
                         "--layout-json", dir / "l.json"});
    CHECK(r.exitCode == 0);
    CHECK(r.err.find("U+2A6D7") != std::string::npos);
    CHECK(slurp(dir / "l.json").find("\"missing\": [\"U+2A6D7\"]") != std::string::npos);
    r = runProcess(
        {gongshiBinary(), "render", "--width", "64", "--height", "16", "--text", text, "--out", dir / "y.png", "--strict-glyphs"});
    CHECK(r.exitCode == 3);
    CHECK_FALSE(fs::exists(dir / "y.png"));
}

TEST_CASE("auto font picks the largest LED profile that fits one page") {
    TempDir dir("gongshi-cli");
    auto r = runProcess({gongshiBinary(), "render", "--width", "192", "--height", "64", "--font", "auto", "--text", "欢迎光临", "--out",
                         dir / "a.png", "--layout-json", dir / "a.json"});
    CHECK(r.exitCode == 0);
    CHECK(slurp(dir / "a.json").rfind("{\"font\": \"led32\"", 0) == 0);
}

TEST_CASE("marquee renders the whole text as one strip, and scroll frames are written") {
    TempDir dir("gongshi-cli");
    auto r = runProcess(
        {gongshiBinary(), "render", "--width", "64", "--height", "16", "--marquee", "--text", "公示：低保名单", "--out", dir / "m.png"});
    CHECK(r.exitCode == 0);
    auto strip = gongshi::renderer::readPng(dir / "m.png");
    CHECK(strip.width() == 7 * 16);
    r = runProcess({gongshiBinary(), "render", "--width", "64", "--height", "16", "--effect", "left", "--step", "16", "--text", "公示",
                    "--out", dir / "s.png", "--frames-dir", dir / "frames"});
    CHECK(r.exitCode == 0);
    // offsets 64, 48, 32, 16, 0, -16, -32 (strip of 32 px fully gone)
    CHECK(fs::exists(dir / "frames/frame-0007.png"));
    CHECK_FALSE(fs::exists(dir / "frames/frame-0008.png"));
}
