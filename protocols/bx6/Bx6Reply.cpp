#include "protocols/bx6/Bx6Reply.h"

#include "protocols/ByteReader.h"
#include "protocols/ByteWriter.h"
#include "protocols/bx6/Bx6Frame.h"

#include <algorithm>

namespace gongshi::protocols::bx6 {

std::string cardErrorName(std::uint16_t code) {
    static const char* const names[] = {
        "ok",          "group",        "no-command",  "busy",        "memory",      "crc",
        "no-file",     "flash",        "download",    "file-name",   "file-type",   "file-crc",
        "no-font",     "firmware-type", "date-format", "file-exists", "block-number", "controller-type",
        "parameter",   "controller-id",
    };
    if (code < std::size(names)) return names[code];
    return "error-" + std::to_string(code);
}

Bytes buildReply(std::uint16_t cardAddress, std::uint16_t deviceType, CardError error, const Bytes& data) {
    Bx6Frame f;
    f.dst = kHostAddress;
    f.src = cardAddress;
    f.deviceType = deviceType;
    const bool nack = error != CardError::None;
    ByteWriter w(f.data);
    w.u8(0);
    w.u8(0xA0);
    w.u8(nack ? 0x01 : 0x00);
    w.u16(nack ? 1 : 0);
    w.u16(static_cast<unsigned>(error));
    w.u16(static_cast<unsigned>(data.size()));
    for (std::uint8_t b : data) w.u8(b);
    return packFrame(f);
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
    if (std::find(body, end, kPreambleByte) != end) {
        result.ok = false;
        result.error = "broken reply frame";
        return result;
    }
    Bx6Frame f;
    UnpackError e = unpackFrame(&*body, static_cast<std::size_t>(end - body), f);
    if (e != UnpackError::None) {
        result.ok = false;
        result.error = std::string("reply ") + unpackErrorName(e);
        return result;
    }
    ByteReader r(f.data.data(), f.data.size());
    r.skip(3);
    std::uint16_t status = r.u16();
    std::uint16_t error = r.u16();
    std::uint16_t dataLen = r.u16();
    if (!r.ok() || dataLen != r.remaining()) {
        result.ok = false;
        result.error = "reply too short";
        return result;
    }
    if ((status & 1) != 0 || error != 0) {
        result.ok = false;
        result.error = error != 0 ? cardErrorName(error) : "nack";
    }
    result.data.assign(r.here(), r.here() + r.remaining());
    return result;
}

} // namespace gongshi::protocols::bx6
