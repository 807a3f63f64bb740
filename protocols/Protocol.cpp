#include "protocols/Protocol.h"

#include "common/Error.h"

#if __has_include("protocols/bxk/BxkProtocol.h")
#include "protocols/bxk/BxkProtocol.h"
#define GONGSHI_HAVE_BXK 1
#endif
#if __has_include("protocols/bx6/Bx6Protocol.h")
#include "protocols/bx6/Bx6Protocol.h"
#define GONGSHI_HAVE_BX6 1
#endif
#if __has_include("protocols/alpha/AlphaProtocol.h")
#include "protocols/alpha/AlphaProtocol.h"
#define GONGSHI_HAVE_ALPHA 1
#endif
#if __has_include("protocols/ddp/DdpProtocol.h")
#include "protocols/ddp/DdpProtocol.h"
#define GONGSHI_HAVE_DDP 1
#endif

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
    }
    return "unknown";
}

std::vector<std::string> protocolNames() {
    std::vector<std::string> names;
#ifdef GONGSHI_HAVE_BXK
    names.emplace_back("bx-k");
#endif
#ifdef GONGSHI_HAVE_BX6
    names.emplace_back("bx-6");
#endif
#ifdef GONGSHI_HAVE_ALPHA
    names.emplace_back("alpha");
#endif
#ifdef GONGSHI_HAVE_DDP
    names.emplace_back("ddp");
#endif
    return names;
}

std::unique_ptr<Protocol> makeProtocol(std::string_view name) {
#ifdef GONGSHI_HAVE_BXK
    if (name == "bx-k") return bxk::makeBxkProtocol();
#endif
#ifdef GONGSHI_HAVE_BX6
    if (name == "bx-6") return bx6::makeBx6Protocol();
#endif
#ifdef GONGSHI_HAVE_ALPHA
    if (name == "alpha") return alpha::makeAlphaProtocol();
#endif
#ifdef GONGSHI_HAVE_DDP
    if (name == "ddp") return ddp::makeDdpProtocol();
#endif
    std::string known;
    for (const auto& n : protocolNames()) known += (known.empty() ? "" : ", ") + n;
    throw InputError("unknown protocol '" + std::string(name) + "' (known: " + known + ")");
}

} // namespace gongshi::protocols
