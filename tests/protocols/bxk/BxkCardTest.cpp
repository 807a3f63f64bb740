// The card emulation: round trips from Command to pixels, replies, and what it does with broken input.
#include "common/Error.h"
#include "protocols/bxk/BxkCard.h"
#include "protocols/bxk/BxkCommands.h"
#include "protocols/bxk/BxkEncoder.h"
#include "protocols/bxk/BxkFrame.h"
#include "protocols/bxk/BxkPixels.h"
#include "protocols/bxk/BxkProtocol.h"
#include "protocols/bxk/BxkReply.h"
#include "tests/protocols/bxk/BxkTestSupport.h"
#include "protocols/onbon/OnbonFraming.h"
#include "tests/support/ProtocolTestSupport.h"
#include "tests/support/TestBitmaps.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace gongshi;
using namespace gongshi::protocols;
using namespace gongshi::protocols::bxk;
using gongshi::protocols::bxk::test::RecordingDrawer;
using gongshi::test::bitmapCommand;
using gongshi::test::feedAll;
using gongshi::test::randomPicture;
using gongshi::test::screenSpec;
using renderer::Bitmap;
using renderer::Color;
using renderer::ColorMode;

namespace {

// A frame with hand-made Data, addressed and checked like the encoder's.
Bytes frameWith(Bytes data, std::uint16_t dst = 1) {
    BxkFrame f;
    f.dst = dst;
    f.data = std::move(data);
    return encodeFrame(f);
}

} // namespace

TEST_CASE("bxk: bitmaps round-trip to the card's screen: mono and red-green, 192 and 100 wide, any chunking") {
    for (ColorMode mode : {ColorMode::Mono, ColorMode::RedGreen})
        for (int width : {192, 100})
            for (bool byteByByte : {false, true}) {
                CAPTURE(std::string(renderer::colorModeName(mode)));
                CAPTURE(width);
                CAPTURE(byteByByte);
                ScreenSpec s = screenSpec(width, 96, mode);
                Bitmap original = randomPicture(width, 96, mode, static_cast<unsigned>(width));
                auto frames = BxkEncoder(s).encode(bitmapCommand({original}));
                CHECK(frames.size() >= 3); // set-up plus several data packets
                BxkCard card(s, nullptr);
                auto events = feedAll(card, frames, byteByByte);
                REQUIRE(events.size() == frames.size());
                for (std::size_t i = 0; i < events.size(); ++i) {
                    CHECK(events[i].cmd == "bitmap");
                    CHECK(events[i].ok);
                    CHECK(events[i].bytes == frames[i].size());
                    CHECK(frames[i].size() <= kMaxWireFrame);
                    auto reply = parseBxkReply(events[i].reply);
                    REQUIRE(reply);
                    CHECK(reply->ok);
                }
                CHECK(card.screen() == original);
                CHECK(events.back().screenChanged);
                CHECK(events.back().details.at("pages") == "1");
                CHECK(events.back().details.at("blocks") == std::to_string(frames.size() - 1));
            }
}

TEST_CASE("bxk: the special area takes one page of dots, several pages are refused before sending") {
    ScreenSpec s = screenSpec(64, 32, ColorMode::RedGreen);
    std::vector<Bitmap> pages;
    for (unsigned i = 0; i < 3; ++i) pages.push_back(randomPicture(40, 16, ColorMode::RedGreen, 7 + i));
    CHECK_THROWS_WITH_AS(BxkEncoder(s).encode(bitmapCommand(pages, 8, 8)), doctest::Contains("one page of dots, not 3"), InputError);
    BxkCard card(s, nullptr);
    auto events = feedAll(card, BxkEncoder(s).encode(bitmapCommand({pages[1]}, 8, 8)), false);
    REQUIRE_FALSE(events.empty());
    CHECK(events.back().details.at("pages") == "1");
    CHECK(events.back().details.at("area") == "8,8,40,16");
    CHECK(card.screen().crop(8, 8, 40, 16) == pages[1]);
    CHECK(card.screen().crop(0, 0, 8, 32).litCount() == 0);
}

