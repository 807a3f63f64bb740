#pragma once
// bx-6: Onbon's 6th generation (6E/6Q graphic cards), spoken as Onbon's own Linux SDK speaks it.
#include "protocols/Protocol.h"

#include <memory>

namespace gongshi::protocols::bx6 {

class Bx6Protocol : public Protocol {
public:
    std::string name() const override { return "bx-6"; }
    std::vector<Bytes> encode(const Command& command, const ScreenSpec& screen) const override;
    bool expectsReply(const Command& command) const override;
    std::optional<ReplyResult> parseReply(const Bytes& received) const override;
    std::unique_ptr<CardDecoder> makeCard(const ScreenSpec& screen, TextDrawer drawText) const override;
    std::optional<Bytes> programFile(const Command& program, const ScreenSpec& screen) const override;
    // The SDK's wildcard address (bxDual_set_screenNum_G56's default): every card answers it.
    std::optional<std::uint16_t> probeAddress() const override { return 0xFFFE; }
    std::optional<CardStatus> parseStatus(const ReplyResult& reply) const override;
    bool keepsFile(const Bytes& infoReply, const Bytes& file) const override;
    // A program's clock area (AreaType 02, Bx6ClockArea.h).
    bool keepsClock() const override { return true; }
};

std::unique_ptr<gongshi::protocols::Protocol> makeBx6Protocol();

} // namespace gongshi::protocols::bx6
