// The print backend: text set on the print profiles with the screens' rules, pages drawn through
// cairo into PDF, SVG and PNG of exact physical sizes, QR codes, photos.
#include "common/Error.h"
#include "print/ImageDecode.h"
#include "bitmap/ImageIO.h"
#include "print/PrintDocument.h"
#include "print/PrintText.h"
#include "print/QrCode.h"
#include "common/Utf8.h"
#include "tests/print/PrintTools.h"
#include "tests/print/TestPictures.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <sstream>

using namespace gongshi;
using namespace gongshi::renderer;
using namespace gongshi::test;

namespace {

TextStyle sans(double size) {
    TextStyle s;
    s.size = size;
    return s;
}

PrintSheet a4(std::vector<PrintItem> items) {
    PrintSheet sheet;
    sheet.width = mm(210);
    sheet.height = mm(297);
    sheet.title = "测试";
    sheet.pages.push_back({std::move(items)});
    return sheet;
}

// Dark pixels (any channel under 128) inside a rectangle of a picture.
int inkIn(const Bitmap& b, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = std::max(0, y0); y < std::min(b.height(), y1); ++y)
        for (int x = std::max(0, x0); x < std::min(b.width(), x1); ++x) {
            Color c = b.pixel(x, y);
            n += c.r < 128 || c.g < 128 || c.b < 128;
        }
    return n;
}

} // namespace

TEST_CASE("print text breaks lines by the screens' CLREQ rules: a comma never starts a line") {
    PrintTypesetter t;
    // Nine ideographs fill the width exactly; the comma after them may not start the next line,
    // so the ninth goes down with it.
    TextBlock b = t.set("便民服务中心欢迎您，请取号。", sans(10), 90.5);
    REQUIRE(b.lineCount() == 2);
    CHECK(encodeUtf8(b.lines()[0].text) == "便民服务中心欢迎");
    CHECK(encodeUtf8(b.lines()[1].text) == "您，请取号。");
    CHECK_FALSE(b.cut());
    // Dates and phone numbers stay whole.
    TextBlock phone = t.set("咨询电话0833-6201101，办理时间2026年12月3日", sans(10), 100);
    for (const auto& line : phone.lines()) {
        const std::string text = encodeUtf8(line.text);
        CHECK(text.find("0833") == text.find("0833-6201101"));
    }
}

TEST_CASE("print sizes are points: a 10.5 pt ideograph advances 10.5 pt, lines are leading x size apart") {
    PrintTypesetter t;
    CHECK(t.measure("中", sans(10.5)) == doctest::Approx(10.5).epsilon(0.01));
    CHECK(t.measure("公示栏", sans(20)) == doctest::Approx(60).epsilon(0.01));
    TextStyle s = sans(12);
    s.leading = 1.5;
    TextBlock b = t.set("第一段\n第二段", s, 200);
    CHECK(b.lineCount() == 2);
    CHECK(b.height() == doctest::Approx(36));
    CHECK(b.inkWidth() == doctest::Approx(36).epsilon(0.01));
    CHECK_THROWS_AS(t.set("字", sans(12), 5), InputError); // narrower than one character
    CHECK_THROWS_AS(t.set(
                        "字",
                        [] {
                            TextStyle x;
                            x.font = "led16";
                            return x;
                        }(),
                        100),
                    InputError);
}

TEST_CASE("a character no print font has is reported and drawn as a visible box, never a gap") {
    PrintTypesetter t;
    TextBlock b = t.set("张\xF0\xAA\x9B\x97", sans(20), 200); // 张𪛗
    REQUIRE(b.layout.missing == std::vector<char32_t>{0x2A6D7});
    Bitmap page = renderPage(a4({TextItem{0, 0, b}}), 0, 144);
    const int em = 40;                              // 20 pt at 144 dpi
    CHECK(inkIn(page, 0, 0, em, 2 * em) > 30);      // 张
    CHECK(inkIn(page, em, 0, 2 * em, 2 * em) > 30); // the placeholder box where 𪛗 goes
}

