#include "common/Error.h"
#include "protocols/bx6/Bx6Card.h"
#include "protocols/bx6/Bx6Frame.h"
#include "protocols/bx6/Bx6Protocol.h"
#include "protocols/bx6/Bx6Reply.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/ProtocolTestSupport.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace gongshi::protocols;
using namespace gongshi::protocols::bx6;
using gongshi::test::fromHex;
using gongshi::test::hex;

TEST_CASE("deleting all areas reproduces the reference's worked frame byte for byte") {
    ScreenSpec screen;
    screen.address = 0xFFFF;
    Command clear;
    clear.kind = Command::Kind::Clear;
    auto packets = makeBx6Protocol()->encode(clear, screen);
    REQUIRE(packets.size() == 1);
    CHECK(hex(packets[0]) == "A5 A5 A5 A5 A5 A5 A5 A5 FF FF 00 80 F0 00 66 02 00 00 00 00 06 00 00 00 01 A7 01 00 00 FF FD C6 5A");
}

TEST_CASE("the card answers the ping example of Onbon's dynamic-area manual, an F0 frame to any card") {
    // gongshi pings as the SDK does (a control frame); the manual's F0 ping is still a ping to a card.
    const Bytes manual = fromHex("A5 A5 A5 A5 A5 A5 A5 A5 FE FF 00 80 F0 00 FE FF 00 00 00 00 05 00 00 00 01 A2 00 00 00 C6 86 5A");
    Bx6Card card(gongshi::test::screenSpec(64, 16, gongshi::renderer::ColorMode::Mono, 3));
    auto events = card.feed(manual.data(), manual.size());
    REQUIRE(events.size() == 1);
    CHECK(events[0].cmd == "ping");
    CHECK(events[0].ok);
    auto r = makeBx6Protocol()->parseReply(events[0].reply);
    REQUIRE(r);
    CHECK(r->ok);
    CHECK(r->source == 3);
}

TEST_CASE("the protocol is named bx-6 and wants an answer to every packet it can send") {
    auto p = makeBx6Protocol();
    CHECK(p->name() == "bx-6");
    Command c;
    for (auto kind : {Command::Kind::Ping, Command::Kind::Brightness, Command::Kind::Clear, Command::Kind::Bitmap, Command::Kind::SetClock,
                      Command::Kind::ScreenOn, Command::Kind::Status, Command::Kind::Program, Command::Kind::ProgramInfo}) {
        c.kind = kind;
        CHECK(p->expectsReply(c));
    }
}

TEST_CASE("escaping hides A5 and 5A inside the frame and unpacking restores every byte") {
    Bx6Frame f;
    f.dst = 0x5AA5;
    f.data = {0x01, 0xA7, 0x00, 0xA5, 0xA6, 0x5A, 0x5B, 0x00};
    Bytes wire = packFrame(f);
    Bytes body(wire.begin() + 8, wire.end() - 1);
    CHECK(std::count(body.begin(), body.end(), 0xA5) == 0);
    CHECK(std::count(body.begin(), body.end(), 0x5A) == 0);
    CHECK(hex(Bytes(body.begin(), body.begin() + 4)) == "A6 02 5B 02"); // Dst 0x5AA5, low byte first
    // Dst took 4 bytes on the wire, so the data starts at 18.
    CHECK(hex(Bytes(body.begin() + 18, body.begin() + 30)) == "01 A7 00 A6 02 A6 01 5B 02 5B 01 00");
    CHECK(onbon::escapedSize(f.data.data(), f.data.size()) == f.data.size() + 4);

    Bx6Frame back;
    REQUIRE(unpackFrame(body.data(), body.size(), back) == UnpackError::None);
    CHECK(back.dst == 0x5AA5);
    CHECK(back.src == 0x8000);
    CHECK(back.deviceType == 0x0266);
    CHECK(back.data == f.data);
}

