#pragma once
// Sends one command over a link the way a device expects it: packet by packet, waiting for the
// reply to each packet where the protocol has one, sending a packet again when no reply came in
// time (a bounded number of times), stopping at a refusal. Inside a packet it keeps the pauses the
// protocol asks for (Protocol::pausesIn): the bytes before a pause are written, then the line stays
// quiet that long. Never waits longer than (retries + 1) x (reply timeout + the packet's pauses)
// per packet.
#include "protocols/Protocol.h"
#include "protocols/transport/Transport.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace gongshi::protocols {

struct SendOutcome {
    enum class Status { Done, Refused, NoReply, Stopped };
    Status status = Status::Done;
    std::string error;       // what went wrong, for a person
    std::size_t packets = 0; // packets written (resends counted)
    std::size_t bytes = 0;   // bytes written (resends counted)
    std::string refusal;     // the device's own name for a refusal ("no-file", "crc", ...)
    Bytes reply;             // the data of the last packet's reply
    bool ok() const { return status == Status::Done; }
};

// What a caller may do between packets.
struct SendHooks {
    // Asked before each packet: true stops the command there (Status::Stopped), so a sender asked
    // to let go does so after the packet on the line, not after a whole picture at 9600 baud.
    std::function<bool()> stop;
    // Told of each packet the device took (acknowledged, or written where there is no reply).
    std::function<void(const Bytes& packet)> taken;
};

// Writes one packet in the parts its pauses (Protocol::pausesIn) cut it into, waiting after each
// part that asks for it. Throws TransportError as Transport::write does.
void writeWithPauses(transport::Transport& link, const Protocol& protocol, const Bytes& packet);

// Throws TransportError when the link fails (closed, reset, write timed out).
SendOutcome sendCommand(transport::Transport& link, const Protocol& protocol, const std::vector<Bytes>& packets, bool wantsReply,
                        std::chrono::milliseconds replyTimeout, int retries, const SendHooks& hooks = {});

// Sends the protocol's read-only status question to the card at `address` and waits up to
// `timeout` for the answer: the card's status, a status with extra["refused"] when the card refused
// the question (it is there all the same), nullopt when nothing of this protocol answered. Nothing is
// written to the card. Throws InputError when the protocol has no status question, TransportError
// when the link fails.
std::optional<CardStatus> askStatus(transport::Transport& link, const Protocol& protocol, std::uint16_t address,
                                    std::chrono::milliseconds timeout);

} // namespace gongshi::protocols