TEST_CASE("PDF text is searchable and copyable, in embedded font subsets") {
    TempDir dir("gongshi-print-backend");
    PrintTypesetter t;
    TextStyle bold = sans(18);
    bold.font = "print-sans-bold";
    TextStyle serif = sans(12);
    serif.font = "print-serif";
    PrintSheet sheet = a4({TextItem{mm(20), mm(20), t.set("服务事项公示栏", bold, 400)},
                           TextItem{mm(20), mm(40), t.set("居民身份证工本费20元，电话0833-6201101", serif, 400)},
                           TextItem{mm(20), mm(60), t.set("𠮷家坝村集体经济组织", sans(10.5), 400)}});
    const std::string pdf = dir / "text.pdf";
    writeBytes(pdf, renderPdf(sheet));
    const std::string text = pdfText(pdf);
    CHECK(text.find("服务事项公示栏") != std::string::npos);
    CHECK(text.find("居民身份证工本费20元，电话0833-6201101") != std::string::npos);
    CHECK(text.find("𠮷家坝村集体经济组织") != std::string::npos);
    const std::string fonts = runTool({"pdffonts", pdf});
    CHECK(fonts.find("NotoSansCJKsc-Bold") != std::string::npos);
    CHECK(fonts.find("NotoSerifCJKsc-Regular") != std::string::npos);
    // Every font line says emb yes, sub yes: subsets, not whole 20 MB faces.
    int fontLines = 0;
    std::istringstream lines(fonts);
    for (std::string line; std::getline(lines, line);) {
        if (line.find("CID") == std::string::npos && line.find("Type") == std::string::npos) continue;
        ++fontLines;
        CHECK_MESSAGE(line.find("yes yes") != std::string::npos, line);
        CHECK(line.find('+') != std::string::npos); // ABCDEF+Name: a subset
    }
    CHECK(fontLines >= 2);
    CHECK(std::filesystem::file_size(pdf) < 200'000);
}

TEST_CASE("pages have the paper's exact size in PDF, SVG and PNG, the PNG records its dpi") {
    TempDir dir("gongshi-print-backend");
    PrintSheet sheet = a4({BoxItem{mm(10), mm(10), mm(190), mm(277), std::nullopt, Stroke{}, 0}});
    const std::string pdf = dir / "a4.pdf";
    writeBytes(pdf, renderPdf(sheet));
    const auto [w, h] = pdfPageSize(pdf);
    CHECK(w == doctest::Approx(595.276).epsilon(0.0005));
    CHECK(h == doctest::Approx(841.89).epsilon(0.0005));

    const std::string svg = renderSvg(sheet, 0);
    CHECK(svg.find("width=\"595.27") != std::string::npos);
    CHECK(svg.find("pt\"") != std::string::npos);

    for (int dpi : {50, 100, 300}) {
        const auto files = writeSheet(sheet, dir / ("a4-" + std::to_string(dpi) + ".png"), dpi);
        REQUIRE(files.size() == 1);
        Bitmap png = readPng(files[0]);
        CHECK(png.width() == static_cast<int>(std::lround(210 / 25.4 * dpi)));
        CHECK(png.height() == static_cast<int>(std::lround(297 / 25.4 * dpi)));
        CHECK(pngDpi(files[0]) == dpi);
    }
    // The frame 10 mm in: dark at 10 mm from the left at 100 dpi (about 39 px), white at 5 mm.
    Bitmap page = renderPage(sheet, 0, 100);
    CHECK(inkIn(page, 38, 400, 41, 410) > 0);
    CHECK(inkIn(page, 18, 400, 22, 410) == 0);
}

TEST_CASE("a sheet of several pages is one PDF, and NAME-1.png, NAME-2.png, ... as pictures") {
    TempDir dir("gongshi-print-backend");
    PrintSheet sheet = a4({});
    sheet.pages.resize(3);
    CHECK(writeSheet(sheet, dir / "doc.pdf", 72) == std::vector<std::string>{dir / "doc.pdf"});
    CHECK(pdfPages(dir / "doc.pdf") == 3);
    CHECK(writeSheet(sheet, dir / "doc.png", 20) == std::vector<std::string>{dir / "doc-1.png", dir / "doc-2.png", dir / "doc-3.png"});
    CHECK(writeSheet(sheet, dir / "doc.svg", 72).size() == 3);
    CHECK_THROWS_AS(writeSheet(sheet, dir / "doc.jpg", 72), InputError);
    CHECK_THROWS_AS(renderPage(sheet, 3, 72), InputError);
}

TEST_CASE("a page too large for a picture at the dpi asked is refused, naming the dpi") {
    PrintSheet sheet = a4({});
    sheet.width = sheet.height = mm(3000);
    try {
        renderPage(sheet, 0, 300);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("--dpi") != std::string::npos);
    }
    CHECK(renderPage(sheet, 0, 10).width() == 1181);
}

