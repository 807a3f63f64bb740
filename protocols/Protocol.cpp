#include "protocols/Protocol.h"

#include "common/Error.h"
#include "protocols/alpha/AlphaProtocol.h"
#include "protocols/bx6/Bx6Protocol.h"
#include "protocols/bxk/BxkProtocol.h"
#include "protocols/ddp/DdpProtocol.h"

namespace gongshi::protocols {
namespace {

struct Entry {
    const char* name;
    std::unique_ptr<Protocol> (*make)();
};

const Entry kProtocols[] = {
    {"bx-k", bxk::makeBxkProtocol},
    {"bx-6", bx6::makeBx6Protocol},
    {"alpha", alpha::makeAlphaProtocol},
    {"ddp", ddp::makeDdpProtocol},
};

} // namespace

std::vector<std::string> protocolNames() {
    std::vector<std::string> names;
    for (const auto& e : kProtocols) names.emplace_back(e.name);
    return names;
}

std::unique_ptr<Protocol> makeProtocol(std::string_view name) {
    for (const auto& e : kProtocols)
        if (name == e.name) return e.make();
    std::string known;
    for (const auto& n : protocolNames()) known += (known.empty() ? "" : ", ") + n;
    throw InputError("unknown protocol '" + std::string(name) + "' (known: " + known + ")");
}

DeviceKind deviceKindOf(std::string_view protocol) {
    if (protocol == kWebPlayer) return DeviceKind::WebPlayer;
    return makeProtocol(protocol)->deviceKind();
}

} // namespace gongshi::protocols
