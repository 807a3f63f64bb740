#include "protocols/transport/UdpReceiver.h"

#include "common/Error.h"
#include "protocols/transport/Posix.h"
#include "protocols/transport/Resolver.h"

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>

namespace gongshi::protocols::transport {

UdpReceiver::UdpReceiver(const std::string& host, std::uint16_t port) {
    const std::string where = "udp:" + host + ":" + std::to_string(port);
    SocketAddress address = resolveHost(host, port, SOCK_DGRAM, Deadline(Timeouts{}.connect)).front();
    fd_.reset(::socket(address.family(), SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd_) throw TransportError("cannot listen on " + where + ": " + errnoText(errno));
    if (::bind(fd_.get(), address.get(), address.length()) != 0)
        throw TransportError("cannot listen on " + where + ": " + errnoText(errno));
    SocketAddress bound = SocketAddress::localOf(fd_.get());
    port_ = bound.port();
    description_ = "udp:" + bound.toString();
}

std::optional<Datagram> UdpReceiver::receive(Millis timeout) {
    if (!fd_) throw TransportError(description_ + ": the receiver is closed");
    Deadline deadline(timeout);
    Bytes buffer(65536);
    for (;;) {
        if (waitFor(fd_.get(), POLLIN, deadline, description_) == 0) return std::nullopt;
        sockaddr_storage from{};
        socklen_t fromLength = sizeof(from);
        ssize_t n = ::recvfrom(fd_.get(), buffer.data(), buffer.size(), 0, reinterpret_cast<sockaddr*>(&from), &fromLength);
        if (n >= 0) {
            buffer.resize(static_cast<std::size_t>(n));
            return Datagram{std::move(buffer), SocketAddress(reinterpret_cast<sockaddr*>(&from), fromLength)};
        }
        // An unconnected socket can still carry an ICMP error from an earlier sendTo; it belongs
        // to that send, not to this receive.
        if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK && errno != ECONNREFUSED)
            throw TransportError(description_ + ": receive failed: " + errnoText(errno));
        if (deadline.expired()) return std::nullopt;
    }
}

void UdpReceiver::sendTo(const Bytes& data, const SocketAddress& to, Millis timeout) {
    if (!fd_) throw TransportError(description_ + ": the receiver is closed");
    Deadline deadline(timeout);
    for (;;) {
        if (::sendto(fd_.get(), data.data(), data.size(), MSG_NOSIGNAL, to.get(), to.length()) >= 0) return;
        if (errno == EINTR) continue;
        // ECONNREFUSED here is a stale ICMP error from an earlier datagram, cleared by reporting
        // it: send again.
        if (errno == ECONNREFUSED && !deadline.expired()) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK)
            throw TransportError(description_ + ": send to " + to.toString() + " failed: " + errnoText(errno));
        if (waitFor(fd_.get(), POLLOUT, deadline, description_) == 0)
            throw TransportError(description_ + ": send to " + to.toString() + " timed out");
    }
}

} // namespace gongshi::protocols::transport