TEST_CASE("a QR code decodes to its text from a 50 dpi PNG and at print resolution") {
    TempDir dir("gongshi-print-backend");
    const std::string url = "https://hcp.linjiang.example.cn/qingshi";
    const QrCode code = encodeQr(url);
    CHECK(code.size >= 21);
    CHECK((code.size - 17) % 4 == 0); // version v is 17 + 4v modules a side
    PrintSheet sheet = a4({QrItem{mm(20), mm(20), mm(26), url}});
    for (int dpi : {50, 300}) {
        const std::string png = dir / ("qr-" + std::to_string(dpi) + ".png");
        writePng(renderPage(sheet, 0, dpi), png, dpi);
        CHECK(qrText(png) == url);
    }
    CHECK_THROWS_AS(encodeQr(""), InputError);
    CHECK_THROWS_AS(encodeQr(std::string(8000, 'x')), InputError);
}

TEST_CASE("photos decode from JPEG and PNG, anything else is refused naming the picture") {
    const Bitmap want = portrait(60, 80);
    Bitmap png = decodeImage(portraitPng(60, 80), "test.png");
    CHECK(png == want);
    Bitmap jpeg = decodeImage(portraitJpeg(60, 80), "test.jpg");
    CHECK(jpeg.width() == 60);
    CHECK(jpeg.height() == 80);
    const Color centre = jpeg.pixel(30, 36), ground = jpeg.pixel(2, 2);
    CHECK(std::abs(centre.r - 0xF0) < 12);
    CHECK(std::abs(ground.b - 0xC8) < 12);
    try {
        decodeImage("GIF89a....", "of staff 3");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) == "the picture of staff 3 is neither JPEG nor PNG");
    }
    std::string broken = portraitJpeg(60, 80).substr(0, 200);
    CHECK_THROWS_AS(decodeImage(broken + std::string(10, '\0'), "broken.jpg"), InputError);
}

TEST_CASE("a photo fills its frame, cropped to keep its proportions") {
    // A 60x80 portrait in a square frame: cropped top and bottom, so the frame's corners show the
    // blue ground and its middle the face.
    PrintSheet sheet = a4({ImageItem{mm(10), mm(10), mm(30), mm(30), portrait(60, 80)}});
    Bitmap page = renderPage(sheet, 0, 100);
    const int x0 = 39, size = 118; // 10 mm and 30 mm at 100 dpi
    const Color corner = page.pixel(x0 + 3, x0 + 3), middle = page.pixel(x0 + size / 2, x0 + size / 2 - 8);
    CHECK(corner.b > 150);
    CHECK(middle.r > 200);
    CHECK(page.pixel(x0 - 3, x0 + size / 2) == Color::white()); // nothing outside the frame
}
