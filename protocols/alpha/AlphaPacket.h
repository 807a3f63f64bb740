#pragma once
// Packet framing: NUL x5 | SOH | type | address | STX | command | ETX | checksum | EOT.
#include "protocols/Protocol.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gongshi::protocols::alpha {

// The 16-bit sum (not an XOR: signs reject XOR checksums) of the bytes from STX through ETX.
std::uint16_t checksum(const std::uint8_t* data, std::size_t size);
// As the 4 uppercase hex digits sent after ETX.
std::string checksumText(std::uint16_t sum);
// Reads 4 hex digits (either case); nullopt when they are not hex.
std::optional<std::uint16_t> parseHex4(std::string_view digits);
// Reads 2 or 4 upper-case hex digits, as signs take sizes: nullopt for lower case or other bytes.
std::optional<std::uint16_t> parseUpperHex(std::string_view digits);

// The address in 2 uppercase hex digits ("00" is every sign). Throws InputError above 255.
std::string addressField(std::uint16_t address);

// One packet carrying one command (command code + data) to `address`, with its checksum.
Bytes makePacket(std::string_view address, std::string_view command);
// A sign's answer to a read: 20 NULs, SOH, type '0', the sign's own address, the command.
Bytes makeReplyPacket(std::string_view address, std::string_view command);

} // namespace gongshi::protocols::alpha
