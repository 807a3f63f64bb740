// Programs in flash on a K card, in Onbon's own file layout: text areas the card draws with its
// font, written in 450-byte blocks, kept over a power cut, under the dynamic areas; a damaged file
// leaves the old program playing; a K card cannot be asked which file it keeps.
#include "common/Error.h"
#include "protocols/bxk/BxkCard.h"
#include "protocols/bxk/BxkCommands.h"
#include "protocols/bxk/BxkEncoder.h"
#include "protocols/bxk/BxkFrame.h"
#include "protocols/bxk/BxkProgramFile.h"
#include "protocols/bxk/BxkProtocol.h"
#include "protocols/bxk/BxkReply.h"
#include "protocols/bxk/BxkStatus.h"
#include "tests/protocols/bxk/BxkTestSupport.h"
#include "protocols/bxk/GbkCodec.h"
#include "protocols/onbon/OnbonFraming.h"
#include "protocols/onbon/OnbonFileWrite.h"
#include "protocols/onbon/OnbonProgram.h"
#include "tests/support/ProtocolTestSupport.h"
#include "tests/support/TestBitmaps.h"

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::protocols;
using namespace gongshi::protocols::bxk;
using gongshi::test::bitmapCommand;
using gongshi::test::feedAll;
using gongshi::test::randomPicture;
using gongshi::test::screenSpec;
using renderer::Bitmap;
using renderer::ColorMode;

namespace {
Command textArea(const std::string& text, int x, int y, Effect effect = Effect::Static) {
    Command a;
    a.kind = Command::Kind::Text;
    a.text = text;
    a.x = x;
    a.y = y;
    a.effect = effect;
    a.color = renderer::Color::green();
    return a;
}

Command program(std::vector<Command> areas) {
    Command p;
    p.kind = Command::Kind::Program;
    p.areas = std::move(areas);
    return p;
}

Bytes fileFrame(std::uint8_t cmd, const Bytes& payload) {
    BxkFrame f;
    f.data = {kGroupFile, cmd, kReplyWanted, 0x00, 0x00};
    for (std::uint8_t b : payload) f.data.push_back(b); // (a range insert here trips GCC 12's -Warray-bounds)
    return encodeFrame(f);
}
} // namespace

TEST_CASE("bxk: a program file holds Onbon's text area records, with its length and CRC") {
    const ScreenSpec spec = screenSpec(64, 32, ColorMode::RedGreen);
    const Bytes file = BxkEncoder(spec).programFile(program({textArea("中文", 0, 0), textArea("AB", 0, 16, Effect::MoveLeft)}));
    REQUIRE(file.size() == kProgramHeadLength + 2 * (4 + kAreaHeadLength) + 7 + 5 + 2);
    CHECK(Bytes(file.begin(), file.begin() + 10) == Bytes{0x00, 'P', '0', '0', '0', static_cast<std::uint8_t>(file.size()), 0, 0, 0, 0xFF});
    CHECK(file[24] == 2); // AreaCount
    // The first area: AreaLen counting itself, type 00, 64x16 at (0, 0) in 8-pixel columns, green text.
    CHECK(file[25] == 4 + kAreaHeadLength + 7);
    CHECK(file[29] == kAreaTypeText);
    CHECK(file[34] == 8);    // W = 8 columns
    CHECK(file[36] == 32);   // H: to the screen's foot
    CHECK(file[38] == 0xFF); // no dynamic area
    const std::uint16_t crc = onbon::crc16Arc(file.data(), file.size() - 2);
    CHECK(file[file.size() - 2] == (crc & 0xFF));
    CHECK(file[file.size() - 1] == crc >> 8);
    auto parsed = parseProgramFile(file);
    REQUIRE(parsed.error.empty());
    REQUIRE(parsed.areas.size() == 2);
    CHECK(parsed.areas[1].y == 16);
    CHECK(parsed.areas[1].displayMode == kDispMoveLeft);
    CHECK(decodeGbk(parsed.areas[0].text.data(), parsed.areas[0].text.size()) == "\\C2中文");
}

