#pragma once
// Command groups and numbers of the 6th generation that gongshi uses, as Onbon's own Linux SDK
// (onbonlab/bx.dual.linux.cplus, libbx_sdkDual) sends them. Two frame kinds carry them:
// - dynamic areas (A7) go in the dynamic-area frame, protocol version F0 (Bx6Frame.h);
// - system and file commands (A2, A1) go in the 6th-generation control frame, protocol version 07
//   (Bx6ControlFrame.h), whose data domain is RtnReq Grp Cmd DataLen u16 data.
#include "protocols/onbon/OnbonFileWrite.h"

#include <cstddef>
#include <cstdint>

namespace gongshi::protocols::bx6 {

inline constexpr std::uint8_t kReplyWanted = 0x01; // RtnReq

inline constexpr std::uint8_t kGroupSystem = 0xA2;
inline constexpr std::uint8_t kCmdPing = 0x00;       // bxDual_cmd_tcpPing; answer A2 80 with the card's Ping_data
inline constexpr std::uint8_t kCmdReset = 0x01;      // bxDual_cmd_sysReset
inline constexpr std::uint8_t kCmdClock = 0x02;      // bxDual_cmd_check_time: YearLo YearHi Mon Day Hour Min Sec Week, BCD
inline constexpr std::uint8_t kCmdOnOff = 0x05;      // bxDual_cmd_coerceOnOff: 01 on, 00 off
inline constexpr std::uint8_t kCmdBrightness = 0x07; // bxDual_cmd_setBrightness: Mode, 48 half-hour levels
inline constexpr std::uint8_t kCmdStatus = 0x0F;     // bxDual_cmd_check_controllerStatus; answer A2 8F, 61 bytes

inline constexpr std::uint8_t kGroupFile = 0xA1;
using onbon::kCmdWriteBlock;                         // ofsWriteFile: Name[4] Last Offset u32 data (<= 1000 bytes)
using onbon::kCmdWriteStart;                         // ofsWriteFile: Name[4] Type Len u32 Overwrite Crc32 u32 (OnbonFileWrite.h)
inline constexpr std::uint8_t kCmdDirInfo = 0x06;    // ofsReedDirBlock: FileType 20; answer A1 86 FileCount u16
inline constexpr std::uint8_t kCmdDirBlock = 0x07;   // ofsReedDirBlock: First u16; answer A1 87, see Bx6FileList.h
inline constexpr std::uint8_t kCmdBatchStart = 0x08; // bxDual_cmd_ofsStartFileTransf
inline constexpr std::uint8_t kCmdBatchEnd = 0x09;   // bxDual_cmd_ofsEndFileTransf

inline constexpr std::uint8_t kGroupArea = 0xA7;
inline constexpr std::uint8_t kCmdAreaUpdate = 0x00; // dynamic-area manual 5.4.1, see Bx6AreaUpdate.h
inline constexpr std::uint8_t kCmdAreaDelete = 0x01; // manual 5.4.2; Rsv[2], Count (FF = all), IDs
inline constexpr int kLastAreaId = 31;               // 6Q cards hold 32 dynamic areas, numbered from 0

inline constexpr std::uint8_t kReplyGroup = 0xA0; // ACK A0 00, NACK A0 01
// A question's answer comes in its own group with the command's number plus 0x80 (A2 0F -> A2 8F).
inline constexpr std::uint8_t kAnswerBit = 0x80;

inline constexpr std::size_t kBrightnessSlots = 48; // half-hour levels from midnight
inline constexpr std::size_t kFileBlock = 1000;     // file bytes per A1 03, as the SDK cuts them (g_packetLen)

} // namespace gongshi::protocols::bx6
