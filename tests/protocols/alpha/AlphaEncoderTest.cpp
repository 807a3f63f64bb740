#include "protocols/alpha/AlphaProtocol.h"

#include "common/Error.h"
#include "protocols/alpha/AlphaPacket.h"
#include "tests/protocols/alpha/AlphaTestSupport.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/ProtocolTestSupport.h"

#include <doctest/doctest.h>

#include <map>
#include <optional>

namespace gongshi::protocols::alpha {

using gongshi::test::checkGolden;
using renderer::Bitmap;
using renderer::Color;
using renderer::ColorMode;
using test::goldenText;

namespace {

// Address 0 ("00", every sign) unless a test names one.
ScreenSpec screen(int width, int height, ColorMode mode, std::uint16_t address = 0) {
    return gongshi::test::screenSpec(width, height, mode, address);
}

// The command part of a packet: between STX and ETX.
std::string commandOf(const Bytes& packet) {
    REQUIRE(packet.size() >= 16);
    return std::string(packet.begin() + 10, packet.end() - 6);
}

Command textCommand(std::string text) {
    Command c;
    c.kind = Command::Kind::Text;
    c.text = std::move(text);
    return c;
}

} // namespace

TEST_CASE("text goes as a memory configuration sized to it, then TEXT A with position, mode, speed and colour") {
    Command c = textCommand("A023 PLEASE");
    c.color = Color::green();
    c.effect = Effect::MoveLeft;
    c.speed = 2;
    c.align = HAlign::Center;
    auto packets = makeAlphaProtocol()->encode(c, screen(80, 16, ColorMode::RedGreen));
    REQUIRE(packets.size() == 2);
    // 6 bytes of ESC, position, mode, speed, colour + 11 characters = 0x11.
    CHECK(commandOf(packets[0]) == "E$AAU0011FFFF");
    CHECK(commandOf(packets[1]) == "AA\x1B"
                                   "0a\x18\x1C"
                                   "2A023 PLEASE");
    checkGolden("alpha", "text",
                goldenText("text \"A023 PLEASE\" green, move left, speed 2, centred; 80x16 red-green, "
                           "address 0",
                           packets));
}

TEST_CASE("text effects and alignments map to the sign's modes and positions, left and right on Alpha 3.0 only") {
    auto contents = [](Effect effect, HAlign align, int speed, const char* level) {
        Command c = textCommand("X");
        c.effect = effect;
        c.align = align;
        c.speed = speed;
        ScreenSpec s = gongshi::test::screenSpec(80, 7, ColorMode::Mono, 0, {{"alpha", level}});
        return commandOf(makeAlphaProtocol()->encode(c, s)[1]).substr(2, 4);
    };
    CHECK(contents(Effect::Static, HAlign::Left, 1, "3.0") == "\x1B"
                                                              "1b\x19");
    CHECK(contents(Effect::MoveUp, HAlign::Right, 5, "3.0") == "\x1B"
                                                               "2e\x15");
    CHECK(contents(Effect::MoveLeft, HAlign::Center, 9, "3.0") == "\x1B"
                                                                  "0a\x15");
    // A BetaBrite speaks Alpha 1.0: fill, which it centres, whatever the alignment.
    CHECK(contents(Effect::Static, HAlign::Left, 1, "1.0") == "\x1B"
                                                              "0b\x19");
    CHECK(contents(Effect::Static, HAlign::Right, 1, "1.0") == "\x1B"
                                                               "0b\x19");
    Command c = textCommand("X");
    c.align = HAlign::Right;
    CHECK(commandOf(makeAlphaProtocol()->encode(c, screen(80, 7, ColorMode::Mono))[1]).substr(2, 3) == "\x1B"
                                                                                                       "0b");
    CHECK_THROWS_WITH_AS(makeAlphaProtocol()->encode(c, gongshi::test::screenSpec(80, 7, ColorMode::Mono, 0, {{"alpha", "2.5"}})),
                         doctest::Contains("alpha='2.5'"), InputError);
}

TEST_CASE("text colours map to red, green or amber, and mono signs always get red") {
    auto colourCode = [](Color color, ColorMode mode) {
        Command c = textCommand("X");
        c.color = color;
        return commandOf(makeAlphaProtocol()->encode(c, screen(80, 7, mode))[1]).substr(6, 2);
    };
    CHECK(colourCode(Color::red(), ColorMode::RedGreen) == "\x1C"
                                                           "1");
    CHECK(colourCode(Color::green(), ColorMode::RedGreen) == "\x1C"
                                                             "2");
    CHECK(colourCode(Color::yellow(), ColorMode::RedGreen) == "\x1C"
                                                              "3");
    CHECK(colourCode(Color::white(), ColorMode::Rgb) == "\x1C"
                                                        "3");
    CHECK(colourCode(Color{0, 90, 40}, ColorMode::RedGreen) == "\x1C"
                                                               "2");
    CHECK(colourCode(Color::green(), ColorMode::Mono) == "\x1C"
                                                         "1");
    CHECK_THROWS_WITH_AS(colourCode(Color{0, 0, 255}, ColorMode::Rgb), doctest::Contains("#0000FF"), InputError);
}

TEST_CASE("a non-ASCII character in text is refused, named as U+XXXX, pointing Chinese to pictures") {
    auto proto = makeAlphaProtocol();
    auto s = screen(80, 16, ColorMode::Mono);
    CHECK_THROWS_WITH_AS(proto->encode(textCommand("A023 请到3号窗口"), s), doctest::Contains("U+8BF7"), InputError);
    CHECK_THROWS_WITH_AS(proto->encode(textCommand("请"), s), doctest::Contains("Chinese must go as a picture"), InputError);
    CHECK_THROWS_WITH_AS(proto->encode(textCommand("fee \xE2\x82\xAC"
                                                   "5"),
                                       s),
                         doctest::Contains("U+20AC"), InputError);
    CHECK_THROWS_WITH_AS(proto->encode(textCommand("\xF0\x9F\x98\x80"), s), doctest::Contains("U+1F600"), InputError);
    CHECK_THROWS_WITH_AS(proto->encode(textCommand("a\x04"
                                                   "b"),
                                       s),
                         doctest::Contains("U+0004"), InputError);
    CHECK_THROWS_WITH_AS(proto->encode(textCommand("bad \xC3"), s), doctest::Contains("not valid UTF-8"), InputError);
}

TEST_CASE("a mono bitmap goes as memory, a SMALL DOTS picture of '0'/'1' rows, and TEXT A calling it") {
    Bitmap page(12, 7, ColorMode::Mono);
    for (int x = 0; x < 12; ++x) page.setPixel(x, 0, Color::white()); // top row
    for (int y = 0; y < 7; ++y) page.setPixel(y, y, Color::white());  // diagonal
    Command c;
    c.kind = Command::Kind::Bitmap;
    c.pages = {page};
    auto packets = makeAlphaProtocol()->encode(c, screen(12, 7, ColorMode::Mono, 1));
    REQUIRE(packets.size() == 3);
    // Address 1, every screen's default, goes to every sign: "00".
    CHECK(std::string(packets[0].begin() + 5, packets[0].begin() + 9) == "\x01Z00");
    // TEXT A: 6 bytes; DOTS B: 7 rows (07) by 12 columns (0C), monochrome.
    CHECK(commandOf(packets[0]) == "E$AAU0006FFFFBDL070C1000");
    std::string picture = commandOf(packets[1]);
    CHECK(picture.substr(0, 6) == "IB070C");
    CHECK(picture.substr(6, 13) == "111111111111\r");
    CHECK(picture.substr(19, 13) == "010000000000\r");
    CHECK(picture.substr(6 + 13 * 6) == "000000100000\r");
    CHECK(commandOf(packets[2]) == "AA\x1B"
                                   "0b\x19\x14"
                                   "B");
    checkGolden("alpha", "bitmap-mono", goldenText("bitmap 12x7 mono, top row and diagonal lit, static; address 1 (sent as 00)", packets));
}

TEST_CASE("a red-green bitmap sends red as 1, green as 2 and yellow as 3 (amber)") {
    Bitmap page(8, 4, ColorMode::RedGreen);
    page.setPixel(0, 0, Color::red());
    page.setPixel(1, 1, Color::green());
    page.setPixel(2, 2, Color::yellow());
    page.setPixel(7, 3, Color::red());
    Command c;
    c.kind = Command::Kind::Bitmap;
    c.pages = {page, Bitmap(8, 4, ColorMode::RedGreen)};
    c.effect = Effect::MoveUp;
    auto packets = makeAlphaProtocol()->encode(c, screen(8, 4, ColorMode::RedGreen, 0x2A));
    REQUIRE(packets.size() == 4);
    CHECK(commandOf(packets[0]) == "E$AAU000CFFFFBDL04082000CDL04082000");
    CHECK(commandOf(packets[1]) == "IB040810000000\r02000000\r00300000\r00000001\r");
    CHECK(commandOf(packets[2]) == "IC040800000000\r00000000\r00000000\r00000000\r");
    CHECK(commandOf(packets[3]) == "AA\x1B"
                                   "0e\x19\x14"
                                   "B\x1B"
                                   "0e\x19\x14"
                                   "C");
    checkGolden("alpha", "bitmap-red-green",
                goldenText("bitmap 8x4 red-green, two pages (red, green, yellow dots; blank), move up; address 0x2A", packets));
}

TEST_CASE("rgb pixels go as the nearest of red, green and amber, and a page is placed at its area on the screen") {
    Bitmap page(3, 1, ColorMode::Rgb);
    page.setPixel(0, 0, Color{200, 40, 10});  // red
    page.setPixel(1, 0, Color{20, 210, 250}); // green (the sign has no blue)
    page.setPixel(2, 0, Color::white());      // amber
    Command c;
    c.kind = Command::Kind::Bitmap;
    c.pages = {page};
    c.x = 2;
    c.y = 1;
    auto packets = makeAlphaProtocol()->encode(c, screen(6, 2, ColorMode::Rgb));
    CHECK(commandOf(packets[1]) == "IB0206000000\r001230\r");
}

TEST_CASE("a picture taller than 31 rows or wider than 255 columns is refused with the limits named") {
    auto proto = makeAlphaProtocol();
    Command c;
    c.kind = Command::Kind::Bitmap;
    c.pages = {Bitmap(80, 32, ColorMode::Mono)};
    CHECK_THROWS_WITH_AS(proto->encode(c, screen(80, 32, ColorMode::Mono)),
                         doctest::Contains("80x32 picture is too big for an alpha sign: SMALL DOTS pictures are at "
                                           "most 255 columns by 31 rows"),
                         InputError);
    c.pages = {Bitmap(256, 8, ColorMode::Mono)};
    CHECK_THROWS_AS(proto->encode(c, screen(256, 8, ColorMode::Mono)), InputError);
    c.pages = {Bitmap(255, 31, ColorMode::Mono)};
    CHECK(proto->encode(c, screen(255, 31, ColorMode::Mono)).size() == 3);
}

TEST_CASE("a bitmap command needs pages, and no more than the 25 picture labels B..Z") {
    auto proto = makeAlphaProtocol();
    Command c;
    c.kind = Command::Kind::Bitmap;
    CHECK_THROWS_WITH_AS(proto->encode(c, screen(8, 4, ColorMode::Mono)), doctest::Contains("at least one page"), InputError);
    c.pages.assign(26, Bitmap(8, 4, ColorMode::Mono));
    CHECK_THROWS_WITH_AS(proto->encode(c, screen(8, 4, ColorMode::Mono)), doctest::Contains("at most 25"), InputError);
    c.pages.resize(25);
    CHECK(proto->encode(c, screen(8, 4, ColorMode::Mono)).size() == 27);
}

TEST_CASE("clear is a memory clear: a memory configuration of no files") {
    Command c;
    c.kind = Command::Kind::Clear;
    auto packets = makeAlphaProtocol()->encode(c, screen(80, 16, ColorMode::Mono));
    REQUIRE(packets.size() == 1);
    CHECK(commandOf(packets[0]) == "E$");
    checkGolden("alpha", "clear", goldenText("clear; address 0", packets));
}

TEST_CASE("the clock goes as time of day HHMM, date MMDDYY and day of the week counted from Sunday") {
    Command c;
    c.kind = Command::Kind::SetClock;
    c.clock = {2026, 3, 9, 14, 5, 59, 1}; // Monday 9 March 2026, 14:05:59
    auto packets = makeAlphaProtocol()->encode(c, screen(80, 16, ColorMode::Mono, 3));
    REQUIRE(packets.size() == 3);
    CHECK(commandOf(packets[0]) == "E 1405");
    CHECK(commandOf(packets[1]) == "E;030926");
    CHECK(commandOf(packets[2]) == "E&2");
    checkGolden("alpha", "clock", goldenText("clock 2026-03-09 14:05:59 Monday; address 3", packets));
    c.clock.weekday = 7;
    CHECK(commandOf(makeAlphaProtocol()->encode(c, screen(80, 16, ColorMode::Mono))[2]) == "E&1");
    c.clock.hour = 24;
    CHECK_THROWS_WITH_AS(makeAlphaProtocol()->encode(c, screen(80, 16, ColorMode::Mono)), doctest::Contains("hour 24"), InputError);
}

TEST_CASE("reset is the soft reset special function") {
    Command c;
    c.kind = Command::Kind::Reset;
    auto packets = makeAlphaProtocol()->encode(c, screen(80, 16, ColorMode::Mono));
    REQUIRE(packets.size() == 1);
    CHECK(commandOf(packets[0]) == "E,");
    checkGolden("alpha", "reset", goldenText("reset (soft); address 0", packets));
}

TEST_CASE("commands the sign has no function for are refused by name") {
    auto proto = makeAlphaProtocol();
    auto s = screen(80, 16, ColorMode::Mono);
    Command c;
    c.kind = Command::Kind::Ping;
    CHECK_THROWS_WITH_AS(proto->encode(c, s), doctest::Contains("alpha signs do not support ping"), InputError);
    c.kind = Command::Kind::Brightness;
    CHECK_THROWS_WITH_AS(proto->encode(c, s), doctest::Contains("alpha signs do not support brightness"), InputError);
    c.kind = Command::Kind::ScreenOff;
    CHECK_THROWS_WITH_AS(proto->encode(c, s), doctest::Contains("alpha signs do not support"), InputError);
    c.kind = Command::Kind::ScreenOn;
    CHECK_THROWS_AS(proto->encode(c, s), InputError);
    c.kind = Command::Kind::TimedOnOff;
    CHECK_THROWS_WITH_AS(proto->encode(c, s), doctest::Contains("timed on/off"), InputError);
}

TEST_CASE("an address above 255 is refused and nothing is sent") {
    Command c;
    c.kind = Command::Kind::Clear;
    CHECK_THROWS_WITH_AS(makeAlphaProtocol()->encode(c, screen(80, 16, ColorMode::Mono, 300)), doctest::Contains("address 300"),
                         InputError);
}

TEST_CASE("addresses 0 and 1 go to every sign as 00, others as two hex digits, and sign-address names any") {
    auto addressOf = [](std::uint16_t address, std::map<std::string, std::string> options = {}) {
        Command c;
        c.kind = Command::Kind::Clear;
        auto p = makeAlphaProtocol()->encode(c, gongshi::test::screenSpec(80, 7, ColorMode::Mono, address, options))[0];
        return std::string(p.begin() + 7, p.begin() + 9);
    };
    CHECK(addressOf(0) == "00");
    CHECK(addressOf(1) == "00");
    CHECK(addressOf(2) == "02");
    CHECK(addressOf(0xFF) == "FF");
    CHECK(addressOf(1, {{"sign-address", "01"}}) == "01");
    CHECK(addressOf(9, {{"sign-address", "3c"}}) == "3C");
    CHECK_THROWS_WITH_AS(addressOf(1, {{"sign-address", "1"}}), doctest::Contains("sign-address='1'"), InputError);
}

TEST_CASE("status reads the sign's clock (F and space) and waits for the answer") {
    Command c;
    c.kind = Command::Kind::Status;
    auto proto = makeAlphaProtocol();
    auto packets = proto->encode(c, screen(80, 16, ColorMode::Mono));
    REQUIRE(packets.size() == 1);
    CHECK(commandOf(packets[0]) == "F ");
    CHECK(proto->expectsReply(c));
    CHECK(proto->probeAddress() == std::optional<std::uint16_t>(0));
    checkGolden("alpha", "status", goldenText("status: read the time of day; address 0 (every sign)", packets));
}

TEST_CASE("a sign's answer is found after noise and our own echo, and read as its address and clock") {
    auto proto = makeAlphaProtocol();
    Command status;
    status.kind = Command::Kind::Status;
    Bytes echo = proto->encode(status, screen(80, 7, ColorMode::Mono))[0];
    Bytes answer = makeReplyPacket("2A", "E 0937");
    Bytes received = test::bytesOf("\xFF\xFE");
    received.insert(received.end(), echo.begin(), echo.end());
    CHECK_FALSE(proto->parseReply(received));
    received.insert(received.end(), answer.begin(), answer.end() - 1);
    CHECK_FALSE(proto->parseReply(received)); // no EOT yet
    received.push_back(answer.back());
    auto reply = proto->parseReply(received);
    REQUIRE(reply);
    CHECK(reply->ok);
    CHECK(reply->consumed == received.size());
    auto read = proto->parseStatus(*reply);
    REQUIRE(read);
    CHECK(read->address == std::optional<std::uint16_t>(0x2A));
    CHECK(read->extra.at("type") == "0");
    CHECK(read->extra.at("time") == "09:37");
    answer[answer.size() - 2] ^= 1; // a checksum digit
    auto damaged = proto->parseReply(answer);
    REQUIRE(damaged);
    CHECK_FALSE(damaged->ok);
    CHECK(damaged->error == "checksum");
    CHECK_FALSE(proto->parseStatus(*damaged));
}

TEST_CASE("pauses: 100 ms after each STX, 100 ms after a picture's size, 1 s after a memory configuration") {
    auto proto = makeAlphaProtocol();
    using std::chrono::milliseconds;
    auto pauses = [&](const Bytes& p) {
        std::vector<std::pair<std::size_t, long long>> out;
        for (const PacketPause& pause : proto->pausesIn(p)) out.emplace_back(pause.offset, pause.duration.count());
        return out;
    };
    using Pauses = std::vector<std::pair<std::size_t, long long>>;
    Bytes clock = makePacket("00", "E 1405");
    CHECK(pauses(clock) == Pauses{{10, 100}});
    Bytes memory = makePacket("00", "E$AAU0006FFFF");
    CHECK(pauses(memory) == Pauses{{10, 100}, {memory.size(), 1000}});
    Bytes picture = makePacket("00", "IB0203111\r101\r");
    CHECK(pauses(picture) == Pauses{{10, 100}, {16, 100}});
    CHECK(std::string(picture.begin() + 10, picture.begin() + 16) == "IB0203");
    Bytes clear = makePacket("00", "E$");
    CHECK(pauses(clear) == Pauses{{10, 100}, {clear.size(), 1000}});
}

TEST_CASE("the protocol is called alpha and never waits for a reply") {
    auto proto = makeAlphaProtocol();
    CHECK(proto->name() == "alpha");
    Command c;
    c.kind = Command::Kind::Bitmap;
    CHECK_FALSE(proto->expectsReply(c));
    c.kind = Command::Kind::Text;
    CHECK_FALSE(proto->expectsReply(c));
}

} // namespace gongshi::protocols::alpha
