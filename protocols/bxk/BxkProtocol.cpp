#include "protocols/bxk/BxkProtocol.h"

#include "protocols/bxk/BxkCard.h"
#include "protocols/bxk/BxkEncoder.h"
#include "protocols/bxk/BxkReply.h"
#include "protocols/onbon/OnbonProgram.h"

namespace gongshi::protocols::bxk {

namespace {

class BxkProtocol : public Protocol {
public:
    std::string name() const override { return "bx-k"; }
    std::vector<Bytes> encode(const Command& command, const ScreenSpec& screen) const override {
        return BxkEncoder(screen).encode(command);
    }
    // Every frame the encoder sends asks for a reply (Resp 0x01), and the card sends one for each.
    bool expectsReply(const Command&) const override { return true; }
    std::optional<ReplyResult> parseReply(const Bytes& received) const override { return parseBxkReply(received); }
    std::unique_ptr<CardDecoder> makeCard(const ScreenSpec& screen, TextDrawer drawText) const override {
        return std::make_unique<BxkCard>(screen, std::move(drawText));
    }
    std::optional<Bytes> programFile(const Command& program, const ScreenSpec& screen) const override {
        return BxkEncoder(screen).programFile(program);
    }
    bool keepsFile(const Bytes& infoReply, const Bytes& file) const override { return onbon::keepsFile(infoReply, file); }
};

} // namespace

std::unique_ptr<Protocol> makeBxkProtocol() { return std::make_unique<BxkProtocol>(); }

} // namespace gongshi::protocols::bxk