TEST_CASE("bxk: every frame fits 1024 bytes even when every data byte needs escaping") {
    // Lit patterns 0x5A and 0xA5 go on the wire as their complements 0xA5 and 0x5A.
    for (ColorMode mode : {ColorMode::Mono, ColorMode::RedGreen}) {
        CAPTURE(std::string(renderer::colorModeName(mode)));
        ScreenSpec s = screenSpec(192, 64, mode, 0x5AA5);
        Bitmap page(192, 64, mode);
        for (int p = 0; p < page.planes(); ++p)
            for (int y = 0; y < 64; ++y)
                for (int g = 0; g < page.stride(); ++g) page.row(p, y)[g] = (g + y) % 2 ? 0x5A : 0xA5;
        std::vector<Bitmap> pages(1, page);
        auto frames = BxkEncoder(s).encode(bitmapCommand(pages));
        std::size_t escapedAll = 0;
        for (std::size_t i = 0; i < frames.size(); ++i) {
            CHECK(frames[i].size() <= kMaxWireFrame);
            if (i > 0 && i + 1 < frames.size()) CHECK(frames[i].size() > 900); // and still well filled
            escapedAll += frames[i].size();
        }
        CHECK(escapedAll > 2 * pageBytes(groupsFor(192), 64, mode));
        BxkCard card(s, nullptr);
        auto events = feedAll(card, frames, false);
        CHECK(events.back().ok);
        CHECK(card.screen() == page);
    }
}

TEST_CASE("bxk: the card answers each command with an ACK from its address to the sender") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::Mono, 7);
    BxkCard card(s, nullptr);
    Command ping;
    auto events = feedAll(card, BxkEncoder(s).encode(ping), false);
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "ping");
    CHECK(events[0].ok);
    CHECK_FALSE(events[0].screenChanged);
    const Bytes& reply = events[0].reply;
    DecodedFrame d = decodeBody(reply.data() + kPreambleLength, reply.size() - kPreambleLength - 1);
    REQUIRE(d.status == FrameStatus::Ok);
    CHECK(d.frame.dst == kSenderAddress);
    CHECK(d.frame.src == 7);
    CHECK(d.frame.data == Bytes{kGroupReply, kAck, 0x00, 0x00, 0x00});
}

TEST_CASE("bxk: a frame with a bad CRC gives a crc event and a reply that reads as crc") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::Mono);
    Command clear;
    clear.kind = Command::Kind::Clear;
    Bytes wire = BxkEncoder(s).encode(clear).front();
    wire[wire.size() - 3] ^= 0x40;
    BxkCard card(s, nullptr);
    auto events = card.feed(wire.data(), wire.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "clear");
    CHECK_FALSE(events[0].ok);
    CHECK(events[0].error == "crc");
    CHECK(events[0].bytes == wire.size());
    auto reply = makeBxkProtocol()->parseReply(events[0].reply);
    REQUIRE(reply);
    CHECK_FALSE(reply->ok);
    CHECK(reply->error == "crc");
}

TEST_CASE("bxk: an unknown group or command gives no-command and a NACK saying so") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::Mono);
    BxkCard card(s, nullptr);
    for (const Bytes& data : {Bytes{0xA2, 0x7F, 0x01, 0x00, 0x00}, Bytes{0xB7, 0x00, 0x01, 0x00, 0x00}}) {
        Bytes wire = frameWith(data);
        auto events = card.feed(wire.data(), wire.size());
        REQUIRE(events.size() == 1);
        CHECK(events[0].cmd == "unknown");
        CHECK_FALSE(events[0].ok);
        CHECK(events[0].error == "no-command");
        auto reply = parseBxkReply(events[0].reply);
        REQUIRE(reply);
        CHECK(reply->error == "no-command");
    }
}

TEST_CASE("bxk: garbage before a frame is one garbage event, however the bytes arrive") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::Mono);
    Bytes stream{0x00, 0x11, 0x5A, 0xFF, 0x42};
    Bytes ping = BxkEncoder(s).encode(Command{}).front();
    stream.insert(stream.end(), ping.begin(), ping.end());
    for (bool byteByByte : {false, true}) {
        CAPTURE(byteByByte);
        BxkCard card(s, nullptr);
        auto events = feedAll(card, {stream}, byteByByte);
        REQUIRE(events.size() == 2);
        CHECK(events[0].cmd == "garbage");
        CHECK_FALSE(events[0].ok);
        CHECK(events[0].error == "garbage");
        CHECK(events[0].bytes == 5);
        CHECK(events[0].reply.empty());
        CHECK(events[1].cmd == "ping");
        CHECK(events[1].ok);
        CHECK(events[1].bytes == ping.size());
    }
}

