// Golden packets of the two commands ddp sends, as hex under tests/golden/protocols/ddp/*.hex.
// Each case uses a fresh protocol, so its frame is sequence number 1. Rewritten only with
// GONGSHI_UPDATE_GOLDEN=1; review the diff by hand.
#include "protocols/ddp/DdpProtocol.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/ProtocolTestSupport.h"

#include <doctest/doctest.h>

using namespace gongshi::protocols;
using namespace gongshi::protocols::ddp;
using gongshi::renderer::Bitmap;
using gongshi::renderer::Color;
using gongshi::renderer::ColorMode;
using gongshi::test::checkGolden;
using gongshi::test::packetsText;

namespace {
ScreenSpec screenOf(int w, int h, ColorMode mode) { return gongshi::test::screenSpec(w, h, mode); }

void golden(const std::string& name, const std::string& comment, const Command& c, const ScreenSpec& s) {
    checkGolden("ddp", name, packetsText(comment, makeDdpProtocol()->encode(c, s)));
}
} // namespace

TEST_CASE("golden: ddp bitmap and clear packets") {
    Command c;
    c.kind = Command::Kind::Bitmap;
    Bitmap rgb(4, 2, ColorMode::Rgb);
    rgb.setPixel(0, 0, Color::red());
    rgb.setPixel(1, 0, Color::green());
    rgb.setPixel(2, 0, {0, 0, 255});
    rgb.setPixel(3, 1, {0x12, 0x34, 0x56});
    c.pages = {rgb};
    golden("bitmap-rgb-4x2", "bitmap 4x2 rgb: one packet, flags 41 (push), seq 1, type 0B, id 1, offset 0, length 24", c,
           screenOf(4, 2, ColorMode::Rgb));

    Bitmap mono(2, 1, ColorMode::Mono);
    mono.setPixel(0, 0, Color::white());
    c.pages = {mono};
    c.x = 1, c.y = 1;
    golden("bitmap-mono-at-1-1", "bitmap 2x1 mono at 1,1 on a 4x2 screen: lit = FF FF FF at pixel (1,1) = byte 15", c,
           screenOf(4, 2, ColorMode::Mono));

    Bitmap big(20, 25, ColorMode::Rgb);
    for (int y = 0; y < 25; ++y)
        for (int x = 0; x < 20; ++x) big.setPixel(x, y, {static_cast<std::uint8_t>(x * 12), static_cast<std::uint8_t>(y * 10), 0x80});
    c.pages = {big};
    c.x = c.y = 0;
    golden("bitmap-rgb-20x25", "bitmap 20x25 rgb (1500 bytes): 1440 bytes flags 40 seq 1, then 60 bytes at 05 A0 flags 41, the same seq 1",
           c, screenOf(20, 25, ColorMode::Rgb));

    Command clear;
    clear.kind = Command::Kind::Clear;
    golden("clear-4x2", "clear 4x2: 24 zero bytes, push", clear, screenOf(4, 2, ColorMode::RedGreen));
}
