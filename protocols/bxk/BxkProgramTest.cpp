// Programs in flash on a K card: the file round-trips to the card's pixels, outlasts a power cut,
// sits under the dynamic areas, and a damaged or out-of-order file leaves the old program playing.
#include "common/Error.h"
#include "protocols/bxk/BxkCard.h"
#include "protocols/bxk/BxkCommands.h"
#include "protocols/bxk/BxkEncoder.h"
#include "protocols/bxk/BxkFrame.h"
#include "protocols/bxk/BxkPixels.h"
#include "protocols/bxk/BxkProtocol.h"
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
// Two areas: six static pages at the top left, a four-page marquee below on the right.
Command twoAreaProgram(ColorMode mode, std::uint32_t seed) {
    Command program;
    program.kind = Command::Kind::Program;
    std::vector<Bitmap> pages;
    for (std::uint32_t k = 0; k < 6; ++k) pages.push_back(randomPicture(128, 16, mode, seed + 10 * k));
    Command a = bitmapCommand(pages);
    a.stayHalfSeconds = 6;
    Command b = bitmapCommand({randomPicture(120, 16, mode, seed + 3), randomPicture(120, 16, mode, seed + 4),
                               randomPicture(120, 16, mode, seed + 5), randomPicture(120, 16, mode, seed + 6)},
                              136, 16);
    b.effect = Effect::MoveLeft;
    b.speed = 3;
    program.areas = {a, b};
    return program;
}

Bitmap programPicture(const Command& program, int w, int h, ColorMode mode) {
    Bitmap screen(w, h, mode);
    for (const auto& a : program.areas) screen.blit(a.pages.front(), a.x, a.y);
    return screen;
}

Bytes fileFrame(std::uint8_t cmd, const Bytes& payload) {
    BxkFrame f;
    f.data = {onbon::kGroupFile, cmd, kReplyWanted, 0x00, 0x00};
    for (std::uint8_t b : payload) f.data.push_back(b); // (a range insert here trips GCC 12's -Warray-bounds)
    return encodeFrame(f);
}
} // namespace

TEST_CASE("bxk: a program goes to flash in 1 KB frames and plays every page of every area") {
    for (ColorMode mode : {ColorMode::Mono, ColorMode::RedGreen}) {
        CAPTURE(static_cast<int>(mode));
        const ScreenSpec spec = screenSpec(256, 32, mode);
        const Command program = twoAreaProgram(mode, 7);
        const auto packets = BxkEncoder(spec).encode(program);
        REQUIRE(packets.size() > 3);
        for (const auto& p : packets) CHECK(p.size() <= kMaxWireFrame);
        BxkCard card(spec, {});
        const auto events = feedAll(card, packets, mode == ColorMode::RedGreen);
        REQUIRE(events.size() == packets.size());
        for (std::size_t i = 0; i < events.size(); ++i) {
            CHECK(events[i].ok);
            CHECK(events[i].cmd == "program");
            CHECK(events[i].flashChanged == (i + 1 == events.size())); // kept only when whole
        }
        CHECK(events.front().details.at("step") == "start");
        CHECK(events.back().details.at("step") == "written");
        CHECK(events.back().details.at("areas") == "2");
        REQUIRE(card.programPages().size() == 2);
        for (std::size_t a = 0; a < 2; ++a) {
            REQUIRE(card.programPages()[a].size() == program.areas[a].pages.size());
            for (std::size_t k = 0; k < program.areas[a].pages.size(); ++k)
                CHECK(card.programPages()[a][k] == program.areas[a].pages[k]);
        }
        CHECK(card.screen() == programPicture(program, 256, 32, mode));
        const Bytes file = card.flash().at("P000");
        auto parsed = onbon::parseProgramFile(file, [mode](int, int w, int h) { return pageBytes(groupsFor(w), h, mode); });
        REQUIRE(parsed.error.empty());
        CHECK(parsed.areas[0].stay10ms == 300);
        CHECK(parsed.areas[1].displayMode == onbon::kModeMoveLeft);
        CHECK(parsed.areas[1].speed == 3);
    }
}

