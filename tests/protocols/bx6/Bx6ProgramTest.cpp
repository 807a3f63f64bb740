// Programs in flash on a 6th-generation card: both pixel formats round-trip, the program outlasts a
// power cut, dynamic areas sit over it and deleting them shows the program again.
#include "common/Error.h"
#include "protocols/ByteWriter.h"
#include "protocols/bx6/Bx6Card.h"
#include "protocols/bx6/Bx6Commands.h"
#include "protocols/bx6/Bx6ControlFrame.h"
#include "protocols/bx6/Bx6Encoder.h"
#include "protocols/bx6/Bx6FileList.h"
#include "protocols/bx6/Bx6Pixels.h"
#include "protocols/bx6/Bx6ProgramFile.h"
#include "protocols/bx6/Bx6Protocol.h"
#include "tests/support/ProtocolTestSupport.h"
#include "tests/support/TestBitmaps.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace gongshi;
using namespace gongshi::protocols;
using namespace gongshi::protocols::bx6;
using gongshi::test::bitmapCommand;
using gongshi::test::feedAll;
using gongshi::test::randomPicture;
using renderer::Bitmap;
using renderer::ColorMode;

TEST_CASE("bx6: a program goes to flash, plays every page, outlasts a power cut and sits under the dynamic areas") {
    for (const char* pixels : {"rgb888", "planes"}) {
        CAPTURE(pixels);
        const ScreenSpec spec = gongshi::test::screenSpec(96, 32, ColorMode::Rgb, 1, {{"pixels", pixels}, {"packet", "2048"}});
        Command program;
        program.kind = Command::Kind::Program;
        Command top = bitmapCommand({randomPicture(96, 16, ColorMode::Rgb, 1), randomPicture(96, 16, ColorMode::Rgb, 2)});
        Command bottom = bitmapCommand({randomPicture(40, 16, ColorMode::Rgb, 3)}, 8, 16);
        bottom.effect = Effect::MoveUp;
        program.areas = {top, bottom};

        auto protocol = makeBx6Protocol();
        const auto packets = protocol->encode(program, spec);
        // A1 08; D000: A1 02 and its blocks; P000: A1 02 and a block; A1 09.
        REQUIRE(packets.size() >= (std::string(pixels) == "rgb888" ? 10u : 6u));
        for (const auto& p : packets) CHECK(p.size() <= 2048);
        CHECK(protocol->expectsReply(program));
        Bx6Card card(spec);
        const auto events = feedAll(card, packets, true);
        REQUIRE(events.size() == packets.size());
        for (const auto& e : events) {
            CHECK(e.ok);
            CHECK(e.cmd == "program");
            auto reply = protocol->parseReply(e.reply);
            REQUIRE(reply);
            CHECK(reply->ok);
        }
        CHECK(std::count_if(events.begin(), events.end(), [](const FrameEvent& e) { return e.flashChanged; }) == 2);
        CHECK(events.back().details.at("step") == "end");
        CHECK(events.back().screenChanged);
        REQUIRE(card.programPages().size() == 2);
        const ColorMode shown = card.screen().mode();
        // What the card makes of a page in this pixel format (a 6E shows each channel lit or not).
        const Bx6Settings settings = Bx6Settings::fromScreen(spec);
        auto seen = [&](const Bitmap& b, int x) {
            const Bytes packed = encodePagePixels(b, settings.pixels, spec.color, x);
            return decodePagePixels(packed.data(), settings.pixels, spec.color, x, b.width(), b.height());
        };
        CHECK(card.programPages()[0][1] == seen(top.pages[1], 0));
        Bitmap picture(96, 32, shown);
        picture.blit(seen(top.pages[0], 0), 0, 0);
        picture.blit(seen(bottom.pages[0], 8), 8, 16);
        CHECK(card.screen() == picture);
        // A dynamic area over it, then deleted.
        feedAll(card, protocol->encode(bitmapCommand({randomPicture(32, 16, ColorMode::Rgb, 9)}, 64, 16), spec));
        CHECK_FALSE(card.screen() == picture);
        Command clear;
        clear.kind = Command::Kind::Clear;
        feedAll(card, protocol->encode(clear, spec));
        CHECK(card.screen() == picture);

        Bx6Card again(spec);
        again.restoreFlash(card.flash());
        CHECK(again.screen() == picture);
    }
}

