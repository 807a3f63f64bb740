#include "protocols/alpha/AlphaCard.h"

#include "protocols/alpha/AlphaPacket.h"
#include "protocols/alpha/AlphaProtocol.h"
#include "tests/protocols/alpha/AlphaTestSupport.h"
#include "tests/support/ProtocolTestSupport.h"
#include "tests/support/TestBitmaps.h"

#include <doctest/doctest.h>

namespace gongshi::protocols::alpha {

using gongshi::test::bitmapCommand;
using gongshi::test::borderedPicture;
using gongshi::test::feedAll;
using gongshi::test::feedBytes;
using gongshi::test::screenSpec;
using renderer::Bitmap;
using renderer::Color;
using renderer::ColorMode;
using test::bytesOf;

namespace {

// A stand-in for the card's font: remembers what it was asked for and draws one lit pixel per
// character along the top row, in the colour asked for.
struct FakeFont {
    std::string text;
    Color color;
    HAlign align = HAlign::Left;
    int calls = 0;
};

TextDrawer fakeDrawer(FakeFont& font) {
    return [&font](const std::string& utf8, int width, int height, ColorMode mode, Color color, HAlign align) {
        font.text = utf8;
        font.color = color;
        font.align = align;
        ++font.calls;
        Bitmap b(width, height, mode);
        for (int x = 0; x < static_cast<int>(utf8.size()); ++x) b.setPixel(x, 0, color);
        return b;
    };
}

} // namespace

TEST_CASE("bitmaps round-trip exactly through the card, in one chunk and byte by byte") {
    struct Case {
        int width, height;
        ColorMode mode;
    };
    for (Case k : {Case{80, 16, ColorMode::Mono}, Case{120, 7, ColorMode::RedGreen}, Case{255, 31, ColorMode::RedGreen}}) {
        for (bool byteByByte : {false, true}) {
            CAPTURE(k.width);
            CAPTURE(byteByByte);
            ScreenSpec s = screenSpec(k.width, k.height, k.mode);
            Bitmap picture = borderedPicture(k.width, k.height, k.mode);
            auto proto = makeAlphaProtocol();
            auto card = proto->makeCard(s, nullptr);
            auto packets = proto->encode(bitmapCommand({picture}), s);
            auto events = feedAll(*card, packets, byteByByte);
            REQUIRE(events.size() == packets.size());
            for (std::size_t i = 0; i < events.size(); ++i) {
                CAPTURE(i);
                CHECK(events[i].ok);
                CHECK(events[i].cmd == "bitmap");
                CHECK(events[i].bytes == packets[i].size());
            }
            CHECK(events.back().screenChanged);
            CHECK(events.back().details.at("pictures") == "B");
            CHECK(events.back().details.at("mode") == "hold");
            CHECK(card->screen() == picture);
        }
    }
}

TEST_CASE("amber shows as yellow and the card reports what the memory configuration set up") {
    ScreenSpec s = screenSpec(4, 1, ColorMode::RedGreen);
    Bitmap picture(4, 1, ColorMode::RedGreen);
    picture.setPixel(0, 0, Color::yellow());
    picture.setPixel(3, 0, Color::green());
    AlphaCard card(s, nullptr);
    auto events = feedAll(card, makeAlphaProtocol()->encode(bitmapCommand({picture}), s));
    REQUIRE(events.size() == 3);
    CHECK(events[0].details.at("files") == "A:text:0006:FFFF,B:dots:0104:2000");
    CHECK(events[1].details.at("width") == "4");
    CHECK(events[1].details.at("height") == "1");
    CHECK(card.screen().pixel(0, 0) == Color::yellow());
    CHECK(card.screen().pixel(3, 0) == Color::green());
    CHECK(card.screen().litCount() == 2);
}

TEST_CASE("a multi-page bitmap shows its first page and counts the rest") {
    ScreenSpec s = screenSpec(16, 7, ColorMode::Mono);
    Bitmap first = borderedPicture(16, 7, ColorMode::Mono);
    Bitmap second(16, 7, ColorMode::Mono);
    second.fill(Color::white());
    AlphaCard card(s, nullptr);
    auto events = feedAll(card, makeAlphaProtocol()->encode(bitmapCommand({first, second}), s));
    REQUIRE(events.size() == 4);
    CHECK(events.back().details.at("pages") == "2");
    CHECK(card.screen() == first);
    // What the sign cycles: both pages, held (the command's static effect), about 5 s each.
    const Playlist playing = card.playing();
    REQUIRE(playing.areas.size() == 1);
    REQUIRE(playing.areas[0].pages.size() == 2);
    CHECK(playing.areas[0].pages[0] == first);
    CHECK(playing.areas[0].pages[1] == second);
    CHECK(playing.areas[0].effect == Effect::Static);
    CHECK(playing.areas[0].stayHalfSeconds == 10);
    Player player(playing);
    CHECK(player.frameAt(std::chrono::milliseconds(4999)) == first);
    CHECK(player.frameAt(std::chrono::milliseconds(5000)) == second);
}

TEST_CASE("a picture sent to rotate plays moving left on the sign") {
    ScreenSpec s = screenSpec(16, 7, ColorMode::Mono);
    AlphaCard card(s, nullptr);
    auto command = bitmapCommand({borderedPicture(16, 7, ColorMode::Mono)});
    command.effect = Effect::MoveLeft;
    command.speed = 2;
    feedAll(card, makeAlphaProtocol()->encode(command, s));
    const Playlist playing = card.playing();
    REQUIRE(playing.areas.size() == 1);
    CHECK(playing.areas[0].effect == Effect::MoveLeft);
    CHECK(playing.areas[0].speed == 2); // sign speed 4 of 5
    CHECK(playing.animated());
}

TEST_CASE("text is drawn by an Alpha 3.0 sign's font with the colour and alignment sent") {
    ScreenSpec s = screenSpec(80, 16, ColorMode::RedGreen, 1, {{"alpha", "3.0"}});
    FakeFont font;
    auto proto = makeAlphaProtocol();
    auto card = proto->makeCard(s, fakeDrawer(font));
    Command c;
    c.kind = Command::Kind::Text;
    c.text = "A023";
    c.color = Color::yellow();
    c.align = HAlign::Right;
    c.effect = Effect::MoveUp;
    auto events = feedAll(*card, proto->encode(c, s), true);
    REQUIRE(events.size() == 2);
    CHECK(events[0].cmd == "text");
    CHECK(events[0].details.at("files") == "A:text:000A:FFFF");
    CHECK(events[1].cmd == "text");
    CHECK(events[1].ok);
    CHECK(events[1].details.at("text") == "A023");
    CHECK(events[1].details.at("mode") == "roll-up");
    CHECK(events[1].details.at("position") == "right");
    CHECK(events[1].details.at("color") == "amber");
    CHECK(events[1].details.at("speed") == "1");
    CHECK(font.text == "A023");
    CHECK(font.color == Color::yellow());
    CHECK(font.align == HAlign::Right);
    CHECK(card->screen().litCount() == 4);
    CHECK(card->screen().pixel(3, 0) == Color::yellow());
}

TEST_CASE("clear (a memory clear) after a picture blanks the screen") {
    ScreenSpec s = screenSpec(20, 7, ColorMode::Mono);
    AlphaCard card(s, nullptr);
    auto proto = makeAlphaProtocol();
    feedAll(card, proto->encode(bitmapCommand({borderedPicture(20, 7, ColorMode::Mono)}), s));
    REQUIRE(card.screen().litCount() > 0);
    Command clear;
    clear.kind = Command::Kind::Clear;
    auto events = feedAll(card, proto->encode(clear, s));
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "clear");
    CHECK(events[0].ok);
    CHECK(events[0].screenChanged);
    CHECK(card.screen().litCount() == 0);
}

