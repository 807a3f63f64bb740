#pragma once
// ddp: the Distributed Display Protocol over UDP (port 4048) for pixel controllers (WLED, FPP).
// Pictures go without replies; Status is DDP's status query (id 251), which a display answers
// with JSON (WLED does not answer it).
#include "protocols/Protocol.h"

#include <atomic>
#include <cstdint>
#include <memory>

namespace gongshi::protocols::ddp {

class DdpProtocol : public Protocol {
public:
    std::string name() const override { return "ddp"; }
    DeviceKind deviceKind() const override { return DeviceKind::Frames; } // frames as they play, no programs
    // Each frame carries one sequence number, the next of 1..15 across calls, so encode keeps a
    // counter of frames.
    std::vector<Bytes> encode(const Command& command, const ScreenSpec& screen) const override;
    bool expectsReply(const Command& command) const override;
    std::optional<ReplyResult> parseReply(const Bytes& received) const override;
    std::optional<CardStatus> parseStatus(const ReplyResult& reply) const override;
    std::unique_ptr<CardDecoder> makeCard(const ScreenSpec& screen, TextDrawer drawText) const override;

private:
    mutable std::atomic<std::uint32_t> framesSent_{0};
};

std::unique_ptr<gongshi::protocols::Protocol> makeDdpProtocol();

} // namespace gongshi::protocols::ddp
