// Picture items: an uploaded PNG or JPEG (made here, kept in a real FileStore) scaled into its
// area with its proportions, by area averaging, and reduced to the panel's colours: a logo's
// shapes stay solid on a mono panel, a grey dithers to about half lit, pure red, green and yellow
// come through a red-green panel unchanged, transparent pixels stay dark; a television draws it
// smoothly in full colour.
#include "bitmap/Dither.h"
#include "bitmap/ImageIO.h"
#include "compose/Composer.h"
#include "compose/ItemPictures.h"
#include "compose/TvComposer.h"
#include "layout/TextRenderer.h"
#include "print/ImageDecode.h"
#include "records/FileStore.h"
#include "rules/WhatPlays.h"
#include "rules/WorkingDays.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <png.h>

#include <chrono>

using namespace gongshi;
using namespace gongshi::content;
using renderer::Bitmap;
using renderer::Color;
using renderer::ColorMode;

namespace {

ScreenRecord screenOf(int width, int height, const char* color, const char* protocol = "bx-6") {
    ScreenRecord s;
    s.meta.id = 31;
    s.meta.version = 1;
    s.name = "图片屏";
    s.width = width;
    s.height = height;
    s.color = color;
    s.fontProfile = "led16";
    s.protocol = protocol;
    return s;
}

// A picture kept as the server keeps an upload: its bytes in the FileStore, its row as a Picture.
struct Kept {
    test::TempDir dir{"gongshi-picture"};
    Picture picture;

    Kept(const std::string& bytes, const std::string& type, int width, int height, Id id = 7) {
        picture.id = id;
        picture.name = "标志." + type;
        picture.path = FileStore(dir.str()).store(bytes, type);
        picture.width = width;
        picture.height = height;
        picture.bytes = static_cast<std::int64_t>(bytes.size());
    }
};

// A program of one area over the whole screen showing picture `id`.
Program pictureProgram(const ScreenRecord& screen, Id id, int x = 0, int y = 0, int width = 0, int height = 0) {
    Program p;
    p.meta.id = 5;
    p.meta.version = 1;
    p.screenId = screen.meta.id;
    ProgramArea a;
    a.x = x;
    a.y = y;
    a.width = width ? width : screen.width;
    a.height = height ? height : screen.height;
    a.items.push_back({ItemKind::Image, id, ""});
    p.areas.push_back(a);
    return p;
}

// The one picture a composition of one image item gives.
Bitmap composed(const ScreenRecord& screen, const Kept& kept, std::vector<std::string>* warnings = nullptr) {
    renderer::TextRenderer renderer;
    Composer composer(renderer, screen);
    ComposeRecords records;
    records.pictures = {kept.picture};
    records.dataDir = kept.dir.str();
    const ComposedProgram p = composer.program(pictureProgram(screen, kept.picture.id), records, "2026-11-27");
    if (warnings) *warnings = p.allWarnings();
    REQUIRE(p.segments.size() == 1);
    const Segment& s = p.segments.front();
    CHECK(s.source == "image " + std::to_string(kept.picture.id));
    REQUIRE(s.pictures.size() == 1);
    CHECK(s.pictures.front().mode() == p.colorMode);
    return s.pictures.front();
}

int litIn(const Bitmap& b, int x0, int y0, int x1, int y1) {
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) n += b.lit(x, y);
    return n;
}

Bitmap filled(int width, int height, Color c) {
    Bitmap b(width, height, ColorMode::Rgb);
    b.fill(c);
    return b;
}

} // namespace

