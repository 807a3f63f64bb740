#include "protocols/ddp/DdpCard.h"
#include "protocols/ddp/DdpHeader.h"
#include "protocols/ddp/DdpProtocol.h"
#include "common/Error.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/ProtocolTestSupport.h"
#include "tests/support/TestBitmaps.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace gongshi::protocols;
using namespace gongshi::protocols::ddp;
using gongshi::renderer::Bitmap;
using gongshi::renderer::Color;
using gongshi::renderer::ColorMode;
using gongshi::test::randomPicture;

namespace {
ScreenSpec screenOf(int w, int h, ColorMode mode = ColorMode::Rgb) { return gongshi::test::screenSpec(w, h, mode); }

// DDP shows one frame: a bitmap command of one page.
Command bitmapCommand(Bitmap page) { return gongshi::test::bitmapCommand({std::move(page)}); }

Bytes packet(std::uint8_t flags, std::uint8_t id, std::uint32_t offset, Bytes data, std::uint8_t type = kTypeRgb8) {
    DdpHeader h;
    h.flags = flags, h.id = id, h.offset = offset, h.dataType = type;
    h.length = static_cast<std::uint16_t>(data.size());
    Bytes p;
    h.appendTo(p);
    p.insert(p.end(), data.begin(), data.end());
    return p;
}

FrameEvent one(DdpCard& card, const Bytes& datagram) {
    auto events = card.feedDatagram(datagram);
    REQUIRE(events.size() == 1);
    return events[0];
}
} // namespace

TEST_CASE("bitmaps round-trip through the display in every colour mode and size") {
    struct Size {
        int w, h;
    };
    for (ColorMode mode : {ColorMode::Mono, ColorMode::RedGreen, ColorMode::Rgb})
        for (Size size : {Size{192, 64}, Size{100, 30}, Size{512, 256}})
            for (bool viaFeed : {false, true}) {
                CAPTURE(gongshi::renderer::colorModeName(mode));
                CAPTURE(size.w);
                CAPTURE(viaFeed);
                ScreenSpec s = screenOf(size.w, size.h, mode);
                Bitmap page = randomPicture(size.w, size.h, mode, static_cast<std::uint32_t>(size.w));
                auto packets = makeDdpProtocol()->encode(bitmapCommand(page), s);
                CHECK(packets.size() > 1);
                DdpCard card(s);
                for (std::size_t i = 0; i < packets.size(); ++i) {
                    CHECK(packets[i].size() <= kHeaderSize + kMaxData);
                    auto events = viaFeed ? card.feed(packets[i].data(), packets[i].size()) : card.feedDatagram(packets[i]);
                    REQUIRE(events.size() == 1);
                    CHECK(events[0].ok);
                    CHECK(events[0].cmd == "bitmap");
                    CHECK(events[0].bytes == packets[i].size());
                    CHECK(events[0].screenChanged); // a fresh display shows packets as they come
                    CHECK(events[0].details.at("push") == (i + 1 == packets.size() ? "1" : "0"));
                }
                CHECK(card.screen() == page.toRgb());
            }
}

TEST_CASE("once a push was seen, the screen changes only on push, whatever order the other packets come in") {
    ScreenSpec s = screenOf(100, 30);
    auto proto = makeDdpProtocol();
    DdpCard card(s);
    Command clear;
    clear.kind = Command::Kind::Clear;
    for (const Bytes& d : proto->encode(clear, s)) card.feedDatagram(d);
    Bitmap page = randomPicture(100, 30, ColorMode::Rgb, 3);
    auto packets = proto->encode(bitmapCommand(page), s);
    REQUIRE(packets.size() == 7);
    std::reverse(packets.begin(), packets.end() - 1);
    for (std::size_t i = 0; i + 1 < packets.size(); ++i) CHECK_FALSE(one(card, packets[i]).screenChanged);
    CHECK(card.screen().litCount() == 0);
    CHECK(one(card, packets.back()).screenChanged);
    CHECK(card.screen() == page);
}

TEST_CASE("a sender that never sets push is shown as its packets come, as WLED shows it") {
    ScreenSpec s = screenOf(100, 30);
    Bitmap page = randomPicture(100, 30, ColorMode::Rgb, 5);
    auto packets = makeDdpProtocol()->encode(bitmapCommand(page), s);
    DdpCard card(s);
    for (Bytes& d : packets) {
        d[0] &= static_cast<std::uint8_t>(~kFlagPush);
        CHECK(one(card, d).screenChanged);
    }
    CHECK(card.screen() == page);
}

