#include "protocols/transport/Transport.h"

#include "common/Error.h"
#include "protocols/transport/Address.h"
#include "protocols/transport/SerialTransport.h"
#include "protocols/transport/TcpTransport.h"
#include "protocols/transport/UdpTransport.h"

#include <algorithm>
#include <thread>

namespace gongshi::protocols::transport {
namespace {

std::unique_ptr<Transport> openOnce(const Address& address, const Timeouts& timeouts) {
    switch (address.kind) {
    case Address::Kind::Serial:
        return std::make_unique<SerialTransport>(address.serial, timeouts);
    case Address::Kind::Tcp:
        return std::make_unique<TcpTransport>(address.host, address.port, timeouts);
    case Address::Kind::Udp:
        return std::make_unique<UdpTransport>(address.host, address.port, timeouts);
    }
    throw TransportError("unknown transport kind in " + address.toString());
}

} // namespace

std::unique_ptr<Transport> openTransport(const std::string& address, const Timeouts& timeouts) {
    return openTransport(address, timeouts, RetryPolicy{});
}

std::unique_ptr<Transport> openTransport(const std::string& address, const Timeouts& timeouts, const RetryPolicy& retry) {
    const Address parsed = Address::parse(address);
    const int attempts = std::max(1, retry.attempts);
    Millis backoff = retry.firstBackoff;
    for (int attempt = 1;; ++attempt) {
        try {
            return openOnce(parsed, timeouts);
        } catch (const TransportError& e) {
            if (attempt >= attempts)
                throw TransportError(std::string(e.what()) +
                                     (attempts > 1 ? " (gave up after " + std::to_string(attempts) + " attempts)" : ""));
        }
        std::this_thread::sleep_for(backoff);
        backoff *= 2;
    }
}

} // namespace gongshi::protocols::transport