TEST_CASE("a packet with a wrong checksum is refused and changes nothing") {
    ScreenSpec s = screenSpec(12, 7, ColorMode::Mono);
    AlphaCard card(s, nullptr);
    auto packets = makeAlphaProtocol()->encode(bitmapCommand({borderedPicture(12, 7, ColorMode::Mono)}), s);
    Bytes& text = packets.back();
    text[text.size() - 2] = text[text.size() - 2] == '0' ? '1' : '0'; // last checksum digit
    auto events = feedAll(card, packets);
    REQUIRE(events.size() == 3);
    CHECK(events[1].ok);
    CHECK_FALSE(events[2].ok);
    CHECK(events[2].error == "checksum");
    CHECK(events[2].bytes == text.size());
    CHECK(card.screen().litCount() == 0);
}

TEST_CASE("a checksum computed as an XOR is refused") {
    AlphaCard card(screenSpec(80, 7, ColorMode::Mono), nullptr);
    // STX 'E' ',' ETX: 02+45+2C+03 = 0x0076; their XOR is 0x0068.
    Bytes packet = {0, 0, 0, 0, 0, 0x01, 'Z', '0', '0', 0x02, 'E', ',', 0x03, '0', '0', '6', '8', 0x04};
    auto events = feedBytes(card, packet);
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == "checksum");
    packet[15] = '7';
    packet[16] = '6';
    events = feedBytes(card, packet);
    REQUIRE(events.size() == 1);
    CHECK(events[0].ok);
    CHECK(events[0].cmd == "reset");
}