TEST_CASE("bxk: a program goes to flash in 450-byte blocks and the card draws its text areas with its font") {
    const ScreenSpec spec = screenSpec(256, 32, ColorMode::RedGreen);
    // 300 times 办 (built by inserting bytes: GCC 12 warns falsely (-Wrestrict) on += of a literal).
    const std::string one = "办";
    std::string longText;
    for (int i = 0; i < 300; ++i) longText.insert(longText.end(), one.begin(), one.end());
    const Command p = program({textArea("欢迎", 0, 0), textArea(longText, 128, 16, Effect::MoveLeft)});
    const auto frames = BxkEncoder(spec).encode(p);
    const Bytes file = BxkEncoder(spec).programFile(p);
    REQUIRE(frames.size() == 1 + (file.size() + kFileBlockData - 1) / kFileBlockData);
    for (const auto& f : frames) CHECK(f.size() <= kMaxWireFrame);
    std::vector<bxk::test::RecordingDrawer::Call> calls;
    BxkCard card(spec, bxk::test::RecordingDrawer{&calls});
    auto events = feedAll(card, frames, false);
    REQUIRE(events.size() == frames.size());
    for (const auto& e : events) CHECK(e.ok);
    CHECK(events.back().details.at("step") == "written");
    CHECK(events.back().details.at("areas") == "2");
    CHECK(events.back().flashChanged);
    CHECK(card.flash().at("P000") == file);
    REQUIRE(calls.size() == 2);
    CHECK(calls[0].text == "欢迎");
    CHECK(calls[0].color == renderer::Color::green());
    CHECK(calls[1].width >= 300 * 16); // the marquee as one line, never wrapped in its area
    CHECK(calls[1].height == 16);
    CHECK(card.screen().crop(0, 0, 6, 1).litCount() == 6); // the drawer's bar: two characters' bytes
}

TEST_CASE("bxk: the program outlasts a power cut, dynamic areas sit over it and clearing shows it again") {
    const ScreenSpec spec = screenSpec(64, 32, ColorMode::RedGreen);
    std::vector<bxk::test::RecordingDrawer::Call> calls;
    BxkCard card(spec, bxk::test::RecordingDrawer{&calls});
    feedAll(card, BxkEncoder(spec).encode(program({textArea("ABCDEFGH", 0, 0)})), true);
    const Bitmap withProgram = card.screen();
    CHECK(withProgram.litCount() == 8);
    BxkCard again(spec, bxk::test::RecordingDrawer{&calls});
    again.restoreFlash(card.flash());
    CHECK(again.screen() == withProgram);
    Command dyn = textArea("XY", 0, 16);
    feedAll(again, BxkEncoder(spec).encode(dyn), true);
    CHECK(again.screen().crop(0, 0, 64, 16) == withProgram.crop(0, 0, 64, 16));
    CHECK(again.screen().crop(0, 16, 64, 16).litCount() == 2);
    Command clear;
    clear.kind = Command::Kind::Clear;
    feedAll(again, BxkEncoder(spec).encode(clear), true);
    CHECK(again.screen() == withProgram);
}

TEST_CASE("bxk: a damaged program file is refused with its CRC error and the old program plays on") {
    const ScreenSpec spec = screenSpec(64, 16, ColorMode::Mono);
    std::vector<bxk::test::RecordingDrawer::Call> calls;
    BxkCard card(spec, bxk::test::RecordingDrawer{&calls});
    feedAll(card, BxkEncoder(spec).encode(program({textArea("OLD", 0, 0)})), true);
    const Bitmap before = card.screen();
    Bytes file = BxkEncoder(spec).programFile(program({textArea("NEW", 0, 0)}));
    file[40] ^= 0x01;
    std::vector<Bytes> frames;
    for (const auto& c : onbon::fileWriteCommands(onbon::FileLayout::Bxk, onbon::kProgramName, file, file.size()))
        frames.push_back(fileFrame(c.cmd, c.payload));
    auto events = feedAll(card, frames, false);
    REQUIRE(events.size() == 2);
    CHECK_FALSE(events[1].ok);
    CHECK(events[1].error == "file-crc");
    CHECK(events[1].details.at("reason").find("CRC") != std::string::npos);
    CHECK(card.screen() == before);
}

TEST_CASE("bxk: a program larger than the card's flash is refused before sending, naming the option") {
    ScreenSpec spec = screenSpec(256, 32, ColorMode::Mono);
    spec.options["flash_kb"] = "1";
    std::string text(2000, 'A');
    CHECK_THROWS_WITH_AS(BxkEncoder(spec).encode(program({textArea(text, 0, 0)})),
                         doctest::Contains("does not fit the card's 1 KB of flash (option flash_kb)"), InputError);
}

TEST_CASE("bxk: a picture cannot go into a K program file, a dark one is an area without text") {
    const ScreenSpec spec = screenSpec(64, 16, ColorMode::Mono);
    CHECK_THROWS_WITH_AS(BxkEncoder(spec).programFile(program({bitmapCommand({randomPicture(64, 16, ColorMode::Mono, 3)})})),
                         doctest::Contains("program area 1: bx-k: K program files carry text areas"), InputError);
    const Bytes file = BxkEncoder(spec).programFile(program({bitmapCommand({Bitmap(64, 16, ColorMode::Mono)})}));
    auto parsed = parseProgramFile(file);
    REQUIRE(parsed.areas.size() == 1);
    CHECK(parsed.areas[0].text.empty());
    CHECK(parsed.areas[0].width == 64);
}

