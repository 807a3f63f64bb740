#include "common/Error.h"
#include "bitmap/Bitmap.h"
#include "bitmap/ImageIO.h"
#include "bitmap/Preview.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace gongshi::renderer;

TEST_CASE("mono bitmaps pack rows MSB first with 1 = lit") {
    Bitmap b(10, 2, ColorMode::Mono);
    CHECK(b.stride() == 2);
    b.setPixel(0, 0, Color::red());
    b.setPixel(9, 1, Color::white());
    CHECK(b.row(0, 0)[0] == 0x80);
    CHECK(b.row(0, 1)[1] == 0x40);
    CHECK(b.lit(0, 0));
    CHECK_FALSE(b.lit(1, 0));
    CHECK(b.litCount() == 2);
}

TEST_CASE("red-green bitmaps mix red and green into yellow") {
    Bitmap b(8, 1, ColorMode::RedGreen);
    b.setPixel(0, 0, Color::red());
    b.setPixel(1, 0, Color::green());
    b.setPixel(2, 0, Color::yellow());
    CHECK(b.pixel(0, 0) == Color::red());
    CHECK(b.pixel(1, 0) == Color::green());
    CHECK(b.pixel(2, 0) == Color::yellow());
    CHECK(b.row(0, 0)[0] == 0xA0); // red plane
    CHECK(b.row(1, 0)[0] == 0x60); // green plane
}

TEST_CASE("fill keeps the padding bits clear so equal pictures compare equal") {
    Bitmap a(10, 3, ColorMode::Mono), b(10, 3, ColorMode::Mono);
    a.fill(Color::white());
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 10; ++x) b.setPixel(x, y, Color::white());
    CHECK(a == b);
}

TEST_CASE("blit and crop move pixels exactly, clipped at the edges") {
    Bitmap src(4, 4, ColorMode::Mono);
    src.setPixel(0, 0, Color::white());
    src.setPixel(3, 3, Color::white());
    Bitmap dst(6, 6, ColorMode::Mono);
    dst.blit(src, 5, 5);
    CHECK(dst.lit(5, 5));
    CHECK(dst.litCount() == 1);
    Bitmap c = src.crop(3, 3, 2, 2);
    CHECK(c.lit(0, 0));
    CHECK(c.litCount() == 1);
}

TEST_CASE("PNG round trip keeps every pixel, and PNG DPI is recorded") {
    namespace fs = std::filesystem;
    auto dir = fs::temp_directory_path() / "gongshi-bitmap-test";
    fs::create_directories(dir);
    Bitmap rg(13, 5, ColorMode::RedGreen);
    rg.setPixel(0, 0, Color::red());
    rg.setPixel(12, 4, Color::yellow());
    rg.setPixel(6, 2, Color::green());
    writePng(rg, (dir / "rg.png").string(), 300);
    CHECK(readPng((dir / "rg.png").string()) == rg.toRgb());

    Bitmap mono(9, 3, ColorMode::Mono);
    mono.setPixel(8, 2, Color::white());
    writePng(mono, (dir / "mono.png").string());
    CHECK(readPng((dir / "mono.png").string()) == mono.toRgb());

    std::ifstream in(dir / "rg.png", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    auto at = bytes.find("pHYs");
    REQUIRE(at != std::string::npos);
    auto be32 = [&](std::size_t i) {
        return (static_cast<unsigned char>(bytes[i]) << 24) | (static_cast<unsigned char>(bytes[i + 1]) << 16) |
               (static_cast<unsigned char>(bytes[i + 2]) << 8) | static_cast<unsigned char>(bytes[i + 3]);
    };
    CHECK(be32(at + 4) == 11811); // 300 dpi in pixels per metre
    fs::remove_all(dir);
}

TEST_CASE("PBM output is P4 with lit pixels as 1 bits") {
    namespace fs = std::filesystem;
    auto path = fs::temp_directory_path() / "gongshi-test.pbm";
    Bitmap b(10, 1, ColorMode::RedGreen);
    b.setPixel(1, 0, Color::green());
    b.setPixel(8, 0, Color::red());
    writePbm(b, path.string());
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    CHECK(bytes == std::string("P4\n10 1\n\x40\x80", 10));
    fs::remove(path);
}

TEST_CASE("colour names and modes parse, unknown ones are named in the error") {
    CHECK(parseColor("#FF8000") == Color{255, 128, 0});
    CHECK(parseColorMode("red-green") == ColorMode::RedGreen);
    CHECK_THROWS_WITH_AS(parseColor("purple"), "unknown colour 'purple' (use red, green, yellow, white or #RRGGBB)", gongshi::InputError);
    CHECK_THROWS_AS(parseColorMode("cmyk"), gongshi::InputError);
}

TEST_CASE("an LED preview draws each pixel as a dot, unlit dots dim") {
    Bitmap b(2, 1, ColorMode::Mono);
    b.setPixel(0, 0, Color::white());
    Bitmap p = ledPreview(b, 6);
    CHECK(p.width() == 12);
    CHECK(p.height() == 6);
    CHECK(p.pixel(2, 2) == Color::white());    // centre of the lit dot
    CHECK(p.pixel(8, 2) == Color{40, 40, 40}); // centre of the unlit dot
    CHECK(p.pixel(0, 0) == Color::black());    // between dots
}

TEST_CASE("packed 1-bit drawing lands on the same pixels as coverage drawing at every offset") {
    // An irregular 11x3 mask.
    const int w = 11, h = 3;
    std::vector<std::uint8_t> coverage(w * h, 0);
    for (int i = 0; i < w * h; ++i) coverage[static_cast<std::size_t>(i)] = (i * 7 % 5 < 2) ? 255 : 0;
    std::vector<std::uint8_t> bits(2 * h, 0);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (coverage[static_cast<std::size_t>(y * w + x)])
                bits[static_cast<std::size_t>(y * 2 + x / 8)] |= static_cast<std::uint8_t>(0x80 >> (x % 8));
    for (ColorMode mode : {ColorMode::Mono, ColorMode::RedGreen})
        for (int x = -3; x <= 20; ++x) {
            Bitmap a(24, 5, mode), b(24, 5, mode);
            a.drawMask(coverage.data(), w, h, x, 1, Color::yellow());
            b.drawBits(bits.data(), 2, w, h, x, 1, Color::yellow());
            CAPTURE(x);
            CHECK(a == b);
        }
}

TEST_CASE("converting between colour modes keeps what each mode can show") {
    Bitmap rgb(3, 1, ColorMode::Rgb);
    rgb.setPixel(0, 0, Color{200, 30, 30});
    rgb.setPixel(1, 0, Color{20, 20, 220});
    rgb.setPixel(2, 0, Color{250, 250, 10});
    Bitmap rg = rgb.convert(ColorMode::RedGreen);
    CHECK(rg.pixel(0, 0) == Color::red());
    CHECK(rg.pixel(1, 0) == Color::black()); // blue has no LED on a red-green panel
    CHECK(rg.pixel(2, 0) == Color::yellow());
    Bitmap mono = rgb.convert(ColorMode::Mono);
    CHECK(mono.litCount() == 3);
    CHECK(mono.convert(ColorMode::Mono) == mono);
}