TEST_CASE("garbage before a packet is one event, and the packet after it still works") {
    ScreenSpec s = screenSpec(12, 7, ColorMode::Mono);
    Command clock;
    clock.kind = Command::Kind::SetClock;
    clock.clock = {2026, 12, 31, 23, 59, 0, 4};
    Bytes bytes = bytesOf("\r\nOK\r\n");
    Bytes packet = makeAlphaProtocol()->encode(clock, s)[0];
    bytes.insert(bytes.end(), packet.begin(), packet.end());
    for (bool byteByByte : {false, true}) {
        AlphaCard card(s, nullptr);
        auto events = feedAll(card, {bytes}, byteByByte);
        REQUIRE(events.size() == 2);
        CHECK(events[0].cmd == "garbage");
        CHECK_FALSE(events[0].ok);
        CHECK(events[0].bytes == 6);
        CHECK(events[1].cmd == "clock");
        CHECK(events[1].ok);
        CHECK(events[1].details.at("time") == "23:59");
    }
}

TEST_CASE("the clock packets are read as time, date and day of the week") {
    ScreenSpec s = screenSpec(80, 7, ColorMode::Mono);
    Command clock;
    clock.kind = Command::Kind::SetClock;
    clock.clock = {2026, 3, 9, 8, 30, 0, 7};
    AlphaCard card(s, nullptr);
    auto events = feedAll(card, makeAlphaProtocol()->encode(clock, s));
    REQUIRE(events.size() == 3);
    CHECK(events[0].details.at("time") == "08:30");
    CHECK(events[1].details.at("date") == "2026-03-09");
    CHECK(events[2].details.at("weekday") == "sunday");
    for (const auto& e : events) CHECK(e.cmd == "clock");
}

TEST_CASE("an unknown command code is refused as no-command") {
    AlphaCard card(screenSpec(80, 7, ColorMode::Mono), nullptr);
    auto events = feedBytes(card, makePacket("00", "G1HELLO")); // write STRING: not used by this card
    REQUIRE(events.size() == 1);
    CHECK_FALSE(events[0].ok);
    CHECK(events[0].error == "no-command");
    CHECK(events[0].details.at("code") == "G");
    events = feedBytes(card, makePacket("00", "E("));
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == "no-command");
    CHECK(events[0].details.at("function") == "(");
}

TEST_CASE("a TEXT file calling a picture that was never written is reported as no-picture") {
    AlphaCard card(screenSpec(12, 7, ColorMode::Mono), nullptr);
    auto events = feedBytes(card, makePacket("00", "AA\x1B"
                                                   "0b\x14"
                                                   "Q"));
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "bitmap");
    CHECK(events[0].error == "no-picture");
    CHECK(events[0].details.at("missing") == "Q");
}

TEST_CASE("after a memory configuration, files it did not set up or sized too small are refused") {
    AlphaCard card(screenSpec(12, 7, ColorMode::Mono), nullptr);
    auto events = feedBytes(card, makePacket("00", "E$AAU0004FFFFBDL02031000"));
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "bitmap");
    CHECK(feedBytes(card, makePacket("00", "ACHELLO"))[0].error == "no-file");
    CHECK(feedBytes(card, makePacket("00", "AAHELLO"))[0].error == "too-big");
    CHECK(feedBytes(card, makePacket("00", "IB0304111\r111\r111\r"))[0].error == "too-big");
    CHECK(feedBytes(card, makePacket("00", "IA0203111\r111\r"))[0].error == "no-file");
    auto ok = feedBytes(card, makePacket("00", "IB0203111\r101\r"));
    CHECK(ok[0].ok);
}

TEST_CASE("a SMALL DOTS picture with a row too long, a bad digit or a row without CR is malformed") {
    AlphaCard card(screenSpec(12, 7, ColorMode::Mono), nullptr);
    CHECK(feedBytes(card, makePacket("00", "IB02031111\r"))[0].error == "format");
    CHECK(feedBytes(card, makePacket("00", "IB02031x1\r"))[0].error == "format");
    CHECK(feedBytes(card, makePacket("00", "IB0203111"))[0].error == "format");
    CHECK(feedBytes(card, makePacket("00", "IB0203111\r111\r111\r"))[0].error == "format");
    CHECK(feedBytes(card, makePacket("00", "IBXX03111\r"))[0].error == "format");
}

TEST_CASE("packets for another sign are ignored, and broadcast or wildcard ones are taken") {
    AlphaCard card(screenSpec(12, 7, ColorMode::Mono, 5), nullptr);
    auto events = feedBytes(card, makePacket("06", "E,"));
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == "address");
    CHECK(feedBytes(card, makePacket("05", "E,"))[0].ok);
    CHECK(feedBytes(card, makePacket("00", "E,"))[0].ok);
    CHECK(feedBytes(card, makePacket("0?", "E,"))[0].ok);
}

