// The framing bx-k and bx-6 share: CRC-16/ARC and the A5/A6/5A/5B escapes.
#include "protocols/onbon/OnbonFraming.h"

#include <doctest/doctest.h>

#include <string>

using namespace gongshi::protocols;
using namespace gongshi::protocols::onbon;

TEST_CASE("onbon: CRC-16/ARC of 123456789 is the catalogue check value 0xBB3D") {
    const std::string check = "123456789";
    CHECK(crc16Arc(reinterpret_cast<const std::uint8_t*>(check.data()), check.size()) == 0xBB3D);
    CHECK(crc16Arc(nullptr, 0) == 0x0000);
}

TEST_CASE("onbon: escaping turns A5 A6 5A 5B into two-byte escapes and unescaping restores every byte") {
    const Bytes special{0xA5, 0xA6, 0x5A, 0x5B, 0x00, 0xFF};
    Bytes out;
    appendEscaped(out, special.data(), special.size());
    CHECK(out == Bytes{0xA6, 0x02, 0xA6, 0x01, 0x5B, 0x02, 0x5B, 0x01, 0x00, 0xFF});
    Bytes all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(i));
    Bytes escaped;
    appendEscaped(escaped, all.data(), all.size());
    CHECK(escaped.size() == 256 + 4);
    CHECK(escapedSize(all.data(), all.size()) == escaped.size());
    for (std::uint8_t b : escaped) {
        CHECK(b != kPreambleByte);
        CHECK(b != kEndByte);
    }
    bool clean = false;
    CHECK(unescape(escaped.data(), escaped.size(), &clean) == all);
    CHECK(clean);
}

TEST_CASE("onbon: an escape byte followed by anything but 01 or 02 marks the body unclean") {
    const Bytes bad{0x01, 0xA6, 0x07, 0x5B};
    bool clean = true;
    CHECK(unescape(bad.data(), bad.size(), &clean) == bad);
    CHECK_FALSE(clean);
}

TEST_CASE("onbon: a frame on the wire is the preamble, the escaped bytes and the end byte") {
    CHECK(wrapFrame({0x01, 0x5A, 0xA5}) == Bytes{0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0x01, 0x5B, 0x02, 0xA6, 0x02, 0x5A});
}
