#pragma once
// An IPv4 or IPv6 socket address by value, printable as "127.0.0.1:5005" or "[::1]:5005".
#include <cstdint>
#include <string>
#include <sys/socket.h>

namespace gongshi::protocols::transport {

class SocketAddress {
public:
    SocketAddress() = default;
    SocketAddress(const sockaddr* address, socklen_t length);

    // The local or remote address of a socket; throws TransportError.
    static SocketAddress localOf(int fd);
    static SocketAddress peerOf(int fd);

    const sockaddr* get() const { return reinterpret_cast<const sockaddr*>(&storage_); }
    socklen_t length() const { return length_; }
    int family() const { return storage_.ss_family; }
    std::uint16_t port() const;
    std::string host() const; // numeric, without brackets
    std::string toString() const;

private:
    sockaddr_storage storage_{};
    socklen_t length_ = 0;
};

} // namespace gongshi::protocols::transport
