#include "protocols/ddp/DdpProtocol.h"

#include "protocols/ddp/DdpCard.h"
#include "protocols/ddp/DdpEncoder.h"

namespace gongshi::protocols::ddp {

std::vector<Bytes> DdpProtocol::encode(const Command& command, const ScreenSpec& screen) const {
    DdpEncoder encoder(screen);
    renderer::Bitmap frame = encoder.frameFor(command);
    // One fetch_add per frame: a frame's packets stay consecutive even when two threads send.
    std::uint32_t base = packetsSent_.fetch_add(static_cast<std::uint32_t>(encoder.packetCount()));
    return encoder.packets(frame, base % 15);
}

bool DdpProtocol::expectsReply(const Command& command) const {
    (void)command;
    return false;
}

std::unique_ptr<CardDecoder> DdpProtocol::makeCard(const ScreenSpec& screen, TextDrawer drawText) const {
    (void)drawText;
    return std::make_unique<DdpCard>(screen);
}

std::unique_ptr<gongshi::protocols::Protocol> makeDdpProtocol() { return std::make_unique<DdpProtocol>(); }

} // namespace gongshi::protocols::ddp
