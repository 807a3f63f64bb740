// Programs in flash on a 6th-generation card: both pixel formats round-trip, the program outlasts a
// power cut, dynamic areas sit over it and deleting them shows the program again.
#include "common/Error.h"
#include "protocols/bx6/Bx6Card.h"
#include "protocols/bx6/Bx6Encoder.h"
#include "protocols/bx6/Bx6Frame.h"
#include "protocols/bx6/Bx6Pixels.h"
#include "protocols/bx6/Bx6Protocol.h"
#include "protocols/onbon/OnbonProgram.h"
#include "tests/support/ProtocolTestSupport.h"
#include "tests/support/TestBitmaps.h"

#include <doctest/doctest.h>

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
        REQUIRE(packets.size() >= (std::string(pixels) == "rgb888" ? 6u : 2u)); // start, then blocks
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
        CHECK(events.back().flashChanged);
        CHECK(events.back().details.at("step") == "written");
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

TEST_CASE("bx6: a program file damaged on the way is refused with file-crc and the card keeps the old one") {
    const ScreenSpec spec = gongshi::test::screenSpec(64, 16, ColorMode::Rgb);
    Command program;
    program.kind = Command::Kind::Program;
    program.areas = {bitmapCommand({randomPicture(64, 16, ColorMode::Rgb, 5)})};
    Bx6Card card(spec);
    feedAll(card, Bx6Encoder(spec).encode(program));
    const Bitmap before = card.screen();

    Bytes file = onbon::encodeProgramFile({bitmapCommand({randomPicture(64, 16, ColorMode::Rgb, 6)})},
                                          [&](const Bitmap& page, int, Bytes& out) {
                                              for (int y = 0; y < page.height(); ++y)
                                                  for (int x = 0; x < page.width(); ++x) {
                                                      auto c = page.pixel(x, y);
                                                      out.insert(out.end(), {c.r, c.g, c.b});
                                                  }
                                          });
    file[60] ^= 0x01;
    auto frame = [](std::uint8_t cmd, const Bytes& payload) {
        Bx6Frame f;
        f.dst = 1;
        f.deviceType = 0x0266;
        f.data = {0x01, onbon::kGroupFile, cmd};
        for (std::uint8_t b : payload) f.data.push_back(b);
        return packFrame(f);
    };
    std::vector<Bytes> packets{frame(onbon::kCmdStartFile, onbon::startFilePayload(file))};
    for (const auto& b : onbon::fileBlockPayloads(file, 4096)) packets.push_back(frame(onbon::kCmdFileBlock, b));
    const auto events = feedAll(card, packets);
    CHECK(events.back().error == "file-crc");
    CHECK(card.screen() == before);

    const ScreenSpec small = gongshi::test::screenSpec(64, 16, ColorMode::Rgb, 1, {{"flash_kb", "1"}});
    program.areas.push_back(bitmapCommand({randomPicture(32, 8, ColorMode::Rgb, 7)}, 0, 8));
    CHECK_THROWS_WITH_AS(Bx6Encoder(small).encode(program), doctest::Contains("1 KB of flash (option flash_kb)"), InputError);
}

TEST_CASE("bx6: the card tells which program file it keeps, or that it has none") {
    const ScreenSpec spec = gongshi::test::screenSpec(64, 16, ColorMode::RedGreen, 1, {{"pixels", "planes"}});
    auto protocol = makeBx6Protocol();
    Command query;
    query.kind = Command::Kind::ProgramInfo;
    CHECK(protocol->expectsReply(query));
    Bx6Card card(spec);
    auto ask = [&] {
        const auto events = feedAll(card, protocol->encode(query, spec));
        REQUIRE(events.size() == 1);
        CHECK(events[0].cmd == "program-info");
        auto reply = protocol->parseReply(events[0].reply);
        REQUIRE(reply);
        return *reply;
    };
    CHECK(ask().error == "no-file");
    Command program;
    program.kind = Command::Kind::Program;
    program.areas = {bitmapCommand({randomPicture(64, 16, ColorMode::RedGreen, 8)})};
    const Bytes file = *protocol->programFile(program, spec);
    feedAll(card, protocol->encode(program, spec));
    const ReplyResult kept = ask();
    CHECK(kept.ok);
    auto info = onbon::parseFileInfo(kept.data);
    REQUIRE(info);
    CHECK(*info == onbon::infoOf(file));
}
