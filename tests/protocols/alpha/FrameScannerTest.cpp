#include "protocols/alpha/FrameScanner.h"

#include "protocols/alpha/AlphaPacket.h"

#include <doctest/doctest.h>

namespace gongshi::protocols::alpha {

using Kind = FrameScanner::Piece::Kind;

namespace {
std::vector<FrameScanner::Piece> scanByteByByte(FrameScanner& s, const Bytes& bytes) {
    std::vector<FrameScanner::Piece> out;
    for (auto b : bytes) {
        auto some = s.feed(&b, 1);
        for (auto& p : some) out.push_back(std::move(p));
    }
    return out;
}
} // namespace

TEST_CASE("a packet split across chunks comes out whole, with its NULs counted") {
    Bytes packet = makePacket("00", "E,");
    FrameScanner s;
    CHECK(s.feed(packet.data(), 7).empty());
    auto pieces = s.feed(packet.data() + 7, packet.size() - 7);
    REQUIRE(pieces.size() == 1);
    CHECK(pieces[0].kind == Kind::Frame);
    CHECK(pieces[0].size == packet.size());
    CHECK(pieces[0].frame == Bytes(packet.begin() + 5, packet.end()));
}

TEST_CASE("garbage before a packet is one run reported before the packet, whatever the chunks") {
    Bytes bytes = {'x', 'y', 0x00, 0x01, 0x04};
    Bytes packet = makePacket("00", "E,");
    bytes.insert(bytes.end(), packet.begin(), packet.end());
    for (bool byteByByte : {false, true}) {
        FrameScanner s;
        auto pieces = byteByByte ? scanByteByByte(s, bytes) : s.feed(bytes.data(), bytes.size());
        REQUIRE(pieces.size() == 2);
        CHECK(pieces[0].kind == Kind::Garbage);
        CHECK(pieces[0].size == 5); // a single NUL before SOH does not open a packet
        CHECK(pieces[1].kind == Kind::Frame);
        CHECK(pieces[1].size == packet.size());
    }
}

TEST_CASE("four NULs before SOH are not enough to open a packet") {
    Bytes bytes = {0, 0, 0, 0, 0x01, 'Z', '0', '0', 0x02, 'E', ',', 0x04};
    Bytes packet = makePacket("00", "E,");
    bytes.insert(bytes.end(), packet.begin(), packet.end());
    FrameScanner s;
    auto pieces = s.feed(bytes.data(), bytes.size());
    REQUIRE(pieces.size() == 2);
    CHECK(pieces[0].kind == Kind::Garbage);
    CHECK(pieces[0].size == 12);
    CHECK(pieces[1].kind == Kind::Frame);
}

TEST_CASE("a packet cut off by the next packet's NULs is reported as truncated") {
    Bytes first = makePacket("00", "E 0930");
    Bytes bytes(first.begin(), first.begin() + 12);
    Bytes second = makePacket("00", "E,");
    bytes.insert(bytes.end(), second.begin(), second.end());
    FrameScanner s;
    auto pieces = s.feed(bytes.data(), bytes.size());
    REQUIRE(pieces.size() == 2);
    CHECK(pieces[0].kind == Kind::Truncated);
    CHECK(pieces[0].size == 12);
    CHECK(pieces[1].kind == Kind::Frame);
    CHECK(pieces[1].size == second.size());
}

TEST_CASE("a packet without EOT is dropped at the size limit and the stream resynchronises") {
    Bytes bytes = {0, 0, 0, 0, 0, 0x01};
    bytes.resize(5 + FrameScanner::MaxFrame, 'a');
    Bytes packet = makePacket("00", "E,");
    bytes.insert(bytes.end(), packet.begin(), packet.end());
    FrameScanner s;
    auto pieces = s.feed(bytes.data(), bytes.size());
    REQUIRE(pieces.size() == 2);
    CHECK(pieces[0].kind == Kind::TooLong);
    CHECK(pieces[0].size == 5 + FrameScanner::MaxFrame);
    CHECK(pieces[1].kind == Kind::Frame);
}

TEST_CASE("a long garbage run is reported in pieces of a fixed size") {
    Bytes bytes(FrameScanner::MaxGarbageRun + 10, 'g');
    FrameScanner s;
    auto pieces = s.feed(bytes.data(), bytes.size());
    REQUIRE(pieces.size() == 1);
    CHECK(pieces[0].kind == Kind::Garbage);
    CHECK(pieces[0].size == FrameScanner::MaxGarbageRun);
}

} // namespace gongshi::protocols::alpha