TEST_CASE("bxk: a frame cut short by the next one is garbage and the next one still counts") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::Mono);
    Bytes ping = BxkEncoder(s).encode(Command{}).front();
    Bytes stream(ping.begin(), ping.begin() + 15);
    stream.insert(stream.end(), ping.begin(), ping.end());
    BxkCard card(s, nullptr);
    auto events = card.feed(stream.data(), stream.size());
    REQUIRE(events.size() == 2);
    CHECK(events[0].cmd == "garbage");
    CHECK(events[0].bytes == 15);
    CHECK(events[1].ok);
}

TEST_CASE("bxk: a long preamble is accepted and counted in the frame's bytes") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::Mono);
    Bytes ping = BxkEncoder(s).encode(Command{}).front();
    Bytes stream(40, 0xA5);
    stream.insert(stream.end(), ping.begin(), ping.end());
    BxkCard card(s, nullptr);
    auto events = card.feed(stream.data(), stream.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].ok);
    CHECK(events[0].bytes == stream.size());
}

TEST_CASE("bxk: frames for another address are ignored, broadcasts are obeyed and FFFF gets no reply") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::Mono, 3);
    BxkCard card(s, nullptr);
    Command off;
    off.kind = Command::Kind::ScreenOff;

    Bytes other = BxkEncoder(screenSpec(64, 16, ColorMode::Mono, 4)).encode(off).front();
    auto events = card.feed(other.data(), other.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "off");
    CHECK_FALSE(events[0].ok);
    CHECK(events[0].error == "address");
    CHECK(events[0].reply.empty());
    CHECK(card.isOn());

    Bytes silent = BxkEncoder(screenSpec(64, 16, ColorMode::Mono, kBroadcastNoReply)).encode(off).front();
    events = card.feed(silent.data(), silent.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].ok);
    CHECK(events[0].reply.empty());
    CHECK_FALSE(card.isOn());

    Command on;
    on.kind = Command::Kind::ScreenOn;
    Bytes answered = BxkEncoder(screenSpec(64, 16, ColorMode::Mono, kBroadcastReply)).encode(on).front();
    events = card.feed(answered.data(), answered.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].ok);
    CHECK_FALSE(events[0].reply.empty());
    CHECK(card.isOn());
}

TEST_CASE("bxk: a frame that asks for no reply (Resp 02) is obeyed silently") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::Mono);
    BxkCard card(s, nullptr);
    Bytes wire = frameWith({kGroupScreen, kCmdPower, kNoReply, 0x00, 0x00, kPowerOff});
    auto events = card.feed(wire.data(), wire.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].ok);
    CHECK(events[0].reply.empty());
    CHECK_FALSE(card.isOn());
}

TEST_CASE("bxk: text is decoded from GBK and drawn through the text drawer in its area and colour") {
    ScreenSpec s = screenSpec(64, 32, ColorMode::RedGreen);
    std::vector<RecordingDrawer::Call> calls;
    BxkCard card(s, RecordingDrawer{&calls});
    Command c;
    c.kind = Command::Kind::Text;
    c.text = "暂停服务";
    c.color = Color::yellow();
    c.effect = Effect::MoveUp;
    c.align = HAlign::Right;
    c.x = 16;
    c.y = 8;
    auto events = feedAll(card, BxkEncoder(s).encode(c), true);
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "text");
    CHECK(events[0].ok);
    CHECK(events[0].screenChanged);
    CHECK(events[0].details.at("text") == "暂停服务");
    CHECK(events[0].details.at("effect") == "move-up");
    CHECK(events[0].details.at("color") == "yellow");
    CHECK(events[0].details.at("area") == "16,8,48,24");
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].text == "暂停服务");
    CHECK(calls[0].width == 48);
    CHECK(calls[0].height == 24);
    CHECK(calls[0].color == Color::yellow());
    CHECK(calls[0].align == HAlign::Right);
    // The stand-in drawer lights one pixel per UTF-8 byte on the area's top row.
    CHECK(card.screen().litCount() == 12);
    CHECK(card.screen().pixel(16, 8) == Color::yellow());
    CHECK_FALSE(card.screen().lit(15, 8));
}

