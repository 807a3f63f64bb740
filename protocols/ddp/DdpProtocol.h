#pragma once
// ddp: the Distributed Display Protocol over UDP (port 4048) for pixel controllers (WLED, FPP).
// Send-only: the display answers nothing, so no packet waits for a reply.
#include "protocols/Protocol.h"

#include <atomic>
#include <cstdint>
#include <memory>

namespace gongshi::protocols::ddp {

class DdpProtocol : public Protocol {
public:
    std::string name() const override { return "ddp"; }
    // Sequence numbers run on across calls (1..15, then 1 again), so encode keeps a counter.
    std::vector<Bytes> encode(const Command& command, const ScreenSpec& screen) const override;
    bool expectsReply(const Command& command) const override;
    std::unique_ptr<CardDecoder> makeCard(const ScreenSpec& screen, TextDrawer drawText) const override;

private:
    mutable std::atomic<std::uint32_t> packetsSent_{0};
};

std::unique_ptr<gongshi::protocols::Protocol> makeDdpProtocol();

} // namespace gongshi::protocols::ddp
