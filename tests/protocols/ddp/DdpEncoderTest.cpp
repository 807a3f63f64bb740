#include "common/Error.h"
#include "protocols/ddp/DdpHeader.h"
#include "protocols/ddp/DdpProtocol.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/ProtocolTestSupport.h"

#include <doctest/doctest.h>

#include <set>
#include <thread>

using namespace gongshi::protocols;
using namespace gongshi::protocols::ddp;
using gongshi::InputError;
using gongshi::renderer::Bitmap;
using gongshi::renderer::Color;
using gongshi::renderer::ColorMode;
using gongshi::test::hex;

namespace {
ScreenSpec screenOf(int w, int h, ColorMode mode = ColorMode::Rgb) { return gongshi::test::screenSpec(w, h, mode); }

// DDP shows one frame: a bitmap command of one page.
Command bitmapCommand(Bitmap page) { return gongshi::test::bitmapCommand({std::move(page)}); }

DdpHeader headerOf(const Bytes& packet) {
    auto h = DdpHeader::parse(packet.data(), packet.size());
    REQUIRE(h);
    return *h;
}
} // namespace

TEST_CASE("the protocol is named ddp and waits for no reply") {
    auto p = makeDdpProtocol();
    CHECK(p->name() == "ddp");
    CHECK_FALSE(p->expectsReply(bitmapCommand(Bitmap(1, 1, ColorMode::Rgb))));
}

TEST_CASE("a frame is cut into packets of at most 1440 bytes with push on the last only") {
    auto packets = makeDdpProtocol()->encode(bitmapCommand(Bitmap(100, 30, ColorMode::Rgb)), screenOf(100, 30));
    REQUIRE(packets.size() == 7); // 9000 bytes = 6 x 1440 + 360
    for (std::size_t i = 0; i < packets.size(); ++i) {
        CAPTURE(i);
        DdpHeader h = headerOf(packets[i]);
        const bool last = i + 1 == packets.size();
        CHECK(h.flags == (last ? 0x41 : 0x40));
        CHECK(h.dataType == 0x0B);
        CHECK(h.id == 1);
        CHECK(h.offset == i * 1440);
        CHECK(h.length == (last ? 360 : 1440));
        CHECK(packets[i].size() == 10u + h.length);
    }
    CHECK(hex(Bytes(packets[1].begin(), packets[1].begin() + 10)) == "40 01 0B 01 00 00 05 A0 05 A0");
}

TEST_CASE("every packet of a frame carries the frame's sequence number, and frames count 1 to 15, never 0") {
    auto p = makeDdpProtocol();
    auto first = p->encode(bitmapCommand(Bitmap(192, 64, ColorMode::Rgb)), screenOf(192, 64));
    REQUIRE(first.size() == 26); // 36864 bytes
    for (const Bytes& packet : first) CHECK(headerOf(packet).sequence == 1);
    Command clear;
    clear.kind = Command::Kind::Clear;
    for (unsigned frame = 2; frame <= 17; ++frame) {
        CAPTURE(frame);
        auto next = p->encode(clear, screenOf(30, 20));
        REQUIRE(next.size() == 2);
        for (const Bytes& packet : next) CHECK(headerOf(packet).sequence == (frame - 1) % 15 + 1);
    }
}

TEST_CASE("frames encoded from several threads each keep one sequence number, and numbers are not lost") {
    auto p = makeDdpProtocol();
    std::vector<std::vector<Bytes>> results(8);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t)
        threads.emplace_back([&, t] { results[t] = p->encode(bitmapCommand(Bitmap(40, 40, ColorMode::Rgb)), screenOf(40, 40)); });
    for (auto& t : threads) t.join();
    std::set<unsigned> numbers;
    for (const auto& packets : results) {
        REQUIRE(packets.size() == 4); // 4800 bytes
        unsigned s0 = headerOf(packets[0]).sequence;
        numbers.insert(s0);
        for (const Bytes& packet : packets) CHECK(headerOf(packet).sequence == s0);
    }
    CHECK(numbers == std::set<unsigned>{1, 2, 3, 4, 5, 6, 7, 8});
}

TEST_CASE("status is the DDP status query: query flag, id 251, no data, and needs no screen size") {
    auto p = makeDdpProtocol();
    Command status;
    status.kind = Command::Kind::Status;
    auto packets = p->encode(status, ScreenSpec{});
    REQUIRE(packets.size() == 1);
    CHECK(hex(packets[0]) == "42 00 00 FB 00 00 00 00 00 00");
    CHECK(p->expectsReply(status));
    CHECK_FALSE(p->probeAddress());
}

