#include "common/Error.h"
#include "protocols/ByteReader.h"
#include "protocols/bx6/Bx6AreaUpdate.h"
#include "protocols/bx6/Bx6Commands.h"
#include "protocols/bx6/Bx6ControlFrame.h"
#include "protocols/bx6/Bx6Frame.h"
#include "protocols/bx6/Bx6Pixels.h"
#include "protocols/bx6/Bx6Protocol.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/ProtocolTestSupport.h"
#include "tests/support/TestBitmaps.h"

#include <doctest/doctest.h>

using namespace gongshi::protocols;
using namespace gongshi::protocols::bx6;
using gongshi::InputError;
using gongshi::renderer::Bitmap;
using gongshi::renderer::Color;
using gongshi::renderer::ColorMode;
using gongshi::test::bitmapCommand;
using gongshi::test::hex;
using gongshi::test::randomPicture;

namespace {
Bx6Frame unpack(const Bytes& packet) {
    Bx6Frame f;
    REQUIRE(packet.size() > kPreambleLength + 1);
    REQUIRE(unpackFrame(packet.data() + kPreambleLength, packet.size() - kPreambleLength - 1, f) == UnpackError::None);
    return f;
}

Bx6ControlFrame unpackControl(const Bytes& packet) {
    REQUIRE(packet.size() > kPreambleLength + 1);
    bool clean = true;
    const Bytes raw = onbon::unescape(packet.data() + kPreambleLength, packet.size() - kPreambleLength - 1, &clean);
    REQUIRE(clean);
    Bx6ControlFrame f;
    REQUIRE(unpackControlFrame(raw, f) == UnpackError::None);
    return f;
}

ScreenSpec screenOf(int w, int h, ColorMode mode, const char* pixels = "rgb888") {
    return gongshi::test::screenSpec(w, h, mode, 1, {{"pixels", pixels}});
}
} // namespace

TEST_CASE("a bitmap becomes one graphic dynamic area with the page fields in Onbon's order") {
    Bitmap page(8, 4, ColorMode::Rgb);
    page.setPixel(0, 0, {0x11, 0x22, 0x33});
    Command c = bitmapCommand({page, page});
    c.x = 16, c.y = 8, c.areaId = 3, c.effect = Effect::MoveLeft, c.speed = 4, c.stayHalfSeconds = 6;
    auto packets = makeBx6Protocol()->encode(c, screenOf(64, 32, ColorMode::Rgb));
    REQUIRE(packets.size() == 1);
    Bx6Frame f = unpack(packets[0]);
    CHECK(f.dst == 1);
    ByteReader r(f.data.data(), f.data.size());
    CHECK(r.u8() == 0x01); // RtnReq
    CHECK(r.u8() == 0xA7);
    CHECK(r.u8() == 0x00);
    r.skip(2);
    CHECK(r.u16() == 1); // AreaCnt
    const std::uint32_t paraLen = r.u32();
    CHECK(paraLen == 33 + 2 * 30);
    CHECK(r.u8() == 3);  // ID
    CHECK(r.u8() == 0);  // RunMode: loop
    CHECK(r.u16() == 5); // Timeout, as the SDK sends it
    CHECK(r.u8() == 1);  // RelateAllPro: with every program
    CHECK(r.u16() == 0); // no programs named
    CHECK(r.u8() == 0);  // ImmePlay 0: over the program
    r.skip(4);
    CHECK(r.u8() == 0x10); // graphic area
    CHECK(r.u16() == 16);
    CHECK(r.u16() == 8);
    CHECK(r.u16() == 8);
    CHECK(r.u16() == 4);
    CHECK(r.u8() == 0); // no frame
    CHECK(r.u8() == 0); // no background
    CHECK(r.u8() == 0); // transparency, as the SDK sends it
    CHECK(r.u8() == 0);
    CHECK(r.u8() == 0); // no sound
    r.skip(5);
    CHECK(r.u16() == 2); // pages
    for (std::uint32_t p = 0; p < 2; ++p) {
        CHECK(r.u32() == 26);
        CHECK(r.u8() == 0);    // page type
        CHECK(r.u8() == 0x03); // move left
        CHECK(r.u8() == 0);    // clear mode
        CHECK(r.u8() == 4);    // speed
        CHECK(r.u16() == 300); // 3 s in 10 ms units
        CHECK(r.u8() == 1);    // repeat
        CHECK(r.u16() == 0);   // ValidLen, as the SDK sends it
        r.skip(9);
        CHECK(r.u32() == p * 96); // DataOffset
        CHECK(r.u32() == 96);     // DataLen: 8 x 4 x 3
    }
    REQUIRE(r.ok());
    CHECK(hex(Bytes(f.data.begin() + static_cast<long>(r.pos()), f.data.begin() + static_cast<long>(r.pos()) + 6)) ==
          "11 22 33 00 00 00"); // rgb888: R G B, row-major
    CHECK(r.remaining() == 2 * 96);
}

