#include "protocols/transport/TermiosSerialPort.h"

#include "common/Error.h"
#include "protocols/transport/Posix.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace gongshi::protocols::transport {
namespace {

struct BaudCode {
    int baud;
    speed_t code;
};

// termios in glibc 2.36 takes only these constants; arbitrary rates would need termios2.
constexpr BaudCode kBauds[] = {
    {50, B50},           {75, B75},           {110, B110},         {134, B134},         {150, B150},         {200, B200},
    {300, B300},         {600, B600},         {1200, B1200},       {1800, B1800},       {2400, B2400},       {4800, B4800},
    {9600, B9600},       {19200, B19200},     {38400, B38400},     {57600, B57600},     {115200, B115200},   {230400, B230400},
    {460800, B460800},   {500000, B500000},   {576000, B576000},   {921600, B921600},   {1000000, B1000000}, {1152000, B1152000},
    {1500000, B1500000}, {2000000, B2000000}, {2500000, B2500000}, {3000000, B3000000}, {3500000, B3500000}, {4000000, B4000000},
};

speed_t speedCode(const SerialSettings& s) {
    auto it = std::find_if(std::begin(kBauds), std::end(kBauds), [&](const BaudCode& b) { return b.baud == s.baud; });
    if (it == std::end(kBauds))
        throw TransportError(s.device + ": baud rate " + std::to_string(s.baud) +
                             " is not a standard rate, which is all the termios backend can set");
    return it->code;
}

} // namespace

int termiosBaud(int fd) {
    termios t{};
    if (::tcgetattr(fd, &t) != 0) return 0;
    const speed_t speed = ::cfgetospeed(&t);
    auto it = std::find_if(std::begin(kBauds), std::end(kBauds), [&](const BaudCode& b) { return b.code == speed; });
    return it == std::end(kBauds) ? 0 : it->baud;
}

namespace {

std::string openFailure(const std::string& device, int err) {
    switch (err) {
    case ENOENT:
        return "serial port " + device + " does not exist (is the adapter plugged in?)";
    case EACCES:
        return "no permission to open " + device + " (add the user to the dialout group)";
    case EBUSY:
        return device + " is in use by another program";
    default:
        return "cannot open " + device + ": " + errnoText(err);
    }
}

tcflag_t sizeFlag(int dataBits) {
    switch (dataBits) {
    case 5:
        return CS5;
    case 6:
        return CS6;
    case 7:
        return CS7;
    default:
        return CS8;
    }
}

} // namespace

TermiosSerialPort::TermiosSerialPort(const SerialSettings& settings) : device_(settings.device) {
    speed_t speed = speedCode(settings);
    fd_.reset(::open(device_.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC));
    if (!fd_) throw TransportError(openFailure(device_, errno));

    termios t{};
    if (::tcgetattr(fd_.get(), &t) != 0) throw TransportError(device_ + " is not a serial port: " + errnoText(errno));
    struct stat st {};
    // A pty has no line: the kernel always carries 8-bit bytes without parity there, and glibc's
    // tcsetattr() reports EINVAL when asked for anything else. Data bits and parity are a matter
    // of the wire, so on a pty they are left at 8 and none.
    const bool pty = ::fstat(fd_.get(), &st) == 0 && S_ISCHR(st.st_mode) && isPtySlaveDevice(st.st_rdev);
    const tcflag_t frameBits = CSIZE | PARENB | PARODD | CSTOPB;

    ::cfmakeraw(&t);
    t.c_cflag &= ~static_cast<tcflag_t>(frameBits | CRTSCTS);
    t.c_cflag |= CLOCAL | CREAD | (pty ? CS8 : sizeFlag(settings.dataBits));
    if (!pty && settings.parity != Parity::None) t.c_cflag |= PARENB;
    if (!pty && settings.parity == Parity::Odd) t.c_cflag |= PARODD;
    if (settings.stopBits == 2) t.c_cflag |= CSTOPB;
    // No software flow control: the protocols are binary and 0x11/0x13 are ordinary bytes.
    t.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY | INPCK);
    if (!pty && settings.parity != Parity::None) t.c_iflag |= INPCK;
    // Non-blocking reads that return what is there; poll() does the waiting.
    t.c_cc[VMIN] = 0;
    t.c_cc[VTIME] = 0;
    if (::cfsetspeed(&t, speed) != 0 || ::tcsetattr(fd_.get(), TCSANOW, &t) != 0)
        throw TransportError("cannot configure " + settings.toString() + ": " + errnoText(errno));
    // tcsetattr() succeeds if any part applied; read back what a real UART accepted.
    termios applied{};
    if (::tcgetattr(fd_.get(), &applied) != 0 || ::cfgetospeed(&applied) != speed ||
        (applied.c_cflag & frameBits) != (t.c_cflag & frameBits))
        throw TransportError(device_ + " does not accept " + std::to_string(settings.baud) + " baud " + settings.frameFormat());
    // Two programs writing frames to one card interleave them; refuse a second opener instead.
    // Last, so that no failure leaves the flag set on the tty (the destructor clears it).
    if (::ioctl(fd_.get(), TIOCEXCL) != 0) throw TransportError(openFailure(device_, errno));
    // Whatever the device sent before we opened it belongs to nobody.
    ::tcflush(fd_.get(), TCIFLUSH);
}

