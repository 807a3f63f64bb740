#include "protocols/bx6/Bx6Protocol.h"

#include "protocols/bx6/Bx6Card.h"
#include "protocols/bx6/Bx6Encoder.h"
#include "protocols/bx6/Bx6Reply.h"
#include "protocols/onbon/OnbonProgram.h"

namespace gongshi::protocols::bx6 {

std::vector<Bytes> Bx6Protocol::encode(const Command& command, const ScreenSpec& screen) const {
    return Bx6Encoder(screen).encode(command);
}

bool Bx6Protocol::expectsReply(const Command& command) const {
    // Every frame gongshi sends asks for an answer (RtnReq 1), so each packet is acknowledged.
    switch (command.kind) {
    case Command::Kind::Ping:
    case Command::Kind::Brightness:
    case Command::Kind::Clear:
    case Command::Kind::Bitmap:
    case Command::Kind::Program:
    case Command::Kind::ProgramInfo: return true;
    default: return false;
    }
}

std::optional<ReplyResult> Bx6Protocol::parseReply(const Bytes& received) const { return parseReplyFrame(received); }

std::unique_ptr<CardDecoder> Bx6Protocol::makeCard(const ScreenSpec& screen, TextDrawer drawText) const {
    (void)drawText; // 6E/6Q cards have no font
    return std::make_unique<Bx6Card>(screen);
}

std::optional<Bytes> Bx6Protocol::programFile(const Command& program, const ScreenSpec& screen) const {
    return Bx6Encoder(screen).programFile(program);
}

bool Bx6Protocol::keepsFile(const Bytes& infoReply, const Bytes& file) const { return onbon::keepsFile(infoReply, file); }

std::unique_ptr<gongshi::protocols::Protocol> makeBx6Protocol() { return std::make_unique<Bx6Protocol>(); }

} // namespace gongshi::protocols::bx6
