#include "protocols/bx6/Bx6Protocol.h"

#include "protocols/bx6/Bx6Card.h"
#include "protocols/bx6/Bx6Encoder.h"
#include "protocols/bx6/Bx6FileList.h"
#include "protocols/bx6/Bx6ProgramFile.h"
#include "protocols/bx6/Bx6Reply.h"
#include "protocols/bx6/Bx6Status.h"

namespace gongshi::protocols::bx6 {

std::vector<Bytes> Bx6Protocol::encode(const Command& command, const ScreenSpec& screen) const {
    return Bx6Encoder(screen).encode(command);
}

bool Bx6Protocol::expectsReply(const Command& command) const {
    // Every frame gongshi sends asks for an answer (RtnReq 1), as the SDK's do.
    return command.kind != Command::Kind::Text;
}

std::optional<ReplyResult> Bx6Protocol::parseReply(const Bytes& received) const { return parseReplyFrame(received); }

std::unique_ptr<CardDecoder> Bx6Protocol::makeCard(const ScreenSpec& screen, TextDrawer drawText) const {
    (void)drawText; // 6E/6Q cards have no font
    return std::make_unique<Bx6Card>(screen);
}

std::optional<Bytes> Bx6Protocol::programFile(const Command& program, const ScreenSpec& screen) const {
    return Bx6Encoder(screen).programFile(program);
}

std::optional<CardStatus> Bx6Protocol::parseStatus(const ReplyResult& reply) const {
    if (!reply.ok) return std::nullopt;
    auto status = parseStatusData(reply.data);
    if (status) status->address = reply.source;
    return status;
}

bool Bx6Protocol::keepsFile(const Bytes& infoReply, const Bytes& file) const {
    auto listing = parseDirBlock(infoReply);
    auto files = splitProgramFiles(file);
    return listing && files && listingHolds(*listing, *files);
}

std::unique_ptr<gongshi::protocols::Protocol> makeBx6Protocol() { return std::make_unique<Bx6Protocol>(); }

} // namespace gongshi::protocols::bx6