TEST_CASE("bxk: the program outlasts a power cut; dynamic areas sit over it and clearing shows it again") {
    const ScreenSpec spec = screenSpec(256, 32, ColorMode::Mono);
    const Command program = twoAreaProgram(ColorMode::Mono, 11);
    const Bitmap picture = programPicture(program, 256, 32, ColorMode::Mono);
    BxkCard card(spec, {});
    feedAll(card, BxkEncoder(spec).encode(program));
    REQUIRE(card.screen() == picture);

    // A window status as a dynamic area over the program.
    const Bitmap status = randomPicture(64, 16, ColorMode::Mono, 99);
    for (const auto& e : feedAll(card, BxkEncoder(spec).encode(bitmapCommand({status}, 192, 0)))) CHECK(e.ok);
    Bitmap withStatus = picture;
    withStatus.blit(status, 192, 0);
    CHECK(card.screen() == withStatus);
    CHECK(card.flash().size() == 1);

    // Power cut: RAM (the dynamic area) is gone, flash plays again.
    BxkCard again(spec, {});
    CHECK(again.screen() == Bitmap(256, 32, ColorMode::Mono));
    again.restoreFlash(card.flash());
    CHECK(again.screen() == picture);
    CHECK(again.programPages().size() == 2);

    Command clear;
    clear.kind = Command::Kind::Clear;
    feedAll(card, BxkEncoder(spec).encode(clear));
    CHECK(card.screen() == picture);

    // A reset erases flash too.
    Command reset;
    reset.kind = Command::Kind::Reset;
    const auto events = feedAll(card, BxkEncoder(spec).encode(reset));
    CHECK(events.back().flashChanged);
    CHECK(card.flash().empty());
    CHECK(card.screen() == Bitmap(256, 32, ColorMode::Mono));
}

TEST_CASE("bxk: a damaged, out-of-order or oversized program file is refused and the old program plays on") {
    const ScreenSpec spec = screenSpec(256, 32, ColorMode::Mono);
    const Command first = twoAreaProgram(ColorMode::Mono, 21);
    BxkCard card(spec, {});
    feedAll(card, BxkEncoder(spec).encode(first));
    const Bitmap picture = card.screen();
    const Bytes kept = card.flash().at("P000");

    const Command second = twoAreaProgram(ColorMode::Mono, 31);
    Bytes file = onbon::encodeProgramFile(second.areas, [](const Bitmap& page, int, Bytes& out) { packPage(page, ColorMode::Mono, out); });

    SUBCASE("a byte of the file changed on the way (the frames' own checks pass)") {
        file[40] ^= 0x10;
        std::vector<Bytes> packets{fileFrame(onbon::kCmdStartFile, onbon::startFilePayload(file))};
        for (const auto& b : onbon::fileBlockPayloads(file, 900)) packets.push_back(fileFrame(onbon::kCmdFileBlock, b));
        const auto events = feedAll(card, packets);
        CHECK_FALSE(events.back().ok);
        CHECK(events.back().error == "file-crc");
        CHECK(events.back().details.at("reason").find("CRC") != std::string::npos);
        CHECK_FALSE(events.back().flashChanged);
    }
    SUBCASE("a block skipped") {
        auto blocks = onbon::fileBlockPayloads(file, 900);
        REQUIRE(blocks.size() > 2);
        const auto events = feedAll(card, {fileFrame(onbon::kCmdStartFile, onbon::startFilePayload(file)),
                                           fileFrame(onbon::kCmdFileBlock, blocks[0]), fileFrame(onbon::kCmdFileBlock, blocks[2])});
        CHECK(events[1].ok);
        CHECK_FALSE(events[2].ok);
        CHECK(events[2].error == "block-no");
        const std::size_t second = blocks[0].size() + blocks[1].size() - 2 * onbon::kBlockHeadLength;
        CHECK(events[2].details.at("reason") == "block 2 at " + std::to_string(second) +
                                                     " where block 1 at " +
                                                     std::to_string(blocks[0].size() - onbon::kBlockHeadLength) + " was due");
    }
    SUBCASE("a block without a start") {
        BxkCard fresh(spec, {});
        const auto events = feedAll(fresh, {fileFrame(onbon::kCmdFileBlock, onbon::fileBlockPayloads(file, 900)[0])});
        CHECK(events[0].error == "download");
        CHECK(fresh.flash().empty());
    }
    SUBCASE("a block sent again after a lost reply is taken again") {
        auto blocks = onbon::fileBlockPayloads(file, 900);
        std::vector<Bytes> packets{fileFrame(onbon::kCmdStartFile, onbon::startFilePayload(file))};
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            packets.push_back(fileFrame(onbon::kCmdFileBlock, blocks[i]));
            if (i == 1) packets.push_back(fileFrame(onbon::kCmdFileBlock, blocks[i]));
        }
        const auto events = feedAll(card, packets);
        for (const auto& e : events) CHECK(e.ok);
        CHECK(events.back().flashChanged);
        CHECK(card.flash().at("P000") == file);
        return;
    }
    CHECK(card.screen() == picture);
    CHECK(card.flash().at("P000") == kept);
}

