#include "protocols/bx6/Bx6Frame.h"

#include "protocols/ByteReader.h"
#include "protocols/ByteWriter.h"

namespace gongshi::protocols::bx6 {

const char* unpackErrorName(UnpackError error) {
    switch (error) {
    case UnpackError::None:
        return "";
    case UnpackError::Escape:
        return "escape";
    case UnpackError::Length:
        return "length";
    case UnpackError::Crc:
        return "crc";
    }
    return "?";
}

Bytes packFrame(const Bx6Frame& frame) {
    Bytes raw;
    raw.reserve(kHeaderSize + frame.data.size() + 2);
    ByteWriter w(raw);
    w.u16(frame.dst);
    w.u16(frame.src);
    w.u8(frame.version);
    w.u8(0);
    w.u16(frame.deviceType);
    w.zeros(4);
    w.u32(static_cast<std::uint32_t>(frame.data.size()));
    w.bytes(frame.data);
    w.u16(onbon::crc16Arc(raw.data(), raw.size()));
    return onbon::wrapFrame(raw);
}

UnpackError unpackFrame(const std::uint8_t* body, std::size_t size, Bx6Frame& out) {
    bool clean = true;
    Bytes raw = onbon::unescape(body, size, &clean);
    if (!clean) return UnpackError::Escape;
    return unpackRawFrame(raw, out);
}

UnpackError unpackRawFrame(const Bytes& raw, Bx6Frame& out) {
    if (raw.size() < kHeaderSize + 2) return UnpackError::Length;
    ByteReader r(raw.data(), raw.size());
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
    if (onbon::crc16Arc(raw.data(), crcAt) != sent) return UnpackError::Crc;
    out.data.assign(raw.begin() + static_cast<std::ptrdiff_t>(kHeaderSize), raw.begin() + static_cast<std::ptrdiff_t>(crcAt));
    return UnpackError::None;
}

} // namespace gongshi::protocols::bx6
