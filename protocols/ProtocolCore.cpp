// What every protocol may use without the registry: gongshi_protocol_core, linked by each
// per-protocol library and by gongshi_protocols (Protocol.cpp, the registry that links them all).
#include "protocols/Protocol.h"

#include <utility>

namespace gongshi::protocols {

const char* commandName(Command::Kind kind) {
    switch (kind) {
    case Command::Kind::Ping:
        return "ping";
    case Command::Kind::Reset:
        return "reset";
    case Command::Kind::SetClock:
        return "clock";
    case Command::Kind::ScreenOn:
        return "on";
    case Command::Kind::ScreenOff:
        return "off";
    case Command::Kind::TimedOnOff:
        return "timer";
    case Command::Kind::Brightness:
        return "brightness";
    case Command::Kind::Clear:
        return "clear";
    case Command::Kind::Bitmap:
        return "bitmap";
    case Command::Kind::Text:
        return "text";
    case Command::Kind::Program:
        return "program";
    case Command::Kind::ProgramInfo:
        return "program-info";
    case Command::Kind::Status:
        return "status";
    }
    return "unknown";
}

ClockTime advanced(const ClockTime& t, std::chrono::seconds by) {
    using namespace std::chrono;
    const sys_days date{year_month_day{year{t.year}, month{static_cast<unsigned>(t.month)}, day{static_cast<unsigned>(t.day)}}};
    const sys_seconds then = date + hours{t.hour} + minutes{t.minute} + seconds{t.second} + by;
    const sys_days newDate = floor<days>(then);
    const hh_mm_ss<seconds> clock{then - newDate};
    const year_month_day ymd{newDate};
    ClockTime out;
    out.year = static_cast<int>(ymd.year());
    out.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    out.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    out.hour = static_cast<int>(clock.hours().count());
    out.minute = static_cast<int>(clock.minutes().count());
    out.second = static_cast<int>(clock.seconds().count());
    out.weekday = static_cast<int>(weekday{newDate}.iso_encoding());
    return out;
}

Playlist CardDecoder::playing() const {
    const renderer::Bitmap& now = screen();
    Playlist p;
    p.width = now.width();
    p.height = now.height();
    p.mode = now.mode();
    p.areas.push_back(PlayArea{0, 0, {now}, Effect::Static, 1, 10, {}});
    return p;
}

FrameEvent failedEvent(std::string cmd, std::string error, std::size_t bytes) {
    FrameEvent e;
    e.cmd = std::move(cmd);
    e.ok = false;
    e.error = std::move(error);
    e.bytes = bytes;
    return e;
}

} // namespace gongshi::protocols
