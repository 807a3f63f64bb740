// bx-6 against Onbon's own Linux SDK: the frames and program files the SDK made
// (tests/golden/protocols/bx6-sdk/*.hex, each naming the SDK function and its parameters) are what
// gongshi sends for the same thing, byte for byte; and the emulated card plays what the SDK sent.
#include "protocols/bx6/Bx6Card.h"
#include "protocols/bx6/Bx6FileList.h"
#include "protocols/bx6/Bx6ProgramFile.h"
#include "protocols/bx6/Bx6Protocol.h"
#include "protocols/bx6/Bx6Reply.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/ProtocolTestSupport.h"
#include "tests/support/TestBitmaps.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace gongshi::protocols;
using namespace gongshi::protocols::bx6;
using gongshi::renderer::Bitmap;
using gongshi::renderer::Color;
using gongshi::renderer::ColorMode;
using gongshi::test::borderedPicture;
using gongshi::test::randomPicture;

namespace {
// The packets of a golden file written from the SDK's bytes (read only: no --update-golden here).
std::vector<Bytes> sdk(const std::string& name) {
    std::ifstream in(gongshi::test::sourceDir() + "/tests/golden/protocols/bx6-sdk/" + name + ".hex");
    REQUIRE_MESSAGE(in, "missing golden file bx6-sdk/" << name << ".hex");
    std::vector<Bytes> packets;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("# packet ", 0) == 0) packets.emplace_back();
        else if (!line.empty() && line[0] != '#') {
            Bytes b = gongshi::test::fromHex(line);
            packets.back().insert(packets.back().end(), b.begin(), b.end());
        }
    }
    return packets;
}

// The SDK talks to every card at its wildcard address FFFE; the cards answer it.
ScreenSpec sdkScreen(int w, int h, ColorMode mode, const char* device = "6Q2") {
    return gongshi::test::screenSpec(w, h, mode, 0xFFFE, {{"device", device}});
}

Command kind(Command::Kind k) {
    Command c;
    c.kind = k;
    return c;
}

std::vector<Bytes> encode(const Command& c, const ScreenSpec& s) { return makeBx6Protocol()->encode(c, s); }

// The program of the SDK's program-6q2 files: two areas, the first with two pages.
Command sdkProgram6q2() {
    Command area0 = gongshi::test::bitmapCommand({borderedPicture(8, 4, ColorMode::Rgb), randomPicture(8, 4, ColorMode::Rgb, 1)});
    area0.effect = Effect::Static;
    area0.speed = 1;
    area0.stayHalfSeconds = 10;
    Command area1 = gongshi::test::bitmapCommand({borderedPicture(16, 8, ColorMode::Rgb)}, 8, 4);
    area1.effect = Effect::MoveLeft;
    area1.speed = 2;
    area1.stayHalfSeconds = 6;
    Command p = kind(Command::Kind::Program);
    p.areas = {area0, area1};
    return p;
}

Command sdkProgram6e1() {
    Command area = gongshi::test::bitmapCommand({borderedPicture(8, 4, ColorMode::RedGreen)}, 35, 2);
    area.effect = Effect::MoveLeft;
    area.speed = 1;
    area.stayHalfSeconds = 10;
    Command p = kind(Command::Kind::Program);
    p.areas = {area};
    return p;
}

std::optional<ReplyResult> replyOf(const FrameEvent& e) { return parseReplyFrame(e.reply); }
} // namespace

TEST_CASE("ping, status, reset, clock, on, off and brightness are the SDK's control frames, byte for byte") {
    const ScreenSpec s = sdkScreen(64, 32, ColorMode::Rgb);
    CHECK(encode(kind(Command::Kind::Ping), s) == sdk("ping"));
    CHECK(encode(kind(Command::Kind::Status), s) == sdk("status"));
    CHECK(encode(kind(Command::Kind::Reset), s) == sdk("reset"));
    CHECK(encode(kind(Command::Kind::ScreenOn), s) == sdk("on"));
    CHECK(encode(kind(Command::Kind::ScreenOff), s) == sdk("off"));
    Command clock = kind(Command::Kind::SetClock);
    clock.clock = {2026, 3, 14, 9, 26, 53, 6};
    CHECK(encode(clock, s) == sdk("clock"));
    Command b = kind(Command::Kind::Brightness);
    b.brightness = 9;
    CHECK(encode(b, s) == sdk("brightness"));
}

TEST_CASE("clear and the question which programs the card keeps are the SDK's frames") {
    const ScreenSpec s = sdkScreen(64, 32, ColorMode::Rgb);
    CHECK(encode(kind(Command::Kind::Clear), s) == sdk("clear"));
    CHECK(encode(kind(Command::Kind::ProgramInfo), s) == sdk("program-info"));
}

