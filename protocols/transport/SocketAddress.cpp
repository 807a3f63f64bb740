#include "protocols/transport/SocketAddress.h"

#include "common/Error.h"
#include "protocols/transport/Posix.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>

namespace gongshi::protocols::transport {

SocketAddress::SocketAddress(const sockaddr* address, socklen_t length) {
    if (length > sizeof(storage_)) length = sizeof(storage_);
    std::memcpy(&storage_, address, length);
    length_ = length;
}

SocketAddress SocketAddress::localOf(int fd) {
    SocketAddress a;
    a.length_ = sizeof(a.storage_);
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&a.storage_), &a.length_) != 0)
        throw TransportError("cannot read the socket's local address: " + errnoText(errno));
    return a;
}

SocketAddress SocketAddress::peerOf(int fd) {
    SocketAddress a;
    a.length_ = sizeof(a.storage_);
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&a.storage_), &a.length_) != 0)
        throw TransportError("cannot read the socket's peer address: " + errnoText(errno));
    return a;
}

std::uint16_t SocketAddress::port() const {
    if (family() == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in*>(&storage_)->sin_port);
    if (family() == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_port);
    return 0;
}

std::string SocketAddress::host() const {
    char text[INET6_ADDRSTRLEN] = {};
    if (family() == AF_INET)
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&storage_)->sin_addr, text, sizeof(text));
    else if (family() == AF_INET6)
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&storage_)->sin6_addr, text, sizeof(text));
    else
        return "?";
    return text;
}

std::string SocketAddress::toString() const {
    std::string h = host();
    if (family() == AF_INET6) h = "[" + h + "]";
    return h + ":" + std::to_string(port());
}

} // namespace gongshi::protocols::transport