TEST_CASE("bx6: a data file damaged on the way is refused with file-crc and the card plays the old program") {
    const ScreenSpec spec = gongshi::test::screenSpec(64, 16, ColorMode::Rgb);
    auto protocol = makeBx6Protocol();
    Command program;
    program.kind = Command::Kind::Program;
    program.areas = {bitmapCommand({randomPicture(64, 16, ColorMode::Rgb, 5)})};
    Bx6Card card(spec);
    feedAll(card, Bx6Encoder(spec).encode(program));
    const Bitmap before = card.screen();

    program.areas = {bitmapCommand({randomPicture(64, 16, ColorMode::Rgb, 6)})};
    auto files = *splitProgramFiles(*protocol->programFile(program, spec));
    files.data[60] ^= 0x01; // a pixel changed after the CRC-32 was taken
    auto frame = [](std::uint8_t cmd, const Bytes& payload) {
        Bx6ControlFrame f;
        f.dst = 1;
        f.data = controlRequest(kGroupFile, cmd, payload);
        return packControlFrame(f);
    };
    Bytes start, block;
    ByteWriter s(start);
    s.bytes({'D', '0', '0', '0'});
    s.u8(kDataFileType);
    s.u32(static_cast<std::uint32_t>(files.data.size()));
    s.u8(1);
    s.u32(trailingCrc(files.data));
    ByteWriter b(block);
    b.bytes({'D', '0', '0', '0'});
    b.u8(1);  // the last block
    b.u32(0); // at offset 0
    b.bytes(files.data);
    const auto events =
        feedAll(card, {frame(kCmdBatchStart, {}), frame(kCmdWriteStart, start), frame(kCmdWriteBlock, block), frame(kCmdBatchEnd, {})});
    REQUIRE(events.size() == 4);
    CHECK(events[2].error == "file-crc");
    CHECK(protocol->parseReply(events[2].reply)->error == "file-crc");
    CHECK(events[3].ok);
    CHECK(card.screen() == before);

    const ScreenSpec small = gongshi::test::screenSpec(64, 16, ColorMode::Rgb, 1, {{"flash_kb", "1"}});
    program.areas.push_back(bitmapCommand({randomPicture(32, 8, ColorMode::Rgb, 7)}, 0, 8));
    CHECK_THROWS_WITH_AS(Bx6Encoder(small).encode(program), doctest::Contains("1 KB of flash (option flash_kb)"), InputError);
}

TEST_CASE("bx6: the card counts the files it keeps against its flash, as the sender counts a program's two files") {
    // flash_kb=1: D000 of 900 bytes fits, P000 of 200 more does not (the sender refuses such a
    // program, 1100 bytes, outright).
    const ScreenSpec spec = gongshi::test::screenSpec(64, 16, ColorMode::Rgb, 1, {{"flash_kb", "1"}});
    auto file = [](std::uint8_t type, std::size_t size) {
        Bytes f(size - 4, 0x5A);
        f[0] = type;
        onbon::appendCrc(f);
        return f;
    };
    std::vector<Bytes> packets;
    auto send = [&](std::uint8_t cmd, const Bytes& payload) {
        Bx6ControlFrame f;
        f.dst = 1;
        f.data = controlRequest(kGroupFile, cmd, payload);
        packets.push_back(packControlFrame(f));
    };
    send(kCmdBatchStart, {});
    for (const auto& c : onbon::fileWriteCommands(onbon::FileLayout::Bx6, kDataFileName, file(kDataFileType, 900), 1000))
        send(c.cmd, c.payload);
    for (const auto& c : onbon::fileWriteCommands(onbon::FileLayout::Bx6, kProgramFileName, file(kProgramFileType, 200), 1000))
        send(c.cmd, c.payload);
    Bx6Card card(spec);
    const auto events = feedAll(card, packets, true);
    REQUIRE(events.size() == 5);
    CHECK(events[2].ok);
    CHECK(events[2].details.at("step") == "written");
    CHECK_FALSE(events[3].ok);
    CHECK(events[3].error == "memory");
    CHECK(events[3].details.at("reason") == "file of 200 bytes; the card's flash holds 1024, 124 of them free");
    CHECK(makeBx6Protocol()->parseReply(events[3].reply)->error == "memory");
    CHECK(card.flash().size() == 1);
    CHECK(card.flash().count(kDataFileName) == 1);
}

TEST_CASE("bx6: the card lists the program files it keeps, and the sender tells whether they are its program") {
    const ScreenSpec spec = gongshi::test::screenSpec(64, 16, ColorMode::RedGreen, 1, {{"pixels", "planes"}});
    auto protocol = makeBx6Protocol();
    Command query;
    query.kind = Command::Kind::ProgramInfo;
    CHECK(protocol->expectsReply(query));
    Bx6Card card(spec);
    auto ask = [&] {
        const auto events = feedAll(card, protocol->encode(query, spec));
        REQUIRE(events.size() == 2); // A1 06 how many, A1 07 which
        CHECK(events[0].cmd == "program-info");
        auto reply = protocol->parseReply(events[1].reply);
        REQUIRE(reply);
        CHECK(reply->ok);
        return reply->data;
    };
    Command program;
    program.kind = Command::Kind::Program;
    program.areas = {bitmapCommand({randomPicture(64, 16, ColorMode::RedGreen, 8)})};
    const Bytes file = *protocol->programFile(program, spec);
    const Bytes none = ask();
    CHECK(parseDirBlock(none)->empty());
    CHECK_FALSE(protocol->keepsFile(none, file));
    feedAll(card, protocol->encode(program, spec));
    const Bytes kept = ask();
    auto listing = parseDirBlock(kept);
    REQUIRE(listing);
    REQUIRE(listing->size() == 2);
    const auto files = *splitProgramFiles(file);
    CHECK((*listing)[0] == entryOf("D000", kDataFileType, files.data));
    CHECK((*listing)[1] == entryOf("P000", kProgramFileType, files.program));
    CHECK(protocol->keepsFile(kept, file));
    CHECK_FALSE(protocol->keepsFile(Bytes{0x01, 0x00}, file)); // not a listing
}
