#pragma once
// A connected UDP socket to a card: write() sends one datagram, read() returns one datagram.
// Connecting lets the kernel drop datagrams from other senders and report ICMP "port
// unreachable" as ECONNREFUSED, which becomes a TransportError.
#include "protocols/transport/Transport.h"
#include "protocols/transport/UniqueFd.h"

#include <cstdint>
#include <string>

namespace gongshi::protocols::transport {

class UdpTransport : public Transport {
public:
    // The largest payload of one IPv4 UDP datagram.
    static constexpr std::size_t kMaxDatagram = 65507;

    UdpTransport(const std::string& host, std::uint16_t port, const Timeouts& timeouts);

    // One datagram; throws TransportError if it is larger than kMaxDatagram.
    void write(const Bytes& bytes) override;
    // One datagram, or empty when none came in time (empty datagrams are skipped).
    Bytes read(Millis timeout) override;
    void close() override;
    bool isDatagram() const override { return true; }
    std::string describe() const override { return description_; }

    int nativeHandle() const { return fd_.get(); }

private:
    void requireOpen() const;
    [[noreturn]] void fail(const std::string& what, int err) const;

    UniqueFd fd_;
    Timeouts timeouts_;
    std::string description_;
};

} // namespace gongshi::protocols::transport
