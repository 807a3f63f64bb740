#pragma once
// DDP's status question and answer (3waylabs' DDP specification, "Discovery" and "JSON STATUS"):
// the query is a header with the query flag for id 251 and no data; a display answers with the
// reply and push flags, id 251 and JSON such as {"status":{"man":"...","mod":"...","ver":"..."}}.
// Reading an id a display does not support is answered with an empty reply (length 0, push).
// WLED answers neither: it drops query packets (wled00/e131.cpp handleDDPPacket).
#include "protocols/Protocol.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gongshi::protocols::ddp {

Bytes statusQuery();
// A display's answer to a read of `id`: `json` as its data (empty: the id is not supported).
Bytes replyPacket(std::uint8_t id, const std::string& json);

// The first status reply among the datagrams in `received` (each as long as its header says);
// other datagrams are skipped. nullopt while none has come. ReplyResult::data is the JSON.
std::optional<ReplyResult> readStatusReply(const Bytes& received);
// What the JSON says: "man" and "mod" as the model, "ver", "mac", "push" and "ntp" as extras.
// nullopt when it carries no "status" object.
std::optional<CardStatus> readStatusJson(const Bytes& json);

} // namespace gongshi::protocols::ddp
