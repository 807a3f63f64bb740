#include "protocols/bx6/Bx6Reply.h"

#include "protocols/ByteReader.h"
#include "protocols/ByteWriter.h"
#include "protocols/bx6/Bx6Commands.h"
#include "protocols/bx6/Bx6ControlFrame.h"
#include "protocols/bx6/Bx6Frame.h"

#include <algorithm>

namespace gongshi::protocols::bx6 {

std::string cardErrorName(std::uint16_t code) {
    static const char* const names[] = {
        "ok",           "group",           "no-command", "busy",          "memory",  "crc",           "no-file",     "flash",
        "download",     "file-name",       "file-type",  "file-crc",      "no-font", "firmware-type", "date-format", "file-exists",
        "block-number", "controller-type", "parameter",  "controller-id",
    };
    if (code < std::size(names)) return names[code];
    return "error-" + std::to_string(code);
}

namespace {
Bytes frameOf(const ReplyTo& to, std::uint8_t group, std::uint8_t cmd, CardError error, const Bytes& data) {
    Bytes domain;
    ByteWriter w(domain);
    const bool nack = error != CardError::None;
    w.u8(0);
    w.u8(group);
    w.u8(cmd);
    w.u16(nack ? 1 : 0);
    w.u16(static_cast<unsigned>(error));
    w.u16(static_cast<unsigned>(data.size()));
    w.bytes(data);
    if (to.control) {
        Bx6ControlFrame f;
        f.dst = kHostAddress;
        f.src = to.cardAddress;
        f.deviceType = to.deviceType;
        f.sequence = to.sequence;
        f.data = std::move(domain);
        return packControlFrame(f);
    }
    Bx6Frame f;
    f.dst = kHostAddress;
    f.src = to.cardAddress;
    f.deviceType = to.deviceType;
    f.data = std::move(domain);
    return packFrame(f);
}
} // namespace

Bytes buildReply(const ReplyTo& to, CardError error) { return frameOf(to, kReplyGroup, error == CardError::None ? 0x00 : 0x01, error, {}); }

Bytes buildAnswer(const ReplyTo& to, std::uint8_t group, std::uint8_t cmd, const Bytes& data) {
    return frameOf(to, group, static_cast<std::uint8_t>(cmd | kAnswerBit), CardError::None, data);
}

std::optional<ReplyResult> parseReplyFrame(const Bytes& received) {
    // Garbage before the preamble (an RS-485 echo, a stale byte) is skipped and counted.
    auto start = std::find(received.begin(), received.end(), kPreambleByte);
    if (start == received.end()) return std::nullopt;
    auto body = std::find_if(start, received.end(), [](std::uint8_t b) { return b != kPreambleByte; });
    auto end = std::find(body, received.end(), kEndByte);
    if (end == received.end()) return std::nullopt;

    ReplyResult result;
    result.consumed = static_cast<std::size_t>(end - received.begin()) + 1;
    auto fail = [&](std::string why) {
        result.ok = false;
        result.error = std::move(why);
        result.garbled = true;
        return result;
    };
    if (std::find(body, end, kPreambleByte) != end) return fail("broken reply frame");
    bool clean = true;
    const Bytes raw = onbon::unescape(&*body, static_cast<std::size_t>(end - body), &clean);
    if (!clean) return fail("reply escape");
    Bytes domain;
    if (raw.size() > 4 && raw[4] == kControlVersion) {
        Bx6ControlFrame f;
        if (UnpackError e = unpackControlFrame(raw, f); e != UnpackError::None) return fail(std::string("reply ") + unpackErrorName(e));
        result.source = f.src;
        domain = std::move(f.data);
    } else {
        Bx6Frame f;
        if (UnpackError e = unpackRawFrame(raw, f); e != UnpackError::None) return fail(std::string("reply ") + unpackErrorName(e));
        result.source = f.src;
        domain = std::move(f.data);
    }
    ByteReader r(domain.data(), domain.size());
    r.skip(3);
    const std::uint16_t status = r.u16();
    const std::uint16_t error = r.u16();
    const std::uint16_t dataLen = r.u16();
    if (!r.ok() || dataLen != r.remaining()) return fail("reply too short");
    if ((status & 1) != 0 || error != 0) {
        result.ok = false;
        result.error = error != 0 ? cardErrorName(error) : "nack";
    }
    result.data.assign(r.here(), r.here() + r.remaining());
    return result;
}

} // namespace gongshi::protocols::bx6
