#include "protocols/alpha/AlphaPacket.h"

#include "common/Error.h"
#include "tests/protocols/alpha/AlphaTestSupport.h"

#include <doctest/doctest.h>

namespace gongshi::protocols::alpha {

TEST_CASE("the checksum is the 16-bit sum of STX through ETX, where an XOR would differ") {
    // STX 'E' ' ' '0' '9' '3' '0' ETX: 02+45+20+30+39+33+30+03 = 0x136; their XOR is 0x6E.
    const std::uint8_t body[] = {0x02, 0x45, 0x20, 0x30, 0x39, 0x33, 0x30, 0x03};
    std::uint8_t xorSum = 0;
    for (auto b : body) xorSum ^= b;
    CHECK(xorSum == 0x6E);
    CHECK(checksum(body, sizeof body) == 0x0136);
    CHECK(checksumText(0x0136) == "0136");
}

TEST_CASE("a packet is five NULs, SOH, type Z, address, STX, command, ETX, sum in uppercase hex, EOT") {
    Bytes expected = {0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 'Z', '0', '0', 0x02, 'E',
                      ' ',  '0',  '9',  '3',  '0',  0x03, '0', '1', '3', '6',  0x04};
    CHECK(makePacket("00", "E 0930") == expected);
}

TEST_CASE("the checksum keeps only the low 16 bits of the sum") {
    std::vector<std::uint8_t> bytes(300, 0xFF); // 76500 = 0x12AD4
    CHECK(checksum(bytes.data(), bytes.size()) == 0x2AD4);
    CHECK(checksumText(0xABCD) == "ABCD");
}

TEST_CASE("four hex digits read in either case, and anything else is refused") {
    CHECK(parseHex4("0a1F") == std::optional<std::uint16_t>(0x0A1F));
    CHECK_FALSE(parseHex4("0A1G").has_value());
    CHECK_FALSE(parseHex4("0A1").has_value());
}

TEST_CASE("address 0 goes to every sign as 00 and others as two uppercase hex digits") {
    CHECK(addressField(0) == "00");
    CHECK(addressField(10) == "0A");
    CHECK(addressField(255) == "FF");
    CHECK_THROWS_WITH_AS(addressField(256), doctest::Contains("out of range"), InputError);
}

} // namespace gongshi::protocols::alpha
