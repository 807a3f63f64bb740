// sendCommand keeps the pauses a protocol asks for: an Alpha sign gets each packet in parts with
// the line quiet between them; a protocol without pauses gets one write per packet.
#include "protocols/CommandSender.h"

#include "protocols/alpha/AlphaProtocol.h"
#include "protocols/transport/Transport.h"
#include "tests/support/ProtocolTestSupport.h"

#include <doctest/doctest.h>

#include <chrono>

namespace gongshi::protocols::alpha {

namespace {

using Clock = std::chrono::steady_clock;

// A link that keeps every write and when it came.
class RecordingLink : public transport::Transport {
public:
    struct Write {
        Bytes bytes;
        Clock::time_point at;
    };
    std::vector<Write> writes;

    void write(const Bytes& bytes) override { writes.push_back({bytes, Clock::now()}); }
    Bytes read(transport::Millis) override { return {}; }
    void close() override {}
    std::string describe() const override { return "recording"; }
};

long long msBetween(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
}

} // namespace

TEST_CASE("an alpha packet is written in parts with the sign's pauses between them, and the same bytes") {
    auto proto = makeAlphaProtocol();
    Command clock;
    clock.kind = Command::Kind::SetClock;
    clock.clock = {2026, 3, 9, 14, 5, 0, 1};
    auto packets = proto->encode(clock, gongshi::test::screenSpec(80, 7, renderer::ColorMode::Mono, 0));
    RecordingLink link;
    SendOutcome out = sendCommand(link, *proto, packets, false, std::chrono::milliseconds(100), 0);
    CHECK(out.ok());
    CHECK(out.packets == 3);
    REQUIRE(link.writes.size() == 6);
    Bytes all;
    for (std::size_t i = 0; i < link.writes.size(); ++i) {
        all.insert(all.end(), link.writes[i].bytes.begin(), link.writes[i].bytes.end());
        // The header up to STX, then the command after 100 ms.
        if (i % 2 == 0) {
            CHECK(link.writes[i].bytes.size() == 10);
            CHECK(link.writes[i].bytes.back() == 0x02);
            CHECK(msBetween(link.writes[i].at, link.writes[i + 1].at) >= 95);
        }
    }
    CHECK(all == gongshi::test::joined(packets));
}

TEST_CASE("a memory configuration is followed by a second of quiet before the next packet") {
    auto proto = makeAlphaProtocol();
    Command text;
    text.kind = Command::Kind::Text;
    text.text = "HI";
    auto packets = proto->encode(text, gongshi::test::screenSpec(80, 7, renderer::ColorMode::Mono, 0));
    REQUIRE(packets.size() == 2);
    RecordingLink link;
    CHECK(sendCommand(link, *proto, packets, false, std::chrono::milliseconds(100), 0).ok());
    REQUIRE(link.writes.size() == 4);
    CHECK(link.writes[1].bytes.back() == 0x04); // the memory configuration's EOT
    CHECK(msBetween(link.writes[1].at, link.writes[2].at) >= 990);
}

TEST_CASE("a protocol without pauses gets one write per packet") {
    auto ddp = makeProtocol("ddp");
    Command clear;
    clear.kind = Command::Kind::Clear;
    auto packets = ddp->encode(clear, gongshi::test::screenSpec(30, 20, renderer::ColorMode::Rgb));
    REQUIRE(packets.size() == 2);
    RecordingLink link;
    CHECK(sendCommand(link, *ddp, packets, false, std::chrono::milliseconds(100), 0).ok());
    REQUIRE(link.writes.size() == 2);
    CHECK(link.writes[0].bytes == packets[0]);
    CHECK(link.writes[1].bytes == packets[1]);
}

} // namespace gongshi::protocols::alpha