TEST_CASE("bxk: scrolling text is recorded as move-left and red when no colour code is given") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::Mono);
    std::vector<RecordingDrawer::Call> calls;
    BxkCard card(s, RecordingDrawer{&calls});
    Command c;
    c.kind = Command::Kind::Text;
    c.text = "Welcome";
    c.effect = Effect::MoveLeft;
    auto events = feedAll(card, BxkEncoder(s).encode(c), false);
    REQUIRE(events.size() == 1);
    CHECK(events[0].details.at("effect") == "move-left");
    CHECK(events[0].details.at("color") == "red");
    CHECK(card.screen().litCount() == 7);
}

TEST_CASE("bxk: switching off darkens the screen and keeps its contents for switching on") {
    ScreenSpec s = screenSpec(32, 8, ColorMode::RedGreen);
    BxkEncoder enc(s);
    BxkCard card(s, nullptr);
    Bitmap picture = randomPicture(32, 8, ColorMode::RedGreen, 3);
    feedAll(card, enc.encode(bitmapCommand({picture})), false);
    REQUIRE(card.screen() == picture);

    Command off;
    off.kind = Command::Kind::ScreenOff;
    auto events = feedAll(card, enc.encode(off), false);
    CHECK(events[0].details.at("state") == "off");
    CHECK(events[0].screenChanged);
    CHECK(card.screen().litCount() == 0);

    Command on;
    on.kind = Command::Kind::ScreenOn;
    events = feedAll(card, enc.encode(on), false);
    CHECK(events[0].cmd == "on");
    CHECK(events[0].screenChanged);
    CHECK(card.screen() == picture);

    Command clear;
    clear.kind = Command::Kind::Clear;
    events = feedAll(card, enc.encode(clear), false);
    CHECK(events[0].cmd == "clear");
    CHECK(events[0].screenChanged);
    CHECK(card.screen().litCount() == 0);
}

TEST_CASE("bxk: brightness, clock and on/off times are kept and reported") {
    ScreenSpec s = screenSpec(32, 8, ColorMode::Mono);
    BxkEncoder enc(s);
    BxkCard card(s, nullptr);

    Command b;
    b.kind = Command::Kind::Brightness;
    b.brightness = 4;
    auto events = feedAll(card, enc.encode(b), false);
    CHECK(events[0].cmd == "brightness");
    CHECK(events[0].details.at("level") == "4");
    CHECK(card.brightness() == 4);

    Command clock;
    clock.kind = Command::Kind::SetClock;
    clock.clock = {2024, 2, 29, 23, 59, 30, 4};
    events = feedAll(card, enc.encode(clock), false);
    CHECK(events[0].cmd == "clock");
    CHECK(events[0].details.at("time") == "2024-02-29 23:59:30");
    CHECK(events[0].details.at("weekday") == "4");
    REQUIRE(card.clock());
    CHECK(card.clock()->year == 2024);
    CHECK(card.clock()->second == 30);

    Command timer;
    timer.kind = Command::Kind::TimedOnOff;
    timer.onOff = {{7 * 60 + 45, 18 * 60}};
    events = feedAll(card, enc.encode(timer), false);
    CHECK(events[0].cmd == "timer");
    CHECK(events[0].details.at("times") == "07:45-18:00");
    REQUIRE(card.timers().size() == 1);
    CHECK(card.timers()[0].onMinutes == 7 * 60 + 45);
}

TEST_CASE("bxk: a clock that is not BCD is refused with date-format") {
    BxkCard card(screenSpec(32, 8, ColorMode::Mono), nullptr);
    Bytes wire = frameWith({kGroupSystem, kCmdClock, kReplyWanted, 0, 0, 0x24, 0x20, 0x1A, 0x01, 0x00, 0x00, 0x00, 0x01});
    auto events = card.feed(wire.data(), wire.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == "date-format");
    CHECK_FALSE(card.clock());
}

