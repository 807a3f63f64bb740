#pragma once
// The Alpha Sign Communications Protocol (Adaptive Micro Systems; BetaBrite and Alpha signs).
// The signs have an ASCII font only, so Chinese goes as SMALL DOTS pictures. They never answer a
// write; they answer reads (Status reads their clock), from their own address.
#include "protocols/Protocol.h"

#include <memory>

namespace gongshi::protocols::alpha {

class AlphaProtocol : public Protocol {
public:
    std::string name() const override { return "alpha"; }
    std::vector<Bytes> encode(const Command& command, const ScreenSpec& screen) const override;
    bool expectsReply(const Command& command) const override;
    std::optional<ReplyResult> parseReply(const Bytes& received) const override;
    std::unique_ptr<CardDecoder> makeCard(const ScreenSpec& screen, TextDrawer drawText) const override;
    // 0: "00", every sign; each answers a read from its own address.
    std::optional<std::uint16_t> probeAddress() const override { return 0; }
    std::optional<CardStatus> parseStatus(const ReplyResult& reply) const override;
    std::vector<PacketPause> pausesIn(const Bytes& packet) const override;
};

std::unique_ptr<gongshi::protocols::Protocol> makeAlphaProtocol();

} // namespace gongshi::protocols::alpha