TEST_CASE("a two-colour logo on a 64x32 mono area keeps its shapes solid") {
    // White on black at twice the area's size: a bar on the left, a disc on the right.
    Bitmap logo(128, 64, ColorMode::Rgb);
    for (int y = 8; y < 56; ++y)
        for (int x = 8; x < 40; ++x) logo.setPixel(x, y, Color::white());
    for (int y = 0; y < 64; ++y)
        for (int x = 64; x < 128; ++x)
            if ((x - 96) * (x - 96) + (y - 32) * (y - 32) <= 24 * 24) logo.setPixel(x, y, Color::white());
    const Kept kept(renderer::encodePng(logo), "png", 128, 64);
    const Bitmap b = composed(screenOf(64, 32, "mono"), kept);
    REQUIRE(b.width() == 64);
    REQUIRE(b.height() == 32);
    // The bar is x 4..20, y 4..28 at half size: every pixel lit, nothing lit around it.
    CHECK(litIn(b, 4, 4, 20, 28) == 16 * 24);
    CHECK(litIn(b, 0, 0, 64, 4) == 0);
    CHECK(litIn(b, 20, 0, 36, 32) == 0);
    // The disc (radius 12 around 48,16): its core all lit, its corners dark, its area about pi r^2.
    CHECK(litIn(b, 42, 10, 54, 22) == 12 * 12);
    CHECK(litIn(b, 36, 4, 40, 8) == 0);
    CHECK(litIn(b, 58, 26, 64, 32) == 0);
    const int disc = litIn(b, 36, 0, 64, 32);
    CHECK(disc > 420);
    CHECK(disc < 490); // 3.14159 * 144 = 452
}

TEST_CASE("a 200x100 picture in a 64x64 area is 64x32 centred, the rows above and below dark") {
    const Kept kept(renderer::encodePng(filled(200, 100, Color::white())), "png", 200, 100);
    const Bitmap b = composed(screenOf(64, 64, "mono"), kept);
    CHECK(litIn(b, 0, 0, 64, 16) == 0);
    CHECK(litIn(b, 0, 16, 64, 48) == 64 * 32);
    CHECK(litIn(b, 0, 48, 64, 64) == 0);
    const renderer::Placement p = renderer::fitInside(200, 100, 64, 64);
    CHECK(p.x == 0);
    CHECK(p.y == 16);
    CHECK(p.width == 64);
    CHECK(p.height == 32);
    // A small picture fills the area as far as its proportions let it: 16x8 in 64x64 is 64x32.
    const renderer::Placement up = renderer::fitInside(16, 8, 64, 64);
    CHECK(up.width == 64);
    CHECK(up.height == 32);
}

TEST_CASE("a mid-grey field dithers to about half lit, evenly") {
    const Kept kept(renderer::encodeJpeg(filled(64, 32, Color{128, 128, 128}), 95), "jpg", 64, 32);
    const Bitmap b = composed(screenOf(64, 32, "mono"), kept);
    const int lit = litIn(b, 0, 0, 64, 32);
    CHECK(lit > 64 * 32 * 40 / 100);
    CHECK(lit < 64 * 32 * 60 / 100);
    // Spread over the field, not in lumps: each 8x8 block is between a quarter and three quarters lit.
    for (int by = 0; by < 32; by += 8)
        for (int bx = 0; bx < 64; bx += 8) {
            const int n = litIn(b, bx, by, bx + 8, by + 8);
            CHECK(n >= 16);
            CHECK(n <= 48);
        }
}

TEST_CASE("a red-green panel shows pure red, green and yellow exactly and blue-free black as dark") {
    Bitmap picture(64, 32, ColorMode::Rgb);
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 64; ++x)
            picture.setPixel(x, y, x < 16 ? Color::red() : x < 32 ? Color::green() : x < 48 ? Color::yellow() : Color::black());
    const Kept kept(renderer::encodePng(picture), "png", 64, 32);
    const Bitmap b = composed(screenOf(64, 32, "red-green"), kept);
    REQUIRE(b.mode() == ColorMode::RedGreen);
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 64; ++x) CHECK(b.pixel(x, y) == picture.pixel(x, y));
    // Orange (255,128,0) is red and yellow mixed: about half the pixels light green too.
    const Bitmap orange = renderer::diffuse(filled(32, 32, Color{255, 128, 0}), ColorMode::RedGreen);
    int red = 0, yellow = 0;
    for (int y = 0; y < 32; ++y)
        for (int x = 0; x < 32; ++x) {
            red += orange.pixel(x, y) == Color::red();
            yellow += orange.pixel(x, y) == Color::yellow();
        }
    CHECK(red + yellow == 32 * 32);
    CHECK(yellow > 32 * 32 * 40 / 100);
    CHECK(yellow < 32 * 32 * 60 / 100);
}

