#pragma once
// The controller status a K card answers to A1 02 (Led5kSDK CON_ControllerStatus), as Onbon's C#
// demo reads it: OnOff (1 on, 2 off) | Brightness | Time[8] | ProgramCount | Program[4] | Rsv
// | SpecialArea | DynamicAreaCount | DynamicAreaIds. The time's bytes are BCD in the demo's order:
// century, year, month, day, second, hour, minute, week (not the order A2 03 sets the clock in).
#include "protocols/Protocol.h"

#include <optional>
#include <string>
#include <vector>

namespace gongshi::protocols::bxk {

struct KStatus {
    bool on = true;
    int brightness = 15;
    std::optional<ClockTime> clock;
    int programs = 0;
    std::string program; // the playing program's name, e.g. "P000"
    bool specialArea = false;
    std::vector<int> dynamicAreas;
};

Bytes encodeStatus(const KStatus& status);
// nullopt when `data` is shorter than the fixed part or its count disagrees with its length.
std::optional<KStatus> parseStatusData(const Bytes& data);

} // namespace gongshi::protocols::bxk
