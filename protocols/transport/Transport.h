#pragma once
// One interface for every link to a screen: serial (libserialport for real ports, termios for
// pseudo-terminals), TCP and UDP. Addresses are strings:
//   serial:/dev/ttyUSB0@9600[,8N1][,rs485]   tcp:HOST:PORT   udp:HOST:PORT
#include "protocols/Protocol.h"

#include <chrono>
#include <memory>
#include <string>

namespace gongshi::protocols::transport {

using Millis = std::chrono::milliseconds;

struct Timeouts {
    Millis connect{3000};
    Millis write{3000};
    Millis read{2000};
};

class Transport {
public:
    virtual ~Transport() = default;
    // Writes all bytes or throws TransportError within the write timeout.
    virtual void write(const Bytes& bytes) = 0;
    // Returns what arrived (at least one byte, or one datagram), or an empty vector when nothing
    // came within `timeout`. Throws TransportError when the device has gone (closed, reset).
    virtual Bytes read(Millis timeout) = 0;
    virtual void close() = 0;
    virtual bool isDatagram() const { return false; }
    virtual std::string describe() const = 0;
};

// Throws InputError for a malformed address (naming the part that is wrong) and TransportError
// when the device cannot be reached within the connect timeout.
std::unique_ptr<Transport> openTransport(const std::string& address, const Timeouts& timeouts = {});

// How openTransport retries a link that cannot be opened (refused, timed out, port busy):
// `attempts` tries in all, waiting `firstBackoff` before the second, twice that before the third,
// and so on. A malformed address is never retried. Each attempt is bounded by the connect timeout,
// so the defaults give up within 3 x connect + 300 ms.
struct RetryPolicy {
    int attempts = 3;
    Millis firstBackoff{100};
};

std::unique_ptr<Transport> openTransport(const std::string& address, const Timeouts& timeouts, const RetryPolicy& retry);

} // namespace gongshi::protocols::transport