TermiosSerialPort::~TermiosSerialPort() {
    // The exclusive flag belongs to the tty, not to our descriptor: clear it, or a tty kept open
    // elsewhere (a PtyPair's slave) would refuse the next open.
    if (fd_) ::ioctl(fd_.get(), TIOCNXCL);
}

void TermiosSerialPort::write(const Bytes& bytes, Millis timeout) {
    Deadline deadline(timeout);
    std::size_t sent = 0;
    auto timedOut = [&] {
        return TransportError(device_ + ": write timed out after " + std::to_string(timeout.count()) + " ms with " + std::to_string(sent) +
                              " of " + std::to_string(bytes.size()) + " bytes sent");
    };
    while (sent < bytes.size()) {
        ssize_t n = ::write(fd_.get(), bytes.data() + sent, bytes.size() - sent);
        if (n > 0) {
            sent += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            throw TransportError(device_ + ": write failed (has the device gone?): " + errnoText(errno));
        short revents = waitFor(fd_.get(), POLLOUT, deadline, device_);
        if (revents == 0) throw timedOut();
        if (revents & (POLLHUP | POLLERR | POLLNVAL)) throw TransportError(device_ + ": the device has gone (hang-up)");
    }
    // tcdrain() has no timeout: wait for the output queue to empty under our deadline first, so
    // tcdrain() only waits out the last character in the UART.
    for (;;) {
        int queued = 0;
        if (::ioctl(fd_.get(), TIOCOUTQ, &queued) != 0 || queued <= 0) break;
        if (deadline.expired())
            throw TransportError(device_ + ": " + std::to_string(queued) + " bytes still unsent after " + std::to_string(timeout.count()) +
                                 " ms");
        ::poll(nullptr, 0, static_cast<int>(std::min<long long>(deadline.remaining().count(), 2)));
    }
    while (::tcdrain(fd_.get()) != 0) {
        if (errno != EINTR) throw TransportError(device_ + ": cannot drain the output: " + errnoText(errno));
    }
}

Bytes TermiosSerialPort::read(Millis timeout) {
    Deadline deadline(timeout);
    std::uint8_t buffer[4096];
    for (;;) {
        short revents = waitFor(fd_.get(), POLLIN, deadline, device_);
        if (revents == 0) return {};
        // Read even on a hang-up: bytes that arrived before it are still delivered first.
        ssize_t n = ::read(fd_.get(), buffer, sizeof(buffer));
        if (n > 0) return Bytes(buffer, buffer + n);
        if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)
            throw TransportError(device_ + ": the device has gone: " + errnoText(errno));
        if (revents & (POLLHUP | POLLERR | POLLNVAL)) throw TransportError(device_ + ": the device has gone (hang-up)");
        if (deadline.expired()) return {};
    }
}

} // namespace gongshi::protocols::transport
