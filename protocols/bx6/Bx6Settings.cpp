#include "protocols/bx6/Bx6Settings.h"

#include "common/Error.h"
#include "common/Parse.h"
#include "protocols/bx6/Bx6Frame.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>
#include <utility>

namespace gongshi::protocols::bx6 {

namespace {
// Device types from Onbon's 6th-generation dynamic-area manual (header section).
constexpr std::pair<const char*, std::uint16_t> kDevices[] = {
    {"6QL", 0x0066}, {"6Q1", 0x0166}, {"6Q2", 0x0266},  {"6Q3", 0x0366},  {"6Q2L", 0x0466}, {"6Q3L", 0x0566},    {"6E1", 0x0174},
    {"6E2", 0x0274}, {"6E3", 0x0374}, {"6E1X", 0x0474}, {"6E2X", 0x0574}, {"5E1", 0x0154},  {"any", kAnyDevice},
};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::uint16_t parseDevice(const std::string& value) {
    for (const auto& [name, type] : kDevices)
        if (lower(name) == lower(value)) return type;
    if (value.size() > 2 && value[0] == '0' && (value[1] == 'x' || value[1] == 'X')) {
        unsigned v = 0;
        auto [end, ec] = std::from_chars(value.data() + 2, value.data() + value.size(), v, 16);
        if (ec == std::errc() && end == value.data() + value.size() && v <= 0xFFFF) return static_cast<std::uint16_t>(v);
    }
    std::string known;
    for (const auto& d : kDevices) known += std::string(known.empty() ? "" : ", ") + d.first;
    throw InputError("bx-6 option device='" + value + "' is not a card type (use " + known + " or 0xNNNN)");
}
} // namespace

Bx6Settings Bx6Settings::fromScreen(const ScreenSpec& screen) {
    Bx6Settings s;
    if (auto it = screen.options.find("device"); it != screen.options.end()) s.deviceType = parseDevice(it->second);
    // Onbon's SDK sends 6E cards (series byte 0x74) 1-bit planes and 6Q cards (0x66) RGB888.
    s.pixels = (s.deviceType & 0xFF) == 0x74 ? PixelFormat::Planes : PixelFormat::Rgb888;
    if (auto it = screen.options.find("pixels"); it != screen.options.end()) {
        if (it->second == "rgb888")
            s.pixels = PixelFormat::Rgb888;
        else if (it->second == "planes")
            s.pixels = PixelFormat::Planes;
        else
            throw InputError("bx-6 option pixels='" + it->second + "' is unknown (use rgb888 for 6Q cards or planes for 6E)");
    }
    if (auto it = screen.options.find("packet"); it != screen.options.end()) {
        // Below 256 bytes the headers would leave almost no room for pixels.
        s.maxPacket = static_cast<std::size_t>(
            parse::wholeNumber(it->second, {"options.packet", "数据包上限（字节）"}, 256, static_cast<long long>(kMaxWireBytes)));
    }
    if (auto it = screen.options.find("dynamic"); it != screen.options.end()) {
        if (it->second == "with-program")
            s.dynamicAlone = false;
        else if (it->second == "alone")
            s.dynamicAlone = true;
        else
            throw InputError("bx-6 option dynamic='" + it->second + "' is unknown (use with-program or alone)");
    }
    return s;
}

} // namespace gongshi::protocols::bx6
