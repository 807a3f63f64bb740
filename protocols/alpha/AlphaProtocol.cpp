#include "protocols/alpha/AlphaProtocol.h"

#include "protocols/alpha/AlphaCard.h"
#include "protocols/alpha/AlphaEncoder.h"
#include "protocols/alpha/AlphaPauses.h"
#include "protocols/alpha/AlphaReply.h"

namespace gongshi::protocols::alpha {

std::vector<Bytes> AlphaProtocol::encode(const Command& command, const ScreenSpec& screen) const {
    return AlphaEncoder(screen).encode(command);
}

// Alpha signs only answer reads (and, on Alpha 2.0 signs, writes once ACK/NAK is switched on,
// which this product never does).
bool AlphaProtocol::expectsReply(const Command& command) const { return command.kind == Command::Kind::Status; }

std::optional<ReplyResult> AlphaProtocol::parseReply(const Bytes& received) const { return readReply(received); }

std::optional<CardStatus> AlphaProtocol::parseStatus(const ReplyResult& reply) const { return readStatus(reply); }

std::vector<PacketPause> AlphaProtocol::pausesIn(const Bytes& packet) const { return alpha::pausesIn(packet); }

std::unique_ptr<CardDecoder> AlphaProtocol::makeCard(const ScreenSpec& screen, TextDrawer drawText) const {
    return std::make_unique<AlphaCard>(screen, std::move(drawText));
}

std::unique_ptr<gongshi::protocols::Protocol> makeAlphaProtocol() { return std::make_unique<AlphaProtocol>(); }

} // namespace gongshi::protocols::alpha
