#include "protocols/bx6/Bx6Card.h"
#include "protocols/bx6/Bx6Commands.h"
#include "protocols/bx6/Bx6Frame.h"
#include "protocols/bx6/Bx6Protocol.h"
#include "tests/support/ProtocolTestSupport.h"
#include "tests/support/TestBitmaps.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace gongshi::protocols;
using namespace gongshi::protocols::bx6;
using gongshi::renderer::Bitmap;
using gongshi::renderer::Color;
using gongshi::renderer::ColorMode;
using gongshi::test::bitmapCommand;
using gongshi::test::joined;
using gongshi::test::randomPicture;

namespace {
ScreenSpec screenOf(int w, int h, ColorMode mode, const char* pixels = "rgb888") {
    return gongshi::test::screenSpec(w, h, mode, 1, {{"pixels", pixels}});
}

// Feeds `bytes` in uneven pieces (1 to 97 bytes), as a serial port or a TCP stream delivers them.
std::vector<FrameEvent> feedSplit(CardDecoder& card, const Bytes& bytes) {
    std::vector<FrameEvent> events;
    std::size_t at = 0, step = 1;
    while (at < bytes.size()) {
        std::size_t n = std::min(step, bytes.size() - at);
        auto e = card.feed(bytes.data() + at, n);
        events.insert(events.end(), e.begin(), e.end());
        at += n;
        step = step % 97 + 13;
    }
    return events;
}

Bytes frameWith(std::uint16_t dst, std::uint16_t device, Bytes data) {
    Bx6Frame f;
    f.dst = dst;
    f.deviceType = device;
    f.data = std::move(data);
    return packFrame(f);
}

void checkAllAcknowledged(const std::vector<FrameEvent>& events, std::size_t packets) {
    auto protocol = makeBx6Protocol();
    REQUIRE(events.size() == packets);
    for (const FrameEvent& e : events) {
        CHECK(e.ok);
        CHECK(e.cmd == "bitmap");
        auto r = protocol->parseReply(e.reply);
        REQUIRE(r);
        CHECK(r->ok);
    }
}
} // namespace

TEST_CASE("bitmaps round-trip through the card in every colour mode, size and feeding") {
    struct Size {
        int w, h;
    };
    for (ColorMode mode : {ColorMode::Mono, ColorMode::RedGreen, ColorMode::Rgb})
        for (Size size : {Size{192, 64}, Size{100, 30}, Size{512, 256}})
            for (bool split : {false, true}) {
                CAPTURE(gongshi::renderer::colorModeName(mode));
                CAPTURE(size.w);
                CAPTURE(split);
                ScreenSpec s = screenOf(size.w, size.h, mode);
                Bitmap page = randomPicture(size.w, size.h, mode, static_cast<std::uint32_t>(size.w + size.h));
                auto packets = makeBx6Protocol()->encode(bitmapCommand({page}), s);
                for (const Bytes& p : packets) CHECK(p.size() <= kMaxWireBytes);
                if (size.w == 512) CHECK(packets.size() > 1);
                Bx6Card card(s);
                Bytes all = joined(packets);
                auto events = split ? feedSplit(card, all) : card.feed(all.data(), all.size());
                checkAllAcknowledged(events, packets.size());
                CHECK(events.back().screenChanged);
                CHECK(card.screen() == page.toRgb());
            }
}

TEST_CASE("planes round-trip mono and red-green pictures in the screen's own colours") {
    for (ColorMode mode : {ColorMode::Mono, ColorMode::RedGreen})
        for (int x : {0, 35}) {
            CAPTURE(gongshi::renderer::colorModeName(mode));
            CAPTURE(x);
            ScreenSpec s = screenOf(200, 40, mode, "planes");
            Bitmap page = randomPicture(100, 30, mode, 7);
            Command c = bitmapCommand({page});
            c.x = x, c.y = 5;
            auto packets = makeBx6Protocol()->encode(c, s);
            Bx6Card card(s);
            Bytes all = joined(packets);
            checkAllAcknowledged(card.feed(all.data(), all.size()), packets.size());
            CHECK(card.screen().mode() == mode);
            CHECK(card.screen().crop(x, 5, 100, 30) == page);
            CHECK(card.screen().litCount() == page.litCount());
        }
}

