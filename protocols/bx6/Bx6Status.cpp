#include "protocols/bx6/Bx6Status.h"

#include "protocols/ByteReader.h"
#include "protocols/ByteWriter.h"

namespace gongshi::protocols::bx6 {

int fromBcd(unsigned v) {
    int out = 0, scale = 1;
    for (; v != 0; v >>= 4, scale *= 10) out += static_cast<int>(v & 0xF) * scale;
    return out;
}

unsigned toBcd(int v) {
    unsigned out = 0;
    for (int shift = 0; v > 0; v /= 10, shift += 4) out |= static_cast<unsigned>(v % 10) << shift;
    return out;
}

Bytes encodeStatus(const CardState& s) {
    Bytes p;
    ByteWriter w(p);
    w.u8(s.on ? 1 : 0);
    w.u8(0); // no timed on/off
    w.u8(0); // brightness set by hand
    w.u8(static_cast<unsigned>(s.brightness));
    w.u16(static_cast<unsigned>(s.programs));
    for (std::size_t i = 0; i < 4; ++i) w.u8(i < s.program.size() ? static_cast<unsigned char>(s.program[i]) : 0);
    w.u8(0); // screen not locked
    w.u8(0); // program not locked
    w.u8(0); // running normally
    w.u8(1); // the clock is sound
    w.u16(toBcd(s.clock.year));
    w.u8(toBcd(s.clock.month));
    w.u8(toBcd(s.clock.day));
    w.u8(toBcd(s.clock.hour));
    w.u8(toBcd(s.clock.minute));
    w.u8(toBcd(s.clock.second));
    w.u8(static_cast<unsigned>(s.clock.weekday));
    w.zeros(3 + 3 + 2 + 2 + 1 + 12 + 16); // no sensors, switch open, no ids
    return p;
}

Bytes encodePingData(const CardState& s) {
    Bytes p;
    ByteWriter w(p);
    w.u16(s.deviceType);
    for (char c : std::string("gongshi0")) w.u8(static_cast<unsigned char>(c)); // firmware name: an emulator
    w.u8(1);                                                                    // it has its screen parameters
    w.u16(s.address);
    w.u8(0);
    w.u16(static_cast<unsigned>(s.width));
    w.u16(static_cast<unsigned>(s.height));
    w.u8(s.colorBits);
    w.u8(static_cast<unsigned>(s.brightness));
    w.u8(s.on ? 1 : 0);
    w.zeros(2 + 9 + 20);
    return p;
}

std::optional<CardStatus> parseStatusData(const Bytes& data) {
    if (data.size() < kStatusLength) return std::nullopt;
    ByteReader r(data.data(), data.size());
    CardStatus s;
    s.screenOn = (r.u8() & 1) != 0;
    if (r.u8() & 1) s.extra["timer"] = "on";
    static const char* const modes[] = {"manual", "timed", "sensor"};
    const unsigned mode = r.u8();
    s.extra["brightness_mode"] = mode < 3 ? modes[mode] : std::to_string(mode);
    s.brightness = r.u8();
    s.programs = r.u16();
    for (int i = 0; i < 4; ++i) {
        const char c = static_cast<char>(r.u8());
        if (c != 0) s.program.push_back(c);
    }
    if (r.u8() & 1) s.extra["screen_lock"] = "on";
    if (r.u8() & 1) s.extra["program_lock"] = "on";
    if (const unsigned running = r.u8(); running != 0) s.extra["running_mode"] = std::to_string(running);
    const bool rtcSound = r.u8() == 1;
    ClockTime c;
    c.year = fromBcd(r.u16());
    c.month = fromBcd(r.u8());
    c.day = fromBcd(r.u8());
    c.hour = fromBcd(r.u8());
    c.minute = fromBcd(r.u8());
    c.second = fromBcd(r.u8());
    c.weekday = r.u8();
    if (rtcSound)
        s.clock = c;
    else
        s.extra["clock"] = "fault";
    return s;
}

} // namespace gongshi::protocols::bx6
