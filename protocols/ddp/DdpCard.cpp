#include "protocols/ddp/DdpCard.h"

#include "common/Error.h"
#include "protocols/ddp/DdpHeader.h"
#include "protocols/ddp/DdpStatus.h"

#include <algorithm>
#include <string>

namespace gongshi::protocols::ddp {

namespace {
std::string hex2(unsigned v) {
    static const char digits[] = "0123456789ABCDEF";
    return std::string("0x") + digits[(v >> 4) & 0xF] + digits[v & 0xF];
}

FrameEvent malformed(std::size_t bytes, std::string reason) {
    FrameEvent e = failedEvent("garbage", "malformed", bytes);
    e.details["reason"] = std::move(reason);
    return e;
}

FrameEvent ignored(std::size_t bytes, std::string reason) {
    FrameEvent e;
    e.cmd = "ignored";
    e.bytes = bytes;
    e.details["reason"] = std::move(reason);
    return e;
}
} // namespace

DdpCard::DdpCard(const ScreenSpec& screen) : pending_(screen.width, screen.height, renderer::ColorMode::Rgb), screen_(pending_) {
    if (auto it = screen.options.find("skip-out-of-sequence"); it != screen.options.end()) {
        if (it->second == "on" || it->second == "1")
            skipOutOfSequence_ = true;
        else if (it->second != "off" && it->second != "0")
            throw InputError("ddp option skip-out-of-sequence='" + it->second + "' is neither on nor off");
    }
}

// WLED's rule: with the last shown frame's number L, a packet numbered within 4 below L is a late
// packet of an earlier frame (counting around 15 -> 1).
bool DdpCard::late(std::uint8_t sn) const {
    const int last = lastShownSequence_;
    if (!skipOutOfSequence_ || last == 0 || sn == 0) return false;
    if (last > 5) return sn > last - 5 && sn < last;
    return sn > 10 + last || sn < last;
}

std::vector<FrameEvent> DdpCard::feed(const std::uint8_t* data, std::size_t size) { return {datagram(data, size)}; }

std::vector<FrameEvent> DdpCard::feedDatagram(const Bytes& d) { return {datagram(d.data(), d.size())}; }

FrameEvent DdpCard::datagram(const std::uint8_t* data, std::size_t size) {
    auto header = DdpHeader::parse(data, size);
    if (!header) return malformed(size, "short header (" + std::to_string(size) + " bytes)");
    const DdpHeader& h = *header;
    if (h.version() != 1) return malformed(size, "version " + std::to_string(h.version()));
    // Other devices' answers share the port: painting them would show noise.
    if (h.flags & kFlagReply) return ignored(size, "reply");
    if (h.flags & kFlagQuery) {
        FrameEvent e;
        e.cmd = h.id == kIdStatus ? "status" : "query";
        e.bytes = size;
        e.details["id"] = std::to_string(h.id);
        e.reply = replyPacket(h.id, h.id == kIdStatus ? R"({"status":{"man":"gongshi","mod":"ddp-emulator","ver":"1","push":true}})" : "");
        return e;
    }
    if (h.id != kIdDisplay) return ignored(size, "id " + std::to_string(h.id));
    const bool push = h.push();
    if (!push && (h.flags & kFlagStorage)) return ignored(size, "storage");
    if (late(h.sequence)) return ignored(size, "out of sequence");
    // 0x0B is RGB 8-bit; 0x01 (older senders) and 0x00 (undefined) are taken as the same, as WLED does.
    if (h.dataType != kTypeRgb8 && h.dataType != 0x01 && h.dataType != 0x00) return ignored(size, "data type " + hex2(h.dataType));
    const std::size_t carried = size - h.size();
    if (h.length != carried)
        return malformed(size,
                         "length mismatch: header says " + std::to_string(h.length) + ", datagram carries " + std::to_string(carried));
    const std::size_t frameBytes = pending_.bytes().size();
    if (h.offset > frameBytes || h.length > frameBytes - h.offset)
        return malformed(size, "offset beyond the frame: " + std::to_string(h.offset) + "+" + std::to_string(h.length) + " of " +
                                   std::to_string(frameBytes) + " bytes");

    // Rgb bitmaps are packed rows of R G B with no padding: the frame's bytes are the wire's bytes.
    std::copy_n(data + h.size(), h.length, pending_.row(0, 0) + h.offset);
    FrameEvent e;
    e.cmd = "bitmap";
    e.bytes = size;
    e.details["offset"] = std::to_string(h.offset);
    e.details["length"] = std::to_string(h.length);
    e.details["sequence"] = std::to_string(h.sequence);
    e.details["push"] = push ? "1" : "0";
    seenPush_ = seenPush_ || push;
    // Before any push the display shows what comes as it comes; after one, only on push.
    if (push || !seenPush_) {
        screen_ = pending_;
        e.screenChanged = true;
        if (h.sequence != 0) lastShownSequence_ = h.sequence;
    }
    return e;
}

} // namespace gongshi::protocols::ddp
