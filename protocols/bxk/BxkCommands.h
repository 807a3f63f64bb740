#pragma once
// Command groups, codes and field values of the K protocol that both the encoder and the card
// emulation need.
#include <cstddef>
#include <cstdint>

namespace gongshi::protocols::bxk {

inline constexpr std::uint8_t kGroupReply = 0xA0;
inline constexpr std::uint8_t kAck = 0x00, kNack = 0x01;

// A1 02 asks the controller's status (Led5kSDK CON_ControllerStatus, LuckyKoala queryStatus); the
// answer's data (after the reply head): OnOff (1 on, 2 off) | Brightness | Time[8] BCD (century,
// year, month, day, second, hour, minute, week: as Onbon's C# demo reads it) | ProgramCount
// | Program[4] | Rsv | SpecialArea | DynamicAreaCount | DynamicAreaIds...
inline constexpr std::uint8_t kGroupFile = 0xA1;
inline constexpr std::uint8_t kCmdStatus = 0x02;
inline constexpr std::size_t kStatusFixedLength = 18;

inline constexpr std::uint8_t kGroupSystem = 0xA2;
inline constexpr std::uint8_t kCmdPing = 0x00, kCmdReset = 0x01, kCmdClock = 0x03;

inline constexpr std::uint8_t kGroupScreen = 0xA3;
inline constexpr std::uint8_t kCmdPower = 0x00, kCmdTimer = 0x01, kCmdBrightness = 0x02, kCmdDynamicArea = 0x06, kCmdClear = 0x10;
inline constexpr std::uint8_t kPowerOn = 0x01, kPowerOff = 0x02;
inline constexpr std::uint8_t kBrightnessForced = 0x01, kBrightnessTimed = 0x02;
inline constexpr std::size_t kHalfHours = 48; // the timed brightness table: one level per half hour
inline constexpr int kMaxBrightness = 15;

// A3 06 dynamic (text) area fields.
inline constexpr std::uint8_t kAreaTypeDynamic = 0x00;
inline constexpr std::uint8_t kDispStatic = 0x01, kDispTypeOut = 0x02, kDispMoveLeft = 0x03, kDispMoveRight = 0x04, kDispMoveUp = 0x05,
                              kDispMoveDown = 0x06;
inline constexpr std::uint8_t kAlignLeft = 0x00, kAlignRight = 0x01, kAlignCenter = 0x02; // bits 1:0
inline constexpr std::uint8_t kSingleLine = 0x01, kMultiLine = 0x02;
inline constexpr std::uint8_t kNoAutoWrap = 0x01, kAutoWrap = 0x02;
inline constexpr int kSlowestSpeed = 0x18; // 0x00 fastest (Led5kSDK)

// A4 "special dynamic area" (5MK dot-matrix pages).
inline constexpr std::uint8_t kGroupSpecial = 0xA4;
inline constexpr std::uint8_t kCmdSpecialSetup = 0x01, kCmdSpecialData = 0x03;
inline constexpr std::uint8_t kDataTypeText = 0x00, kDataTypeDots = 0x01;
// X Y W H Type Pages Run Timeout Single Line New Stay, then 14 zero bytes: the 32 bytes
// Led5kSDK.dll's BX5MK_SetSpecialAppDynamic sends. Its API document: PageTotal 0 and StayTime 0
// for dot data (one page of dots).
inline constexpr std::size_t kSpecialSetupLength = 32;
inline constexpr std::size_t kSpecialDataHeadLength = 3; // Last u8, BlockAddr u16

} // namespace gongshi::protocols::bxk
