#include "protocols/bxk/BxkReply.h"

#include "protocols/bxk/BxkCommands.h"
#include "protocols/bxk/BxkErrors.h"
#include "protocols/bxk/BxkFrame.h"

namespace gongshi::protocols::bxk {

std::optional<ReplyResult> parseBxkReply(const Bytes& received) {
    std::size_t at = 0;
    while (at < received.size()) {
        ScanResult s = scanFrame(received.data() + at, received.size() - at);
        if (s.kind == ScanResult::Kind::NeedMore) return std::nullopt;
        if (s.kind != ScanResult::Kind::Frame) {
            at += s.length;
            continue;
        }
        DecodedFrame d = decodeBody(received.data() + at + s.bodyOffset, s.bodyLength);
        at += s.length;
        if (d.status == FrameStatus::TooShort) continue;
        if (d.status != FrameStatus::Ok) return ReplyResult{false, "corrupt-reply", at, {}, std::nullopt, true};
        const Bytes& data = d.frame.data;
        if (data.size() < 3 || data[0] != kGroupReply) continue; // not a reply: an echo, another talker
        std::uint8_t err = data[2];
        // ACK is A0 00; an answer with data has the command it answers there (A0 02 for the status).
        if (data[1] != kNack && err == 0)
            return ReplyResult{true, "", at,
                               data.size() > kCommandHeadLength ? Bytes(data.begin() + kCommandHeadLength, data.end()) : Bytes{},
                               d.frame.src};
        return ReplyResult{false, err != 0 ? errorName(err) : "nack", at, {}, d.frame.src};
    }
    return std::nullopt;
}

} // namespace gongshi::protocols::bxk