TEST_CASE("planes carry 1-bit rgb: the eight colours survive, half-tones do not") {
    ScreenSpec s = screenOf(64, 8, ColorMode::Rgb, "planes");
    Bitmap page(64, 8, ColorMode::Rgb);
    for (int x = 0; x < 8; ++x)
        page.setPixel(x, 0,
                      {static_cast<std::uint8_t>(x & 1 ? 255 : 0), static_cast<std::uint8_t>(x & 2 ? 255 : 0),
                       static_cast<std::uint8_t>(x & 4 ? 255 : 0)});
    page.setPixel(10, 0, {200, 100, 0});
    auto packets = makeBx6Protocol()->encode(bitmapCommand({page}), s);
    Bx6Card card(s);
    card.feed(packets[0].data(), packets[0].size());
    for (int x = 0; x < 8; ++x) CHECK(card.screen().pixel(x, 0) == page.pixel(x, 0));
    CHECK(card.screen().pixel(10, 0) == Color::red());
}

TEST_CASE("every page of a multi-page picture arrives band by band, and the screen shows the first") {
    ScreenSpec s = screenOf(512, 256, ColorMode::Rgb);
    std::vector<Bitmap> pages = {randomPicture(128, 64, ColorMode::Rgb, 1), randomPicture(128, 64, ColorMode::Rgb, 2),
                                 randomPicture(128, 64, ColorMode::Rgb, 3), randomPicture(128, 64, ColorMode::Rgb, 4)};
    Command c = bitmapCommand(pages);
    c.x = 300, c.y = 100, c.areaId = 5, c.effect = Effect::MoveUp, c.stayHalfSeconds = 4;
    auto packets = makeBx6Protocol()->encode(c, s);
    REQUIRE(packets.size() == 2); // 96 KB of pixels: rows 0..36 in area 5, rows 37..63 in area 6
    Bx6Card card(s);
    Bytes all = joined(packets);
    auto events = feedSplit(card, all);
    checkAllAcknowledged(events, 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(events[i].screenChanged);
        CHECK(events[i].details.at("area") == std::to_string(5 + i));
        CHECK(events[i].details.at("x") == "300");
        CHECK(events[i].details.at("pages") == "4");
        CHECK(events[i].details.at("effect") == "move-up");
        CHECK(events[i].details.at("stay_ms") == "2000");
    }
    CHECK(events[0].details.at("y") == "100");
    CHECK(events[1].details.at("y") == "137");
    auto top = card.areaPages(5), bottom = card.areaPages(6);
    REQUIRE(top.size() == 4);
    REQUIRE(bottom.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        Bitmap page(128, 64, ColorMode::Rgb);
        page.blit(top[i], 0, 0);
        page.blit(bottom[i], 0, top[i].height());
        CHECK(top[i].height() + bottom[i].height() == 64);
        CHECK(page == pages[i]);
    }
    CHECK(card.screen().crop(300, 100, 128, 64) == pages[0]);
    CHECK(card.screen().crop(0, 0, 300, 100).litCount() == 0);
}

TEST_CASE("the card cycles a dynamic area's pages with their dwell over the program, as playing() says") {
    ScreenSpec s = screenOf(64, 32, ColorMode::RedGreen);
    std::vector<Bitmap> pages = {randomPicture(32, 16, ColorMode::RedGreen, 7), randomPicture(32, 16, ColorMode::RedGreen, 8)};
    Command c = bitmapCommand(pages);
    c.x = 16, c.y = 8, c.areaId = 2, c.stayHalfSeconds = 2; // 1 s a page
    Bx6Card card(s);
    checkAllAcknowledged(feedSplit(card, joined(makeBx6Protocol()->encode(c, s))), 1);
    const Playlist playing = card.playing();
    REQUIRE(playing.areas.size() == 2); // the program (dark: none yet), then the area
    CHECK(playing.areas[1].x == 16);
    CHECK(playing.areas[1].y == 8);
    CHECK(playing.areas[1].pages.size() == 2);
    CHECK(playing.areas[1].stayHalfSeconds == 2);
    CHECK(playing.animated());
    const auto held = card.areaPages(2); // the pages as the card holds them, in its colours
    REQUIRE(held.size() == 2);
    CHECK_FALSE(held[0] == held[1]);
    Player player(playing);
    CHECK(player.frameAt(std::chrono::milliseconds(0)) == card.screen());
    CHECK(player.frameAt(std::chrono::milliseconds(999)).crop(16, 8, 32, 16) == held[0]);
    CHECK(player.frameAt(std::chrono::milliseconds(1000)).crop(16, 8, 32, 16) == held[1]);
    CHECK(player.frameAt(std::chrono::milliseconds(2000)).crop(16, 8, 32, 16) == held[0]);
}