TEST_CASE("effects map to Onbon's display modes: static 01, move left 03, move up 05") {
    ScreenSpec s = screenOf(8, 1, ColorMode::Mono);
    Command c = bitmapCommand({Bitmap(8, 1, ColorMode::Mono)});
    std::vector<std::pair<Effect, std::uint8_t>> cases = {{Effect::Static, 0x01}, {Effect::MoveLeft, 0x03}, {Effect::MoveUp, 0x05}};
    for (auto [effect, code] : cases) {
        c.effect = effect;
        Bx6Frame f = unpack(makeBx6Protocol()->encode(c, s)[0]);
        auto areas = parseAreaUpdate(f.data.data() + 3, f.data.size() - 3);
        REQUIRE(areas);
        CHECK((*areas)[0].pages[0].displayMode == code);
    }
}

TEST_CASE("planes pack 32-pixel words little-endian with pixel 0 in bit 31 and 0 = lit") {
    Bitmap page(40, 1, ColorMode::Mono);
    page.setPixel(0, 0, Color::white());
    page.setPixel(33, 0, Color::white());
    Bytes data = encodePagePixels(page, PixelFormat::Planes, ColorMode::Mono, 0);
    // Word 0 = 0x7FFFFFFF; word 1 = pixels 32..39 then padding, pixel 33 lit = 0xBFFFFFFF.
    CHECK(hex(data) == "FF FF FF 7F FF FF FF BF");
    CHECK(pagePixelBytes(PixelFormat::Planes, ColorMode::Mono, 0, 40, 1) == 8);
}

TEST_CASE("planes align words to the screen's 32-pixel columns, not to the area's edge") {
    // An area at x = 35 starts inside the screen's second word: its first pixel is bit 31 - 3.
    Bitmap page(2, 1, ColorMode::Mono);
    page.setPixel(0, 0, Color::white());
    Bytes data = encodePagePixels(page, PixelFormat::Planes, ColorMode::Mono, 35);
    CHECK(hex(data) == "FF FF FF EF");
    Bitmap back = decodePagePixels(data.data(), PixelFormat::Planes, ColorMode::Mono, 35, 2, 1);
    CHECK(back == page);
    // 30 pixels from x = 20 cross a word boundary: two words per row.
    CHECK(pagePixelBytes(PixelFormat::Planes, ColorMode::Mono, 20, 30, 1) == 8);
}

TEST_CASE("red-green planes send the whole red plane, then the whole green plane") {
    Bitmap page(1, 2, ColorMode::RedGreen);
    page.setPixel(0, 0, Color::red());
    page.setPixel(0, 1, Color::green());
    Bytes data = encodePagePixels(page, PixelFormat::Planes, ColorMode::RedGreen, 0);
    CHECK(hex(data) == "FF FF FF 7F FF FF FF FF FF FF FF FF FF FF FF 7F");
}

TEST_CASE("rgb888 pages show mono lit pixels as white and red-green as red, green and yellow") {
    Bitmap page(3, 1, ColorMode::RedGreen);
    page.setPixel(0, 0, Color::red());
    page.setPixel(1, 0, Color::yellow());
    CHECK(hex(encodePagePixels(page, PixelFormat::Rgb888, ColorMode::RedGreen, 0)) == "FF 00 00 FF FF 00 00 00 00");
    Bitmap mono(1, 1, ColorMode::Mono);
    mono.setPixel(0, 0, Color::white());
    CHECK(hex(encodePagePixels(mono, PixelFormat::Rgb888, ColorMode::Mono, 0)) == "FF FF FF");
}

TEST_CASE("brightness sends manual mode with the level in all 48 half-hour slots") {
    Command c;
    c.kind = Command::Kind::Brightness;
    c.brightness = 9;
    Bx6ControlFrame f = unpackControl(makeBx6Protocol()->encode(c, ScreenSpec{})[0]);
    REQUIRE(f.data.size() == 3 + 2 + 1 + 48);
    CHECK(hex(Bytes(f.data.begin(), f.data.begin() + 7)) == "01 A2 07 31 00 00 09");
    CHECK(std::count(f.data.begin() + 6, f.data.end(), 9) == 48);
    c.brightness = 16;
    CHECK_THROWS_WITH_AS(makeBx6Protocol()->encode(c, ScreenSpec{}), "bx-6 brightness must be 0..15, not 16", InputError);
}