TEST_CASE("an rgb panel shows the picture's own colours") {
    Bitmap picture(32, 16, ColorMode::Rgb);
    for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 32; ++x)
            picture.setPixel(x, y, Color{static_cast<std::uint8_t>(x * 8), static_cast<std::uint8_t>(y * 16), 200});
    const Kept kept(renderer::encodePng(picture), "png", 32, 16);
    const Bitmap b = composed(screenOf(32, 16, "rgb", "ddp"), kept);
    CHECK(b == picture);
}

TEST_CASE("transparent pixels of a PNG stay dark") {
    // A white square, opaque in its left half and transparent in its right half.
    std::vector<std::uint8_t> rgba(16 * 16 * 4, 255);
    for (int y = 0; y < 16; ++y)
        for (int x = 8; x < 16; ++x) rgba[static_cast<std::size_t>(y * 16 + x) * 4 + 3] = 0;
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    image.width = 16;
    image.height = 16;
    image.format = PNG_FORMAT_RGBA;
    png_alloc_size_t size = 0;
    REQUIRE(png_image_write_get_memory_size(image, size, 0, rgba.data(), 0, nullptr));
    std::string bytes(size, '\0');
    REQUIRE(png_image_write_to_memory(&image, bytes.data(), &size, 0, rgba.data(), 0, nullptr));
    bytes.resize(size);
    const Kept kept(bytes, "png", 16, 16);
    const Bitmap b = composed(screenOf(16, 16, "mono"), kept);
    CHECK(litIn(b, 0, 0, 8, 16) == 8 * 16);
    CHECK(litIn(b, 8, 0, 16, 16) == 0);
}

TEST_CASE("a picture in an area under 4x4 is a warning, not a crash, and a missing file says so") {
    const Kept kept(renderer::encodePng(filled(20, 20, Color::white())), "png", 20, 20);
    renderer::TextRenderer renderer;
    const ScreenRecord screen = screenOf(64, 16, "mono");
    Composer composer(renderer, screen);
    ComposeRecords records;
    records.pictures = {kept.picture};
    records.dataDir = kept.dir.str();
    ComposedProgram p = composer.program(pictureProgram(screen, 7, 0, 0, 3, 16), records, "2026-11-27");
    CHECK(p.segments.empty());
    REQUIRE(p.warnings.size() == 1);
    CHECK(p.warnings.front() == "区域 3×16 太小，放不下图片“标志.png”（至少 4×4），不显示");

    // A picture that is not there (deleted) and a file gone from the store.
    p = composer.program(pictureProgram(screen, 8), records, "2026-11-27");
    CHECK(p.segments.empty());
    REQUIRE(p.warnings.size() == 1);
    CHECK(p.warnings.front() == "图片8不存在（已删除？），不显示");
    records.pictures.front().path = "files/00/" + std::string(64, '0') + ".png";
    p = composer.program(pictureProgram(screen, 7), records, "2026-11-27");
    CHECK(p.segments.empty());
    REQUIRE(p.warnings.size() == 1);
    CHECK(p.warnings.front().rfind("图片“标志.png”无法显示：", 0) == 0);
}

TEST_CASE("area averaging down-scales without aliasing and repeats pixels at whole factors up") {
    // Alternating columns of black and white averaged in pairs: an even grey, not stripes.
    Bitmap stripes(8, 2, ColorMode::Rgb);
    for (int x = 0; x < 8; x += 2)
        for (int y = 0; y < 2; ++y) stripes.setPixel(x, y, Color::white());
    const Bitmap half = renderer::resampleArea(stripes, 4, 1);
    for (int x = 0; x < 4; ++x) CHECK(half.pixel(x, 0) == (Color{128, 128, 128}));
    // 3 pixels into 2: the middle one shared half and half.
    Bitmap three(3, 1, ColorMode::Rgb);
    three.setPixel(0, 0, Color::white());
    const Bitmap two = renderer::resampleArea(three, 2, 1);
    CHECK(two.pixel(0, 0) == (Color{170, 170, 170}));
    CHECK(two.pixel(1, 0) == Color::black());
    const Bitmap up = renderer::resampleArea(stripes, 16, 4);
    for (int x = 0; x < 16; ++x) CHECK(up.pixel(x, 3) == stripes.pixel(x / 2, 0));
}

