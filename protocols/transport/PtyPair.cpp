#include "protocols/transport/PtyPair.h"

#include "common/Error.h"
#include "protocols/transport/Posix.h"
#include "protocols/transport/TermiosSerialPort.h"

#include <cerrno>
#include <climits>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

namespace gongshi::protocols::transport {
namespace {

void makeRaw(int fd, const std::string& what) {
    termios t{};
    if (::tcgetattr(fd, &t) != 0) throw TransportError(what + ": tcgetattr failed: " + errnoText(errno));
    ::cfmakeraw(&t);
    if (::tcsetattr(fd, TCSANOW, &t) != 0) throw TransportError(what + ": tcsetattr failed: " + errnoText(errno));
}

void closeOnExec(int fd) { ::fcntl(fd, F_SETFD, ::fcntl(fd, F_GETFD) | FD_CLOEXEC); }

} // namespace

PtyPair::PtyPair() {
    int master = -1;
    int slave = -1;
    char name[PATH_MAX] = {};
    if (::openpty(&master, &slave, name, nullptr, nullptr) != 0)
        throw TransportError("cannot allocate a pseudo-terminal: " + errnoText(errno));
    master_.reset(master);
    slave_.reset(slave);
    slavePath_ = name;
    closeOnExec(master);
    closeOnExec(slave);
    // Without raw mode the slave's line discipline would echo and translate bytes.
    makeRaw(slave, slavePath_);
    makeRaw(master, slavePath_ + " (master)");
    setNonBlocking(master, slavePath_ + " (master)");
}

int PtyPair::lineBaud() const { return termiosBaud(slave_.get()); }

void PtyPair::writeMaster(const Bytes& bytes, Millis timeout) {
    if (!master_) throw TransportError(slavePath_ + ": the master is closed");
    Deadline deadline(timeout);
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        ssize_t n = ::write(master_.get(), bytes.data() + sent, bytes.size() - sent);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            throw TransportError(slavePath_ + " (master): write failed: " + errnoText(errno));
        if (waitFor(master_.get(), POLLOUT, deadline, slavePath_) == 0) throw TransportError(slavePath_ + " (master): write timed out");
    }
}

Bytes PtyPair::readMaster(Millis timeout) {
    if (!master_) throw TransportError(slavePath_ + ": the master is closed");
    Deadline deadline(timeout);
    std::uint8_t buffer[4096];
    for (;;) {
        if (waitFor(master_.get(), POLLIN, deadline, slavePath_) == 0) return {};
        ssize_t n = ::read(master_.get(), buffer, sizeof(buffer));
        if (n > 0) return Bytes(buffer, buffer + n);
        if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
            throw TransportError(slavePath_ + " (master): read failed: " + errnoText(errno));
        if (deadline.expired()) return {};
    }
}

} // namespace gongshi::protocols::transport
