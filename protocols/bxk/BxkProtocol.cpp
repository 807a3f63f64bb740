#include "protocols/bxk/BxkProtocol.h"

#include "protocols/bxk/BxkCard.h"
#include "protocols/bxk/BxkEncoder.h"
#include "protocols/bxk/BxkFrame.h"
#include "protocols/bxk/BxkReply.h"
#include "protocols/bxk/BxkStatus.h"
#include "protocols/bxk/GbkCodec.h"

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
    // The 16-pixel Song font of K cards: GB2312 (8 x 16 ASCII, 16 x 16 for the rest).
    std::optional<CardFont> cardFont() const override {
        CardFont f;
        f.height = 16;
        f.covers = inGb2312;
        return f;
    }
    // A K card cannot say which program file it keeps (encode refuses ProgramInfo): keepsFile stays
    // the default, and the sender remembers what it wrote to each card.
    std::optional<std::uint16_t> probeAddress() const override { return kBroadcastReply; }
    std::optional<CardStatus> parseStatus(const ReplyResult& reply) const override {
        if (!reply.ok) return std::nullopt;
        auto k = parseStatusData(reply.data);
        if (!k) return std::nullopt;
        CardStatus s;
        s.address = reply.source;
        s.model = "BX-5K/6K (K protocol)";
        s.brightness = k->brightness;
        s.screenOn = k->on;
        s.clock = k->clock;
        s.programs = k->programs;
        s.program = k->program;
        s.extra["dynamic_areas"] = std::to_string(k->dynamicAreas.size());
        if (k->specialArea) s.extra["special_area"] = "yes";
        return s;
    }
};

} // namespace

std::unique_ptr<Protocol> makeBxkProtocol() { return std::make_unique<BxkProtocol>(); }

} // namespace gongshi::protocols::bxk
