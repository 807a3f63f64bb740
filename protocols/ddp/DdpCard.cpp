#include "protocols/ddp/DdpCard.h"

#include "protocols/ddp/DdpHeader.h"

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

DdpCard::DdpCard(const ScreenSpec& screen)
    : pending_(screen.width, screen.height, renderer::ColorMode::Rgb), screen_(pending_) {}

std::vector<FrameEvent> DdpCard::feed(const std::uint8_t* data, std::size_t size) { return {datagram(data, size)}; }

std::vector<FrameEvent> DdpCard::feedDatagram(const Bytes& d) { return {datagram(d.data(), d.size())}; }

FrameEvent DdpCard::datagram(const std::uint8_t* data, std::size_t size) {
    auto header = DdpHeader::parse(data, size);
    if (!header) return malformed(size, "short header (" + std::to_string(size) + " bytes)");
    const DdpHeader& h = *header;
    if (h.version() != 1) return malformed(size, "version " + std::to_string(h.version()));
    // Other devices' answers and questions share the port: painting them would show noise.
    if (h.flags & kFlagReply) return ignored(size, "reply");
    if (h.flags & kFlagQuery) return ignored(size, "query");
    if (h.id != kIdDisplay) return ignored(size, "id " + std::to_string(h.id));
    // 0x0B is RGB 8-bit; 0x01 (older senders) and 0x00 (undefined) are taken as the same, as WLED does.
    if (h.dataType != kTypeRgb8 && h.dataType != 0x01 && h.dataType != 0x00)
        return ignored(size, "data type " + hex2(h.dataType));
    const std::size_t carried = size - h.size();
    if (h.length != carried)
        return malformed(size, "length mismatch: header says " + std::to_string(h.length) + ", datagram carries " +
                                   std::to_string(carried));
    const std::size_t frameBytes = pending_.bytes().size();
    if (h.offset > frameBytes || h.length > frameBytes - h.offset)
        return malformed(size, "offset beyond the frame: " + std::to_string(h.offset) + "+" + std::to_string(h.length) +
                                   " of " + std::to_string(frameBytes) + " bytes");

    // Rgb bitmaps are packed rows of R G B with no padding: the frame's bytes are the wire's bytes.
    std::copy_n(data + h.size(), h.length, pending_.row(0, 0) + h.offset);
    FrameEvent e;
    e.cmd = "bitmap";
    e.bytes = size;
    e.details["offset"] = std::to_string(h.offset);
    e.details["length"] = std::to_string(h.length);
    e.details["sequence"] = std::to_string(h.sequence);
    e.details["push"] = h.push() ? "1" : "0";
    if (h.push()) {
        screen_ = pending_;
        e.screenChanged = true;
    }
    return e;
}

} // namespace gongshi::protocols::ddp
