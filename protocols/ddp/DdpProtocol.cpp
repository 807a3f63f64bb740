#include "protocols/ddp/DdpProtocol.h"

#include "protocols/ddp/DdpCard.h"
#include "protocols/ddp/DdpEncoder.h"
#include "protocols/ddp/DdpStatus.h"

namespace gongshi::protocols::ddp {

std::vector<Bytes> DdpProtocol::encode(const Command& command, const ScreenSpec& screen) const {
    // The query needs no screen: `gongshi probe` asks before anyone knows the size.
    if (command.kind == Command::Kind::Status) return {statusQuery()};
    DdpEncoder encoder(screen);
    renderer::Bitmap frame = encoder.frameFor(command);
    const std::uint32_t sent = framesSent_.fetch_add(1);
    return encoder.packets(frame, static_cast<std::uint8_t>(sent % 15 + 1));
}

bool DdpProtocol::expectsReply(const Command& command) const { return command.kind == Command::Kind::Status; }

std::optional<ReplyResult> DdpProtocol::parseReply(const Bytes& received) const { return readStatusReply(received); }

std::optional<CardStatus> DdpProtocol::parseStatus(const ReplyResult& reply) const { return readStatusJson(reply.data); }

std::unique_ptr<CardDecoder> DdpProtocol::makeCard(const ScreenSpec& screen, TextDrawer drawText) const {
    (void)drawText;
    return std::make_unique<DdpCard>(screen);
}

std::unique_ptr<gongshi::protocols::Protocol> makeDdpProtocol() { return std::make_unique<DdpProtocol>(); }

} // namespace gongshi::protocols::ddp