TEST_CASE("bxk: a program larger than the card's flash is refused before sending, naming the option") {
    ScreenSpec spec = screenSpec(256, 32, ColorMode::Mono, 1, {{"flash_kb", "2"}});
    const Command program = twoAreaProgram(ColorMode::Mono, 3);
    CHECK_THROWS_WITH_AS(BxkEncoder(spec).encode(program),
                         doctest::Contains("does not fit the card's 2 KB of flash (option flash_kb)"), InputError);
    spec.options["flash_kb"] = "lots";
    CHECK_THROWS_WITH_AS(BxkEncoder(spec).encode(program), doctest::Contains("flash_kb must be a number"), InputError);
    Command off = program;
    off.areas[1].x = 132;
    CHECK_THROWS_WITH_AS(BxkEncoder(screenSpec(256, 32, ColorMode::Mono)).encode(off),
                         doctest::Contains("program area 2: bx-k: area x = 132 is not a multiple of 8"), InputError);
}

TEST_CASE("bxk: the card tells which program file it keeps, or that it has none") {
    const ScreenSpec spec = screenSpec(256, 32, ColorMode::RedGreen);
    auto protocol = makeBxkProtocol();
    Command query;
    query.kind = Command::Kind::ProgramInfo;
    BxkCard card(spec, {});
    auto ask = [&] {
        const auto events = feedAll(card, protocol->encode(query, spec));
        REQUIRE(events.size() == 1);
        CHECK(events[0].cmd == "program-info");
        auto reply = protocol->parseReply(events[0].reply);
        REQUIRE(reply);
        return *reply;
    };
    const ReplyResult none = ask();
    CHECK_FALSE(none.ok);
    CHECK(none.error == "no-file");

    const Command program = twoAreaProgram(ColorMode::RedGreen, 5);
    const Bytes file = *protocol->programFile(program, spec);
    feedAll(card, protocol->encode(program, spec));
    REQUIRE(card.flash().at("P000") == file);
    const ReplyResult kept = ask();
    CHECK(kept.ok);
    auto info = onbon::parseFileInfo(kept.data);
    REQUIRE(info);
    CHECK(*info == onbon::infoOf(file));
    CHECK(info->size == file.size());
    // Another program has another CRC: the sender can tell the card's program is not this one.
    CHECK_FALSE(onbon::infoOf(*protocol->programFile(twoAreaProgram(ColorMode::RedGreen, 6), spec)) == *info);
}