TEST_CASE("clear deletes every area and the screen goes black") {
    ScreenSpec s = screenOf(64, 16, ColorMode::Mono);
    auto protocol = makeBx6Protocol();
    Bx6Card card(s);
    Bytes b = protocol->encode(bitmapCommand({randomPicture(64, 16, ColorMode::Mono)}), s)[0];
    card.feed(b.data(), b.size());
    REQUIRE(card.screen().litCount() > 0);
    Command clear;
    clear.kind = Command::Kind::Clear;
    Bytes c = protocol->encode(clear, s)[0];
    auto events = card.feed(c.data(), c.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "clear");
    CHECK(events[0].ok);
    CHECK(events[0].screenChanged);
    CHECK(card.screen().litCount() == 0);
    CHECK(card.areaPages(0).empty());
}

TEST_CASE("ping is acknowledged and brightness is applied") {
    ScreenSpec s = screenOf(64, 16, ColorMode::Mono);
    auto protocol = makeBx6Protocol();
    Bx6Card card(s);
    Command c;
    Bytes ping = protocol->encode(c, s)[0];
    auto events = card.feed(ping.data(), ping.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "ping");
    CHECK(protocol->parseReply(events[0].reply)->ok);
    c.kind = Command::Kind::Brightness;
    c.brightness = 4;
    Bytes bright = protocol->encode(c, s)[0];
    events = card.feed(bright.data(), bright.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "brightness");
    CHECK(events[0].details.at("level") == "4");
    CHECK(card.brightness() == 4);
}

TEST_CASE("a frame with a bad CRC is reported as crc and answered with a CRC error") {
    ScreenSpec s = screenOf(64, 16, ColorMode::Mono);
    auto protocol = makeBx6Protocol();
    Bytes b = protocol->encode(bitmapCommand({randomPicture(64, 16, ColorMode::Mono)}), s)[0];
    // Flip one bit of a pixel byte well inside the frame, keeping it clear of the escape bytes.
    auto special = [](std::uint8_t v) { return v == 0xA5 || v == 0xA6 || v == 0x5A || v == 0x5B; };
    std::size_t at = b.size() / 2;
    while (special(b[at]) || special(b[at] ^ 0x01) || b[at - 1] == 0xA6 || b[at - 1] == 0x5B) ++at;
    b[at] ^= 0x01;
    Bx6Card card(s);
    auto events = card.feed(b.data(), b.size());
    REQUIRE(events.size() == 1);
    CHECK_FALSE(events[0].ok);
    CHECK(events[0].error == "crc");
    CHECK(events[0].bytes == b.size());
    CHECK_FALSE(events[0].screenChanged);
    CHECK(card.screen().litCount() == 0);
    auto r = protocol->parseReply(events[0].reply);
    REQUIRE(r);
    CHECK_FALSE(r->ok);
    CHECK(r->error == "crc");
}

TEST_CASE("an unknown command is answered no-command and an unknown group is answered group") {
    ScreenSpec s = screenOf(64, 16, ColorMode::Mono);
    auto protocol = makeBx6Protocol();
    Bx6Card card(s);
    Bytes unknown = frameWith(1, 0x0266, {0x01, 0xA7, 0x55, 0x00, 0x00});
    auto events = card.feed(unknown.data(), unknown.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "unknown");
    CHECK_FALSE(events[0].ok);
    CHECK(events[0].error == "no-command");
    CHECK(events[0].details.at("command") == "0xA755");
    CHECK(protocol->parseReply(events[0].reply)->error == "no-command");

    Bytes group = frameWith(1, 0x0266, {0x01, 0xB9, 0x00});
    events = card.feed(group.data(), group.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == "group");
    CHECK(protocol->parseReply(events[0].reply)->error == "group");
}

TEST_CASE("frames for another card are ignored without an answer, broadcasts are taken") {
    ScreenSpec s = screenOf(64, 16, ColorMode::Mono);
    s.address = 7;
    Bx6Card card(s);
    Bytes other = frameWith(8, 0x0266, {0x01, 0xA2, 0x00, 0x00, 0x00});
    auto events = card.feed(other.data(), other.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].ok);
    CHECK(events[0].cmd == "ping");
    CHECK(events[0].details.at("ignored") == "addressed to 8");
    CHECK(events[0].reply.empty());
    for (std::uint16_t dst : {std::uint16_t{7}, std::uint16_t{0xFFFF}, std::uint16_t{0xFFFE}}) {
        Bytes mine = frameWith(dst, 0x0266, {0x01, 0xA2, 0x00, 0x00, 0x00});
        events = card.feed(mine.data(), mine.size());
        REQUIRE(events.size() == 1);
        CHECK(events[0].details.count("ignored") == 0);
        CHECK_FALSE(events[0].reply.empty());
    }
}

