#pragma once
// Host name to socket addresses, within a time limit: getaddrinfo() alone can block for as long
// as a dead DNS server makes it wait.
#include "protocols/transport/Deadline.h"
#include "protocols/transport/SocketAddress.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gongshi::protocols::transport {

// Numeric hosts resolve at once; names are looked up asynchronously and abandoned at the deadline.
// `socketType` is SOCK_STREAM or SOCK_DGRAM. Throws TransportError when nothing is found in time.
std::vector<SocketAddress> resolveHost(const std::string& host, std::uint16_t port, int socketType, const Deadline& deadline);

} // namespace gongshi::protocols::transport
