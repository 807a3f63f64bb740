#pragma once
// The framing that Onbon's BX-K (protocol version 0x02) and 6th-generation (0xF0) frames share:
//   A5 x8 | header, data and check, escaped | 5A
// Between the preamble and the end byte A5 -> A6 02, A6 -> A6 01, 5A -> 5B 02, 5B -> 5B 01, so
// neither A5 nor 5A can appear inside a frame. Both generations check with CRC-16/ARC (BX-K also
// has a plain sum, which stays in bxk/).
#include "protocols/Protocol.h"

#include <cstddef>
#include <cstdint>

namespace gongshi::protocols::onbon {

inline constexpr std::uint8_t kPreambleByte = 0xA5;
inline constexpr std::uint8_t kEndByte = 0x5A;
inline constexpr std::size_t kPreambleLength = 8;

// CRC-16/ARC: reflected polynomial 0xA001, init 0, no final xor ("123456789" -> 0xBB3D).
std::uint16_t crc16Arc(const std::uint8_t* data, std::size_t size);

// Whether `b` takes two bytes on the wire.
constexpr bool needsEscape(std::uint8_t b) { return b == 0xA5 || b == 0xA6 || b == 0x5A || b == 0x5B; }
// What `size` raw bytes take on the wire once escaped.
std::size_t escapedSize(const std::uint8_t* raw, std::size_t size);
void appendEscaped(Bytes& out, const std::uint8_t* raw, std::size_t size);
// The inverse of appendEscaped. An escape byte followed by anything but 01/02 (or ending the body)
// is kept as it is and reported through `clean`, so a damaged frame still yields its header.
Bytes unescape(const std::uint8_t* escaped, std::size_t size, bool* clean = nullptr);

// The whole frame on the wire: the preamble, `raw` (header through check) escaped, the end byte.
Bytes wrapFrame(const Bytes& raw);

} // namespace gongshi::protocols::onbon
