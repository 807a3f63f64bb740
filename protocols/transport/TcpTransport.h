#pragma once
// A TCP connection to a card (client side) or from a client (an accepted socket, for the emulator).
// Non-blocking socket; every wait is a poll bounded by the timeouts. TCP_NODELAY, because the
// protocols send short frames and wait for short replies.
#include "protocols/transport/Transport.h"
#include "protocols/transport/UniqueFd.h"

#include <cstdint>
#include <string>

namespace gongshi::protocols::transport {

class TcpTransport : public Transport {
public:
    // Connects within timeouts.connect, trying each address the host resolves to.
    // Throws TransportError (refused, unreachable, no answer in time).
    TcpTransport(const std::string& host, std::uint16_t port, const Timeouts& timeouts);
    // Takes over a connected socket: one TcpListener accepted, or one a test set up itself.
    TcpTransport(UniqueFd connected, const Timeouts& timeouts, std::string description);

    void write(const Bytes& bytes) override;
    Bytes read(Millis timeout) override;
    void close() override;
    std::string describe() const override { return description_; }

    int nativeHandle() const { return fd_.get(); }

private:
    void requireOpen() const;
    [[noreturn]] void fail(const std::string& what, int err);

    UniqueFd fd_;
    Timeouts timeouts_;
    std::string description_;
};

} // namespace gongshi::protocols::transport
