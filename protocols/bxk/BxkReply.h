#pragma once
// The sender's side of a card's answer: finds the reply frame in received bytes.
#include "protocols/Protocol.h"

#include <optional>

namespace gongshi::protocols::bxk {

// ACK (A0 00, Err 0) or an answer with data (A0 <the command answered>, Err 0) -> ok. NACK (A0 01) or Err != 0 -> !ok with the card's error named ("crc",
// "no-command", ...; a NACK without an Err is "nack"). A reply that arrives damaged -> !ok,
// "corrupt-reply". Garbage and frames that are not replies (a half-duplex line's echo of our own
// request) are skipped and counted in `consumed`. nullopt while no reply is complete.
std::optional<ReplyResult> parseBxkReply(const Bytes& received);

} // namespace gongshi::protocols::bxk
