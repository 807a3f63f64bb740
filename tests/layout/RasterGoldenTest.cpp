#include "bitmap/ImageIO.h"
#include "layout/TextRenderer.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace gongshi;
using namespace gongshi::renderer;

namespace {

struct RasterCase {
    const char* file;
    const char* font;
    int width, height;
    ColorMode mode;
    Color color;
    Align align;
    const char* text;
};

const RasterCase kCases[] = {
    {"led12-mono.png", "led12", 132, 12, ColorMode::Mono, Color::white(), Align::Left, "便民服务中心，欢迎您！"},
    {"led16-mono.png", "led16", 160, 16, ColorMode::Mono, Color::white(), Align::Left, "一号窗口：社保医保"},
    {"led16-red-green-yellow.png", "led16", 160, 32, ColorMode::RedGreen, Color::yellow(), Align::Center,
     "暂停服务，14:30回\n电话0838-1234567"},
    {"led16-missing-placeholder.png", "led16", 48, 16, ColorMode::Mono, Color::white(), Align::Left, "张\xF0\xAA\x9B\x97"},
    {"led32-mono.png", "led32", 96, 32, ColorMode::Mono, Color::white(), Align::Left, "公示栏"},
    {"led32-red-green.png", "led32", 128, 32, ColorMode::RedGreen, Color::green(), Align::Right, "欢迎！"},
    {"led24-red-green-red.png", "led24", 144, 24, ColorMode::RedGreen, Color::red(), Align::Justify, "《办事指南》"},
};

} // namespace

TEST_CASE("golden pixels: strings at 12, 16, 24 and 32 px in mono and red-green") {
    namespace fs = std::filesystem;
    TextRenderer r;
    fs::path dir = fs::path(test::sourceDir()) / "tests/golden/raster";
    for (const auto& c : kCases) {
        std::string file = c.file;
        CAPTURE(file);
        LayoutOptions o;
        o.width = c.width;
        o.height = c.height;
        o.align = c.align;
        Layout layout = r.layout(c.text, c.font, o);
        REQUIRE(layout.pages.size() == 1);
        Bitmap got = r.renderPage(layout, 0, c.mode, c.color);
        fs::path golden = dir / c.file;
        if (test::updateGolden()) {
            writePng(got, golden.string());
            continue;
        }
        REQUIRE_MESSAGE(fs::exists(golden), "missing golden " << golden.string() << " (run with --update-golden)");
        Bitmap want = readPng(golden.string());
        CHECK(want.width() == got.width());
        CHECK(want.height() == got.height());
        Bitmap gotRgb = got.toRgb();
        int differing = 0;
        for (int y = 0; y < std::min(want.height(), got.height()); ++y)
            for (int x = 0; x < std::min(want.width(), got.width()); ++x) differing += !(want.pixel(x, y) == gotRgb.pixel(x, y));
        CHECK_MESSAGE(differing == 0, differing << " pixels differ from " << c.file);
    }
}
