#include "common/Error.h"
#include "layout/Frames.h"

#include <doctest/doctest.h>

using namespace gongshi::renderer;

namespace {
Bitmap column(int width, int height, int litX) {
    Bitmap b(width, height, ColorMode::Mono);
    for (int y = 0; y < height; ++y) b.setPixel(litX, y, Color::white());
    return b;
}
} // namespace

TEST_CASE("scroll-left frames bring the strip in from the right and take it out on the left") {
    Bitmap strip = column(4, 2, 0); // lit column at the strip's left edge
    auto frames = scrollLeftFrames(strip, 8, 3);
    // offsets 8, 5, 2, -1, -4 (clamped to -4: fully gone)
    REQUIRE(frames.size() == 5);
    CHECK(frames[0].bitmap.litCount() == 0);
    CHECK(frames[1].bitmap.lit(5, 0));
    CHECK(frames[2].bitmap.lit(2, 1));
    CHECK(frames[3].bitmap.litCount() == 0);
    CHECK(frames[4].bitmap.litCount() == 0);
    CHECK_THROWS_AS(scrollLeftFrames(strip, 8, 0), gongshi::InputError);
}

TEST_CASE("scroll-up frames rest exactly on every page") {
    Bitmap p1(4, 4, ColorMode::Mono), p2(4, 4, ColorMode::Mono);
    p1.setPixel(0, 0, Color::white());
    p2.setPixel(1, 0, Color::white());
    auto frames = scrollUpFrames({p1, p2}, 3);
    // offsets 3, 4 (rest), 7, 8 (rest)
    REQUIRE(frames.size() == 4);
    CHECK_FALSE(frames[0].rest);
    CHECK(frames[0].bitmap.lit(0, 1)); // page 1 row 0 is 3 rows up from the bottom edge
    CHECK(frames[1].rest);
    CHECK(frames[1].bitmap == p1);
    CHECK(frames[3].rest);
    CHECK(frames[3].bitmap == p2);
}

TEST_CASE("page flip frames are the pages, each at rest") {
    Bitmap p(3, 3, ColorMode::RedGreen);
    auto frames = pageFlipFrames({p, p});
    REQUIRE(frames.size() == 2);
    CHECK(frames[1].rest);
}

#include "layout/GlyphCache.h"

TEST_CASE("the glyph cache stays within its byte budget, dropping the least recently used") {
    auto mask = [] {
        GlyphMask m;
        m.width = m.height = 16;
        m.coverage.assign(256, 255);
        m.packBits();
        return m;
    };
    GlyphCache cache(4000);
    for (std::uint32_t g = 0; g < 100; ++g) {
        cache.insert({1, 16, 0, g}, mask());
        CHECK(cache.bytes() <= cache.capacity());
    }
    std::size_t held = cache.entries();
    CHECK(held >= 2);
    CHECK(held < 100);
    CHECK(cache.find({1, 16, 0, 99}) != nullptr);
    CHECK(cache.find({1, 16, 0, 0}) == nullptr);

    // Touching the oldest entry keeps it; the next oldest goes instead.
    std::uint32_t oldest = 100 - static_cast<std::uint32_t>(held);
    REQUIRE(cache.find({1, 16, 0, oldest}) != nullptr);
    cache.insert({1, 16, 0, 1000}, mask());
    CHECK(cache.find({1, 16, 0, oldest}) != nullptr);
    CHECK(cache.find({1, 16, 0, oldest + 1}) == nullptr);
}
