// Our bytes against the public libraries' own: tests/golden/protocols/alpha/third-party/*.hex were
// written by running lancereinsmith/alphasignpy and msparks/alphasign on their own code (library,
// commit, function and parameters are named in each file). Our encoder must send what they send
// for the same command, and our sign must take and draw every valid packet they build.
#include "protocols/alpha/AlphaCard.h"
#include "protocols/alpha/AlphaPacket.h"
#include "protocols/alpha/AlphaProtocol.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/ProtocolTestSupport.h"

#include <doctest/doctest.h>

#include <algorithm>

namespace gongshi::protocols::alpha {

using gongshi::test::feedAll;
using gongshi::test::readGoldenPackets;
using gongshi::test::screenSpec;
using renderer::Bitmap;
using renderer::Color;
using renderer::ColorMode;

namespace {

using Pauses = std::vector<std::pair<std::size_t, long long>>;

std::vector<Bytes> thirdParty(const std::string& name) {
    std::vector<Bytes> out;
    for (auto& p : readGoldenPackets("alpha/third-party", name)) out.push_back(p.bytes);
    return out;
}

// msparks/alphasign sends no ETX and no checksum (the protocol makes both optional): our packet
// without them.
Bytes withoutChecksum(Bytes p) {
    REQUIRE(p.size() > 6);
    REQUIRE(p[p.size() - 6] == 0x03);
    p.erase(p.end() - 6, p.end() - 1);
    return p;
}

Pauses pausesOf(const Bytes& packet) {
    Pauses out;
    for (const PacketPause& p : makeAlphaProtocol()->pausesIn(packet)) out.emplace_back(p.offset, p.duration.count());
    return out;
}

// The pauses alphasignpy keeps (100 ms after STX and after a picture's size); we also wait 1 s
// after a memory configuration, as msparks/alphasign does after clearing memory.
Pauses withoutMemoryPause(Pauses pauses) {
    pauses.erase(std::remove_if(pauses.begin(), pauses.end(), [](const auto& p) { return p.second == 1000; }), pauses.end());
    return pauses;
}

ScreenSpec sign(int width, int height, ColorMode mode) { return screenSpec(width, height, mode, 0); }

Command textCommand() {
    Command c;
    c.kind = Command::Kind::Text;
    c.text = "A023 PLEASE";
    c.color = Color::green();
    c.effect = Effect::MoveLeft;
    c.speed = 2;
    c.align = HAlign::Center;
    return c;
}

Bitmap dotsPicture() {
    Bitmap page(8, 4, ColorMode::RedGreen);
    page.setPixel(0, 0, Color::red());
    page.setPixel(1, 1, Color::green());
    page.setPixel(2, 2, Color::yellow());
    page.setPixel(7, 3, Color::red());
    return page;
}

Command clockCommand() {
    Command c;
    c.kind = Command::Kind::SetClock;
    c.clock = {2026, 3, 9, 14, 5, 0, 1}; // Monday
    return c;
}

Command simple(Command::Kind kind) {
    Command c;
    c.kind = kind;
    return c;
}

// One lit pixel per character along the top row, in the colour asked for.
TextDrawer dotsPerCharacter(std::string& drawn) {
    return [&drawn](const std::string& utf8, int width, int height, ColorMode mode, Color color, HAlign) {
        drawn = utf8;
        Bitmap b(width, height, mode);
        for (int x = 0; x < static_cast<int>(utf8.size()); ++x) b.setPixel(x, 0, color);
        return b;
    };
}

void allTaken(const std::vector<FrameEvent>& events, std::size_t count) {
    REQUIRE(events.size() == count);
    for (const FrameEvent& e : events) {
        CAPTURE(e.cmd);
        CHECK(e.ok);
        CHECK(e.error.empty());
    }
}

} // namespace

TEST_CASE("alphasignpy: our text command is its configure_memory and WriteText, byte for byte and pause for pause") {
    auto ours = makeAlphaProtocol()->encode(textCommand(), sign(80, 16, ColorMode::RedGreen));
    auto theirs = readGoldenPackets("alpha/third-party", "alphasignpy-text");
    REQUIRE(ours.size() == theirs.size());
    for (std::size_t i = 0; i < ours.size(); ++i) {
        CAPTURE(i);
        CHECK(ours[i] == theirs[i].bytes);
        CHECK(withoutMemoryPause(pausesOf(ours[i])) == theirs[i].pauses);
    }
    CHECK(pausesOf(ours[0]).back() == std::pair<std::size_t, long long>{ours[0].size(), 1000});
}

TEST_CASE("alphasignpy: our picture is its memory configuration, WriteSmallDots and the TEXT calling it") {
    Command c;
    c.kind = Command::Kind::Bitmap;
    c.pages = {dotsPicture()};
    auto ours = makeAlphaProtocol()->encode(c, sign(8, 4, ColorMode::RedGreen));
    auto theirs = readGoldenPackets("alpha/third-party", "alphasignpy-small-dots");
    REQUIRE(ours.size() == theirs.size());
    for (std::size_t i = 0; i < ours.size(); ++i) {
        CAPTURE(i);
        CHECK(ours[i] == theirs[i].bytes);
        CHECK(withoutMemoryPause(pausesOf(ours[i])) == theirs[i].pauses);
    }
    // alphasignpy waits after the picture's size, before its rows: so do we.
    CHECK(theirs[1].pauses == Pauses{{10, 100}, {16, 100}});
}

TEST_CASE("alphasignpy: clock, soft reset and the status read are its set_time, set_date, set_day_of_week, "
          "soft_reset and ReadSpecialFunction(SET_TIME)") {
    auto proto = makeAlphaProtocol();
    ScreenSpec s = sign(80, 16, ColorMode::Mono);
    CHECK(proto->encode(clockCommand(), s) == thirdParty("alphasignpy-clock"));
    CHECK(proto->encode(simple(Command::Kind::Reset), s) == thirdParty("alphasignpy-soft-reset"));
    CHECK(proto->encode(simple(Command::Kind::Status), s) == thirdParty("alphasignpy-read-time"));
}

TEST_CASE("msparks/alphasign: our text, clock, soft reset and memory clear are its packets plus our checksum") {
    auto proto = makeAlphaProtocol();
    ScreenSpec s = sign(80, 16, ColorMode::RedGreen);
    CHECK(withoutChecksum(proto->encode(textCommand(), s)[1]) == thirdParty("msparks-text")[0]);
    auto clock = proto->encode(clockCommand(), s);
    auto theirClock = thirdParty("msparks-clock");
    REQUIRE(clock.size() == theirClock.size());
    for (std::size_t i = 0; i < clock.size(); ++i) CHECK(withoutChecksum(clock[i]) == theirClock[i]);
    CHECK(withoutChecksum(proto->encode(simple(Command::Kind::Reset), s)[0]) == thirdParty("msparks-soft-reset")[0]);
    // clear_memory() sends E$ and sleeps a second: so do we.
    Bytes clear = proto->encode(simple(Command::Kind::Clear), s)[0];
    auto theirClear = readGoldenPackets("alpha/third-party", "msparks-memory-clear");
    CHECK(withoutChecksum(clear) == theirClear[0].bytes);
    CHECK(pausesOf(clear).back().second == theirClear[0].pauses.back().second);
}

TEST_CASE("our sign takes and draws every packet alphasignpy builds") {
    ScreenSpec s = screenSpec(8, 4, ColorMode::RedGreen, 1);
    AlphaCard card(s, nullptr);
    allTaken(feedAll(card, thirdParty("alphasignpy-small-dots"), true), 3);
    CHECK(card.screen() == dotsPicture());
    CHECK(card.screen().pixel(2, 2) == Color::yellow());

    std::string drawn;
    AlphaCard textSign(screenSpec(80, 16, ColorMode::RedGreen, 1), dotsPerCharacter(drawn));
    auto events = feedAll(textSign, thirdParty("alphasignpy-text"));
    allTaken(events, 2);
    CHECK(drawn == "A023 PLEASE");
    CHECK(events[1].details.at("mode") == "rotate");
    CHECK(textSign.screen().litCount() == 11);
    CHECK(textSign.screen().pixel(10, 0) == Color::green());

    allTaken(feedAll(textSign, thirdParty("alphasignpy-clock")), 3);
    events = feedAll(textSign, thirdParty("alphasignpy-read-time"));
    allTaken(events, 1);
    CHECK(events[0].reply == makeReplyPacket("01", "E 1405"));
    allTaken(feedAll(textSign, thirdParty("alphasignpy-soft-reset")), 1);
    // Its memory clear is E$ followed by "$$$": a clear all the same.
    events = feedAll(textSign, thirdParty("alphasignpy-memory-clear"));
    allTaken(events, 1);
    CHECK(events[0].cmd == "clear");
    CHECK(textSign.screen().litCount() == 0);
}

TEST_CASE("our sign takes and draws every packet msparks/alphasign builds, without ETX or checksum") {
    std::string drawn;
    AlphaCard card(screenSpec(80, 16, ColorMode::RedGreen, 1), dotsPerCharacter(drawn));
    auto events = feedAll(card, thirdParty("msparks-allocate"));
    allTaken(events, 1);
    CHECK(events[0].details.at("checksum") == "none");
    CHECK(events[0].details.at("files") ==
          "A:text:0011:FFFF,1:text:0064:FEFE,2:text:0064:FEFE,3:text:0064:FEFE,4:text:0064:FEFE,5:text:0064:FEFE");
    allTaken(feedAll(card, thirdParty("msparks-text"), true), 1);
    CHECK(drawn == "A023 PLEASE");
    CHECK(card.screen().litCount() == 11);
    CHECK(card.screen().pixel(0, 0) == Color::green());
    events = feedAll(card, thirdParty("msparks-clock"));
    allTaken(events, 3);
    CHECK(events[1].details.at("date") == "2026-03-09");
    CHECK(events[2].details.at("weekday") == "monday");
    allTaken(feedAll(card, thirdParty("msparks-soft-reset")), 1);
    allTaken(feedAll(card, thirdParty("msparks-memory-clear")), 1);
    CHECK(card.screen().litCount() == 0);
}

} // namespace gongshi::protocols::alpha