TEST_CASE("a picture over the program is the SDK's A7 00 frame: RGB888 on a 6Q2, planes played alone on a 6E1") {
    Command c = gongshi::test::bitmapCommand({borderedPicture(16, 8, ColorMode::Rgb)}, 4, 2);
    c.areaId = 2;
    c.effect = Effect::MoveLeft;
    c.speed = 4;
    c.stayHalfSeconds = 6;
    CHECK(encode(c, sdkScreen(64, 32, ColorMode::Rgb)) == sdk("bitmap-6q2-rgb888"));

    Command e = gongshi::test::bitmapCommand({borderedPicture(8, 4, ColorMode::RedGreen)}, 35, 2);
    e.areaId = 1;
    ScreenSpec alone = sdkScreen(64, 16, ColorMode::RedGreen, "6E1");
    alone.options["dynamic"] = "alone";
    CHECK(encode(e, alone) == sdk("bitmap-6e1-planes-alone"));
}

TEST_CASE("program files are the SDK's P000 and D000, and go to the card in the SDK's frames") {
    auto p = makeBx6Protocol();
    const ScreenSpec q2 = sdkScreen(64, 32, ColorMode::Rgb);
    CHECK(p->programFile(sdkProgram6q2(), q2) == gongshi::test::joined(sdk("program-6q2-files")));
    CHECK(encode(sdkProgram6q2(), q2) == sdk("program-6q2-transfer"));

    Command blocks = kind(Command::Kind::Program);
    blocks.areas = {gongshi::test::bitmapCommand({randomPicture(24, 16, ColorMode::Rgb, 1)})};
    CHECK(p->programFile(blocks, q2) == gongshi::test::joined(sdk("program-6q2-blocks-files")));
    const auto frames = encode(blocks, q2);
    CHECK(frames.size() == 7); // A1 08, D000: start and blocks of 1000 and 169 bytes, P000: start and block, A1 09
    CHECK(frames == sdk("program-6q2-blocks-transfer"));

    const ScreenSpec e1 = sdkScreen(64, 16, ColorMode::RedGreen, "6E1");
    CHECK(p->programFile(sdkProgram6e1(), e1) == gongshi::test::joined(sdk("program-6e1-files")));
    CHECK(encode(sdkProgram6e1(), e1) == sdk("program-6e1-transfer"));
}

TEST_CASE("the card plays the program Onbon's SDK wrote: both areas, every page, drawn") {
    Bx6Card card(gongshi::test::screenSpec(64, 32, ColorMode::Rgb, 1));
    const auto events = gongshi::test::feedAll(card, sdk("program-6q2-transfer"));
    REQUIRE(events.size() == 6);
    for (const FrameEvent& e : events) {
        CHECK(e.ok);
        CHECK(e.cmd == "program");
        auto r = replyOf(e);
        REQUIRE(r);
        CHECK(r->ok);
    }
    CHECK(events.back().screenChanged);
    CHECK(card.flash().count("P000") == 1);
    CHECK(card.flash().count("D000") == 1);
    const auto& pages = card.programPages();
    REQUIRE(pages.size() == 2);
    REQUIRE(pages[0].size() == 2);
    CHECK(pages[0][0].toRgb() == borderedPicture(8, 4, ColorMode::Rgb));
    CHECK(pages[0][1].toRgb() == randomPicture(8, 4, ColorMode::Rgb, 1));
    REQUIRE(pages[1].size() == 1);
    CHECK(pages[1][0].toRgb() == borderedPicture(16, 8, ColorMode::Rgb));
    // The screen: area 0's first page at 0,0, area 1 at 8,4, black elsewhere.
    CHECK(card.screen().pixel(0, 0) == Color::red());
    CHECK(card.screen().pixel(1, 0) == Color::green());
    CHECK(card.screen().pixel(8, 4) == Color::red());
    CHECK(card.screen().pixel(9, 4) == Color::green());
    CHECK(card.screen().pixel(23, 11) == borderedPicture(16, 8, ColorMode::Rgb).pixel(15, 7));
    CHECK(card.screen().pixel(40, 20) == Color::black());

    // Powered on again with its flash, it plays the same program.
    Bx6Card again(gongshi::test::screenSpec(64, 32, ColorMode::Rgb, 1));
    again.restoreFlash(card.flash());
    CHECK(again.screen() == card.screen());
}

TEST_CASE("the SDK's dynamic area shows over the program; one played alone stops it") {
    Bx6Card card(gongshi::test::screenSpec(64, 32, ColorMode::Rgb, 1));
    gongshi::test::feedAll(card, sdk("program-6q2-transfer"));
    const auto events = gongshi::test::feedAll(card, sdk("bitmap-6q2-rgb888"));
    REQUIRE(events.size() == 1);
    CHECK(events[0].ok);
    CHECK(events[0].details.at("play") == "with-program");
    CHECK(events[0].details.at("effect") == "move-left");
    CHECK(card.areaPages(2).front().toRgb() == borderedPicture(16, 8, ColorMode::Rgb));
    // Area 2 (16x8 at 4,2) covers the program's first area in part; the program shows around it.
    CHECK(card.screen().pixel(4, 2) == Color::red());
    CHECK(card.screen().pixel(0, 0) == Color::red()); // the program's area 0, top-left
    CHECK(card.screen().pixel(23, 11) == borderedPicture(16, 8, ColorMode::Rgb).pixel(15, 7)); // the program's area 1

    Bx6Card e1(gongshi::test::screenSpec(64, 16, ColorMode::RedGreen, 1, {{"device", "6E1"}}));
    gongshi::test::feedAll(e1, sdk("program-6e1-transfer"));
    REQUIRE(e1.programPages().size() == 1);
    CHECK(e1.programPages()[0][0].toRgb() == borderedPicture(8, 4, ColorMode::RedGreen).toRgb());
    CHECK(e1.screen().pixel(35, 2) == Color::red());
    const auto alone = gongshi::test::feedAll(e1, sdk("bitmap-6e1-planes-alone"));
    REQUIRE(alone.size() == 1);
    CHECK(alone[0].details.at("play") == "alone");
    Bitmap want(64, 16, ColorMode::RedGreen);
    want.blit(borderedPicture(8, 4, ColorMode::RedGreen), 35, 2);
    CHECK(e1.screen().toRgb() == want.toRgb()); // the same picture, the program no longer behind it
    CHECK(e1.areaPages(1).front().toRgb() == borderedPicture(8, 4, ColorMode::RedGreen).toRgb());
}

