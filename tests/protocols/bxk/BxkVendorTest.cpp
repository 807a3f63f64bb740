// Conformance with Onbon's own code and a third party's: tests/golden/protocols/bxk-vendor holds the
// bytes that onbonlab/bx.k.java, onbonlab/bx.k.csharp and LuckyKoala/BX5KProtocol wrote when run
// outside the repository (library, commit, function and parameters in each file). Our encoder
// must write the same bytes, and our card must take and draw every valid frame they build.
#include "protocols/bxk/BxkCard.h"
#include "protocols/bxk/BxkEncoder.h"
#include "protocols/bxk/BxkFrame.h"
#include "protocols/bxk/BxkProgramFile.h"
#include "protocols/bxk/BxkReply.h"
#include "tests/protocols/bxk/BxkTestSupport.h"
#include "protocols/bxk/GbkCodec.h"
#include "protocols/onbon/OnbonFraming.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/ProtocolTestSupport.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using namespace gongshi;
using namespace gongshi::protocols;
using namespace gongshi::protocols::bxk;
using gongshi::test::feedAll;
using gongshi::test::screenSpec;
using renderer::ColorMode;

namespace {

// The packets of a vendor golden file: one per line, '#' lines are its notes.
std::vector<Bytes> vendor(const std::string& name) {
    std::ifstream in(gongshi::test::sourceDir() + "/tests/golden/protocols/bxk-vendor/" + name + ".hex");
    REQUIRE_MESSAGE(in, "missing vendor golden file " << name);
    std::vector<Bytes> out;
    std::string line;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#') out.push_back(gongshi::test::fromHex(line));
    REQUIRE_FALSE(out.empty());
    return out;
}

Command kind(Command::Kind k) {
    Command c;
    c.kind = k;
    return c;
}

std::vector<Bytes> ours(const Command& c, std::uint16_t address = 1) {
    return BxkEncoder(screenSpec(64, 16, ColorMode::RedGreen, address)).encode(c);
}

} // namespace

TEST_CASE("bxk vendor: ping, status, clock, on, off and clear are byte for byte what bx.k.java and LuckyKoala send") {
    using K = Command::Kind;
    CHECK(ours(kind(K::Ping)) == vendor("java-ping"));
    CHECK(ours(kind(K::Ping)) == vendor("luckykoala-ping"));
    CHECK(ours(kind(K::Status)) == vendor("java-status"));
    CHECK(ours(kind(K::Status)) == vendor("luckykoala-status"));
    CHECK(ours(kind(K::Status), 0xFFFE) == vendor("java-status-probe"));
    Command clock = kind(K::SetClock);
    clock.clock = {2024, 3, 15, 9, 30, 5, 5};
    CHECK(ours(clock) == vendor("java-clock"));
    CHECK(ours(kind(K::ScreenOn)) == vendor("java-on"));
    CHECK(ours(kind(K::ScreenOff)) == vendor("java-off"));
    CHECK(ours(kind(K::Clear)) == vendor("java-clear"));
    CHECK(ours(kind(K::Clear)) == vendor("luckykoala-clear"));
}

TEST_CASE("bxk vendor: a scrolling text area is byte for byte what bx.k.java's BxCmdSendDynamicArea sends") {
    Command t = kind(Command::Kind::Text);
    t.text = "一号窗口：社保";
    t.color = renderer::Color::green();
    t.effect = Effect::MoveLeft;
    t.speed = 2;
    t.stayHalfSeconds = 4;
    CHECK(ours(t) == vendor("java-text"));
}

