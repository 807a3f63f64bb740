#include "protocols/alpha/AlphaPacket.h"

#include "common/Error.h"
#include "protocols/alpha/AlphaCodes.h"

#include <cstdio>

namespace gongshi::protocols::alpha {

std::uint16_t checksum(const std::uint8_t* data, std::size_t size) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < size; ++i) sum += data[i];
    return static_cast<std::uint16_t>(sum & 0xFFFF);
}

std::string checksumText(std::uint16_t sum) {
    char text[5];
    std::snprintf(text, sizeof text, "%04X", static_cast<unsigned>(sum));
    return text;
}

std::optional<std::uint16_t> parseHex4(std::string_view digits) {
    if (digits.size() != 4) return std::nullopt;
    unsigned value = 0;
    for (char c : digits) {
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0) return std::nullopt;
        value = value * 16 + static_cast<unsigned>(v);
    }
    return static_cast<std::uint16_t>(value);
}

std::optional<std::uint16_t> parseUpperHex(std::string_view digits) {
    if (digits.size() != 2 && digits.size() != 4) return std::nullopt;
    unsigned value = 0;
    for (char c : digits) {
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (v < 0) return std::nullopt;
        value = value * 16 + static_cast<unsigned>(v);
    }
    return static_cast<std::uint16_t>(value);
}

std::string addressField(std::uint16_t address) {
    if (address > 0xFF)
        throw InputError("alpha sign address " + std::to_string(address) +
                         " is out of range: use 2..255, or 0 or 1 for every sign on the line (00)");
    char text[3];
    std::snprintf(text, sizeof text, "%02X", static_cast<unsigned>(address));
    return text;
}

namespace {
Bytes packet(std::size_t nuls, char type, std::string_view address, std::string_view command) {
    Bytes out(nuls, code::NUL);
    out.push_back(code::SOH);
    out.push_back(static_cast<std::uint8_t>(type));
    out.insert(out.end(), address.begin(), address.end());
    std::size_t stx = out.size();
    out.push_back(code::STX);
    out.insert(out.end(), command.begin(), command.end());
    out.push_back(code::ETX);
    std::string sum = checksumText(checksum(out.data() + stx, out.size() - stx));
    out.insert(out.end(), sum.begin(), sum.end());
    out.push_back(code::EOT);
    return out;
}
} // namespace

Bytes makePacket(std::string_view address, std::string_view command) {
    return packet(code::SyncNuls, code::TypeAllSigns, address, command);
}

Bytes makeReplyPacket(std::string_view address, std::string_view command) {
    return packet(code::ReplyNuls, code::TypeResponse, address, command);
}

} // namespace gongshi::protocols::alpha