TEST_CASE("bxk: a K card cannot be asked which file it keeps, its status names the program it plays") {
    const ScreenSpec spec = screenSpec(64, 16, ColorMode::Mono);
    Command info;
    info.kind = Command::Kind::ProgramInfo;
    CHECK_THROWS_WITH_AS(BxkEncoder(spec).encode(info), doctest::Contains("cannot be asked which program file"), InputError);
    BxkCard card(spec, nullptr);
    feedAll(card, BxkEncoder(spec).encode(program({textArea("A", 0, 0)})), true);
    Command status;
    status.kind = Command::Kind::Status;
    auto events = feedAll(card, BxkEncoder(spec).encode(status), false);
    REQUIRE(events.size() == 1);
    auto reply = parseBxkReply(events[0].reply);
    REQUIRE(reply);
    auto st = makeBxkProtocol()->parseStatus(*reply);
    REQUIRE(st);
    CHECK(st->programs == 1);
    CHECK(st->program == "P000");
    CHECK(st->address == 1);
}

TEST_CASE("bxk: each file block is answered with the bytes taken so far, the 4 bytes Onbon's DLL waits for") {
    const ScreenSpec spec = screenSpec(256, 32, ColorMode::Mono);
    std::string text(1000, 'A');
    const auto frames = BxkEncoder(spec).encode(program({textArea(text, 0, 0)}));
    REQUIRE(frames.size() == 4);
    BxkCard card(spec, nullptr);
    auto events = feedAll(card, frames, false);
    REQUIRE(events.size() == 4);
    std::uint32_t expected = 0;
    for (std::size_t i = 1; i < events.size(); ++i) {
        auto reply = parseBxkReply(events[i].reply);
        REQUIRE(reply);
        REQUIRE(reply->data.size() == 4);
        expected = std::min<std::uint32_t>(expected + static_cast<std::uint32_t>(kFileBlockData),
                                           static_cast<std::uint32_t>(card.flash().at("P000").size()));
        CHECK((reply->data[0] | reply->data[1] << 8 | reply->data[2] << 16 | reply->data[3] << 24) == static_cast<int>(expected));
    }
}

TEST_CASE("bxk: the card plays its program's text as it cycles it: a marquee page after page, a long static text page by page") {
    const ScreenSpec spec = screenSpec(64, 32, ColorMode::RedGreen);
    std::vector<bxk::test::RecordingDrawer::Call> calls;
    BxkCard card(spec, bxk::test::RecordingDrawer{&calls});
    // 20 characters scrolling in a 64 x 16 area: 320 pixels of text, five area-wide pages.
    std::string twenty;
    for (int i = 0; i < 20; ++i) twenty += "办";
    Command marquee = textArea(twenty, 0, 16, Effect::MoveLeft);
    marquee.height = 16;
    marquee.speed = 3;
    // Nine characters in a 32 x 16 still area: two a line, one line a page, five pages.
    Command still = textArea("一二三四五六七八九", 0, 0);
    still.width = 32;
    still.height = 16;
    still.stayHalfSeconds = 4;
    feedAll(card, BxkEncoder(spec).encode(program({still, marquee})), true);
    calls.clear();
    const Playlist list = card.playing();
    REQUIRE(list.areas.size() == 2);
    CHECK(list.areas[0].pages.size() == 5);
    CHECK(list.areas[0].effect == Effect::Static);
    CHECK(list.areas[0].stayHalfSeconds == 4);
    CHECK(list.areas[0].pages[0].width() == 32);
    CHECK(list.areas[1].pages.size() == 5);
    CHECK(list.areas[1].effect == Effect::MoveLeft);
    CHECK(list.areas[1].speed == 3);
    CHECK(list.areas[1].y == 16);
    // The marquee is drawn once as a strip of the five pages, the still text once over five lines.
    REQUIRE(calls.size() == 2);
    CHECK(calls[0].width == 32);
    CHECK(calls[0].height == 80);
    CHECK(calls[1].width >= 320); // one line, in a box it cannot fill
    CHECK(calls[1].height == 16);
    // A dynamic text area plays over the program; clearing leaves the program alone.
    feedAll(card, BxkEncoder(spec).encode(textArea("XY", 32, 0)), true);
    CHECK(card.playing().areas.size() == 3);
    Command clear;
    clear.kind = Command::Kind::Clear;
    feedAll(card, BxkEncoder(spec).encode(clear), true);
    CHECK(card.playing().areas.size() == 2);
}