TEST_CASE("bxk: dot data without a set-up, with a gap, or past the pages is refused") {
    ScreenSpec s = screenSpec(32, 8, ColorMode::Mono);
    BxkCard card(s, nullptr);
    Bytes early = frameWith({kGroupSpecial, kCmdSpecialData, kReplyWanted, 0, 0, 0x01, 0x00, 0x00, 0xFF});
    auto events = card.feed(early.data(), early.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "bitmap");
    CHECK(events[0].error == "block-no");

    auto frames = BxkEncoder(s).encode(bitmapCommand({Bitmap(32, 8, ColorMode::Mono)}));
    card.feed(frames[0].data(), frames[0].size()); // set-up: 32 bytes of dots expected
    Bytes gap = frameWith({kGroupSpecial, kCmdSpecialData, kReplyWanted, 0, 0, 0x00, 0x10, 0x00, 0xFF});
    events = card.feed(gap.data(), gap.size());
    CHECK(events[0].error == "block-no");
    Bytes pastData{kGroupSpecial, kCmdSpecialData, kReplyWanted, 0, 0, 0x01, 0x00, 0x00};
    pastData.insert(pastData.end(), 33, 0xFF); // one byte more than 32x8 mono holds
    Bytes past = frameWith(pastData);
    events = card.feed(past.data(), past.size());
    CHECK(events[0].error == "out-of-memory");
    Bytes shortLast = frameWith({kGroupSpecial, kCmdSpecialData, kReplyWanted, 0, 0, 0x01, 0x00, 0x00, 0x00});
    events = card.feed(shortLast.data(), shortLast.size());
    CHECK(events[0].error == "block-no");
    CHECK(card.screen().litCount() == 0);
}

TEST_CASE("bxk: a special area larger than the screen is refused with out-of-memory") {
    BxkCard card(screenSpec(32, 8, ColorMode::Mono), nullptr);
    // X 0, Y 0, W 5 groups (40 px), H 8, dots, 1 page
    Bytes wire = frameWith(
        {kGroupSpecial, kCmdSpecialSetup, kReplyWanted, 0, 0, 0, 0, 0, 0, 5, 0, 8, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    auto events = card.feed(wire.data(), wire.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == "out-of-memory");
}

TEST_CASE("bxk: a card for an rgb screen is refused: K cards are mono or red-green") {
    CHECK_THROWS_AS(BxkCard(screenSpec(8, 8, ColorMode::Rgb), nullptr), InputError);
}

TEST_CASE("bxk: a body that never ends is dropped as garbage and the frame after it is read") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::Mono);
    Bytes ping = BxkEncoder(s).encode(Command{}).front();
    Bytes stream(8, 0xA5);
    stream.insert(stream.end(), 5000, 0x01); // no 5A: longer than any K frame
    stream.insert(stream.end(), ping.begin(), ping.end());
    for (bool byteByByte : {false, true}) {
        CAPTURE(byteByByte);
        BxkCard card(s, nullptr);
        auto events = feedAll(card, {stream}, byteByByte);
        REQUIRE(events.size() == 2);
        CHECK(events[0].cmd == "garbage");
        CHECK(events[0].bytes == 8 + 5000);
        CHECK(events[1].cmd == "ping");
        CHECK(events[1].ok);
    }
}

TEST_CASE("bxk: the card reports the same events whatever size the pieces of the stream are") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::RedGreen);
    BxkEncoder enc(s);
    Bytes stream{0x13, 0x37};
    auto add = [&](const std::vector<Bytes>& frames) {
        for (const auto& f : frames) stream.insert(stream.end(), f.begin(), f.end());
    };
    add(enc.encode(bitmapCommand({randomPicture(64, 16, ColorMode::RedGreen, 5)})));
    stream.insert(stream.end(), {0xA5, 0xA5, 0x01, 0x02}); // cut off by the next frame
    Command text;
    text.kind = Command::Kind::Text;
    text.text = "请稍候";
    add(enc.encode(text));
    Bytes bad = enc.encode(Command{}).front();
    bad[bad.size() - 2] ^= 0x01;
    add({bad});

    BxkCard whole(s, nullptr);
    auto expected = whole.feed(stream.data(), stream.size());
    REQUIRE(expected.size() == 6); // garbage, set-up, dots, garbage, text, crc
    for (std::size_t piece = 1; piece <= 13; ++piece) {
        CAPTURE(piece);
        BxkCard card(s, nullptr);
        std::vector<FrameEvent> got;
        for (std::size_t at = 0; at < stream.size(); at += piece) {
            auto e = card.feed(stream.data() + at, std::min(piece, stream.size() - at));
            got.insert(got.end(), e.begin(), e.end());
        }
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 0; i < got.size(); ++i) {
            CHECK(got[i].cmd == expected[i].cmd);
            CHECK(got[i].error == expected[i].error);
            CHECK(got[i].bytes == expected[i].bytes);
            CHECK(got[i].reply == expected[i].reply);
        }
        CHECK(card.screen() == whole.screen());
    }
    CHECK(expected[0].cmd == "garbage");
    CHECK(expected[3].bytes == 4);
    CHECK(expected[5].error == "crc");
}

