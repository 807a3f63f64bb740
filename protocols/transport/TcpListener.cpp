#include "protocols/transport/TcpListener.h"

#include "common/Error.h"
#include "protocols/transport/Posix.h"
#include "protocols/transport/Resolver.h"

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>

namespace gongshi::protocols::transport {

TcpListener::TcpListener(const std::string& host, std::uint16_t port, int backlog) {
    const std::string where = "tcp:" + host + ":" + std::to_string(port);
    SocketAddress address = resolveHost(host, port, SOCK_STREAM, Deadline(Timeouts{}.connect)).front();
    fd_.reset(::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd_) throw TransportError("cannot listen on " + where + ": " + errnoText(errno));
    // A restarted emulator must be able to take its fixed port back while old connections linger
    // in TIME_WAIT.
    int one = 1;
    ::setsockopt(fd_.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (::bind(fd_.get(), address.get(), address.length()) != 0 || ::listen(fd_.get(), backlog) != 0)
        throw TransportError("cannot listen on " + where + ": " + errnoText(errno));
    SocketAddress bound = SocketAddress::localOf(fd_.get());
    port_ = bound.port();
    description_ = "tcp:" + bound.toString();
}

std::unique_ptr<TcpTransport> TcpListener::accept(Millis timeout, const Timeouts& timeouts) {
    if (!fd_) throw TransportError(description_ + ": the listener is closed");
    Deadline deadline(timeout);
    for (;;) {
        if (waitFor(fd_.get(), POLLIN, deadline, description_) == 0) return nullptr;
        UniqueFd client(::accept4(fd_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
        if (client) {
            std::string peer = SocketAddress::peerOf(client.get()).toString();
            return std::make_unique<TcpTransport>(std::move(client), timeouts, "tcp:" + peer + " (accepted)");
        }
        // A client that gave up between poll and accept is not the listener's failure.
        if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK && errno != ECONNABORTED && errno != EPROTO)
            throw TransportError(description_ + ": accept failed: " + errnoText(errno));
        if (deadline.expired()) return nullptr;
    }
}

} // namespace gongshi::protocols::transport
