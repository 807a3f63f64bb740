#include "protocols/transport/TcpTransport.h"

#include "common/Error.h"
#include "protocols/transport/Posix.h"
#include "protocols/transport/Resolver.h"

#include <cerrno>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>

namespace gongshi::protocols::transport {
namespace {

std::string hostPort(const std::string& host, std::uint16_t port) {
    return "tcp:" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

void setNoDelay(int fd, const std::string& what) {
    int one = 1;
    if (::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) != 0)
        throw TransportError(what + ": cannot set TCP_NODELAY: " + errnoText(errno));
}

// One connect attempt to one address; returns the connected socket or sets `error`.
UniqueFd connectOne(const SocketAddress& address, const Deadline& deadline, Millis timeout, std::string& error) {
    UniqueFd fd(::socket(address.family(), SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd) {
        error = "cannot create a socket: " + errnoText(errno);
        return {};
    }
    if (::connect(fd.get(), address.get(), address.length()) == 0) return fd;
    if (errno != EINPROGRESS) {
        error = errnoText(errno);
        return {};
    }
    short revents = waitFor(fd.get(), POLLOUT, deadline, address.toString());
    if (revents == 0) {
        error = "no answer within " + std::to_string(timeout.count()) + " ms";
        return {};
    }
    int soError = 0;
    socklen_t len = sizeof(soError);
    if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &soError, &len) != 0) soError = errno;
    if (soError != 0) {
        error = errnoText(soError);
        return {};
    }
    return fd;
}

} // namespace

TcpTransport::TcpTransport(const std::string& host, std::uint16_t port, const Timeouts& timeouts)
    : timeouts_(timeouts), description_(hostPort(host, port)) {
    Deadline deadline(timeouts.connect);
    std::string lastError;
    std::string lastAddress;
    for (const SocketAddress& address : resolveHost(host, port, SOCK_STREAM, deadline)) {
        fd_ = connectOne(address, deadline, timeouts.connect, lastError);
        lastAddress = address.toString();
        if (fd_ || deadline.expired()) break;
    }
    if (!fd_) {
        // Name the address tried when the host was a name: that is what an administrator checks.
        bool numeric = lastAddress == hostPort(host, port).substr(4);
        throw TransportError("cannot connect to " + description_ + (numeric ? "" : " (" + lastAddress + ")") + ": " + lastError);
    }
    setNoDelay(fd_.get(), description_);
}

TcpTransport::TcpTransport(UniqueFd connected, const Timeouts& timeouts, std::string description)
    : fd_(std::move(connected)), timeouts_(timeouts), description_(std::move(description)) {
    requireOpen();
    setNonBlocking(fd_.get(), description_);
    setNoDelay(fd_.get(), description_);
}

void TcpTransport::requireOpen() const {
    if (!fd_) throw TransportError(description_ + " is closed");
}

void TcpTransport::fail(const std::string& what, int err) {
    std::string reason = err == ECONNRESET ? "the connection was reset by the peer"
                         : err == EPIPE    ? "the peer has closed the connection"
                                           : errnoText(err);
    throw TransportError(description_ + ": " + what + ": " + reason);
}

void TcpTransport::write(const Bytes& bytes) {
    requireOpen();
    Deadline deadline(timeouts_.write);
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        ssize_t n = ::send(fd_.get(), bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) fail("write failed", errno);
        if (waitFor(fd_.get(), POLLOUT, deadline, description_) == 0)
            throw TransportError(description_ + ": write timed out after " + std::to_string(timeouts_.write.count()) + " ms with " +
                                 std::to_string(sent) + " of " + std::to_string(bytes.size()) + " bytes sent (the peer is not reading)");
    }
}

Bytes TcpTransport::read(Millis timeout) {
    requireOpen();
    Deadline deadline(timeout);
    std::uint8_t buffer[16384];
    for (;;) {
        short revents = waitFor(fd_.get(), POLLIN, deadline, description_);
        if (revents == 0) return {};
        ssize_t n = ::recv(fd_.get(), buffer, sizeof(buffer), 0);
        if (n > 0) return Bytes(buffer, buffer + n);
        if (n == 0) throw TransportError(description_ + ": the peer has closed the connection");
        if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) fail("read failed", errno);
        if (deadline.expired()) return {};
    }
}

void TcpTransport::close() { fd_.reset(); }

} // namespace gongshi::protocols::transport
