#include "protocols/bxk/BxkFrame.h"

#include "common/Error.h"
#include "protocols/ByteWriter.h"

namespace gongshi::protocols::bxk {

namespace {

// Longest escaped body worth waiting for: a 1 KB frame, with slack for senders that ignore the limit.
constexpr std::size_t kMaxEscapedBody = 4 * kMaxWireFrame;

std::uint16_t getU16(const std::uint8_t* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }

std::uint16_t sum16(const std::uint8_t* data, std::size_t size) {
    std::uint16_t s = 0;
    for (std::size_t i = 0; i < size; ++i) s = static_cast<std::uint16_t>(s + data[i]);
    return s;
}

} // namespace

Bytes encodeFrame(const BxkFrame& f) {
    if (f.data.size() > 0xFFFF)
        throw InputError("bx-k frame data of " + std::to_string(f.data.size()) + " bytes exceeds the 65535 a frame can carry");
    Bytes raw;
    raw.reserve(kHeaderLength + kBarCodeLength + f.data.size() + kCheckLength);
    ByteWriter w(raw);
    w.u16(f.dst);
    w.u16(f.src);
    w.zeros(3);
    w.u8(f.option);
    if (f.option & 0x01) {
        Bytes code = f.barCode;
        code.resize(kBarCodeLength, 0x00);
        w.bytes(code);
    }
    w.u8(f.checkMode);
    w.u8(f.displayMode);
    w.u8(f.deviceType);
    w.u8(f.version);
    w.u16(static_cast<std::uint16_t>(f.data.size()));
    w.bytes(f.data);
    std::uint16_t check = 0;
    if (f.checkMode == kCheckCrc)
        check = onbon::crc16Arc(raw.data(), raw.size());
    else if (f.checkMode == kCheckSum)
        check = sum16(raw.data(), raw.size());
    w.u16(check);
    return onbon::wrapFrame(raw);
}

DecodedFrame decodeBody(const std::uint8_t* escaped, std::size_t size) {
    DecodedFrame out;
    bool clean = true;
    Bytes raw = onbon::unescape(escaped, size, &clean);
    if (raw.size() < kHeaderLength + kCheckLength) return out;
    BxkFrame& f = out.frame;
    f.dst = getU16(&raw[0]);
    f.src = getU16(&raw[2]);
    f.option = raw[7];
    std::size_t pos = 8;
    if (f.option & 0x01) {
        if (raw.size() < kHeaderLength + kBarCodeLength + kCheckLength) return out;
        f.barCode.assign(raw.begin() + 8, raw.begin() + 8 + kBarCodeLength);
        pos += kBarCodeLength;
    }
    f.checkMode = raw[pos];
    f.displayMode = raw[pos + 1];
    f.deviceType = raw[pos + 2];
    f.version = raw[pos + 3];
    std::size_t dataLen = getU16(&raw[pos + 4]);
    pos += 6;
    if (!clean) {
        out.status = FrameStatus::BadEscape;
        return out;
    }
    if (raw.size() != pos + dataLen + kCheckLength) {
        out.status = FrameStatus::LengthMismatch;
        return out;
    }
    f.data.assign(raw.begin() + static_cast<std::ptrdiff_t>(pos), raw.begin() + static_cast<std::ptrdiff_t>(pos + dataLen));
    std::uint16_t got = getU16(&raw[pos + dataLen]);
    bool checkOk = false;
    switch (f.checkMode) {
    case kCheckCrc:
        checkOk = onbon::crc16Arc(raw.data(), pos + dataLen) == got;
        break;
    case kCheckSum:
        checkOk = sum16(raw.data(), pos + dataLen) == got;
        break;
    case kCheckNone:
        checkOk = true;
        break;
    default:
        checkOk = false;
    }
    out.status = checkOk ? FrameStatus::Ok : FrameStatus::BadCheck;
    return out;
}

ScanResult scanFrame(const std::uint8_t* data, std::size_t size) {
    ScanResult r;
    if (size == 0) return r;
    std::size_t i = 0;
    if (data[0] != kPreambleByte) {
        while (i < size && data[i] != kPreambleByte) ++i;
        r.kind = ScanResult::Kind::Garbage;
        r.length = i;
        return r;
    }
    while (i < size && data[i] == kPreambleByte) ++i;
    if (i > kMaxEscapedBody) {
        r.kind = ScanResult::Kind::Preamble;
        r.length = i - kMaxEscapedBody;
        return r;
    }
    std::size_t bodyStart = i;
    for (; i < size; ++i) {
        if (i - bodyStart >= kMaxEscapedBody) {
            r.kind = ScanResult::Kind::Garbage;
            r.length = i;
            return r;
        }
        if (data[i] == kPreambleByte) { // a new preamble: the frame before it never ended
            r.kind = ScanResult::Kind::Garbage;
            r.length = i;
            return r;
        }
        if (data[i] == kEndByte) {
            r.kind = ScanResult::Kind::Frame;
            r.length = i + 1;
            r.bodyOffset = bodyStart;
            r.bodyLength = i - bodyStart;
            return r;
        }
    }
    return r; // NeedMore
}

} // namespace gongshi::protocols::bxk