TEST_CASE("bxk: an area the card already holds takes a new picture without its set-up frame") {
    ScreenSpec s = screenSpec(192, 32, ColorMode::RedGreen);
    BxkCard card(s, nullptr);
    auto first = randomPicture(192, 32, ColorMode::RedGreen, 1);
    auto second = randomPicture(192, 32, ColorMode::RedGreen, 2);
    auto full = BxkEncoder(s).encode(bitmapCommand({first}));
    feedAll(card, full);
    CHECK(card.screen() == first);

    Command update = bitmapCommand({second});
    update.areaReady = true;
    auto pixelsOnly = BxkEncoder(s).encode(update);
    CHECK(pixelsOnly.size() == full.size() - 1); // the A4 01 set-up is left out
    auto events = feedAll(card, pixelsOnly);
    for (const auto& e : events) CHECK(e.ok);
    CHECK(card.screen() == second);

    // A card that lost the area (power cycle) refuses the pixels rather than guessing.
    BxkCard fresh(s, nullptr);
    events = feedAll(fresh, pixelsOnly);
    CHECK_FALSE(events.front().ok);
    CHECK(events.front().error == "block-no");
}

namespace {
// A frame as another sender builds it: our header fields, any Data.
Bytes rawFrame(const Bytes& data, std::uint16_t dst = 1, std::uint8_t displayMode = 0) {
    BxkFrame f;
    f.dst = dst;
    f.displayMode = displayMode;
    for (std::uint8_t b : data) f.data.push_back(b); // (a range insert here trips GCC 12's -Warray-bounds)
    return encodeFrame(f);
}

Bytes textAreaData(int xGroups, int y, int wGroups, int h, const std::string& text) {
    Bytes area{0x00, static_cast<std::uint8_t>(xGroups),
               0,    static_cast<std::uint8_t>(y),
               0,    static_cast<std::uint8_t>(wGroups),
               0,    static_cast<std::uint8_t>(h),
               0,    0x00,
               0x00, 0x00,
               0x00, 0x00,
               0x00, 0x00,
               0x00, 0x02,
               0x02, 0x01,
               0x00, 0x00,
               0x00, static_cast<std::uint8_t>(text.size()),
               0,    0,
               0};
    area.insert(area.end(), text.begin(), text.end());
    Bytes d{kGroupScreen, kCmdDynamicArea, kReplyWanted, 0x00, 0x00, 0x00, 0x01, static_cast<std::uint8_t>(area.size()), 0};
    d.insert(d.end(), area.begin(), area.end());
    return d;
}
} // namespace

TEST_CASE("bxk: a status query at the broadcast address 0xFFFE is answered from the card's own address") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::RedGreen, 7);
    BxkCard card(s, nullptr);
    Command bright;
    bright.kind = Command::Kind::Brightness;
    bright.brightness = 9;
    feedAll(card, BxkEncoder(s).encode(bright), false);
    Command clock;
    clock.kind = Command::Kind::SetClock;
    clock.clock = {2026, 3, 14, 9, 26, 53, 6};
    feedAll(card, BxkEncoder(s).encode(clock), false);
    auto proto = makeBxkProtocol();
    REQUIRE(proto->probeAddress() == 0xFFFE);
    Command status;
    status.kind = Command::Kind::Status;
    ScreenSpec probe = s;
    probe.address = *proto->probeAddress();
    auto events = feedAll(card, proto->encode(status, probe), false);
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "status");
    auto reply = parseBxkReply(events[0].reply);
    REQUIRE(reply);
    CHECK(reply->source == 7);
    auto st = proto->parseStatus(*reply);
    REQUIRE(st);
    CHECK(st->address == 7);
    CHECK(st->brightness == 9);
    CHECK(st->screenOn == true);
    REQUIRE(st->clock);
    CHECK(st->clock->year == 2026);
    CHECK(st->clock->minute == 26);
    CHECK(st->clock->second == 53);
    CHECK(st->programs == 0);
    // The data as Onbon's C# demo reads it: on/off, brightness, century and year, month, day, second.
    CHECK(Bytes(reply->data.begin(), reply->data.begin() + 7) == Bytes{0x01, 0x09, 0x20, 0x26, 0x03, 0x14, 0x53});
}

