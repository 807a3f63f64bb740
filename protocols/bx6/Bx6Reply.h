#pragma once
// The card's answers (Onbon's 6th-generation manual 5.1.2 and 5.3; the SDK's LedEQPacket::Unpack):
// a frame from the card to the host, in the kind of frame the request came in (dynamic-area F0 or
// control 07), whose data domain is
//   Rsv | Grp | Cmd | Status u16 | Error u16 | DataLen u16 | data
// ACK is A0 00 with Status bit 0 clear; NACK is A0 01 with Status bit 0 set and Error naming why;
// a question is answered in its own group with Cmd + 0x80 and the answer as data (A2 0F -> A2 8F).
#include "protocols/Protocol.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gongshi::protocols::bx6 {

// Error register values, Onbon's manual 5.2.2.
enum class CardError : std::uint16_t {
    None = 0,
    Group = 1,
    NoCommand = 2,
    Busy = 3,
    Memory = 4,
    Crc = 5,
    NoFile = 6,
    Flash = 7,
    Download = 8,
    FileName = 9,
    FileType = 10,
    FileCrc = 11,
    NoFont = 12,
    FirmwareType = 13,
    DateFormat = 14,
    FileExists = 15,
    BlockNumber = 16,
    ControllerType = 17,
    Parameter = 18,
    ControllerId = 19,
};
// "crc", "no-command", ...; "error-N" for numbers the manual does not list.
std::string cardErrorName(std::uint16_t code);

// Who answers and in which frame: a control request (07) is answered with a control frame that
// carries the request's sequence number, a dynamic-area request (F0) with an F0 frame.
struct ReplyTo {
    std::uint16_t cardAddress = 1;
    std::uint16_t deviceType = 0x0266;
    bool control = false;
    std::uint16_t sequence = 0;
};

// ACK when `error` is None, else NACK.
Bytes buildReply(const ReplyTo& to, CardError error);
// The answer to a question: Grp, Cmd + 0x80, `data`.
Bytes buildAnswer(const ReplyTo& to, std::uint8_t group, std::uint8_t cmd, const Bytes& data);
// Protocol::parseReply for bx-6: either frame kind; `source` is the card's address.
std::optional<ReplyResult> parseReplyFrame(const Bytes& received);

} // namespace gongshi::protocols::bx6
