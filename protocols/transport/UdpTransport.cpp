#include "protocols/transport/UdpTransport.h"

#include "common/Error.h"
#include "protocols/transport/Posix.h"
#include "protocols/transport/Resolver.h"

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>

namespace gongshi::protocols::transport {

UdpTransport::UdpTransport(const std::string& host, std::uint16_t port, const Timeouts& timeouts)
    : timeouts_(timeouts),
      description_("udp:" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port)) {
    Deadline deadline(timeouts.connect);
    std::string lastError = "no address";
    // connect() on UDP only records the peer, so the first address that takes it is the one.
    for (const SocketAddress& address : resolveHost(host, port, SOCK_DGRAM, deadline)) {
        UniqueFd fd(::socket(address.family(), SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        if (!fd) {
            lastError = "cannot create a socket: " + errnoText(errno);
            continue;
        }
        if (::connect(fd.get(), address.get(), address.length()) != 0) {
            lastError = errnoText(errno);
            continue;
        }
        fd_ = std::move(fd);
        return;
    }
    throw TransportError("cannot open " + description_ + ": " + lastError);
}

void UdpTransport::requireOpen() const {
    if (!fd_) throw TransportError(description_ + " is closed");
}

void UdpTransport::fail(const std::string& what, int err) const {
    std::string reason = err == ECONNREFUSED ? "nothing listens on that port (connection refused)" : errnoText(err);
    throw TransportError(description_ + ": " + what + ": " + reason);
}

void UdpTransport::write(const Bytes& bytes) {
    requireOpen();
    if (bytes.size() > kMaxDatagram)
        throw TransportError(description_ + ": a datagram of " + std::to_string(bytes.size()) + " bytes is larger than UDP carries (" +
                             std::to_string(kMaxDatagram) + ")");
    Deadline deadline(timeouts_.write);
    for (;;) {
        ssize_t n = ::send(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n >= 0) return;
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) fail("send failed", errno);
        if (waitFor(fd_.get(), POLLOUT, deadline, description_) == 0)
            throw TransportError(description_ + ": send timed out after " + std::to_string(timeouts_.write.count()) + " ms");
    }
}

Bytes UdpTransport::read(Millis timeout) {
    requireOpen();
    Deadline deadline(timeout);
    Bytes buffer(65536);
    for (;;) {
        if (waitFor(fd_.get(), POLLIN, deadline, description_) == 0) return {};
        ssize_t n = ::recv(fd_.get(), buffer.data(), buffer.size(), 0);
        if (n > 0) {
            buffer.resize(static_cast<std::size_t>(n));
            return buffer;
        }
        if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) fail("receive failed", errno);
        if (deadline.expired()) return {};
    }
}

void UdpTransport::close() { fd_.reset(); }

} // namespace gongshi::protocols::transport