TEST_CASE("bxk vendor: our card takes and draws every text frame bx.k.java and LuckyKoala build, logging every area") {
    struct Case {
        const char* file;
        int width, height, areas;
        const char* text;
    };
    for (const Case& c :
         {Case{"java-text", 64, 16, 1, "一号窗口：社保"}, Case{"java-text-sound1", 64, 16, 1, "请1号到3窗口"},
          Case{"java-text-sound2", 64, 16, 1, "请1号"}, Case{"java-text-two-areas", 64, 16, 2, "AB"},
          Case{"luckykoala-display", 192, 32, 1, "012345QRSTTV'B"}, Case{"luckykoala-display-64x16", 64, 16, 1, "鄂ACD345超重"}}) {
        CAPTURE(std::string(c.file));
        std::vector<bxk::test::RecordingDrawer::Call> calls;
        BxkCard card(screenSpec(c.width, c.height, ColorMode::RedGreen), bxk::test::RecordingDrawer{&calls});
        auto events = feedAll(card, vendor(c.file), false);
        REQUIRE(events.size() == 1);
        CHECK(events[0].ok);
        CHECK(events[0].details.at("areas") == std::to_string(c.areas));
        CHECK(events[0].details.at("text") == c.text);
        CHECK(events[0].screenChanged);
        REQUIRE(calls.size() == static_cast<std::size_t>(c.areas));
        auto reply = parseBxkReply(events[0].reply);
        REQUIRE(reply);
        CHECK(reply->ok);
    }
    std::vector<bxk::test::RecordingDrawer::Call> calls;
    BxkCard card(screenSpec(64, 16, ColorMode::RedGreen), bxk::test::RecordingDrawer{&calls});
    auto two = feedAll(card, vendor("java-text-two-areas"), false);
    CHECK(two[0].details.at("text.2") == "CD");
    CHECK(two[0].details.at("color.2") == "green");
    CHECK(two[0].details.at("area.2") == "0,8,64,8");
    auto sound = feedAll(card, vendor("java-text-sound2"), false);
    CHECK(sound[0].details.at("sound") == "2");
    CHECK(sound[0].details.at("spoken") == "请一号");
}

TEST_CASE("bxk vendor: a program's text area record is byte for byte what Onbon's C# demo builds") {
    ProgramTextArea a;
    a.width = 64;
    a.height = 16;
    a.displayMode = 1;
    a.stayHalfSeconds = 10;
    const std::string text = "\\C2AB12";
    a.text.assign(text.begin(), text.end());
    CHECK(encodeProgramArea(a) == vendor("csharp-program-area").front());
}

TEST_CASE("bxk vendor: bx.k.java's program file differs from ours only where Led5kSDK.dll fills in what bx.k.java leaves") {
    Command area = kind(Command::Kind::Text);
    area.text = "中文测试";
    ScreenSpec mono = screenSpec(64, 16, ColorMode::Mono); // no colour code, as the Java area has none
    Command program = kind(Command::Kind::Program);
    program.areas = {area};
    Bytes file = BxkEncoder(mono).programFile(program);
    const Bytes java = vendor("java-program-file").front();
    REQUIRE(file.size() == java.size());
    // bx.k.java: FileLen 0, byte 9 (its "priority") 00 where the DLL writes FF, AreaLen without its
    // own 4 bytes, DynamicAreaLoc FF as given, auto-wrap 1, and CRC 0 (never computed).
    Bytes expected = file;
    for (int i = 5; i < 9; ++i) expected[static_cast<std::size_t>(i)] = 0;
    expected[9] = 0x00;
    expected[25] = static_cast<std::uint8_t>(expected[25] - 4);
    expected[46] = 0x01; // SingleLine: ours multi-line (2); the Java area was built single (1)
    expected[47] = 0x01; // NewLine: we wrap (2); the Java area was built with 1
    expected[file.size() - 2] = expected[file.size() - 1] = 0;
    CHECK(gongshi::test::hex(expected) == gongshi::test::hex(java));
    // The card takes our file and plays its text.
    std::vector<bxk::test::RecordingDrawer::Call> calls;
    BxkCard card(mono, bxk::test::RecordingDrawer{&calls});
    auto events = feedAll(card, BxkEncoder(mono).encode(program), false);
    CHECK(events.back().details.at("step") == "written");
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].text == "中文测试");
}

TEST_CASE("bxk vendor: file write start and block carry what bx.k.java sends, with the DLL's FileLen and u32 address") {
    const Bytes start = vendor("java-file-start").front();
    const Bytes block = vendor("java-file-block").front();
    // bx.k.java's A1 05: Overwrite 01, Name "P000" (the DLL adds FileLen u32).
    auto raw = [](const Bytes& wire) { return onbon::unescape(wire.data() + 8, wire.size() - 9); };
    const Bytes s = raw(start), b = raw(block);
    CHECK(Bytes(s.begin() + 14, s.end() - 2) == Bytes{0xA1, 0x05, 0x01, 0x00, 0x00, 0x01, 'P', '0', '0', '0'});
    // bx.k.java's A1 06: Name, Last 01, BlockNo 0000, BlockLen, BlockAddr u16 (the DLL: u32).
    CHECK(Bytes(b.begin() + 19, b.begin() + 28) == Bytes{'P', '0', '0', '0', 0x01, 0x00, 0x00, 0x42, 0x00});
    Command area = kind(Command::Kind::Text);
    area.text = "中文测试";
    Command program = kind(Command::Kind::Program);
    program.areas = {area};
    const auto frames = BxkEncoder(screenSpec(64, 16, ColorMode::Mono)).encode(program);
    const Bytes os = raw(frames[0]), ob = raw(frames[1]);
    CHECK(Bytes(os.begin() + 14, os.begin() + 24) == Bytes(s.begin() + 14, s.end() - 2));
    CHECK(os[24] == 0x42); // FileLen u32 follows the name
    CHECK(Bytes(ob.begin() + 19, ob.begin() + 28) == Bytes(b.begin() + 19, b.begin() + 28));
    CHECK(Bytes(ob.begin() + 28, ob.begin() + 30) == Bytes{0x00, 0x00}); // the address's two high bytes
}

