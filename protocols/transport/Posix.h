#pragma once
// Small POSIX helpers the transports share: error text and a poll that honours a deadline.
#include "protocols/transport/Deadline.h"

#include <string>

namespace gongshi::protocols::transport {

// The system's text for an errno value, e.g. "Connection refused".
std::string errnoText(int err);

// Waits until `fd` reports one of `events` (or POLLERR/POLLHUP/POLLNVAL) and returns revents,
// or 0 once the deadline has passed. Interrupted polls resume with the time that is left.
// Throws TransportError naming `what` if poll itself fails.
short waitFor(int fd, short events, const Deadline& deadline, const std::string& what);

// Whether a character device number is a Unix98 pseudo-terminal slave (/dev/pts/N).
bool isPtySlaveDevice(unsigned long long rdev);

// Marks `fd` non-blocking; throws TransportError naming `what` on failure.
void setNonBlocking(int fd, const std::string& what);

} // namespace gongshi::protocols::transport