TEST_CASE("bxk: a text area beyond the screen is refused with Err 4 and nothing of the frame is shown") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::Mono);
    std::vector<RecordingDrawer::Call> calls;
    BxkCard card(s, RecordingDrawer{&calls});
    auto events = feedAll(card, {rawFrame(textAreaData(0, 0, 16, 16, "AB"))}, false); // 128 wide on a 64-wide card
    REQUIRE(events.size() == 1);
    CHECK_FALSE(events[0].ok);
    CHECK(events[0].error == "out-of-memory");
    CHECK(events[0].details.at("reason").find("does not fit the 64x16 screen") != std::string::npos);
    CHECK(card.screen().litCount() == 0);
    CHECK(calls.empty());
    auto reply = parseBxkReply(events[0].reply);
    REQUIRE(reply);
    CHECK(reply->error == "out-of-memory");
}

TEST_CASE("bxk: with header DisplayMode 1 the dynamic areas take priority over the program, with 0 they show over it") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::Mono);
    std::vector<RecordingDrawer::Call> calls;
    BxkCard card(s, RecordingDrawer{&calls});
    Command program;
    program.kind = Command::Kind::Program;
    Command welcome;
    welcome.kind = Command::Kind::Text;
    welcome.text = "ABCDEFGH";
    program.areas = {welcome};
    feedAll(card, BxkEncoder(s).encode(program), false);
    CHECK(card.screen().crop(0, 0, 8, 1).litCount() == 8);
    // An area at the foot, normal mode: the program's top row stays lit.
    feedAll(card, {rawFrame(textAreaData(0, 8, 8, 8, "XY"), 1, 0)}, false);
    CHECK(card.screen().crop(0, 0, 8, 1).litCount() == 8);
    CHECK(card.screen().crop(0, 8, 64, 8).litCount() == 2);
    // The same area in dynamic mode: only the dynamic area shows.
    auto events = feedAll(card, {rawFrame(textAreaData(0, 8, 8, 8, "XY"), 1, 1)}, false);
    CHECK(events[0].screenChanged);
    CHECK(card.screen().crop(0, 0, 64, 8).litCount() == 0);
    CHECK(card.screen().crop(0, 8, 64, 8).litCount() == 2);
    // Cleared: the program plays alone again.
    Command clear;
    clear.kind = Command::Kind::Clear;
    feedAll(card, BxkEncoder(s).encode(clear), false);
    CHECK(card.screen().crop(0, 0, 8, 1).litCount() == 8);
    CHECK(card.screen().crop(0, 8, 64, 8).litCount() == 0);
}

TEST_CASE("bxk: the special area set-up is the 32 bytes of Onbon's DLL, PageTotal 0 and StayTime 0") {
    ScreenSpec s = screenSpec(64, 16, ColorMode::RedGreen);
    Command b = bitmapCommand({randomPicture(16, 4, ColorMode::RedGreen, 3)}, 8, 2);
    b.stayHalfSeconds = 10;
    const auto frames = BxkEncoder(s).encode(b);
    REQUIRE(frames.size() == 2);
    const Bytes raw = onbon::unescape(frames[0].data() + kPreambleLength, frames[0].size() - kPreambleLength - 1);
    REQUIRE(raw.size() == kHeaderLength + kCommandHeadLength + 32 + kCheckLength);
    const Bytes setup(raw.begin() + kHeaderLength + kCommandHeadLength, raw.end() - kCheckLength);
    Bytes expected{0x01, 0x00, 0x02, 0x00, 0x02, 0x00, 0x04, 0x00, 0x01};
    expected.resize(32, 0x00);
    CHECK(setup == expected);
}
