#pragma once
// bx-6: Onbon's 6th-generation protocol (version 0xF0) for the graphic cards 6E/6Q.
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
    bool keepsFile(const Bytes& infoReply, const Bytes& file) const override;
};

std::unique_ptr<gongshi::protocols::Protocol> makeBx6Protocol();

} // namespace gongshi::protocols::bx6