TEST_CASE("bxk vendor: our card plays a program file around the area record Onbon's C# demo builds") {
    // The file as Led5kSDK.dll's OFS_SendFileData lays it out around the demo's AreaDataList.
    const Bytes area = vendor("csharp-program-area").front();
    Bytes file{0x00, 'P', '0', '0', '0', 0, 0, 0, 0, 0xFF, 0x00, 0x00, 0x01};
    file.insert(file.end(), 8, 0xFF);                  // ProgramLife
    file.insert(file.end(), {0xFF, 0x00, 0x00, 0x01}); // Week, ProgramTime, periods, AreaCount
    file.insert(file.end(), area.begin(), area.end());
    const std::size_t size = file.size() + 2;
    file[5] = static_cast<std::uint8_t>(size);
    const std::uint16_t crc = onbon::crc16Arc(file.data(), file.size());
    file.push_back(static_cast<std::uint8_t>(crc));
    file.push_back(static_cast<std::uint8_t>(crc >> 8));
    std::vector<bxk::test::RecordingDrawer::Call> calls;
    BxkCard card(screenSpec(64, 16, ColorMode::RedGreen), bxk::test::RecordingDrawer{&calls});
    card.restoreFlash({{"P000", file}});
    REQUIRE(card.flash().count("P000") == 1);
    REQUIRE(calls.size() == 1);
    CHECK(calls[0].text == "AB12");
    CHECK(calls[0].color == renderer::Color::green());
    CHECK(calls[0].width >= 64); // the demo's area is SingleLine 1: one line, never wrapped in its 64 pixels
    CHECK(calls[0].height == 16);
    CHECK(card.screen().crop(0, 0, 4, 1).litCount() == 4);
}

namespace {
// Onbon's DLL, run on an emulated CPU: per packet Grp Cmd and the data after the command head.
struct DllPacket {
    std::uint8_t group = 0, cmd = 0;
    Bytes data;
};
std::vector<DllPacket> dll(const std::string& name) {
    std::vector<DllPacket> out;
    for (const Bytes& line : vendor("dll-" + name)) {
        REQUIRE(line.size() >= 2);
        out.push_back({line[0], line[1], Bytes(line.begin() + 2, line.end())});
    }
    return out;
}
// Our packets in the same terms (the frame checked, Resp 01 and the reserved bytes 00).
std::vector<DllPacket> asDll(const std::vector<Bytes>& frames) {
    std::vector<DllPacket> out;
    for (const Bytes& f : frames) {
        const Bytes raw = onbon::unescape(f.data() + 8, f.size() - 9);
        REQUIRE(raw.size() >= 14 + 5 + 2);
        const Bytes data(raw.begin() + 14, raw.end() - 2);
        CHECK(data[2] == 0x01);
        CHECK(data[3] == 0x00);
        CHECK(data[4] == 0x00);
        out.push_back({data[0], data[1], Bytes(data.begin() + 5, data.end())});
    }
    return out;
}
void checkSame(const std::vector<DllPacket>& ours, const std::vector<DllPacket>& theirs) {
    REQUIRE(ours.size() == theirs.size());
    for (std::size_t i = 0; i < ours.size(); ++i) {
        CAPTURE(i);
        CHECK(ours[i].group == theirs[i].group);
        CHECK(ours[i].cmd == theirs[i].cmd);
        CHECK(gongshi::test::hex(ours[i].data) == gongshi::test::hex(theirs[i].data));
    }
}
} // namespace