TEST_CASE("commands bx-6 cards lack are refused with the command's name") {
    auto p = makeBx6Protocol();
    Command c;
    for (auto [kind, name] : std::vector<std::pair<Command::Kind, std::string>>{{Command::Kind::TimedOnOff, "'timer'"}}) {
        c.kind = kind;
        std::string message;
        try {
            p->encode(c, ScreenSpec{});
        } catch (const InputError& e) {
            message = e.what();
        }
        CHECK(message.find("bx-6 cards do not support " + name) == 0);
    }
    c.kind = Command::Kind::Text;
    c.text = "办事指南";
    CHECK_THROWS_WITH_AS(p->encode(c, ScreenSpec{}), "bx-6 cards have no font: render the text and send it as a bitmap", InputError);
    c.kind = Command::Kind::SetClock;
    c.clock = {2026, 13, 1, 0, 0, 0, 1};
    CHECK_THROWS_AS(p->encode(c, ScreenSpec{}), InputError); // month 13
}

TEST_CASE("bitmaps that cannot be one area are refused before anything is sent") {
    auto p = makeBx6Protocol();
    ScreenSpec s = screenOf(64, 16, ColorMode::Mono);
    Command c = bitmapCommand({});
    CHECK_THROWS_WITH_AS(p->encode(c, s), "bx-6 bitmap command has no pages", InputError);
    c = bitmapCommand({Bitmap(64, 16, ColorMode::Mono), Bitmap(32, 16, ColorMode::Mono)});
    CHECK_THROWS_AS(p->encode(c, s), InputError);
    c = bitmapCommand({Bitmap(64, 16, ColorMode::Mono)});
    c.x = 1;
    CHECK_THROWS_WITH_AS(p->encode(c, s), "bx-6 area 64x16 at 1,0 does not fit the 64x16 screen", InputError);
    c.x = 0;
    c.areaId = 32;
    CHECK_THROWS_WITH_AS(p->encode(c, s), "bx-6 area id must be 0..31, not 32", InputError);
}

TEST_CASE("bad bx-6 options are refused naming the option and its values") {
    auto p = makeBx6Protocol();
    Command ping;
    ScreenSpec s;
    s.options["pixels"] = "rgb565";
    CHECK_THROWS_WITH_AS(p->encode(ping, s), "bx-6 option pixels='rgb565' is unknown (use rgb888 for 6Q cards or planes for 6E)",
                         InputError);
    s.options = {{"device", "7Q"}};
    CHECK_THROWS_AS(p->encode(ping, s), InputError);
    s.options = {{"packet", "100"}};
    CHECK_THROWS_WITH_AS(p->encode(ping, s), "数据包上限（字节）“100”应为256到64512之间的整数", InputError);
    for (const char* bad : {"2048x", "-2048", " 2048", "64513"}) {
        s.options = {{"packet", bad}};
        try {
            p->encode(ping, s);
            FAIL("packet=" << bad << " accepted");
        } catch (const gongshi::ValidationError& e) {
            CHECK(e.field() == "options.packet");
            CHECK(std::string(e.what()) == std::string("数据包上限（字节）“") + bad + "”应为256到64512之间的整数");
        }
    }
    s.options = {{"device", "6e2"}};
    CHECK(unpackControl(p->encode(ping, s)[0]).deviceType == 0x0274);
    s.options = {{"device", "0x0154"}};
    CHECK(unpackControl(p->encode(ping, s)[0]).deviceType == 0x0154);
    s.options = {{"dynamic", "sometimes"}};
    CHECK_THROWS_WITH_AS(p->encode(ping, s), "bx-6 option dynamic='sometimes' is unknown (use with-program or alone)", InputError);
}

TEST_CASE("a 512x256 rgb888 picture goes as horizontal bands, each its own graphic area in one 63 KB frame") {
    ScreenSpec s = screenOf(512, 256, ColorMode::Rgb);
    const Bitmap picture = randomPicture(512, 256, ColorMode::Rgb);
    Command c = bitmapCommand({picture});
    c.areaId = 2, c.effect = Effect::MoveUp;
    auto packets = makeBx6Protocol()->encode(c, s);
    // 393 KB of pixels; 37 rows of 1536 bytes fit a frame with room for 1 byte in 8 escaped.
    REQUIRE(packets.size() == 7);
    int y = 0;
    for (std::size_t i = 0; i < packets.size(); ++i) {
        CAPTURE(i);
        CHECK(packets[i].size() <= kMaxWireBytes);
        Bx6Frame f = unpack(packets[i]);
        CHECK(hex(Bytes(f.data.begin(), f.data.begin() + 3)) == "01 A7 00");
        auto areas = parseAreaUpdate(f.data.data() + 3, f.data.size() - 3);
        REQUIRE(areas);
        REQUIRE(areas->size() == 1);
        const DynamicArea& a = areas->front();
        CHECK(a.id == 2 + i);
        CHECK(a.x == 0);
        CHECK(a.y == y);
        CHECK(a.width == 512);
        CHECK(a.height == (i + 1 < packets.size() ? 37 : 256 - 6 * 37));
        REQUIRE(a.pages.size() == 1);
        CHECK(a.pages[0].displayMode == kDisplayMoveUp); // each band moves within its own area
        CHECK(a.pages[0].pixels == encodePagePixels(picture.crop(0, y, 512, a.height), PixelFormat::Rgb888, ColorMode::Rgb, 0));
        y += a.height;
    }
    CHECK(y == 256);
}

