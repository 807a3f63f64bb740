#pragma once
// A sign's answer to a read (Read SPECIAL FUNCTION 'F'): 20 NULs, SOH, type '0', the answering
// sign's own address, STX, the function written back ('E' + label + value), ETX, checksum, EOT.
#include "protocols/Protocol.h"

#include <optional>

namespace gongshi::protocols::alpha {

// The first answer in `received` (packets of other types, such as the echo of our own request on
// an RS-485 line, and bytes between packets are skipped and counted); nullopt while none is
// complete. ReplyResult::data is the answer from SOH to EOT; a wrong checksum is "checksum".
std::optional<ReplyResult> readReply(const Bytes& received);

// What an answer to the time-of-day read says: the sign's address, the type code it answered
// with ("type") and its clock ("time" HH:MM). nullopt for an answer that is not one.
std::optional<CardStatus> readStatus(const ReplyResult& reply);

} // namespace gongshi::protocols::alpha
