#include "protocols/onbon/OnbonFraming.h"

#include <array>

namespace gongshi::protocols::onbon {

namespace {
constexpr std::uint8_t kEscapeA = 0xA6, kEscapeB = 0x5B;

// A table makes the CRC of a 63 KB frame cheap enough to compute on every packet, both ways.
constexpr std::array<std::uint16_t, 256> makeTable() {
    std::array<std::uint16_t, 256> table{};
    for (unsigned i = 0; i < 256; ++i) {
        unsigned c = i;
        for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? (c >> 1) ^ 0xA001u : c >> 1;
        table[i] = static_cast<std::uint16_t>(c);
    }
    return table;
}
constexpr auto kTable = makeTable();
} // namespace

std::uint16_t crc16Arc(const std::uint8_t* data, std::size_t size) {
    std::uint16_t crc = 0;
    for (std::size_t i = 0; i < size; ++i) crc = static_cast<std::uint16_t>((crc >> 8) ^ kTable[(crc ^ data[i]) & 0xFF]);
    return crc;
}

std::size_t escapedSize(const std::uint8_t* raw, std::size_t size) {
    std::size_t n = size;
    for (std::size_t i = 0; i < size; ++i) n += needsEscape(raw[i]) ? 1 : 0;
    return n;
}

void appendEscaped(Bytes& out, const std::uint8_t* raw, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
        const std::uint8_t b = raw[i];
        switch (b) {
        case 0xA5:
            out.push_back(kEscapeA), out.push_back(0x02);
            break;
        case 0xA6:
            out.push_back(kEscapeA), out.push_back(0x01);
            break;
        case 0x5A:
            out.push_back(kEscapeB), out.push_back(0x02);
            break;
        case 0x5B:
            out.push_back(kEscapeB), out.push_back(0x01);
            break;
        default:
            out.push_back(b);
        }
    }
}

Bytes unescape(const std::uint8_t* escaped, std::size_t size, bool* clean) {
    Bytes out;
    out.reserve(size);
    bool ok = true;
    for (std::size_t i = 0; i < size; ++i) {
        const std::uint8_t b = escaped[i];
        if ((b == kEscapeA || b == kEscapeB) && i + 1 < size && (escaped[i + 1] == 0x01 || escaped[i + 1] == 0x02)) {
            const bool two = escaped[++i] == 0x02;
            out.push_back(b == kEscapeA ? (two ? 0xA5 : 0xA6) : (two ? 0x5A : 0x5B));
            continue;
        }
        if (b == kEscapeA || b == kEscapeB) ok = false;
        out.push_back(b);
    }
    if (clean) *clean = ok;
    return out;
}

Bytes wrapFrame(const Bytes& raw) {
    Bytes out(kPreambleLength, kPreambleByte);
    out.reserve(kPreambleLength + raw.size() + raw.size() / 8 + 1);
    appendEscaped(out, raw.data(), raw.size());
    out.push_back(kEndByte);
    return out;
}

} // namespace gongshi::protocols::onbon