TEST_CASE("the bands follow from the picture's size, not its pixels, so a picture of the same size takes the same areas") {
    ScreenSpec s = screenOf(512, 256, ColorMode::Rgb);
    auto heights = [&](const Bitmap& picture) {
        std::vector<int> h;
        for (const Bytes& packet : makeBx6Protocol()->encode(bitmapCommand({picture}), s)) {
            Bx6Frame f = unpack(packet);
            h.push_back(parseAreaUpdate(f.data.data() + 3, f.data.size() - 3)->front().height);
        }
        return h;
    };
    const std::vector<int> expected = {37, 37, 37, 37, 37, 37, 34};
    CHECK(heights(randomPicture(512, 256, ColorMode::Rgb, 1)) == expected);
    CHECK(heights(randomPicture(512, 256, ColorMode::Rgb, 2)) == expected);
    CHECK(heights(Bitmap(512, 256, ColorMode::Rgb)) == expected);
}

TEST_CASE("a picture whose every byte needs escaping gets lower bands and every frame still fits") {
    ScreenSpec s = screenOf(512, 256, ColorMode::Rgb);
    Bitmap worst(512, 256, ColorMode::Rgb);
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 512; ++x) worst.setPixel(x, y, {0xA5, 0x5A, 0x5B});
    auto packets = makeBx6Protocol()->encode(bitmapCommand({worst}), s);
    CHECK(packets.size() == 13); // 20 rows of 1536 bytes, doubled on the wire
    for (const Bytes& packet : packets) CHECK(packet.size() <= kMaxWireBytes);
}

TEST_CASE("a picture that needs areas past 31 or rows wider than a packet is refused before anything is sent") {
    auto p = makeBx6Protocol();
    ScreenSpec s = screenOf(512, 256, ColorMode::Rgb);
    Command c = bitmapCommand({Bitmap(512, 256, ColorMode::Rgb)});
    c.areaId = 30;
    CHECK_THROWS_WITH_AS(p->encode(c, s),
                         "bx-6 picture 512x256 with 1 page(s) needs 7 bands of at most 64512 bytes, areas 30..36, but cards "
                         "hold areas 0..31: send fewer pages, a smaller picture or a lower area id",
                         InputError);
    s = screenOf(64, 16, ColorMode::Rgb);
    s.options["packet"] = "256";
    c = bitmapCommand({Bitmap(64, 16, ColorMode::Rgb)});
    CHECK_THROWS_WITH_AS(p->encode(c, s),
                         "bx-6 picture rows 64 pixels wide with 1 page(s) do not fit one 256-byte packet even one row at "
                         "a time: send fewer pages or a narrower picture",
                         InputError);
}

TEST_CASE("pictures that fit one frame are sent as a plain A7 00 that any 6Q understands") {
    ScreenSpec s = screenOf(192, 64, ColorMode::Rgb);
    auto packets = makeBx6Protocol()->encode(bitmapCommand({randomPicture(192, 64, ColorMode::Rgb)}), s);
    REQUIRE(packets.size() == 1);
    CHECK(packets[0].size() <= kMaxWireBytes);
    CHECK(unpack(packets[0]).data[2] == kCmdAreaUpdate);
}

TEST_CASE("the packet option lowers the wire limit for cards with smaller buffers") {
    ScreenSpec s = screenOf(100, 30, ColorMode::RedGreen, "planes");
    s.options["packet"] = "300";
    auto packets = makeBx6Protocol()->encode(bitmapCommand({randomPicture(100, 30, ColorMode::RedGreen)}), s);
    CHECK(packets.size() > 3);
    for (const Bytes& packet : packets) CHECK(packet.size() <= 300);
    CHECK(unpack(packets.back()).data[2] == kCmdAreaUpdate);
}
