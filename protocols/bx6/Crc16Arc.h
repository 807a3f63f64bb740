#pragma once
// CRC-16/ARC (reflected polynomial 0xA001, init 0, no final xor): the check Onbon's 6th-generation
// frames carry. Check value: "123456789" -> 0xBB3D.
#include <cstddef>
#include <cstdint>

namespace gongshi::protocols::bx6 {

std::uint16_t crc16Arc(const std::uint8_t* data, std::size_t size);

} // namespace gongshi::protocols::bx6