TEST_CASE("a frame for another card type is refused as controller-type, the wildcard type is taken") {
    ScreenSpec s = screenOf(64, 16, ColorMode::Mono);
    Bx6Card card(s);
    Bytes e6 = frameWith(1, 0x0174, {0x01, 0xA2, 0x00, 0x00, 0x00});
    auto events = card.feed(e6.data(), e6.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == "controller-type");
    CHECK(events[0].details.at("device") == "0x0174");
    Bytes any = frameWith(1, kAnyDevice, {0x01, 0xA2, 0x00, 0x00, 0x00});
    events = card.feed(any.data(), any.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].ok);
}

TEST_CASE("garbage before a frame is reported as one run and the frame still decodes") {
    ScreenSpec s = screenOf(64, 16, ColorMode::Mono);
    Bx6Card card(s);
    Bytes bytes = {0x00, 0x42, 0x13};
    Bytes ping = makeBx6Protocol()->encode(Command{}, s)[0];
    bytes.insert(bytes.end(), ping.begin(), ping.end());
    auto events = card.feed(bytes.data(), bytes.size());
    REQUIRE(events.size() == 2);
    CHECK(events[0].cmd == "garbage");
    CHECK(events[0].bytes == 3);
    CHECK(events[1].cmd == "ping");
    CHECK(events[1].ok);
    CHECK(events[1].bytes == ping.size());
}

TEST_CASE("a frame cut off by the next preamble is reported broken and the next frame decodes") {
    ScreenSpec s = screenOf(64, 16, ColorMode::Mono);
    Bx6Card card(s);
    Bytes ping = makeBx6Protocol()->encode(Command{}, s)[0];
    Bytes bytes(ping.begin(), ping.begin() + 20);
    bytes.insert(bytes.end(), ping.begin(), ping.end());
    auto events = card.feed(bytes.data(), bytes.size());
    REQUIRE(events.size() == 2);
    CHECK(events[0].error == "broken");
    CHECK(events[0].bytes == 20);
    CHECK(events[1].ok);
}

TEST_CASE("bands are areas of their own: in any order they make the picture, and a lost band leaves its rows dark") {
    ScreenSpec s = screenOf(512, 256, ColorMode::Rgb);
    const Bitmap picture = randomPicture(512, 256, ColorMode::Rgb, 9);
    auto packets = makeBx6Protocol()->encode(bitmapCommand({picture}), s);
    REQUIRE(packets.size() == 7);
    Bx6Card card(s);
    for (std::size_t i = packets.size(); i-- > 0;) {
        if (i == 1) continue; // lost on the way
        auto events = card.feed(packets[i].data(), packets[i].size());
        REQUIRE(events.size() == 1);
        CHECK(events[0].ok);
    }
    CHECK(card.screen().crop(0, 37, 512, 37).litCount() == 0);
    CHECK(card.screen().crop(0, 0, 512, 37) == picture.crop(0, 0, 512, 37));
    CHECK(card.screen().crop(0, 74, 512, 182) == picture.crop(0, 74, 512, 182));
    card.feed(packets[1].data(), packets[1].size()); // sent again
    CHECK(card.screen() == picture);
}

TEST_CASE("a picture whose every byte needs escaping round-trips in lower bands") {
    ScreenSpec s = screenOf(512, 256, ColorMode::Rgb);
    Bitmap worst(512, 256, ColorMode::Rgb);
    for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 512; ++x) worst.setPixel(x, y, {0xA5, static_cast<std::uint8_t>(x % 2 ? 0x5A : 0xA6), 0x5B});
    auto packets = makeBx6Protocol()->encode(bitmapCommand({worst}), s);
    Bx6Card card(s);
    Bytes all = joined(packets);
    checkAllAcknowledged(card.feed(all.data(), all.size()), packets.size());
    CHECK(card.screen() == worst);
}

TEST_CASE("a frame longer than the card's buffer is refused as too-long") {
    ScreenSpec s = screenOf(512, 256, ColorMode::Rgb);
    s.options["packet"] = "1000";
    Bx6Card card(s);
    Bytes big = frameWith(1, 0x0266, Bytes(2000, 0x11));
    auto events = card.feed(big.data(), big.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == "too-long");
    CHECK(events[0].bytes == big.size());
    CHECK(makeBx6Protocol()->parseReply(events[0].reply)->error == "memory");
}

TEST_CASE("an area that does not fit the card's screen is refused as parameter") {
    ScreenSpec big = screenOf(128, 32, ColorMode::Mono);
    Bytes b = makeBx6Protocol()->encode(bitmapCommand({randomPicture(128, 32, ColorMode::Mono)}), big)[0];
    Bx6Card card(screenOf(64, 32, ColorMode::Mono));
    auto events = card.feed(b.data(), b.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == "parameter");
    CHECK(events[0].details.at("reason") == "area outside the screen");
}
