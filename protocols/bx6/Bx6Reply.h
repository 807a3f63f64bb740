#pragma once
// The card's answers (Onbon's 6th-generation manual, 5.1.2 and 5.3): a frame from the card to the
// host whose data domain is
//   Rsv | Grp | Cmd | Status u16 | Error u16 | DataLen u16 | data
// ACK is A0 00 with Status bit 0 clear; NACK is A0 01 with Status bit 0 set and Error naming why.
#include "protocols/Protocol.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gongshi::protocols::bx6 {

// Error register values, Onbon's manual 5.2.2.
enum class CardError : std::uint16_t {
    None = 0, Group = 1, NoCommand = 2, Busy = 3, Memory = 4, Crc = 5, NoFile = 6, Flash = 7,
    Download = 8, FileName = 9, FileType = 10, FileCrc = 11, NoFont = 12, FirmwareType = 13,
    DateFormat = 14, FileExists = 15, BlockNumber = 16, ControllerType = 17, Parameter = 18, ControllerId = 19,
};
// "crc", "no-command", ...; "error-N" for numbers the manual does not list.
std::string cardErrorName(std::uint16_t code);

// A reply from a card at `cardAddress`: ACK when `error` is None, else NACK.
Bytes buildReply(std::uint16_t cardAddress, std::uint16_t deviceType, CardError error, const Bytes& data = {});
// Protocol::parseReply for bx-6.
std::optional<ReplyResult> parseReplyFrame(const Bytes& received);

} // namespace gongshi::protocols::bx6