TEST_CASE("skip-out-of-sequence drops a late packet of an earlier frame, as WLED does, and only when on") {
    ScreenSpec s = screenOf(4, 1, ColorMode::Rgb);
    s.options["skip-out-of-sequence"] = "on";
    auto numbered = [](std::uint8_t seq, std::uint8_t flags, std::uint8_t value) {
        Bytes p = packet(flags, kIdDisplay, 0, Bytes(3, value));
        p[1] = seq;
        return p;
    };
    DdpCard card(s);
    CHECK(one(card, numbered(9, 0x41, 1)).screenChanged);
    // Within 4 below 9: late; 9 itself, above 9 and far below are not.
    for (std::uint8_t late : {5, 6, 7, 8}) {
        FrameEvent e = one(card, numbered(late, 0x40, 2));
        CHECK(e.cmd == "ignored");
        CHECK(e.details.at("reason") == "out of sequence");
    }
    CHECK(one(card, numbered(4, 0x40, 3)).cmd == "bitmap");
    CHECK(one(card, numbered(10, 0x41, 4)).screenChanged);
    // Around the wrap: after 2, numbers 13..15 and 1 are late.
    CHECK(one(card, numbered(2, 0x41, 5)).screenChanged);
    CHECK(one(card, numbered(14, 0x40, 6)).details.at("reason") == "out of sequence");
    CHECK(one(card, numbered(1, 0x40, 6)).details.at("reason") == "out of sequence");
    CHECK(one(card, numbered(3, 0x40, 6)).cmd == "bitmap");
    s.options["skip-out-of-sequence"] = "off";
    DdpCard lenient(s);
    one(lenient, numbered(9, 0x41, 1));
    CHECK(one(lenient, numbered(7, 0x40, 2)).cmd == "bitmap");
    s.options["skip-out-of-sequence"] = "maybe";
    CHECK_THROWS_AS(DdpCard{s}, gongshi::InputError);
}

TEST_CASE("the numbering of one sequence number per packet, as gongshi sent before, loses packets on such a display") {
    ScreenSpec s = screenOf(192, 64);
    s.options["skip-out-of-sequence"] = "on";
    auto proto = makeDdpProtocol();
    DdpCard card(s);
    std::uint32_t packetNo = 0;
    int dropped = 0;
    for (int frame = 0; frame < 3; ++frame)
        for (Bytes d : proto->encode(bitmapCommand(randomPicture(192, 64, ColorMode::Rgb, frame)), s)) {
            d[1] = static_cast<std::uint8_t>(packetNo++ % 15 + 1);
            dropped += one(card, d).cmd == "ignored";
        }
    CHECK(dropped == 12); // what WLED's own handler drops of the same datagrams (docs/protocols/ddp.md)
}

TEST_CASE("a status query is answered with the display's JSON status, other queries with an empty reply") {
    DdpCard card(screenOf(4, 1));
    Command status;
    status.kind = Command::Kind::Status;
    auto proto = makeDdpProtocol();
    FrameEvent e = one(card, proto->encode(status, ScreenSpec{})[0]);
    CHECK(e.ok);
    CHECK(e.cmd == "status");
    auto reply = proto->parseReply(e.reply);
    REQUIRE(reply);
    CHECK(reply->consumed == e.reply.size());
    auto s = proto->parseStatus(*reply);
    REQUIRE(s);
    CHECK(s->model == "gongshi ddp-emulator");
    CHECK(s->extra.at("push") == "true");
    FrameEvent config = one(card, packet(0x42, 250, 0, {}));
    CHECK(config.cmd == "query");
    CHECK(gongshi::test::hex(config.reply) == "45 00 00 FA 00 00 00 00 00 00");
    CHECK_FALSE(config.screenChanged);
}

TEST_CASE("clear blacks out a picture that was shown") {
    ScreenSpec s = screenOf(40, 40);
    auto p = makeDdpProtocol();
    DdpCard card(s);
    for (const Bytes& d : p->encode(bitmapCommand(randomPicture(40, 40, ColorMode::Rgb, 1)), s)) card.feedDatagram(d);
    REQUIRE(card.screen().litCount() > 0);
    Command clear;
    clear.kind = Command::Kind::Clear;
    for (const Bytes& d : p->encode(clear, s)) card.feedDatagram(d);
    CHECK(card.screen().litCount() == 0);
}