TEST_CASE("bxk vendor: every command is what Onbon's own Led5kSDK.dll builds, byte for byte") {
    using K = Command::Kind;
    const ScreenSpec rg = screenSpec(64, 16, ColorMode::RedGreen), mono = screenSpec(64, 16, ColorMode::Mono);
    auto enc = [](const Command& c, const ScreenSpec& s) { return asDll(BxkEncoder(s).encode(c)); };
    checkSame(enc(kind(K::Ping), rg), dll("ping"));
    checkSame(enc(kind(K::Status), rg), dll("status"));
    checkSame(enc(kind(K::Clear), rg), dll("clear"));
    checkSame(enc(kind(K::ScreenOn), rg), dll("on"));
    checkSame(enc(kind(K::ScreenOff), rg), dll("off"));
    Command clock = kind(K::SetClock);
    clock.clock = {2024, 3, 15, 9, 30, 5, 5};
    checkSame(enc(clock, rg), dll("clock"));
    Command timer = kind(K::TimedOnOff);
    timer.onOff = {{8 * 60 + 30, 17 * 60 + 30}};
    checkSame(enc(timer, rg), dll("timer"));
    Command bright = kind(K::Brightness);
    bright.brightness = 12;
    checkSame(enc(bright, rg), dll("brightness"));
    Command t = kind(K::Text);
    t.text = "一号窗口：社保";
    t.color = renderer::Color::green();
    t.effect = Effect::MoveLeft;
    t.speed = 2;
    t.stayHalfSeconds = 4;
    checkSame(enc(t, rg), dll("text"));
    // A 16x4 picture at (8, 2): pixel (0, 0) and (15, 1) lit.
    renderer::Bitmap page(16, 4, ColorMode::Mono);
    page.setPixel(0, 0, renderer::Color::white());
    page.setPixel(15, 1, renderer::Color::white());
    const auto special = enc(gongshi::test::bitmapCommand({page}, 8, 2), mono);
    REQUIRE(special.size() == 2);
    checkSame({special[0]}, dll("special-setup"));
    checkSame({special[1]}, dll("special-dots"));
    Command area = kind(K::Text);
    area.text = "中文测试";
    area.stayHalfSeconds = 10;
    Command program = kind(K::Program);
    program.areas = {area};
    checkSame(enc(program, mono), dll("program"));
}

TEST_CASE("bxk vendor: our card plays the two-area program file Onbon's DLL writes, block by block") {
    std::vector<Bytes> frames;
    for (const auto& p : dll("program-two")) {
        BxkFrame f;
        f.data = {p.group, p.cmd, kReplyWanted, 0x00, 0x00};
        for (std::uint8_t b : p.data) f.data.push_back(b); // (a range insert here trips GCC 12's -Warray-bounds)
        frames.push_back(encodeFrame(f));
    }
    REQUIRE(frames.size() == 3); // the start and two blocks of at most 450 bytes
    std::vector<bxk::test::RecordingDrawer::Call> calls;
    BxkCard card(screenSpec(256, 32, ColorMode::Mono), bxk::test::RecordingDrawer{&calls});
    auto events = feedAll(card, frames, false);
    REQUIRE(events.size() == 3);
    for (const auto& e : events) CHECK(e.ok);
    CHECK(events.back().details.at("step") == "written");
    CHECK(events.back().details.at("areas") == "2");
    REQUIRE(calls.size() == 2);
    CHECK(calls[0].text == "中文测试");
    CHECK(calls[0].width == 64);
    CHECK(calls[1].text.size() == 900); // 办 x 300 in UTF-8
    CHECK(calls[1].width >= 300 * 16);  // a single line (the marquee), never wrapped in its 128 pixels
    CHECK(calls[1].height == 16);
}

TEST_CASE("bxk vendor: the card's status answer names A1 02's command, the only form Onbon's DLL takes") {
    // Led5kSDK.dll's CON_ControllerStatus, run with a card's reply: with A0 02 it copies the data
    // after the reply head to pStatus as it is; with A0 00 it returns ERR_PROTOCOL (101).
    const ScreenSpec s = screenSpec(64, 16, ColorMode::Mono);
    BxkCard card(s, nullptr);
    auto events = feedAll(card, BxkEncoder(s).encode(kind(Command::Kind::Status)), false);
    REQUIRE(events.size() == 1);
    const Bytes raw = onbon::unescape(events[0].reply.data() + 8, events[0].reply.size() - 9);
    CHECK(raw[14] == 0xA0);
    CHECK(raw[15] == 0x02);
    CHECK(raw[16] == 0x00);
    auto reply = parseBxkReply(events[0].reply);
    REQUIRE(reply);
    CHECK(reply->ok);
    CHECK(reply->data.size() == 18);
}
