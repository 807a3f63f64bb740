#include "protocols/CommandSender.h"

#include <algorithm>
#include <thread>

namespace gongshi::protocols {

void writeWithPauses(transport::Transport& link, const Protocol& protocol, const Bytes& packet) {
    const std::vector<PacketPause> pauses = protocol.pausesIn(packet);
    if (pauses.empty()) {
        link.write(packet);
        return;
    }
    std::size_t from = 0;
    for (const PacketPause& pause : pauses) {
        const std::size_t to = std::min(std::max(pause.offset, from), packet.size());
        if (to > from)
            link.write(Bytes(packet.begin() + static_cast<std::ptrdiff_t>(from), packet.begin() + static_cast<std::ptrdiff_t>(to)));
        from = to;
        if (pause.duration.count() > 0) std::this_thread::sleep_for(pause.duration);
    }
    if (from < packet.size()) link.write(Bytes(packet.begin() + static_cast<std::ptrdiff_t>(from), packet.end()));
}

SendOutcome sendCommand(transport::Transport& link, const Protocol& protocol, const std::vector<Bytes>& packets, bool wantsReply,
                        std::chrono::milliseconds replyTimeout, int retries, const SendHooks& hooks) {
    SendOutcome out;
    for (std::size_t i = 0; i < packets.size(); ++i) {
        if (hooks.stop && hooks.stop()) {
            out.status = SendOutcome::Status::Stopped;
            out.error = "stopped before packet " + std::to_string(i + 1) + " of " + std::to_string(packets.size());
            return out;
        }
        bool answered = !wantsReply;
        for (int attempt = 0; attempt <= retries; ++attempt) {
            writeWithPauses(link, protocol, packets[i]);
            ++out.packets;
            out.bytes += packets[i].size();
            if (!wantsReply) break;
            // Read until the protocol recognises a reply or the timeout passes.
            Bytes received;
            const auto deadline = std::chrono::steady_clock::now() + replyTimeout;
            std::optional<ReplyResult> reply;
            while (!reply) {
                auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
                if (left.count() <= 0) break;
                Bytes chunk = link.read(left);
                received.insert(received.end(), chunk.begin(), chunk.end());
                if (!received.empty()) reply = protocol.parseReply(received);
            }
            if (!reply) continue;
            if (!reply->ok) {
                out.status = SendOutcome::Status::Refused;
                out.refusal = reply->error;
                out.error =
                    "the device refused packet " + std::to_string(i + 1) + " of " + std::to_string(packets.size()) + ": " + reply->error;
                return out;
            }
            answered = true;
            out.reply = std::move(reply->data);
            break;
        }
        if (!answered) {
            out.status = SendOutcome::Status::NoReply;
            out.error = "no reply to packet " + std::to_string(i + 1) + " of " + std::to_string(packets.size()) + " within " +
                        std::to_string(replyTimeout.count()) + " ms, " + std::to_string(retries + 1) + " time(s)";
            return out;
        }
        if (hooks.taken) hooks.taken(packets[i]);
    }
    return out;
}

std::optional<CardStatus> askStatus(transport::Transport& link, const Protocol& protocol, std::uint16_t address,
                                    std::chrono::milliseconds timeout) {
    using Clock = std::chrono::steady_clock;
    using Millis = std::chrono::milliseconds;
    ScreenSpec spec;
    spec.address = address;
    Command status;
    status.kind = Command::Kind::Status;
    for (const Bytes& packet : protocol.encode(status, spec)) writeWithPauses(link, protocol, packet);
    const auto deadline = Clock::now() + timeout;
    Bytes received;
    while (Clock::now() < deadline) {
        auto left = std::chrono::duration_cast<Millis>(deadline - Clock::now());
        Bytes more = link.read(std::max(left, Millis(1)));
        if (more.empty()) continue;
        received.insert(received.end(), more.begin(), more.end());
        auto reply = protocol.parseReply(received);
        if (!reply) continue;
        if (auto s = protocol.parseStatus(*reply)) return s;
        // A frame this protocol cannot read is another protocol's answer, or noise: nobody of ours.
        if (reply->garbled) return std::nullopt;
        // A card that refuses the question (its own error reply) has still answered: it is there.
        CardStatus refused;
        if (!reply->ok) refused.extra["refused"] = reply->error;
        return refused;
    }
    return std::nullopt;
}

} // namespace gongshi::protocols