TEST_CASE("nested commands in one packet each give an event, and their bytes add up to the packet") {
    AlphaCard card(screenSpec(12, 7, ColorMode::Mono), nullptr);
    Bytes packet = makePacket("00", "E 1200");
    // Second command without checksum: STX E , before EOT.
    packet.pop_back();
    for (std::uint8_t b : {std::uint8_t{0x02}, std::uint8_t{'E'}, std::uint8_t{','}, std::uint8_t{0x04}}) packet.push_back(b);
    auto events = feedBytes(card, packet);
    REQUIRE(events.size() == 2);
    CHECK(events[0].cmd == "clock");
    CHECK(events[1].cmd == "reset");
    CHECK(events[1].details.at("checksum") == "none");
    CHECK(events[0].bytes + events[1].bytes == packet.size());
}

TEST_CASE("a frame without STX after the address is malformed") {
    AlphaCard card(screenSpec(12, 7, ColorMode::Mono), nullptr);
    Bytes packet = {0, 0, 0, 0, 0, 0x01, 'Z', '0', '0', 'E', ',', 0x04};
    auto events = feedBytes(card, packet);
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == "format");
    CHECK(events[0].bytes == packet.size());
}

TEST_CASE("an Alpha 1.0 sign, the default, refuses the left and right positions only Alpha 3.0 has") {
    FakeFont font;
    AlphaCard card(screenSpec(80, 7, ColorMode::Mono), fakeDrawer(font));
    auto events = feedBytes(card, makePacket("00", "A0\x1B"
                                                   "1bLEFT"));
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == "no-position");
    CHECK(feedBytes(card, makePacket("00", "A0\x1B"
                                           "0bFILL"))[0]
              .ok);
    AlphaCard alpha3(screenSpec(80, 7, ColorMode::Mono, 1, {{"alpha", "3.0"}}), fakeDrawer(font));
    CHECK(feedBytes(alpha3, makePacket("00", "A0\x1B"
                                             "1bLEFT"))[0]
              .ok);
}

TEST_CASE("sizes in lower-case hex are refused as signs refuse them, in pictures and memory configurations") {
    AlphaCard card(screenSpec(12, 7, ColorMode::Mono), nullptr);
    CHECK(feedBytes(card, makePacket("00", "IB020a1111111111\r1111111111\r"))[0].error == "format");
    CHECK(feedBytes(card, makePacket("00", "IB020A1111111111\r1111111111\r"))[0].ok);
    CHECK(feedBytes(card, makePacket("00", "E$AAU000aFFFF"))[0].error == "format");
    CHECK(feedBytes(card, makePacket("00", "E$BDL020a1000"))[0].error == "format");
    CHECK(feedBytes(card, makePacket("00", "E$AAU000AFFFF"))[0].ok);
}

TEST_CASE("memory clear comes as E$ alone or as alphasignpy's E$$$$, and leaves no file") {
    for (const char* clear : {"E$", "E$$$$"}) {
        CAPTURE(clear);
        AlphaCard card(screenSpec(12, 7, ColorMode::Mono), nullptr);
        feedBytes(card, makePacket("00", "E$AAU0010FFFFBDL02031000"));
        REQUIRE(feedBytes(card, makePacket("00", "IB0203111\r101\r"))[0].ok);
        REQUIRE(feedBytes(card, makePacket("00", "AA\x1B"
                                                 "0b\x14"
                                                 "B"))[0]
                    .screenChanged);
        auto events = feedBytes(card, makePacket("00", clear));
        REQUIRE(events.size() == 1);
        CHECK(events[0].ok);
        CHECK(events[0].cmd == "clear");
        CHECK(events[0].details.at("files").empty());
        CHECK(card.screen().litCount() == 0);
        CHECK(feedBytes(card, makePacket("00", "AAHELLO"))[0].error == "no-file");
    }
}

TEST_CASE("a read of the clock is answered from the sign's own address with the time it was set to") {
    AlphaCard card(screenSpec(80, 7, ColorMode::Mono, 0x2A), nullptr);
    feedBytes(card, makePacket("00", "E 1405"));
    for (const char* to : {"00", "2A"}) {
        CAPTURE(to);
        auto events = feedBytes(card, makePacket(to, "F "));
        REQUIRE(events.size() == 1);
        CHECK(events[0].ok);
        CHECK(events[0].cmd == "status");
        CHECK(events[0].reply == makeReplyPacket("2A", "E 1405"));
    }
    CHECK(feedBytes(card, makePacket("2B", "F "))[0].reply.empty());
    auto refused = feedBytes(card, makePacket("00", "F$"));
    CHECK(refused[0].error == "no-command");
    CHECK(refused[0].reply.empty());
}

} // namespace gongshi::protocols::alpha
