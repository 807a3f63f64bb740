#include "protocols/bxk/BxkStatus.h"

#include "protocols/bxk/BxkCommands.h"

namespace gongshi::protocols::bxk {

namespace {
std::uint8_t bcd(int v) { return static_cast<std::uint8_t>(((v / 10 % 10) << 4) | (v % 10)); }
int fromBcd(std::uint8_t b) { return (b >> 4) > 9 || (b & 0x0F) > 9 ? -1 : (b >> 4) * 10 + (b & 0x0F); }
} // namespace

Bytes encodeStatus(const KStatus& s) {
    Bytes out{static_cast<std::uint8_t>(s.on ? kPowerOn : kPowerOff), static_cast<std::uint8_t>(s.brightness)};
    const ClockTime t = s.clock.value_or(ClockTime{2000, 1, 1, 0, 0, 0, 6});
    for (int v : {t.year / 100, t.year % 100, t.month, t.day, t.second, t.hour, t.minute, t.weekday}) out.push_back(bcd(v));
    out.push_back(static_cast<std::uint8_t>(s.programs));
    for (std::size_t i = 0; i < 4; ++i) out.push_back(i < s.program.size() ? static_cast<std::uint8_t>(s.program[i]) : 0);
    out.push_back(0x00);
    out.push_back(s.specialArea ? 1 : 0);
    out.push_back(static_cast<std::uint8_t>(s.dynamicAreas.size()));
    for (int id : s.dynamicAreas) out.push_back(static_cast<std::uint8_t>(id));
    return out;
}

std::optional<KStatus> parseStatusData(const Bytes& d) {
    if (d.size() < kStatusFixedLength || d.size() != kStatusFixedLength + d[17]) return std::nullopt;
    KStatus s;
    s.on = d[0] != kPowerOff;
    s.brightness = d[1];
    int v[8];
    for (int i = 0; i < 8; ++i) v[i] = fromBcd(d[2 + static_cast<std::size_t>(i)]);
    if (v[0] >= 0 && v[1] >= 0 && v[2] >= 1 && v[2] <= 12 && v[3] >= 1 && v[3] <= 31 && v[4] >= 0 && v[4] <= 59 && v[5] >= 0 &&
        v[5] <= 23 && v[6] >= 0 && v[6] <= 59 && v[7] >= 1 && v[7] <= 7)
        s.clock = ClockTime{v[0] * 100 + v[1], v[2], v[3], v[5], v[6], v[4], v[7]};
    s.programs = d[10];
    for (std::size_t i = 11; i < 15 && d[i] != 0; ++i) s.program.push_back(static_cast<char>(d[i]));
    s.specialArea = d[16] != 0;
    for (std::size_t i = 0; i < d[17]; ++i) s.dynamicAreas.push_back(d[kStatusFixedLength + i]);
    return s;
}

} // namespace gongshi::protocols::bxk
