#include "protocols/transport/Posix.h"

#include "common/Error.h"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <poll.h>
#include <sys/sysmacros.h>
#include <system_error>

namespace gongshi::protocols::transport {

std::string errnoText(int err) {
    // std::system_category is thread-safe where strerror() is not.
    return std::system_category().message(err);
}

short waitFor(int fd, short events, const Deadline& deadline, const std::string& what) {
    for (;;) {
        pollfd p{fd, events, 0};
        auto left = deadline.remaining().count();
        int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, INT_MAX)));
        if (rc > 0) return p.revents;
        if (rc < 0 && errno != EINTR) throw TransportError(what + ": poll failed: " + errnoText(errno));
        if (deadline.expired()) return 0;
    }
}

bool isPtySlaveDevice(unsigned long long rdev) {
    // UNIX98_PTY_SLAVE_MAJOR is 136, and the kernel may use the 7 majors after it.
    unsigned m = ::major(rdev);
    return m >= 136 && m < 136 + 8;
}

void setNonBlocking(int fd, const std::string& what) {
    int flags = ::fcntl(fd, F_GETFL);
    if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
        throw TransportError(what + ": cannot make the descriptor non-blocking: " + errnoText(errno));
}

} // namespace gongshi::protocols::transport
