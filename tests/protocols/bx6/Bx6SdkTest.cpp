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
        if (line.rfind("# packet ", 0) == 0)
            packets.emplace_back();
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

    // It cycles them: area 0 turns to its second page after 5 s (StayTime 500), area 1 moves in.
    Player player(card.playing());
    CHECK(player.frameAt(std::chrono::milliseconds(4990)).crop(0, 0, 8, 4) == pages[0][0]);
    CHECK(player.frameAt(std::chrono::milliseconds(5010)).crop(0, 0, 8, 4) == pages[0][1]);
    CHECK(player.frameAt(std::chrono::milliseconds(10010)).crop(0, 0, 8, 4) == pages[0][0]);
    CHECK(player.frameAt(std::chrono::milliseconds(20)).crop(8, 4, 16, 8).crop(0, 0, 15, 8).litCount() == 0); // entering from the right
    CHECK(player.frameAt(std::chrono::milliseconds(400)).crop(8, 4, 16, 8) == pages[1][0]);

    // Powered on again with its flash, it plays the same program.
    Bx6Card again(gongshi::test::screenSpec(64, 32, ColorMode::Rgb, 1));
    again.restoreFlash(card.flash());
    CHECK(again.screen() == card.screen());
}

TEST_CASE("the SDK's dynamic area shows over the program, one played alone stops it") {
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
    CHECK(card.screen().pixel(0, 0) == Color::red());                                          // the program's area 0, top-left
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

namespace {
// A card holding the SDK's clock program (packet 1 P000, packet 2 D000) whose clock was set to `t`
// by gongshi's clock command.
Bx6Card clockCard(const std::string& golden, int w, int h, const ClockTime& t) {
    const ScreenSpec s = gongshi::test::screenSpec(w, h, ColorMode::RedGreen, 1, {{"device", "6E1"}});
    Bx6Card card(s);
    const auto files = sdk(golden);
    REQUIRE(files.size() == 2);
    card.restoreFlash({{"P000", files[0]}, {"D000", files[1]}});
    Command c = kind(Command::Kind::SetClock);
    c.clock = t;
    const auto events = gongshi::test::feedAll(card, encode(c, s));
    REQUIRE(events.size() == 1);
    REQUIRE(events[0].ok);
    return card;
}

// Whether `b` shows `art` ('#' lit in `c`, '.' dark) with its top-left at x, y.
bool shows(const Bitmap& b, int x, int y, const std::vector<std::string>& art, Color c) {
    for (int row = 0; row < static_cast<int>(art.size()); ++row)
        for (int col = 0; col < static_cast<int>(art[static_cast<std::size_t>(row)].size()); ++col)
            if (b.pixel(x + col, y + row) !=
                (art[static_cast<std::size_t>(row)][static_cast<std::size_t>(col)] == '#' ? c : Color::black()))
                return false;
    return true;
}

// The SDK's glyphs for 0, 1, 2 and 9 (DejaVu Sans at 12, 10x16), as its files hold them.
const std::vector<std::string> kZero = {"..........", "..........", "..####....", ".#....#...", ".#....#...", "#......#..",
                                        "#......#..", "#......#..", "#......#..", "#......#..", "#......#..", ".#....#...",
                                        ".#....#...", "..####....", "..........", ".........."};
const std::vector<std::string> kOne = {"..........", "..........", "..###.....", ".##.#.....", "....#.....", "....#.....",
                                       "....#.....", "....#.....", "....#.....", "....#.....", "....#.....", "....#.....",
                                       "....#.....", ".#######..", "..........", ".........."};
const std::vector<std::string> kTwo = {"..........", "..........", ".####.....", "##...#....", "#.....#...", "......#...",
                                       "......#...", ".....#....", "....#.....", "...#......", "..#.......", ".#........",
                                       "#.........", "#######...", "..........", ".........."};
const std::vector<std::string> kNine = {"..........", "..........", "..####....", ".#....#...", "#.....#...", "#......#..",
                                        "#......#..", "#......#..", ".#....##..", "..####.#..", ".......#..", "......#...",
                                        ".#...##...", "..###.....", "..........", ".........."};
} // namespace

TEST_CASE("a clock area built by the SDK is read and written back byte for byte") {
    for (const char* name : {"time-6e1-hhmm", "time-6e1-date-week-time", "time-6e1-am-green"}) {
        CAPTURE(name);
        const auto files = sdk(name);
        REQUIRE(files.size() == 2);
        const ParsedProgram parsed = parseProgramFiles(files[0], files[1]);
        REQUIRE(parsed.error.empty());
        REQUIRE(parsed.areas.size() == 1);
        CHECK(parsed.areas[0].type == kAreaTypeClock);
        const ProgramFiles again = encodeProgramFiles(parsed.areas);
        CHECK(again.program == files[0]);
        CHECK(again.data == files[1]);
    }
    const auto files = sdk("time-6e1-date-week-time");
    const ParsedProgram parsed = parseProgramFiles(files[0], files[1]);
    REQUIRE(parsed.areas.size() == 1);
    const ClockArea& clock = parsed.areas[0].clock;
    REQUIRE(clock.units.size() == 7);
    const std::vector<ClockField> fields = {ClockField::Year, ClockField::Month,  ClockField::Day,   ClockField::Weekday,
                                            ClockField::Hour, ClockField::Minute, ClockField::Second};
    for (std::size_t i = 0; i < fields.size(); ++i) CHECK(clock.units[i].field == fields[i]);
    CHECK(clock.units[0].glyphs.size() == 10);
    CHECK(clock.units[3].glyphs.size() == 7); // Mon. .. Sun.
    CHECK(clock.units[4].x == 29);
    CHECK(clock.units[4].y == 32);
}

TEST_CASE("the card draws the SDK's clock area at the time it keeps, and the clock runs on") {
    // HH:MM, red, 64x16: the hour's digits at x 9 and 19, the colon in the background, minutes at 36 and 46.
    Bx6Card card = clockCard("time-6e1-hhmm", 64, 16, {2026, 3, 14, 9, 22, 50, 6});
    const Bitmap& screen = card.screen();
    CHECK(shows(screen, 9, 0, kZero, Color::red()));
    CHECK(shows(screen, 19, 0, kNine, Color::red()));
    CHECK(shows(screen, 36, 0, kTwo, Color::red()));
    CHECK(shows(screen, 46, 0, kTwo, Color::red()));
    CHECK(screen.crop(29, 0, 7, 16).litCount() > 0);                           // the colon
    CHECK(card.programPages().at(0).at(0).crop(9, 0, 20, 16).litCount() == 0); // the background has no digits

    const Playlist playing = card.playing();
    CHECK(playing.animated());
    Player player(playing);
    CHECK(player.frameAt(std::chrono::milliseconds(0)) == screen);
    CHECK(player.nextChange(std::chrono::milliseconds(0)) == std::chrono::milliseconds(1000));
    CHECK(player.nextChange(std::chrono::milliseconds(1500)) == std::chrono::milliseconds(2000));
    // Ten seconds on it is 09:23; an hour after that, 10:23.
    const Bitmap later = player.frameAt(std::chrono::seconds(10));
    CHECK(shows(later, 36, 0, kTwo, Color::red()));
    CHECK_FALSE(shows(later, 46, 0, kTwo, Color::red()));
    CHECK(later.crop(0, 0, 36, 16) == screen.crop(0, 0, 36, 16));
    const Bitmap hourOn = player.frameAt(std::chrono::seconds(3610));
    CHECK(shows(hourOn, 9, 0, kOne, Color::red()));
    CHECK(shows(hourOn, 19, 0, kZero, Color::red()));
}

TEST_CASE("the SDK's date, weekday and time roll over together at midnight on New Year's Eve") {
    Bx6Card card = clockCard("time-6e1-date-week-time", 128, 48, {2026, 12, 31, 23, 59, 59, 4});
    Player player(card.playing());
    const Bitmap before = player.frameAt(std::chrono::milliseconds(0));
    const Bitmap after = player.frameAt(std::chrono::milliseconds(1000));
    // 2027-01-01 00:00:00: hour, minute and second all "00", month and day both "01".
    CHECK(after.crop(29, 32, 20, 16) == after.crop(54, 32, 20, 16));
    CHECK(after.crop(54, 32, 20, 16) == after.crop(79, 32, 20, 16));
    CHECK(shows(after, 29, 32, kZero, Color::red()));
    CHECK(after.crop(64, 0, 20, 16) == after.crop(90, 0, 20, 16));
    CHECK(shows(after, 64, 0, kZero, Color::red()));
    CHECK(shows(after, 74, 0, kOne, Color::red()));
    CHECK(shows(after, 18, 0, kTwo, Color::red())); // 2027
    CHECK(shows(after, 28, 0, kZero, Color::red()));
    // Before: 12-31 23:59:59, so month and day differ; the weekday (Thu. then Fri.) changes too.
    CHECK_FALSE(before.crop(64, 0, 20, 16) == before.crop(90, 0, 20, 16));
    CHECK(shows(before, 64, 0, kOne, Color::red()));
    CHECK(shows(before, 74, 0, kTwo, Color::red()));
    CHECK_FALSE(before.crop(46, 16, 40, 16) == after.crop(46, 16, 40, 16));
    // The separators are the background's and stay.
    CHECK(before.crop(58, 0, 6, 16) == after.crop(58, 0, 6, 16));
    CHECK(after.crop(58, 0, 6, 16).litCount() > 0);
    CHECK(before.crop(49, 32, 5, 16) == after.crop(49, 32, 5, 16));
}

TEST_CASE("the SDK's 12-hour clock shows 12 at noon and midnight, AM and PM, in the unit's colour") {
    Bx6Card midnight = clockCard("time-6e1-am-green", 64, 16, {2026, 3, 14, 0, 30, 0, 6});
    Bx6Card noon = clockCard("time-6e1-am-green", 64, 16, {2026, 3, 14, 12, 30, 0, 6});
    Bx6Card afternoon = clockCard("time-6e1-am-green", 64, 16, {2026, 3, 14, 14, 30, 0, 6});
    // AM/PM at 0 (23 wide), the hour at 28, minutes at 54.
    CHECK(shows(midnight.screen(), 28, 0, kOne, Color::green()));
    CHECK(shows(midnight.screen(), 38, 0, kTwo, Color::green()));
    CHECK(midnight.screen().crop(28, 0, 36, 16) == noon.screen().crop(28, 0, 36, 16));
    CHECK_FALSE(midnight.screen().crop(0, 0, 23, 16) == noon.screen().crop(0, 0, 23, 16)); // AM, PM
    CHECK(noon.screen().crop(0, 0, 23, 16) == afternoon.screen().crop(0, 0, 23, 16));      // PM, PM
    CHECK(shows(afternoon.screen(), 28, 0, kZero, Color::green()));
    CHECK(shows(afternoon.screen(), 38, 0, kTwo, Color::green()));
    int green = 0;
    for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 64; ++x) {
            const Color c = afternoon.screen().pixel(x, y);
            CHECK((c == Color::black() || c == Color::green()));
            green += c == Color::green();
        }
    CHECK(green > 50);
}

TEST_CASE("a damaged clock area is refused, naming the area, the unit and the byte, the card plays no program from it") {
    const auto files = sdk("time-6e1-hhmm");
    Bytes program = files[0];
    // Unit 2's glyphs (offset at byte 37 + 48 + 16 + 8 of P000) pointed past D000; the CRC made good.
    const std::size_t at = 0x25 + 48 + 16 + 8;
    program[at] = 0xFF;
    program[at + 1] = 0xFF;
    program.resize(program.size() - 4);
    const std::uint32_t crc = crc32(program.data(), program.size());
    for (int i = 0; i < 4; ++i) program.push_back(static_cast<std::uint8_t>(crc >> (8 * i)));
    const ParsedProgram parsed = parseProgramFiles(program, files[1]);
    CHECK(parsed.areas.empty());
    CHECK(parsed.error == "clock area 1: unit 2's glyphs point past D000 in P000 at byte 33");

    Bx6Card card(gongshi::test::screenSpec(64, 16, ColorMode::RedGreen, 1, {{"device", "6E1"}}));
    card.restoreFlash({{"P000", program}, {"D000", files[1]}});
    CHECK(card.programPages().empty());
    CHECK(card.screen().litCount() == 0);
}
