#include "protocols/bx6/Bx6Frame.h"

#include "protocols/bx6/Crc16Arc.h"
#include "protocols/bx6/LeReader.h"
#include "protocols/bx6/LeWriter.h"

namespace gongshi::protocols::bx6 {

namespace {
bool needsEscape(std::uint8_t b) { return b == 0xA5 || b == 0xA6 || b == 0x5A || b == 0x5B; }

void appendEscaped(Bytes& out, const std::uint8_t* raw, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
        std::uint8_t b = raw[i];
        switch (b) {
        case 0xA5: out.push_back(0xA6), out.push_back(0x02); break;
        case 0xA6: out.push_back(0xA6), out.push_back(0x01); break;
        case 0x5A: out.push_back(0x5B), out.push_back(0x02); break;
        case 0x5B: out.push_back(0x5B), out.push_back(0x01); break;
        default: out.push_back(b);
        }
    }
}
} // namespace

const char* unpackErrorName(UnpackError error) {
    switch (error) {
    case UnpackError::None: return "";
    case UnpackError::Escape: return "escape";
    case UnpackError::Length: return "length";
    case UnpackError::Crc: return "crc";
    }
    return "?";
}

std::size_t escapedSize(const std::uint8_t* raw, std::size_t size) {
    std::size_t n = size;
    for (std::size_t i = 0; i < size; ++i) n += needsEscape(raw[i]) ? 1 : 0;
    return n;
}

Bytes packFrame(const Bx6Frame& frame) {
    Bytes raw;
    raw.reserve(kHeaderSize + frame.data.size() + 2);
    LeWriter w(raw);
    w.u16(frame.dst);
    w.u16(frame.src);
    w.u8(frame.version);
    w.u8(0);
    w.u16(frame.deviceType);
    w.zeros(4);
    w.u32(static_cast<std::uint32_t>(frame.data.size()));
    w.bytes(frame.data);
    w.u16(crc16Arc(raw.data(), raw.size()));

    Bytes out(kPreambleLength, kPreambleByte);
    out.reserve(kPreambleLength + raw.size() + raw.size() / 8 + 1);
    appendEscaped(out, raw.data(), raw.size());
    out.push_back(kEndByte);
    return out;
}

UnpackError unpackFrame(const std::uint8_t* body, std::size_t size, Bx6Frame& out) {
    Bytes raw;
    raw.reserve(size);
    for (std::size_t i = 0; i < size; ++i) {
        std::uint8_t b = body[i];
        if (b != 0xA6 && b != 0x5B) {
            raw.push_back(b);
            continue;
        }
        if (i + 1 >= size || (body[i + 1] != 0x01 && body[i + 1] != 0x02)) return UnpackError::Escape;
        raw.push_back(b == 0xA6 ? (body[i + 1] == 0x02 ? 0xA5 : 0xA6) : (body[i + 1] == 0x02 ? 0x5A : 0x5B));
        ++i;
    }
    if (raw.size() < kHeaderSize + 2) return UnpackError::Length;
    LeReader r(raw.data(), raw.size());
    out.dst = r.u16();
    out.src = r.u16();
    out.version = r.u8();
    r.skip(1);
    out.deviceType = r.u16();
    r.skip(4);
    std::uint32_t len = r.u32();
    // RtnReq, Grp and Cmd are the least a data domain holds.
    if (len < 3 || len != raw.size() - kHeaderSize - 2) return UnpackError::Length;
    std::size_t crcAt = kHeaderSize + len;
    std::uint16_t sent = static_cast<std::uint16_t>(raw[crcAt] | (raw[crcAt + 1] << 8));
    if (crc16Arc(raw.data(), crcAt) != sent) return UnpackError::Crc;
    out.data.assign(raw.begin() + static_cast<std::ptrdiff_t>(kHeaderSize), raw.begin() + static_cast<std::ptrdiff_t>(crcAt));
    return UnpackError::None;
}

} // namespace gongshi::protocols::bx6
