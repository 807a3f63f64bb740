#include "protocols/bx6/Bx6ControlFrame.h"

#include "protocols/ByteReader.h"
#include "protocols/ByteWriter.h"
#include "protocols/bx6/Bx6Commands.h"

namespace gongshi::protocols::bx6 {

namespace {
constexpr std::uint16_t kFrameLenMax = 0x00FF;
constexpr std::uint8_t kNoEncryption = 0x96;

std::uint8_t xorOf(const std::uint8_t* p, std::size_t n) {
    std::uint8_t x = 0;
    for (std::size_t i = 0; i < n; ++i) x ^= p[i];
    return x;
}
} // namespace

Bytes packControlFrame(const Bx6ControlFrame& frame) {
    Bytes raw;
    raw.reserve(kControlHeaderSize + frame.data.size());
    ByteWriter w(raw);
    w.u16(frame.dst);
    w.u16(frame.src);
    w.u8(kControlVersion);
    w.u8(frame.protocolType);
    w.u16(frame.deviceType);
    w.u8(0); // physical layer type
    w.u8(frame.option);
    w.u16(frame.sequence);
    w.u16(kFrameLenMax);
    w.u8(kNoEncryption);
    w.zeros(1 + 6); // random number and secret: unused without encryption
    w.u16(static_cast<unsigned>(frame.data.size()));
    w.u16(onbon::crc16Arc(frame.data.data(), frame.data.size()));
    w.u8(0);
    w.u8(xorOf(raw.data(), raw.size()));
    w.bytes(frame.data);
    return onbon::wrapFrame(raw);
}

UnpackError unpackControlFrame(const Bytes& raw, Bx6ControlFrame& out) {
    if (raw.size() < kControlHeaderSize + 3) return UnpackError::Length;
    ByteReader r(raw.data(), raw.size());
    out.dst = r.u16();
    out.src = r.u16();
    r.skip(1);
    out.protocolType = r.u8();
    out.deviceType = r.u16();
    r.skip(1);
    out.option = r.u8();
    out.sequence = r.u16();
    r.skip(2 + 1 + 1 + 6);
    const std::size_t len = r.u16();
    const std::uint16_t crc = r.u16();
    if (len != raw.size() - kControlHeaderSize) return UnpackError::Length;
    if (xorOf(raw.data(), kControlHeaderSize - 1) != raw[kControlHeaderSize - 1]) return UnpackError::Crc;
    if (onbon::crc16Arc(raw.data() + kControlHeaderSize, len) != crc) return UnpackError::Crc;
    out.data.assign(raw.begin() + static_cast<std::ptrdiff_t>(kControlHeaderSize), raw.end());
    return UnpackError::None;
}

Bytes controlRequest(std::uint8_t group, std::uint8_t cmd, const Bytes& payload) {
    Bytes d;
    ByteWriter w(d);
    w.u8(kReplyWanted);
    w.u8(group);
    w.u8(cmd);
    w.u16(static_cast<unsigned>(payload.size()));
    w.bytes(payload);
    return d;
}

} // namespace gongshi::protocols::bx6
