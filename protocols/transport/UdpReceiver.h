#pragma once
// The server end of UDP, for the device emulator and tests: bind (port 0 picks a free port),
// receive one datagram with its sender, answer the sender.
#include "protocols/transport/SocketAddress.h"
#include "protocols/transport/Transport.h"
#include "protocols/transport/UniqueFd.h"

#include <cstdint>
#include <optional>
#include <string>

namespace gongshi::protocols::transport {

struct Datagram {
    Bytes data;
    SocketAddress sender;
};

class UdpReceiver {
public:
    // Throws TransportError when the address cannot be bound.
    explicit UdpReceiver(const std::string& host = "127.0.0.1", std::uint16_t port = 0);

    std::uint16_t port() const { return port_; }
    std::string describe() const { return description_; }

    // One datagram (possibly empty), or nullopt when none came within `timeout`.
    std::optional<Datagram> receive(Millis timeout);
    // Sends one datagram, e.g. a reply to Datagram::sender. Throws TransportError.
    void sendTo(const Bytes& data, const SocketAddress& to, Millis timeout = Millis{3000});

    void close() { fd_.reset(); }
    int nativeHandle() const { return fd_.get(); }

private:
    UniqueFd fd_;
    std::uint16_t port_ = 0;
    std::string description_;
};

} // namespace gongshi::protocols::transport
