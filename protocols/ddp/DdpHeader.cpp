#include "protocols/ddp/DdpHeader.h"

namespace gongshi::protocols::ddp {

void DdpHeader::appendTo(Bytes& out) const {
    out.push_back(static_cast<std::uint8_t>(flags & ~kFlagTimecode));
    out.push_back(static_cast<std::uint8_t>(sequence & 0x0F));
    out.push_back(dataType);
    out.push_back(id);
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(offset >> shift));
    out.push_back(static_cast<std::uint8_t>(length >> 8));
    out.push_back(static_cast<std::uint8_t>(length));
}

std::optional<DdpHeader> DdpHeader::parse(const std::uint8_t* data, std::size_t size) {
    if (size < kHeaderSize) return std::nullopt;
    DdpHeader h;
    h.flags = data[0];
    h.sequence = data[1] & 0x0F;
    h.dataType = data[2];
    h.id = data[3];
    h.offset = static_cast<std::uint32_t>(data[4]) << 24 | static_cast<std::uint32_t>(data[5]) << 16 |
               static_cast<std::uint32_t>(data[6]) << 8 | data[7];
    h.length = static_cast<std::uint16_t>(data[8] << 8 | data[9]);
    if (size < h.size()) return std::nullopt;
    return h;
}

} // namespace gongshi::protocols::ddp
