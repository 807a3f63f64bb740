#pragma once
// One 6th-generation frame (protocol version 0xF0) and its packing on the wire:
//   A5 x8 | Dst u16 | Src u16 | Ver F0 | Rsv | DevType u16 | Rsv[4] | Len u32 | data[Len] | CRC u16 | 5A
// CRC-16/ARC over Dst..data before escaping, low byte first; between the preamble and the final 5A,
// A5 -> A6 02, A6 -> A6 01, 5A -> 5B 02, 5B -> 5B 01 (onbon/OnbonFraming, shared with bx-k).
#include "protocols/Protocol.h"
#include "protocols/onbon/OnbonFraming.h"

#include <cstddef>
#include <cstdint>

namespace gongshi::protocols::bx6 {

using onbon::kEndByte;
using onbon::kPreambleByte;
using onbon::kPreambleLength;
inline constexpr std::uint8_t kProtocolVersion = 0xF0;
inline constexpr std::uint16_t kHostAddress = 0x8000;
inline constexpr std::uint16_t kAnyDevice = 0xFFFE; // Onbon's wildcard device type (its ping example)
inline constexpr std::size_t kHeaderSize = 16;
// The largest frame on the wire, preamble and escapes included: about 63 KB per Onbon.
inline constexpr std::size_t kMaxWireBytes = 64512;

struct Bx6Frame {
    std::uint16_t dst = 0xFFFF;
    std::uint16_t src = kHostAddress;
    std::uint8_t version = kProtocolVersion;
    std::uint16_t deviceType = 0x0266;
    // The data domain that Len counts: RtnReq (reserved in replies), Grp, Cmd, then the command's bytes.
    Bytes data;
};

enum class UnpackError { None, Escape, Length, Crc };
const char* unpackErrorName(UnpackError error); // "escape", "length", "crc"

Bytes packFrame(const Bx6Frame& frame);
// `body` is what came between the preamble and the end byte, still escaped.
UnpackError unpackFrame(const std::uint8_t* body, std::size_t size, Bx6Frame& out);
// The same once the escapes are undone.
UnpackError unpackRawFrame(const Bytes& raw, Bx6Frame& out);

} // namespace gongshi::protocols::bx6
