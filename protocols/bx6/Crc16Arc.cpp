#include "protocols/bx6/Crc16Arc.h"

#include <array>

namespace gongshi::protocols::bx6 {

namespace {
// A table makes the CRC of a 63 KB frame cheap enough to compute on every packet, both ways.
constexpr std::array<std::uint16_t, 256> makeTable() {
    std::array<std::uint16_t, 256> table{};
    for (unsigned i = 0; i < 256; ++i) {
        unsigned c = i;
        for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? (c >> 1) ^ 0xA001u : c >> 1;
        table[i] = static_cast<std::uint16_t>(c);
    }
    return table;
}
constexpr auto kTable = makeTable();
} // namespace

std::uint16_t crc16Arc(const std::uint8_t* data, std::size_t size) {
    std::uint16_t crc = 0;
    for (std::size_t i = 0; i < size; ++i) crc = static_cast<std::uint16_t>((crc >> 8) ^ kTable[(crc ^ data[i]) & 0xFF]);
    return crc;
}

} // namespace gongshi::protocols::bx6