TEST_CASE("a television draws a picture smoothly at its area's size, centred on its background") {
    // A red square with a white border: drawn 3.5 times its size, edges blended, no dithering.
    Bitmap square(40, 40, ColorMode::Rgb);
    square.fill(Color::white());
    for (int y = 4; y < 36; ++y)
        for (int x = 4; x < 36; ++x) square.setPixel(x, y, Color::red());
    const Kept kept(renderer::encodePng(square), "png", 40, 40);
    const ScreenRecord tv = screenOf(640, 360, "rgb", "web");
    ComposeRecords records;
    records.pictures = {kept.picture};
    records.dataDir = kept.dir.str();
    TvComposer composer(tv, localTimeAt("2026-11-27", 600));
    const ComposedProgram p = composer.program(pictureProgram(tv, 7, 100, 100, 400, 140), records, "2026-11-27");
    CHECK(p.warnings.empty());
    REQUIRE(p.segments.size() == 1);
    REQUIRE(p.segments.front().pictures.size() == 1);
    const Bitmap b = p.segments.front().pictures.front();
    REQUIRE(b.width() == 400);
    REQUIRE(b.height() == 140);
    // 140 x 140 in the middle: x 130..270.
    CHECK(b.pixel(200, 70) == Color::red());
    CHECK(b.pixel(135, 70) == Color::white());
    CHECK(b.pixel(60, 70) == (Color{0x0B, 0x1F, 0x3A}));
    CHECK(b.pixel(340, 70) == (Color{0x0B, 0x1F, 0x3A}));
    // Between the white border and the red (at 14 pixels in) a blend, neither one nor the other.
    int blended = 0;
    for (int x = 140; x < 150; ++x) {
        const Color c = b.pixel(x, 70);
        blended += c.r == 255 && c.g > 0 && c.g < 255;
    }
    CHECK(blended >= 1);
}

TEST_CASE("drawing a 1920x1080 photo into panel areas takes a measured time (printed, not asserted)") {
    Bitmap photo(1920, 1080, ColorMode::Rgb);
    for (int y = 0; y < 1080; ++y)
        for (int x = 0; x < 1920; ++x)
            photo.setPixel(x, y, Color{static_cast<std::uint8_t>(x * 255 / 1919), static_cast<std::uint8_t>(y * 255 / 1079), 96});
    const std::string jpeg = renderer::encodeJpeg(photo, 90);
    const Kept kept(jpeg, "jpg", 1920, 1080);
    using Clock = std::chrono::steady_clock;
    auto ms = [](Clock::time_point a) { return std::chrono::duration<double, std::milli>(Clock::now() - a).count(); };
    auto t = Clock::now();
    const Bitmap first = composed(screenOf(256, 32, "red-green"), kept);
    const double decodeAndDraw = ms(t);
    t = Clock::now();
    const Bitmap again = composed(screenOf(256, 32, "red-green"), kept);
    const double drawOnly = ms(t);
    CHECK(first == again);
    t = Clock::now();
    const Bitmap mono = composed(screenOf(128, 64, "mono"), kept);
    const double monoDraw = ms(t);
    CHECK(mono.litCount() > 0);
    MESSAGE("1920x1080 JPEG (" << jpeg.size() << " bytes) into 256x32 red-green: " << decodeAndDraw << " ms with decoding, " << drawOnly
                               << " ms decoded already; into 128x64 mono " << monoDraw << " ms");
}

TEST_CASE("a screen showing a picture is composed again when the id names another file, not each minute") {
    const ScreenRecord screen = screenOf(64, 32, "mono");
    ComposeRecords records;
    Picture picture;
    picture.id = 7;
    picture.path = "files/aa/" + std::string(64, 'a') + ".png";
    records.pictures = {picture};
    const Program p = pictureProgram(screen, 7);
    const WorkingDays calendar;
    const auto key = [&](int minute) { return whatPlays(screen, {p}, records, calendar, localTimeAt("2026-11-27", minute), {}).key; };
    const std::string nine = key(9 * 60);
    CHECK(nine == key(9 * 60 + 1));
    CHECK(nine.find("|i7:" + picture.path) != std::string::npos);
    records.pictures.front().path = "files/bb/" + std::string(64, 'b') + ".png";
    CHECK(key(9 * 60) != nine);
}
