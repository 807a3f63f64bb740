// What every protocol may use without the registry: gongshi_protocol_core, linked by each
// per-protocol library and by gongshi_protocols (Protocol.cpp, the registry that links them all).
#include "protocols/Protocol.h"

#include <utility>

namespace gongshi::protocols {

const char* commandName(Command::Kind kind) {
    switch (kind) {
    case Command::Kind::Ping: return "ping";
    case Command::Kind::Reset: return "reset";
    case Command::Kind::SetClock: return "clock";
    case Command::Kind::ScreenOn: return "on";
    case Command::Kind::ScreenOff: return "off";
    case Command::Kind::TimedOnOff: return "timer";
    case Command::Kind::Brightness: return "brightness";
    case Command::Kind::Clear: return "clear";
    case Command::Kind::Bitmap: return "bitmap";
    case Command::Kind::Text: return "text";
    case Command::Kind::Program: return "program";
    case Command::Kind::ProgramInfo: return "program-info";
    case Command::Kind::Status: return "status";
    }
    return "unknown";
}

Playlist CardDecoder::playing() const {
    const renderer::Bitmap& now = screen();
    Playlist p;
    p.width = now.width();
    p.height = now.height();
    p.mode = now.mode();
    p.areas.push_back(PlayArea{0, 0, {now}, Effect::Static, 1, 10});
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