TEST_CASE("a damaged frame is named by its fault: escape, length or crc") {
    Bx6Frame f;
    f.data = {0x01, 0xA2, 0x00, 0x00, 0x00};
    Bytes wire = packFrame(f);
    Bytes body(wire.begin() + 8, wire.end() - 1);
    Bx6Frame out;

    Bytes badCrc = body;
    badCrc[20] ^= 0x01; // a payload byte
    CHECK(unpackFrame(badCrc.data(), badCrc.size(), out) == UnpackError::Crc);

    Bytes badEscape = body;
    badEscape[4] = 0xA6; // A6 followed by F0 is no escape
    CHECK(unpackFrame(badEscape.data(), badEscape.size(), out) == UnpackError::Escape);

    Bytes shortened(body.begin(), body.end() - 3);
    CHECK(unpackFrame(shortened.data(), shortened.size(), out) == UnpackError::Length);
    CHECK(std::string(unpackErrorName(UnpackError::Crc)) == "crc");
}

TEST_CASE("ACK and NACK replies are parsed into ok and the card's error name") {
    auto p = makeBx6Protocol();
    Bytes ack = buildReply(ReplyTo{}, CardError::None);
    // To the host from card 1: Rsv, A0 00, Status 0, Error 0, DataLen 0.
    CHECK(hex(ack).rfind("A5 A5 A5 A5 A5 A5 A5 A5 00 80 01 00 F0 00 66 02 00 00 00 00 09 00 00 00 00 A0 00 00 00 00 00 00 00 ", 0) == 0);
    auto r = p->parseReply(ack);
    REQUIRE(r);
    CHECK(r->ok);
    CHECK(r->consumed == ack.size());

    Bytes nack = buildReply(ReplyTo{}, CardError::NoCommand);
    r = p->parseReply(nack);
    REQUIRE(r);
    CHECK_FALSE(r->ok);
    CHECK(r->error == "no-command");
    CHECK(cardErrorName(5) == "crc");
    CHECK(cardErrorName(17) == "controller-type");
    CHECK(cardErrorName(99) == "error-99");
}

TEST_CASE("reply parsing skips garbage before the frame and waits for its end") {
    auto p = makeBx6Protocol();
    Bytes ack = buildReply(ReplyTo{}, CardError::None);
    Bytes received(ack.begin(), ack.end() - 1);
    received.insert(received.begin(), {0x00, 0x13, 0x37});
    CHECK_FALSE(p->parseReply(received).has_value());
    received.push_back(0x5A);
    received.push_back(0xA5); // the start of whatever comes next stays unconsumed
    auto r = p->parseReply(received);
    REQUIRE(r);
    CHECK(r->ok);
    CHECK(r->consumed == 3 + ack.size());
    CHECK_FALSE(p->parseReply(fromHex("00 11 22")).has_value());
}

TEST_CASE("control-frame replies carry their source and are checked by the header's XOR and the data's CRC") {
    ReplyTo to;
    to.cardAddress = 9;
    to.control = true;
    to.sequence = 6;
    Bytes ack = buildReply(to, CardError::None);
    // The card's answer to the host in a control frame: Ver 07, Seq 6, FrameLenMax 00FF, 96 (no encryption).
    CHECK(hex(ack).rfind("A5 A5 A5 A5 A5 A5 A5 A5 00 80 09 00 07 00 66 02 00 00 06 00 FF 00 96 ", 0) == 0);
    auto r = makeBx6Protocol()->parseReply(ack);
    REQUIRE(r);
    CHECK(r->ok);
    CHECK(r->source == 9);
    Bytes badHeader = ack;
    badHeader[8 + 2] ^= 0x01; // the source, covered by the XOR
    r = makeBx6Protocol()->parseReply(badHeader);
    REQUIRE(r);
    CHECK_FALSE(r->ok);
    CHECK(r->error == "reply crc");
    Bytes answer = buildAnswer(to, 0xA2, 0x0F, Bytes(61, 0));
    answer[answer.size() - 2] ^= 0x01; // in the data, covered by the CRC
    r = makeBx6Protocol()->parseReply(answer);
    REQUIRE(r);
    CHECK_FALSE(r->ok);
}

TEST_CASE("a reply with a broken CRC is not taken for an ACK") {
    Bytes ack = buildReply(ReplyTo{}, CardError::None);
    ack[ack.size() - 3] ^= 0x10;
    auto r = makeBx6Protocol()->parseReply(ack);
    REQUIRE(r);
    CHECK_FALSE(r->ok);
    CHECK(r->error == "reply crc");
}
