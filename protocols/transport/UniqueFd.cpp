#include "protocols/transport/UniqueFd.h"

#include <unistd.h>

namespace gongshi::protocols::transport {

void UniqueFd::reset(int fd) noexcept {
    // Linux releases the descriptor even when close() reports EINTR or EIO, so retrying could
    // close a descriptor another thread has just been given: close once, whatever it says.
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
}

} // namespace gongshi::protocols::transport
