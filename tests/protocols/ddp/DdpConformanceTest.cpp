// Our DDP against LedFx's sender and WLED's receiver, run on their own code:
// tests/golden/protocols/ddp/third-party/ledfx-*.hex are the datagrams LedFx's DDPDevice.send_out
// sent for the same pictures, and wled-handleDDPPacket.hex is what WLED's handleDDPPacket drew from
// our datagrams (library, commit, function and parameters are named in each file).
#include "protocols/ddp/DdpCard.h"
#include "protocols/ddp/DdpHeader.h"
#include "protocols/ddp/DdpProtocol.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/ProtocolTestSupport.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>

using namespace gongshi::protocols;
using namespace gongshi::protocols::ddp;
using gongshi::renderer::Bitmap;
using gongshi::renderer::ColorMode;

namespace {

// The pictures both sides were given: picture k of a scenario.
Bitmap picture(int w, int h, int k) {
    Bitmap b(w, h, ColorMode::Rgb);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            b.setPixel(x, y,
                       {static_cast<std::uint8_t>((x * 7 + y * 13 + k * 50) & 255), static_cast<std::uint8_t>((x * 3 + y * 5 + 40) & 255),
                        static_cast<std::uint8_t>(((x * 11) ^ (y * 17)) & 255)});
    return b;
}

std::vector<Bytes> framesOf(DdpProtocol& proto, int w, int h, int frames) {
    ScreenSpec s = gongshi::test::screenSpec(w, h, ColorMode::Rgb);
    std::vector<Bytes> out;
    for (int k = 0; k < frames; ++k)
        for (Bytes& d : proto.encode(gongshi::test::bitmapCommand({picture(w, h, k)}), s)) out.push_back(std::move(d));
    return out;
}

std::uint64_t fnv1a64(const std::vector<std::uint8_t>& bytes) {
    std::uint64_t h = 1469598103934665603ull;
    for (std::uint8_t b : bytes) {
        h ^= b;
        h *= 1099511628211ull;
    }
    return h;
}

struct Scenario {
    std::string name;
    int frames = 0, width = 0, height = 0;
    bool skip = false, noPush = false;
    struct Datagram {
        bool drawn = false, shown = false;
        std::uint64_t hash = 0;
    };
    std::vector<Datagram> datagrams;
};

std::vector<Scenario> wledScenarios() {
    std::ifstream in(std::filesystem::path(gongshi::test::sourceDir()) / "tests/golden/protocols/ddp/third-party/wled-handleDDPPacket.hex");
    REQUIRE(in);
    const std::regex scenario(R"(# scenario (\S+): (\d+) frame\(s\) of (\d+)x(\d+), e131SkipOutOfSequence=(\w+)(, push flags cleared.*)?)");
    const std::regex datagram(R"(# datagram \d+: .*: (drawn|skipped)(, shown, fnv1a64 ([0-9A-F]+))?)");
    std::vector<Scenario> out;
    std::smatch m;
    for (std::string line; std::getline(in, line);) {
        if (std::regex_match(line, m, scenario)) {
            out.push_back({m[1], std::stoi(m[2]), std::stoi(m[3]), std::stoi(m[4]), m[5] == "true", m[6].matched, {}});
        } else if (std::regex_match(line, m, datagram)) {
            REQUIRE_FALSE(out.empty());
            out.back().datagrams.push_back({m[1] == "drawn", m[2].matched, m[3].matched ? std::stoull(m[3], nullptr, 16) : 0});
        }
    }
    return out;
}

} // namespace

TEST_CASE("LedFx: our frames of 1, 480 and 481 pixels and a run of multi-packet frames are its send_out datagrams") {
    struct Case {
        const char* file;
        int w, h, frames;
    };
    for (Case c : {Case{"ledfx-1px", 1, 1, 1}, Case{"ledfx-480px", 480, 1, 1}, Case{"ledfx-481px", 481, 1, 1},
                   Case{"ledfx-40x40-3-frames", 40, 40, 3}}) {
        CAPTURE(c.file);
        DdpProtocol proto;
        std::vector<Bytes> theirs;
        for (auto& p : gongshi::test::readGoldenPackets("ddp/third-party", c.file)) theirs.push_back(p.bytes);
        CHECK(framesOf(proto, c.w, c.h, c.frames) == theirs);
    }
}

TEST_CASE("our display takes every LedFx frame and shows each picture on its push") {
    auto theirs = gongshi::test::readGoldenPackets("ddp/third-party", "ledfx-40x40-3-frames");
    REQUIRE(theirs.size() == 12);
    DdpCard card(gongshi::test::screenSpec(40, 40, ColorMode::Rgb, 1, {{"skip-out-of-sequence", "on"}}));
    int frame = 0;
    for (const auto& d : theirs) {
        auto events = card.feedDatagram(d.bytes);
        REQUIRE(events.size() == 1);
        CHECK(events[0].ok);
        CHECK(events[0].cmd == "bitmap");
        if (events[0].details.at("push") == "1") CHECK(card.screen() == picture(40, 40, frame++));
    }
    CHECK(frame == 3);
    DdpCard one(gongshi::test::screenSpec(481, 1, ColorMode::Rgb));
    for (const auto& d : gongshi::test::readGoldenPackets("ddp/third-party", "ledfx-481px")) one.feedDatagram(d.bytes);
    CHECK(one.screen() == picture(481, 1, 0));
}

TEST_CASE("WLED: our display draws, skips and shows our datagrams as WLED's handleDDPPacket did") {
    auto scenarios = wledScenarios();
    REQUIRE(scenarios.size() == 7);
    for (const Scenario& s : scenarios) {
        CAPTURE(s.name);
        DdpProtocol proto;
        std::vector<Bytes> ours = framesOf(proto, s.width, s.height, s.frames);
        REQUIRE(ours.size() == s.datagrams.size());
        DdpCard card(gongshi::test::screenSpec(s.width, s.height, ColorMode::Rgb, 1, {{"skip-out-of-sequence", s.skip ? "on" : "off"}}));
        for (std::size_t i = 0; i < ours.size(); ++i) {
            CAPTURE(i);
            if (s.noPush) ours[i][0] &= static_cast<std::uint8_t>(~kFlagPush);
            auto events = card.feedDatagram(ours[i]);
            REQUIRE(events.size() == 1);
            CHECK((events[0].cmd == "bitmap") == s.datagrams[i].drawn);
            CHECK(events[0].screenChanged == s.datagrams[i].shown);
            if (s.datagrams[i].shown) CHECK(fnv1a64(card.screen().bytes()) == s.datagrams[i].hash);
        }
        CHECK(card.screen() == picture(s.width, s.height, s.frames - 1));
    }
}