TEST_CASE("the card answers the SDK's questions: which card, ping, status, and the files it keeps") {
    Bx6Card card(gongshi::test::screenSpec(96, 32, ColorMode::Rgb, 7));
    auto question = gongshi::test::feedAll(card, sdk("card-question"));
    REQUIRE(question.size() == 1);
    CHECK(question[0].cmd == "probe");
    // The SDK takes the card's type from the answer's header (bytes 6-7 after the preamble) and
    // needs protocol version 07 there (byte 4).
    const Bytes& answer = question[0].reply;
    REQUIRE(answer.size() > 16);
    CHECK(answer[8 + 4] == 0x07);
    CHECK((answer[8 + 6] | answer[8 + 7] << 8) == 0x0266);

    auto ping = replyOf(gongshi::test::feedAll(card, sdk("ping")).at(0));
    REQUIRE(ping);
    CHECK(ping->ok);
    CHECK(ping->source == 7);
    REQUIRE(ping->data.size() == 52);
    CHECK((ping->data[0] | ping->data[1] << 8) == 0x0266);
    CHECK((ping->data[14] | ping->data[15] << 8) == 96); // screen width

    gongshi::test::feedAll(card, sdk("clock"));
    gongshi::test::feedAll(card, sdk("brightness"));
    gongshi::test::feedAll(card, sdk("off"));
    gongshi::test::feedAll(card, sdk("program-6q2-transfer"));
    auto status = replyOf(gongshi::test::feedAll(card, sdk("status")).at(0));
    REQUIRE(status);
    auto s = makeBx6Protocol()->parseStatus(*status);
    REQUIRE(s);
    CHECK(s->address == 7);
    CHECK(s->screenOn == false);
    CHECK(s->brightness == 9);
    CHECK(s->programs == 1);
    CHECK(s->program == "P000");
    REQUIRE(s->clock);
    CHECK(s->clock->year == 2026);
    CHECK(s->clock->month == 3);
    CHECK(s->clock->day == 14);
    CHECK(s->clock->hour == 9);
    CHECK(s->clock->minute == 26);
    CHECK(s->clock->second == 53);
    CHECK(s->clock->weekday == 6);

    // Which program it keeps: P000 and D000 with the lengths and CRCs of the SDK's files.
    const auto info = gongshi::test::feedAll(card, sdk("program-info"));
    REQUIRE(info.size() == 2);
    CHECK(info[0].cmd == "program-info");
    auto listing = replyOf(info[1]);
    REQUIRE(listing);
    auto p = makeBx6Protocol();
    const ScreenSpec spec = gongshi::test::screenSpec(96, 32, ColorMode::Rgb, 7);
    CHECK(p->keepsFile(listing->data, *p->programFile(sdkProgram6q2(), spec)));
    Command changed = sdkProgram6q2();
    changed.areas[1].pages[0].setPixel(3, 3, Color::white()); // the pixels only: P000 stays as it was
    CHECK_FALSE(p->keepsFile(listing->data, *p->programFile(changed, spec)));
    Command slower = sdkProgram6q2();
    slower.areas[0].stayHalfSeconds = 20; // the parameters only: D000 stays as it was
    CHECK_FALSE(p->keepsFile(listing->data, *p->programFile(slower, spec)));
}

TEST_CASE("a status question at the broadcast address FFFE is answered by a card of any address, naming it") {
    auto p = makeBx6Protocol();
    REQUIRE(p->probeAddress() == 0xFFFE);
    Bx6Card card(gongshi::test::screenSpec(64, 16, ColorMode::RedGreen, 23, {{"device", "6E1"}}));
    ScreenSpec probe;
    probe.address = *p->probeAddress();
    probe.options["device"] = "any";
    const auto events = gongshi::test::feedAll(card, p->encode(kind(Command::Kind::Status), probe));
    REQUIRE(events.size() == 1);
    auto reply = p->parseReply(events[0].reply);
    REQUIRE(reply);
    auto status = p->parseStatus(*reply);
    REQUIRE(status);
    CHECK(status->address == 23);
    CHECK(status->screenOn == true);
    CHECK(status->brightness == 15);
    CHECK(status->programs == 0);
}
