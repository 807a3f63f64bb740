#pragma once
// The server end of TCP, for the device emulator and tests: bind (port 0 picks a free port),
// then accept clients with a timeout so a serving loop can notice it should stop.
#include "protocols/transport/TcpTransport.h"
#include "protocols/transport/UniqueFd.h"

#include <cstdint>
#include <memory>
#include <string>

namespace gongshi::protocols::transport {

class TcpListener {
public:
    // Throws TransportError when the address cannot be bound (e.g. the port is in use).
    explicit TcpListener(const std::string& host = "127.0.0.1", std::uint16_t port = 0, int backlog = 16);

    std::uint16_t port() const { return port_; }
    std::string describe() const { return description_; }

    // The next client, or nullptr when none connected within `timeout`. The connection uses
    // `timeouts` for its writes.
    std::unique_ptr<TcpTransport> accept(Millis timeout, const Timeouts& timeouts = {});

    void close() { fd_.reset(); }
    int nativeHandle() const { return fd_.get(); }

private:
    UniqueFd fd_;
    std::uint16_t port_ = 0;
    std::string description_;
};

} // namespace gongshi::protocols::transport
