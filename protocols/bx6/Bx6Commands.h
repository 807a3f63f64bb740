#pragma once
// Command groups and numbers of the 6th-generation protocol that gongshi uses.
#include <cstddef>
#include <cstdint>

namespace gongshi::protocols::bx6 {

inline constexpr std::uint8_t kReplyWanted = 0x01; // RtnReq

inline constexpr std::uint8_t kGroupSystem = 0xA2;
inline constexpr std::uint8_t kCmdPing = 0x00;       // manual 5.5.1; payload Rsv[2]
inline constexpr std::uint8_t kCmdBrightness = 0x07; // manual 5.5.2; DataLen u16 = 49, Mode, 48 levels

inline constexpr std::uint8_t kGroupArea = 0xA7;
inline constexpr std::uint8_t kCmdAreaUpdate = 0x00; // manual 5.4.1, see Bx6AreaUpdate.h
inline constexpr std::uint8_t kCmdAreaDelete = 0x01; // manual 5.4.2; Rsv[2], Count (FF = all), IDs
inline constexpr int kLastAreaId = 31;               // 6Q cards hold 32 dynamic areas, numbered from 0

inline constexpr std::uint8_t kReplyGroup = 0xA0; // ACK A0 00, NACK A0 01

inline constexpr std::size_t kBrightnessSlots = 48; // half-hour levels from midnight

} // namespace gongshi::protocols::bx6