TEST_CASE("a display's status reply is found among other datagrams and read as its model and version") {
    auto p = makeDdpProtocol();
    Bytes received = {0x41, 0x01, 0x0B, 0x01, 0, 0, 0, 0, 0, 3, 1, 2, 3}; // a pixel packet first
    const std::string json = R"({"status":{"man":"Minleon","mod":"NDB","ver":"1.0","mac":"00:11:22:33:44:55","push":true}})";
    Bytes reply = {0x45, 0x00, 0x00, 0xFB, 0, 0, 0, 0, 0, static_cast<std::uint8_t>(json.size())};
    reply.insert(reply.end(), json.begin(), json.end());
    received.insert(received.end(), reply.begin(), reply.end() - 1);
    CHECK_FALSE(p->parseReply(received)); // cut short
    received.push_back(reply.back());
    auto r = p->parseReply(received);
    REQUIRE(r);
    CHECK(r->ok);
    CHECK(r->consumed == received.size());
    auto s = p->parseStatus(*r);
    REQUIRE(s);
    CHECK(s->model == "Minleon NDB");
    CHECK(s->extra.at("ver") == "1.0");
    CHECK(s->extra.at("mac") == "00:11:22:33:44:55");
    CHECK(s->extra.at("push") == "true");
    ReplyResult empty;
    CHECK_FALSE(p->parseStatus(empty));
}

TEST_CASE("mono lit pixels go out white and red-green pixels in their own colours") {
    Bitmap mono(2, 1, ColorMode::Mono);
    mono.setPixel(1, 0, Color::white());
    auto packets = makeDdpProtocol()->encode(bitmapCommand(mono), screenOf(2, 1, ColorMode::Mono));
    CHECK(hex(Bytes(packets[0].begin() + 10, packets[0].end())) == "00 00 00 FF FF FF");
    Bitmap rg(3, 1, ColorMode::RedGreen);
    rg.setPixel(0, 0, Color::red());
    rg.setPixel(1, 0, Color::green());
    rg.setPixel(2, 0, Color::yellow());
    packets = makeDdpProtocol()->encode(bitmapCommand(rg), screenOf(3, 1, ColorMode::RedGreen));
    CHECK(hex(Bytes(packets[0].begin() + 10, packets[0].end())) == "FF 00 00 00 FF 00 FF FF 00");
}

TEST_CASE("a picture smaller than the screen is placed at its position on black") {
    Bitmap page(1, 1, ColorMode::Rgb);
    page.setPixel(0, 0, {1, 2, 3});
    Command c = bitmapCommand(page);
    c.x = 1, c.y = 1;
    auto packets = makeDdpProtocol()->encode(c, screenOf(2, 2));
    CHECK(hex(Bytes(packets[0].begin() + 10, packets[0].end())) == "00 00 00 00 00 00 00 00 00 01 02 03");
}

TEST_CASE("clear sends an all-black frame of the whole screen") {
    Command clear;
    clear.kind = Command::Kind::Clear;
    auto packets = makeDdpProtocol()->encode(clear, screenOf(30, 20));
    REQUIRE(packets.size() == 2); // 1800 bytes
    CHECK(headerOf(packets[1]).push());
    for (const Bytes& p : packets) CHECK(std::all_of(p.begin() + 10, p.end(), [](std::uint8_t b) { return b == 0; }));
}

TEST_CASE("commands ddp cannot carry are refused with the command's name") {
    auto p = makeDdpProtocol();
    Command c;
    CHECK_THROWS_WITH_AS(p->encode(c, screenOf(4, 4)), "ddp carries only pictures (bitmap, clear), not 'ping'", InputError);
    c.kind = Command::Kind::Brightness;
    CHECK_THROWS_WITH_AS(p->encode(c, screenOf(4, 4)), "ddp carries only pictures (bitmap, clear), not 'brightness'", InputError);
    c.kind = Command::Kind::Text;
    CHECK_THROWS_WITH_AS(p->encode(c, screenOf(4, 4)), "ddp carries only pictures (bitmap, clear), not 'text'", InputError);
}

TEST_CASE("pictures that do not fit and screens without a size are refused") {
    auto p = makeDdpProtocol();
    CHECK_THROWS_WITH_AS(p->encode(bitmapCommand(Bitmap(5, 4, ColorMode::Rgb)), screenOf(4, 4)),
                         "ddp picture 5x4 at 0,0 does not fit the 4x4 screen", InputError);
    CHECK_THROWS_AS(p->encode(bitmapCommand(Bitmap(4, 4, ColorMode::Rgb)), ScreenSpec{}), InputError);
    Command empty;
    empty.kind = Command::Kind::Bitmap;
    CHECK_THROWS_WITH_AS(p->encode(empty, screenOf(4, 4)), "ddp bitmap command has no pages", InputError);
}