TEST_CASE("bxk: a single-line text area keeps its text on one line cut at the area's edge, a multi-line one wraps it") {
    const ScreenSpec spec = screenSpec(64, 32, ColorMode::Mono);
    // A font that lights one pixel per UTF-8 byte, row after row: it wraps at the box's width.
    auto wrapping = [](const std::string& utf8, int width, int height, ColorMode mode, renderer::Color colour, HAlign) {
        Bitmap b(width, height, mode);
        for (int i = 0; i < static_cast<int>(utf8.size()) && i / width < height; ++i) b.setPixel(i % width, i / width, colour);
        return b;
    };
    BxkCard card(spec, wrapping);
    const std::string hundred(100, 'A');
    Command marquee = textArea(hundred, 0, 0, Effect::MoveLeft); // sent as SingleLine 1, no auto wrap
    marquee.height = 16;
    Command still = textArea(hundred, 0, 16); // SingleLine 2, auto wrap
    still.height = 16;
    feedAll(card, BxkEncoder(spec).encode(program({marquee, still})), true);
    CHECK(card.screen().crop(0, 0, 64, 1).litCount() == 64);
    CHECK(card.screen().crop(0, 1, 64, 15).litCount() == 0);  // nothing wrapped below the line
    CHECK(card.screen().crop(0, 17, 64, 1).litCount() == 36); // the still text's second line
    const Playlist list = card.playing();
    REQUIRE(list.areas.size() == 2);
    REQUIRE(list.areas[0].pages.size() == 13); // 100 ASCII characters of 8 columns: 800, 13 pages; this font lights 100
    CHECK(list.areas[0].pages[1].crop(0, 0, 64, 1).litCount() == 36);
    CHECK(list.areas[0].pages[1].crop(0, 1, 64, 15).litCount() == 0);

    // The same as a dynamic area: the card holds the line's start, not the text wrapped.
    BxkCard dynamic(spec, wrapping);
    Command status = textArea(hundred, 0, 0, Effect::MoveLeft);
    status.height = 16;
    feedAll(dynamic, BxkEncoder(spec).encode(status), true);
    CHECK(dynamic.screen().crop(0, 0, 64, 1).litCount() == 64);
    CHECK(dynamic.screen().crop(0, 1, 64, 31).litCount() == 0);
}

TEST_CASE("bxk: a text area takes the size it is given, and one that runs off the screen is refused before sending") {
    const ScreenSpec spec = screenSpec(64, 32, ColorMode::Mono);
    Command top = textArea("AB", 0, 0);
    top.width = 64;
    top.height = 16;
    const Bytes file = BxkEncoder(spec).programFile(program({top}));
    const auto parsed = parseProgramFile(file);
    REQUIRE(parsed.error.empty());
    REQUIRE(parsed.areas.size() == 1);
    CHECK(parsed.areas[0].width == 64);
    CHECK(parsed.areas[0].height == 16);
    // Without a size the area runs to the screen's edges, as Onbon's demos build it.
    Command open = textArea("AB", 8, 8);
    CHECK(parseProgramFile(BxkEncoder(spec).programFile(program({open}))).areas[0].height == 24);
    top.height = 40;
    CHECK_THROWS_WITH_AS(BxkEncoder(spec).encode(top), doctest::Contains("runs off the 64x32 screen"), InputError);
}

TEST_CASE("bxk: the card's font is GB2312: printable ASCII and its 94 x 94 table as GBK writes it") {
    const auto font = makeBxkProtocol()->cardFont();
    REQUIRE(font);
    CHECK(font->height == 16);
    CHECK(font->covers(U'A'));
    CHECK(font->covers(U' '));
    CHECK_FALSE(font->covers(U'\t'));
    CHECK(font->covers(U'办'));
    CHECK(font->covers(U'　')); // A1A1
    CHECK(font->covers(U'·'));  // A1A4, U+00B7 as GBK writes it
    CHECK(font->covers(U'“'));
    CHECK(font->covers(U'—'));
    CHECK_FALSE(font->covers(U'镕')); // GBK, not GB2312
    CHECK_FALSE(font->covers(U'𠀀'));
    CHECK_FALSE(font->covers(U'€'));
    CHECK(font->advance(U'A') == 8);
    CHECK(font->advance(U'办') == 16);
    int count = 0;
    for (char32_t c = 0xA0; c < 0x10000; ++c) count += font->covers(c);
    CHECK(count == 7445); // 6,763 hanzi and 682 other characters
}
