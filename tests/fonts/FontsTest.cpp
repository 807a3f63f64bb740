#include "common/Error.h"
#include "fonts/FontChain.h"
#include "fonts/FontProfile.h"
#include "fonts/GlyphOverrides.h"
#include "layout/Layout.h"
#include "layout/LayoutEngine.h"
#include "layout/Rasterizer.h"

#include <doctest/doctest.h>

#include <string>

using namespace gongshi;

TEST_CASE("every named profile exists with its size, mode and chain") {
    CHECK(fonts::profileByName("led12").pixelSize == 12);
    CHECK(fonts::profileByName("led16").chain.front().file == "wenquanyi_12pt.pcf");
    CHECK(fonts::profileByName("led32").mode == fonts::RenderMode::Mono);
    CHECK(fonts::profileByName("print-serif").mode == fonts::RenderMode::Gray);
    CHECK(fonts::ledProfilesLargestFirst().front()->name == "led32");
    CHECK_THROWS_WITH_AS(fonts::profileByName("led99"),
                         "unknown font profile 'led99' (known: led12 led16 led24 led32 print-sans print-serif)", InputError);
}

TEST_CASE("the SC face of a TTC is the one opened") {
    fonts::FontChain chain(fonts::profileByName("led24"));
    CHECK(std::string(chain.face(0).ft()->family_name) == "Noto Sans CJK SC");
    fonts::FontChain serif(fonts::profileByName("print-serif"));
    CHECK(std::string(serif.face(0).ft()->family_name) == "Noto Serif CJK SC");
}

TEST_CASE("bitmap faces are used at their own strike size") {
    fonts::FontChain chain(fonts::profileByName("led16"));
    CHECK(chain.face(0).isBitmapStrike());
    CHECK(chain.face(0).baseline() == 14);
    CHECK(chain.slotFor(U'中') == 0);
}

TEST_CASE("a missing font file names the Debian package to install") {
    fonts::FaceSpec spec{"Example", "no-such-font.ttf", 0, "fonts-example"};
    CHECK_THROWS_WITH_AS(fonts::locateFontFile(spec),
                         "font file no-such-font.ttf (Example) not found; install the Debian package fonts-example "
                         "(apt-get install fonts-example)",
                         EnvironmentError);
}

TEST_CASE("fallback goes along the chain: Ext B from HanaMinB, beyond it nothing") {
    fonts::FontChain chain(fonts::profileByName("led16"));
    CHECK(chain.slotFor(U'\U0002A6A5') == 4); // 𪚥: only HanaMinB has it
    CHECK(chain.slotFor(U'\U0002A6D7') == fonts::FontChain::kMissing);
}

TEST_CASE("the led16 override draws U+20BB7 from the override file, pixel for pixel") {
    fonts::FontChain chain(fonts::profileByName("led16"));
    REQUIRE(chain.slotFor(U'\U00020BB7') == fonts::FontChain::kOverride);
    const fonts::OverrideGlyph* g = chain.overrides().find(U'\U00020BB7');
    REQUIRE(g);
    CHECK(g->width == 16);
    CHECK(g->height == 16);

    renderer::LayoutEngine engine(chain);
    renderer::Rasterizer raster(chain);
    renderer::LayoutOptions o;
    o.width = 16;
    o.height = 16;
    auto layout = engine.layout(std::string("\xF0\xA0\xAE\xB7"), o);
    CHECK(layout.missing.empty());
    auto bmp = raster.renderPage(layout, 0, renderer::ColorMode::Mono, renderer::Color::white());
    int differing = 0;
    for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 16; ++x) differing += bmp.lit(x, y) != (g->pixels[static_cast<std::size_t>(y * 16 + x)] != 0);
    CHECK(differing == 0);
    CHECK(bmp.lit(0, 7));       // the long lower stroke of 土 reaches the left edge
    CHECK_FALSE(bmp.lit(2, 3)); // the upper stroke is the short one
}

TEST_CASE("override files report malformed lines with file and line number") {
    CHECK_THROWS_WITH_AS(fonts::GlyphOverrides::parse("# c\n4E00:12\n", 16, "x.hex"),
                         "x.hex line 2: expected 64 (full width) or 32 (half width) hex digits for a 16 px glyph, found 2", InputError);
    CHECK_THROWS_WITH_AS(fonts::GlyphOverrides::parse("ZZ:00\n", 16, "x.hex"), "x.hex line 1: code point is not hexadecimal", InputError);
    auto half = fonts::GlyphOverrides::parse("41:" + std::string(16 * 2, 'F') + "\n", 16, "x.hex");
    CHECK(half.find(U'A')->width == 8);
}
