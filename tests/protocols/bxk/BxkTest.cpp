// Frame layer, encoder fields and errors, and the reply reader of the bx-k protocol.
#include "common/Error.h"
#include "protocols/bxk/BxkCard.h"
#include "protocols/bxk/BxkCommands.h"
#include "protocols/bxk/BxkEncoder.h"
#include "protocols/bxk/BxkErrors.h"
#include "protocols/bxk/BxkFrame.h"
#include "protocols/bxk/BxkProtocol.h"
#include "protocols/bxk/BxkReply.h"
#include "protocols/bxk/GbkCodec.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/ProtocolTestSupport.h"

#include <doctest/doctest.h>

#include <string>

using namespace gongshi;
using namespace gongshi::protocols;
using namespace gongshi::protocols::bxk;
using gongshi::test::hex;
using gongshi::test::screenSpec;

namespace {

// The Data field of a frame the encoder made.
Bytes dataOf(const Bytes& wire) {
    REQUIRE(wire.size() > kPreambleLength + 1);
    DecodedFrame d = decodeBody(wire.data() + kPreambleLength, wire.size() - kPreambleLength - 1);
    REQUIRE(d.status == FrameStatus::Ok);
    return d.frame.data;
}

Bytes ackFrame(std::uint8_t cmd, std::uint8_t err) {
    BxkFrame f;
    f.dst = kSenderAddress;
    f.src = 1;
    f.data = {kGroupReply, cmd, err, 0, 0};
    return encodeFrame(f);
}

std::string thrownMessage(const Command& c, const ScreenSpec& s) {
    try {
        BxkEncoder(s).encode(c);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(nothing thrown)";
}

} // namespace

TEST_CASE("bxk: a ping to address 1 is the published frame byte for byte") {
    Command ping;
    ping.kind = Command::Kind::Ping;
    auto frames = makeBxkProtocol()->encode(ping, screenSpec(64, 16, renderer::ColorMode::Mono, 1));
    REQUIRE(frames.size() == 1);
    CHECK(hex(frames[0]) == "A5 A5 A5 A5 A5 A5 A5 A5 01 00 00 80 00 00 00 00 00 00 FE 02 05 00 A2 00 01 00 00 68 F8 5A");
}

TEST_CASE("bxk: a frame with a bad CRC, a wrong DataLen or a bad escape is not accepted") {
    Command ping;
    Bytes wire = BxkEncoder(screenSpec(8, 8, renderer::ColorMode::Mono)).encode(ping).front();
    auto decode = [](const Bytes& w) { return decodeBody(w.data() + kPreambleLength, w.size() - kPreambleLength - 1).status; };
    CHECK(decode(wire) == FrameStatus::Ok);
    Bytes badCrc = wire;
    badCrc[badCrc.size() - 3] ^= 0x01;
    CHECK(decode(badCrc) == FrameStatus::BadCheck);
    Bytes badLen = wire;
    badLen[20] = 0x06; // DataLen 5 -> 6
    CHECK(decode(badLen) == FrameStatus::LengthMismatch);
    Bytes badEscape = wire;
    badEscape[22] = 0xA6; // Grp A2 -> an escape with nothing valid after it
    CHECK(decode(badEscape) == FrameStatus::BadEscape);
    Bytes tiny{0xA5, 0x01, 0x02, 0x5A};
    CHECK(decodeBody(tiny.data() + 1, 2).status == FrameStatus::TooShort);
}

TEST_CASE("bxk: the sum and no-check modes are read as the header says") {
    BxkFrame f;
    f.data = {kGroupSystem, kCmdPing, kReplyWanted, 0, 0};
    for (std::uint8_t mode : {kCheckSum, kCheckNone}) {
        f.checkMode = mode;
        Bytes w = encodeFrame(f);
        DecodedFrame d = decodeBody(w.data() + kPreambleLength, w.size() - kPreambleLength - 1);
        CHECK(d.status == FrameStatus::Ok);
        CHECK(d.frame.checkMode == mode);
    }
}

TEST_CASE("bxk: a bar code in the header (Option bit 0) is carried and skipped") {
    BxkFrame f;
    f.option = 0x01;
    f.barCode = Bytes(16, 0x42);
    f.data = {kGroupSystem, kCmdPing, kReplyWanted, 0, 0};
    Bytes w = encodeFrame(f);
    DecodedFrame d = decodeBody(w.data() + kPreambleLength, w.size() - kPreambleLength - 1);
    REQUIRE(d.status == FrameStatus::Ok);
    CHECK(d.frame.barCode == Bytes(16, 0x42));
    CHECK(d.frame.data == f.data);
}

TEST_CASE("bxk: the frame scanner takes any number of leading A5 and calls other bytes garbage") {
    Bytes ping = BxkEncoder(screenSpec(8, 8, renderer::ColorMode::Mono)).encode(Command{}).front();
    Bytes stream{0x00, 0x5A, 0x13};
    stream.insert(stream.end(), 5, 0xA5); // extra preamble
    stream.insert(stream.end(), ping.begin(), ping.end());
    ScanResult s = scanFrame(stream.data(), stream.size());
    CHECK(s.kind == ScanResult::Kind::Garbage);
    CHECK(s.length == 3);
    s = scanFrame(stream.data() + 3, stream.size() - 3);
    REQUIRE(s.kind == ScanResult::Kind::Frame);
    CHECK(s.length == ping.size() + 5);
    CHECK(s.bodyOffset == 13);

    // A frame cut off by a new preamble is garbage up to that preamble.
    Bytes cut{0xA5, 0xA5, 0x01, 0x02, 0xA5};
    s = scanFrame(cut.data(), cut.size());
    CHECK(s.kind == ScanResult::Kind::Garbage);
    CHECK(s.length == 4);
    // Still waiting for the end byte.
    s = scanFrame(ping.data(), ping.size() - 1);
    CHECK(s.kind == ScanResult::Kind::NeedMore);
}

TEST_CASE("bxk: error codes 0x00..0x10 all have names and others are shown in hex") {
    const char* names[] = {"ok",           "group",         "no-command",  "busy",        "out-of-memory", "crc",
                           "no-file",      "flash",         "download",    "file-name",   "file-type",     "file-crc",
                           "font-missing", "firmware-type", "date-format", "file-exists", "block-no"};
    for (int i = 0; i <= 0x10; ++i) CHECK(errorName(static_cast<std::uint8_t>(i)) == names[i]);
    CHECK(errorName(std::uint8_t{0x11}) == "error-0x11");
    CHECK(errorName(BxkError::BlockNo) == "block-no");
}

TEST_CASE("bxk: every command goes to the screen's address from 0x8000, any device, CRC, reply wanted") {
    ScreenSpec s = screenSpec(64, 16, renderer::ColorMode::RedGreen, 0x0203);
    std::vector<Command> commands(10);
    const Command::Kind kinds[] = {Command::Kind::Ping,      Command::Kind::Reset,      Command::Kind::SetClock,   Command::Kind::ScreenOn,
                                   Command::Kind::ScreenOff, Command::Kind::TimedOnOff, Command::Kind::Brightness, Command::Kind::Clear,
                                   Command::Kind::Text,      Command::Kind::Bitmap};
    for (int i = 0; i < 10; ++i) commands[static_cast<std::size_t>(i)].kind = kinds[i];
    commands[8].text = "欢迎";
    commands[9].pages = {renderer::Bitmap(64, 16, renderer::ColorMode::RedGreen)};
    auto proto = makeBxkProtocol();
    for (const auto& c : commands) {
        CAPTURE(static_cast<int>(c.kind));
        CHECK(proto->expectsReply(c));
        for (const Bytes& wire : proto->encode(c, s)) {
            DecodedFrame d = decodeBody(wire.data() + kPreambleLength, wire.size() - kPreambleLength - 1);
            REQUIRE(d.status == FrameStatus::Ok);
            CHECK(d.frame.dst == 0x0203);
            CHECK(d.frame.src == 0x8000);
            CHECK(d.frame.deviceType == 0xFE);
            CHECK(d.frame.checkMode == 0);
            CHECK(d.frame.version == 0x02);
            CHECK(d.frame.data[2] == kReplyWanted);
            CHECK(wire.size() <= kMaxWireFrame);
        }
    }
    CHECK(proto->name() == "bx-k");
}

TEST_CASE("bxk: the clock goes as BCD with the year's low pair first and Monday as 1") {
    Command c;
    c.kind = Command::Kind::SetClock;
    c.clock = {2024, 5, 6, 7, 8, 9, 1};
    Bytes data = dataOf(BxkEncoder(screenSpec(8, 8, renderer::ColorMode::Mono)).encode(c).front());
    CHECK(hex(data) == "A2 03 01 00 00 24 20 05 06 07 08 09 01");
    c.clock = {2031, 12, 31, 23, 59, 58, 7};
    data = dataOf(BxkEncoder(screenSpec(8, 8, renderer::ColorMode::Mono)).encode(c).front());
    CHECK(hex(data) == "A2 03 01 00 00 31 20 12 31 23 59 58 07");
}

TEST_CASE("bxk: forced brightness sends the level and 48 zero half-hour levels, as Onbon's DLL does") {
    Command c;
    c.kind = Command::Kind::Brightness;
    c.brightness = 9;
    Bytes data = dataOf(BxkEncoder(screenSpec(8, 8, renderer::ColorMode::Mono)).encode(c).front());
    REQUIRE(data.size() == 5 + 2 + 48);
    CHECK(data[5] == kBrightnessForced);
    CHECK(data[6] == 9);
    for (std::size_t i = 7; i < data.size(); ++i) CHECK(data[i] == 0);
}

TEST_CASE("bxk: timed on/off sends the count then BCD hour and minute pairs") {
    Command c;
    c.kind = Command::Kind::TimedOnOff;
    c.onOff = {{8 * 60 + 30, 17 * 60 + 45}, {0, 23 * 60 + 59}};
    Bytes data = dataOf(BxkEncoder(screenSpec(8, 8, renderer::ColorMode::Mono)).encode(c).front());
    CHECK(hex(data) == "A3 01 01 00 00 02 08 30 17 45 00 00 23 59");
}

TEST_CASE("bxk: fields out of range are refused with the field named") {
    ScreenSpec s = screenSpec(64, 16, renderer::ColorMode::Mono);
    Command c;
    c.kind = Command::Kind::Brightness;
    c.brightness = 16;
    CHECK(thrownMessage(c, s).find("brightness 16 is out of range 0..15") != std::string::npos);
    c.kind = Command::Kind::SetClock;
    c.clock.month = 13;
    CHECK(thrownMessage(c, s).find("clock month 13") != std::string::npos);
    c.clock.month = 1;
    c.clock.weekday = 0;
    CHECK(thrownMessage(c, s).find("clock weekday 0") != std::string::npos);
    c.kind = Command::Kind::TimedOnOff;
    c.onOff = {{24 * 60, 0}};
    CHECK(thrownMessage(c, s).find("switch-on time") != std::string::npos);
}

TEST_CASE("bxk: text with a character outside GBK names it as U+20BB7 and gives its position") {
    Command c;
    c.kind = Command::Kind::Text;
    c.text = "吉祥\xF0\xA0\xAE\xB7如意"; // 𠮷 (U+20BB7) is the third character
    std::string message = thrownMessage(c, screenSpec(64, 16, renderer::ColorMode::Mono));
    CHECK(message.find("U+20BB7") != std::string::npos);
    CHECK(message.find("position 3") != std::string::npos);
    CHECK(message.find("GBK") != std::string::npos);
}

TEST_CASE("bxk: text that is not UTF-8 is refused naming the byte") {
    Command c;
    c.kind = Command::Kind::Text;
    c.text = "ab\xC3";
    CHECK(thrownMessage(c, screenSpec(64, 16, renderer::ColorMode::Mono)).find("not valid UTF-8 at byte 3") != std::string::npos);
}

TEST_CASE("bxk: GBK text decodes back to the same UTF-8, and bytes outside GBK become U+FFFD") {
    const std::string text = "社保医保 No.3 窗口：暂停服务";
    Bytes gbk = encodeGbk(text);
    CHECK(gbk.size() == 2 * 11 + 6); // 11 Chinese characters, " No.3 "
    CHECK(decodeGbk(gbk.data(), gbk.size()) == text);
    const Bytes broken{0x41, 0xFF, 0x42, 0xB0};
    CHECK(decodeGbk(broken.data(), broken.size()) == "A\xEF\xBF\xBD"
                                                     "B\xEF\xBF\xBD");
}

TEST_CASE("bxk: the text area carries colour code, effect, speed, stay and align in 8-pixel columns") {
    Command c;
    c.kind = Command::Kind::Text;
    c.text = "AB";
    c.color = renderer::Color::yellow();
    c.effect = Effect::MoveLeft;
    c.speed = 3;
    c.stayHalfSeconds = 6;
    c.align = HAlign::Center;
    c.x = 16;
    c.y = 4;
    c.areaId = 2;
    Bytes data = dataOf(BxkEncoder(screenSpec(100, 20, renderer::ColorMode::RedGreen)).encode(c).front());
    // Grp Cmd Resp Rsv Rsv | Del Cnt | AreaLen | Type X Y W H | ID Line Run Timeout Sound Ext | Align Single
    // Wrap Disp Exit Speed Stay | TextLen | \C3AB
    CHECK(hex(data) == "A3 06 01 00 00 00 01 20 00 00 02 00 04 00 0B 00 10 00 02 00 00 00 00 00 00 02 01 01 03 00 02 "
                       "06 05 00 00 00 5C 43 33 41 42");
    // On a one-colour card there is no colour code.
    data = dataOf(BxkEncoder(screenSpec(100, 20, renderer::ColorMode::Mono)).encode(c).front());
    CHECK(hex(Bytes(data.end() - 6, data.end())) == "02 00 00 00 41 42");
}

TEST_CASE("bxk: areas off the 8-pixel grid or off the screen are refused") {
    ScreenSpec s = screenSpec(64, 16, renderer::ColorMode::Mono);
    Command c;
    c.kind = Command::Kind::Text;
    c.text = "x";
    c.x = 4;
    CHECK(thrownMessage(c, s).find("not a multiple of 8") != std::string::npos);
    c.x = 64;
    CHECK(thrownMessage(c, s).find("off the 64x16 screen") != std::string::npos);
    c.kind = Command::Kind::Bitmap;
    c.x = 8;
    c.pages = {renderer::Bitmap(64, 16, renderer::ColorMode::Mono)};
    CHECK(thrownMessage(c, s).find("runs off the 64x16 screen") != std::string::npos);
    c.pages.clear();
    CHECK(thrownMessage(c, s).find("at least one page") != std::string::npos);
    c.x = 0;
    c.pages = {renderer::Bitmap(8, 8, renderer::ColorMode::Mono), renderer::Bitmap(16, 8, renderer::ColorMode::Mono)};
    CHECK(thrownMessage(c, s).find("same, non-empty size") != std::string::npos);
    c.pages = {renderer::Bitmap(8, 8, renderer::ColorMode::Rgb)};
    CHECK(thrownMessage(c, screenSpec(8, 8, renderer::ColorMode::Rgb)).find("not rgb") != std::string::npos);
}

TEST_CASE("bxk: text too long for one 1 KB packet is refused") {
    Command c;
    c.kind = Command::Kind::Text;
    for (int i = 0; i < 500; ++i) c.text += "服";
    std::string message = thrownMessage(c, screenSpec(64, 16, renderer::ColorMode::Mono));
    CHECK(message.find("1000 GBK bytes") != std::string::npos);
    CHECK(message.find("at most 1024") != std::string::npos);
}

TEST_CASE("bxk: parseReply reads an ACK as ok and consumes exactly that frame") {
    auto proto = makeBxkProtocol();
    Bytes ack = ackFrame(kAck, 0);
    Bytes received = ack;
    received.push_back(0xA5); // the start of whatever comes next stays unread
    auto r = proto->parseReply(received);
    REQUIRE(r);
    CHECK(r->ok);
    CHECK(r->error.empty());
    CHECK(r->consumed == ack.size());
}

TEST_CASE("bxk: parseReply reads a NACK or a non-zero Err as a failure with the error named") {
    auto proto = makeBxkProtocol();
    auto r = proto->parseReply(ackFrame(kNack, 0x05));
    REQUIRE(r);
    CHECK_FALSE(r->ok);
    CHECK(r->error == "crc");
    r = proto->parseReply(ackFrame(kNack, 0x0C));
    REQUIRE(r);
    CHECK(r->error == "font-missing");
    r = proto->parseReply(ackFrame(kAck, 0x03));
    REQUIRE(r);
    CHECK_FALSE(r->ok);
    CHECK(r->error == "busy");
    r = proto->parseReply(ackFrame(kNack, 0x00));
    REQUIRE(r);
    CHECK_FALSE(r->ok);
    CHECK(r->error == "nack");
}

TEST_CASE("bxk: parseReply waits while the reply is incomplete") {
    auto proto = makeBxkProtocol();
    Bytes ack = ackFrame(kAck, 0);
    for (std::size_t n = 0; n < ack.size(); ++n) {
        CAPTURE(n);
        CHECK_FALSE(proto->parseReply(Bytes(ack.begin(), ack.begin() + static_cast<std::ptrdiff_t>(n))));
    }
    CHECK(proto->parseReply(ack));
}

TEST_CASE("bxk: parseReply skips garbage and the line's echo of our own request and counts them") {
    auto proto = makeBxkProtocol();
    Bytes echo = BxkEncoder(screenSpec(8, 8, renderer::ColorMode::Mono)).encode(Command{}).front();
    Bytes received{0x00, 0xFF, 0x13};
    received.insert(received.end(), echo.begin(), echo.end());
    Bytes ack = ackFrame(kAck, 0);
    received.insert(received.end(), ack.begin(), ack.end());
    auto r = proto->parseReply(received);
    REQUIRE(r);
    CHECK(r->ok);
    CHECK(r->consumed == received.size());
}

TEST_CASE("bxk: parseReply reports a reply damaged on the way as corrupt") {
    Bytes ack = ackFrame(kAck, 0);
    ack[ack.size() - 2] ^= 0x10; // a check byte
    auto r = makeBxkProtocol()->parseReply(ack);
    REQUIRE(r);
    CHECK_FALSE(r->ok);
    CHECK(r->error == "corrupt-reply");
    CHECK(r->garbled); // not the card's refusal: a probe does not take it for a card
    CHECK(r->consumed == ack.size());
    // A card's own refusal is a sound frame.
    auto refused = makeBxkProtocol()->parseReply(ackFrame(kNack, 5));
    REQUIRE(refused);
    CHECK_FALSE(refused->ok);
    CHECK_FALSE(refused->garbled);
}
