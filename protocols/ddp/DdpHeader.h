#pragma once
// The DDP packet header (3waylabs' Distributed Display Protocol, as WLED, xLights and FPP use it):
//   byte 0 flags VV x T S R Q P   (VV = 01 version 1; T timecode follows, 14-byte header;
//                                  R reply, Q query, P push = show what was received)
//   byte 1 sequence in the low 4 bits, 1..15, 0 = not used
//   byte 2 data type (0x0B = RGB, 8 bits per channel)
//   byte 3 destination id (1 = display, 246 control, 250 config, 251 status, 255 all)
//   bytes 4..7 data offset in bytes, big-endian; bytes 8..9 data length, big-endian
#include "protocols/Protocol.h"

#include <cstddef>
#include <cstdint>
#include <optional>

namespace gongshi::protocols::ddp {

inline constexpr std::size_t kHeaderSize = 10;
inline constexpr std::size_t kTimecodeHeaderSize = 14;
inline constexpr std::size_t kMaxData = 1440; // 480 RGB pixels: one Ethernet frame with headers
inline constexpr std::uint8_t kVersion1 = 0x40;
inline constexpr std::uint8_t kFlagTimecode = 0x10;
inline constexpr std::uint8_t kFlagStorage = 0x08;
inline constexpr std::uint8_t kFlagReply = 0x04;
inline constexpr std::uint8_t kFlagQuery = 0x02;
inline constexpr std::uint8_t kFlagPush = 0x01;
inline constexpr std::uint8_t kTypeRgb8 = 0x0B;
inline constexpr std::uint8_t kTypeUndefined = 0x00;
inline constexpr std::uint8_t kIdDisplay = 1;
inline constexpr std::uint8_t kIdControl = 246;
inline constexpr std::uint8_t kIdConfig = 250;
inline constexpr std::uint8_t kIdStatus = 251;

struct DdpHeader {
    std::uint8_t flags = kVersion1;
    std::uint8_t sequence = 1;
    std::uint8_t dataType = kTypeRgb8;
    std::uint8_t id = kIdDisplay;
    std::uint32_t offset = 0;
    std::uint16_t length = 0;

    int version() const { return flags >> 6; }
    bool push() const { return (flags & kFlagPush) != 0; }
    std::size_t size() const { return (flags & kFlagTimecode) ? kTimecodeHeaderSize : kHeaderSize; }

    // The 10-byte header (gongshi never sends a timecode).
    void appendTo(Bytes& out) const;
    // nullopt when `size` bytes cannot hold the header they announce.
    static std::optional<DdpHeader> parse(const std::uint8_t* data, std::size_t size);
};

} // namespace gongshi::protocols::ddp
