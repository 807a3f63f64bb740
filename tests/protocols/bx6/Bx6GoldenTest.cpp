// Golden frames of every command bx-6 sends, and of the card's two answers, as hex under
// tests/golden/protocols/bx6/*.hex. Rewritten only with GONGSHI_UPDATE_GOLDEN=1; review the diff by hand.
#include "protocols/bx6/Bx6Protocol.h"
#include "protocols/bx6/Bx6Reply.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/ProtocolTestSupport.h"

#include <doctest/doctest.h>

using namespace gongshi::protocols;
using namespace gongshi::protocols::bx6;
using gongshi::renderer::Bitmap;
using gongshi::renderer::Color;
using gongshi::renderer::ColorMode;
using gongshi::test::checkGolden;
using gongshi::test::packetsText;

namespace {
void golden(const std::string& name, const std::string& comment, const Command& command, const ScreenSpec& screen) {
    checkGolden("bx6", name, packetsText(comment, makeBx6Protocol()->encode(command, screen)));
}

// An 8 x 4 picture with a lit corner, a diagonal and a colour per row, small enough to read by hand.
Bitmap smallPicture(ColorMode mode) {
    Bitmap b(8, 4, mode);
    const Color colours[] = {Color::red(), Color::green(), Color::yellow(), {0x12, 0x5A, 0xA5}};
    for (int i = 0; i < 4; ++i) b.setPixel(i, i, colours[i]);
    b.setPixel(7, 0, Color::white());
    return b;
}

ScreenSpec screenOf(int w, int h, ColorMode mode, const char* pixels) {
    return gongshi::test::screenSpec(w, h, mode, 1, {{"pixels", pixels}});
}
} // namespace

TEST_CASE("golden: clear, ping and brightness frames") {
    ScreenSpec broadcast;
    broadcast.address = 0xFFFF;
    Command c;
    c.kind = Command::Kind::Clear;
    golden("clear", "clear -> A7 01 delete all dynamic areas (00 00 FF), address FFFF, 6Q2", c, broadcast);

    ScreenSpec any;
    any.address = 0xFFFE;
    any.options["device"] = "any";
    c.kind = Command::Kind::Ping;
    golden("ping-any", "ping -> control frame (07) A2 00, address FFFE, device FFFE (any), sequence 4", c, any);

    ScreenSpec one;
    golden("ping", "ping -> control frame (07) A2 00, address 1, 6Q2", c, one);

    c.kind = Command::Kind::Brightness;
    c.brightness = 7;
    golden("brightness", "brightness 7 -> control frame A2 07, DataLen 0x31, manual mode 00, 48 x 07", c, one);
}

TEST_CASE("golden: bitmap frames in both pixel formats") {
    Command c;
    c.kind = Command::Kind::Bitmap;

    c.pages = {smallPicture(ColorMode::Mono)};
    golden("bitmap-mono-rgb888",
           "bitmap 8x4 mono at 0,0, static, stay 5 s, rgb888 (lit = FF FF FF); Timeout 5, RelateAllPro 1, ImmePlay 0 "
           "(over the program), Transparency 0, ValidLen 0 as the SDK sends them",
           c, screenOf(64, 16, ColorMode::Mono, "rgb888"));

    c.pages = {smallPicture(ColorMode::Rgb), smallPicture(ColorMode::Mono)};
    c.effect = Effect::MoveUp;
    c.areaId = 2;
    c.speed = 3;
    c.stayHalfSeconds = 3;
    golden("bitmap-rgb-2pages-rgb888",
           "bitmap 8x4 rgb, 2 pages, area 2, move up (05), speed 3, stay 1.5 s (96 00), rgb888; "
           "pixel 12 5A A5 is escaped",
           c, screenOf(64, 16, ColorMode::Rgb, "rgb888"));

    Bitmap rg(8, 4, ColorMode::RedGreen);
    rg.blit(smallPicture(ColorMode::RedGreen), 0, 0);
    c.pages = {rg};
    c.effect = Effect::MoveLeft;
    c.areaId = 0;
    c.x = 35;
    c.y = 2;
    c.speed = 1;
    c.stayHalfSeconds = 10;
    golden("bitmap-red-green-planes",
           "bitmap 8x4 red-green at 35,2, move left (03), planes: red plane then green, one u32 LE word per row "
           "(screen columns 32..63), 0 = lit",
           c, screenOf(64, 16, ColorMode::RedGreen, "planes"));

    Bitmap wide(16, 8, ColorMode::Rgb);
    wide.blit(smallPicture(ColorMode::Rgb), 4, 2);
    c.pages = {wide};
    c.x = c.y = 0;
    c.effect = Effect::Static;
    ScreenSpec small = screenOf(64, 16, ColorMode::Rgb, "rgb888");
    small.options["packet"] = "400";
    golden("bitmap-bands",
           "bitmap 16x8 rgb with packet=400: three A7 00 frames, one graphic area each: area 0 at 0,0, "
           "area 1 at 0,3 (16x3, pixel 12 5A A5 escaped), area 2 at 0,6 (16x2); rgb888",
           c, small);
}

TEST_CASE("golden: the card's ACK and NACK") {
    checkGolden("bx6", "reply-ack",
                packetsText("card 1 (6Q2) to host: ACK A0 00, Status 0, Error 0", {buildReply(ReplyTo{}, CardError::None)}));
    checkGolden("bx6", "reply-nack-crc",
                packetsText("card 1 (6Q2) to host: NACK A0 01, Status 1, Error 5 (crc)", {buildReply(ReplyTo{}, CardError::Crc)}));
    ReplyTo control;
    control.control = true;
    control.sequence = 4;
    checkGolden("bx6", "reply-ack-control",
                packetsText("card 1 (6Q2) to host, control frame (07), sequence 4: ACK A0 00, Status 0, Error 0",
                            {buildReply(control, CardError::None)}));
}