TEST_CASE("status, reply, config and control packets are ignored without painting") {
    ScreenSpec s = screenOf(4, 1);
    DdpCard card(s);
    const Bytes white(12, 0xFF);
    struct Case {
        Bytes datagram;
        const char* reason;
    };
    const Case cases[] = {
        {packet(0x44 | kFlagPush, kIdDisplay, 0, white), "reply"},
        {packet(0x41, 251, 0, Bytes{'{', '}'}), "id 251"},
        {packet(0x41, 250, 0, white), "id 250"},
        {packet(0x41, 246, 0, white), "id 246"},
        {packet(0x41, kIdDisplay, 0, white, 0x1B), "data type 0x1B"},
        {packet(0x48, kIdDisplay, 0, white), "storage"},
    };
    for (const Case& c : cases) {
        FrameEvent e = one(card, c.datagram);
        CHECK(e.ok);
        CHECK(e.cmd == "ignored");
        CHECK(e.details.at("reason") == c.reason);
        CHECK_FALSE(e.screenChanged);
    }
    // A push now shows the pending frame: still black, so nothing above was painted.
    FrameEvent push = one(card, packet(0x41, kIdDisplay, 0, {}));
    CHECK(push.ok);
    CHECK(push.screenChanged);
    CHECK(card.screen().litCount() == 0);
}

TEST_CASE("malformed datagrams are reported and paint nothing") {
    ScreenSpec s = screenOf(4, 1);
    DdpCard card(s);
    struct Case {
        Bytes datagram;
        std::string reason;
    };
    Bytes mismatch = packet(0x41, kIdDisplay, 0, Bytes(6, 0xFF));
    mismatch.pop_back();
    const Bytes timecodeCut = {0x51, 0x01, 0x0B, 0x01, 0, 0, 0, 0, 0, 0}; // T set: 14 header bytes announced
    const Case cases[] = {
        {Bytes{0x41, 0x01, 0x0B}, "short header (3 bytes)"},
        {timecodeCut, "short header (10 bytes)"},
        {packet(0x81, kIdDisplay, 0, Bytes(3, 0xFF)), "version 2"},
        {mismatch, "length mismatch: header says 6, datagram carries 5"},
        {packet(0x41, kIdDisplay, 12, Bytes(3, 0xFF)), "offset beyond the frame: 12+3 of 12 bytes"},
        {packet(0x41, kIdDisplay, 9, Bytes(6, 0xFF)), "offset beyond the frame: 9+6 of 12 bytes"},
        {packet(0x41, kIdDisplay, 0xFFFFFFFF, Bytes(3, 0xFF)), "offset beyond the frame: 4294967295+3 of 12 bytes"},
    };
    for (const Case& c : cases) {
        FrameEvent e = one(card, c.datagram);
        CHECK_FALSE(e.ok);
        CHECK(e.error == "malformed");
        CHECK(e.cmd == "garbage");
        CHECK(e.details.at("reason") == c.reason);
        CHECK(e.bytes == c.datagram.size());
    }
    one(card, packet(0x41, kIdDisplay, 0, {}));
    CHECK(card.screen().litCount() == 0);
}

TEST_CASE("a timecode header is skipped and older RGB data types are painted") {
    ScreenSpec s = screenOf(1, 1);
    DdpCard card(s);
    Bytes withTime = {0x51, 0x01, 0x01, 0x01, 0, 0, 0, 0, 0, 3, 0xAA, 0xBB, 0xCC, 0xDD, 0x10, 0x20, 0x30};
    FrameEvent e = one(card, withTime);
    CHECK(e.ok);
    CHECK(card.screen().pixel(0, 0) == Color{0x10, 0x20, 0x30});
}

TEST_CASE("a stream feed is taken as one datagram") {
    ScreenSpec s = screenOf(1, 1);
    DdpCard card(s);
    Bytes d = packet(0x41, kIdDisplay, 0, {9, 8, 7});
    auto events = card.feed(d.data(), d.size());
    REQUIRE(events.size() == 1);
    CHECK(card.screen().pixel(0, 0) == Color{9, 8, 7});
    events = card.feed(d.data(), 4);
    REQUIRE(events.size() == 1);
    CHECK(events[0].error == "malformed");
}
