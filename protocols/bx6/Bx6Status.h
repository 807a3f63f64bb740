#pragma once
// What a card says of itself, in the two answers Onbon's SDK reads:
// - A2 8F, the controller status (bxDual_cmd_check_controllerStatus, ControllerStatus_G56), 61 bytes:
//   OnOff | TimingOnOff | BrightnessMode | Brightness | ProgramCount u16 | CurrentProgram[4]
//   | ScreenLock | ProgramLock | RunningMode | RtcStatus | Year u16 | Month | Day | Hour | Minute
//   | Second | Week (1..7, 7 Sunday) | Temperature1[3] | Temperature2[3] | Humidity u16 | Noise u16
//   | Switch | CustomId[12] | BarCode[16]      (clock fields in BCD, as every time in the protocol)
// - A2 80, the answer to a ping (bxDual_cmd_tcpPing, Ping_data), 52 bytes: ControllerType u16
//   | Firmware[8] | ScreenParaStatus | Address u16 | Baudrate | Width u16 | Height u16 | Color
//   | Brightness | OnOff | ScanConfig u16 | Rsv[9] | Ip[20]
#include "protocols/Protocol.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gongshi::protocols::bx6 {

inline constexpr std::size_t kStatusLength = 61;
inline constexpr std::size_t kPingDataLength = 52;

// What the emulated card reports.
struct CardState {
    std::uint16_t deviceType = 0x0266;
    std::uint16_t address = 1;
    int width = 0, height = 0;
    std::uint8_t colorBits = 1; // bit 0 red, bit 1 green, bit 2 blue
    int brightness = 15;
    bool on = true;
    int programs = 0;
    std::string program; // the program playing, "P000"; empty for none
    ClockTime clock;
};

Bytes encodeStatus(const CardState& state);
Bytes encodePingData(const CardState& state);
// nullopt when `data` is not a status answer.
std::optional<CardStatus> parseStatusData(const Bytes& data);

// BCD as the protocol writes times: 0x26 -> 26.
int fromBcd(unsigned v);
unsigned toBcd(int v);

} // namespace gongshi::protocols::bx6
