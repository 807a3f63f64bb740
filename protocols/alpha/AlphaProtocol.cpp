#include "protocols/alpha/AlphaProtocol.h"

#include "protocols/alpha/AlphaCard.h"
#include "protocols/alpha/AlphaEncoder.h"

namespace gongshi::protocols::alpha {

std::vector<Bytes> AlphaProtocol::encode(const Command& command, const ScreenSpec& screen) const {
    return AlphaEncoder(screen).encode(command);
}

// Alpha signs only answer reads (and, on Alpha 2.0 signs, writes once ACK/NAK is switched on,
// which this product never does).
bool AlphaProtocol::expectsReply(const Command& command) const {
    (void)command;
    return false;
}

std::unique_ptr<CardDecoder> AlphaProtocol::makeCard(const ScreenSpec& screen, TextDrawer drawText) const {
    return std::make_unique<AlphaCard>(screen, std::move(drawText));
}

std::unique_ptr<gongshi::protocols::Protocol> makeAlphaProtocol() { return std::make_unique<AlphaProtocol>(); }

} // namespace gongshi::protocols::alpha
