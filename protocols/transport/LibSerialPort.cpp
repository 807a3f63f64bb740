#include "protocols/transport/LibSerialPort.h"

#include "common/Error.h"
#include "protocols/transport/Posix.h"

#include <algorithm>
#include <libserialport.h>
#include <poll.h>
#include <sys/ioctl.h>

namespace gongshi::protocols::transport {
namespace {

std::string spError(int code) {
    switch (code) {
    case SP_ERR_ARG:
        return "invalid argument";
    case SP_ERR_MEM:
        return "out of memory";
    case SP_ERR_SUPP:
        return "not supported by this port";
    default: {
        char* message = sp_last_error_message();
        std::string text = message ? message : "failed";
        sp_free_error_message(message);
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        return text;
    }
    }
}

sp_parity toSp(Parity p) { return p == Parity::None ? SP_PARITY_NONE : p == Parity::Even ? SP_PARITY_EVEN : SP_PARITY_ODD; }

} // namespace

void LibSerialPort::FreePort::operator()(sp_port* port) const { sp_free_port(port); }

void LibSerialPort::ClosePort::operator()(sp_port* port) const {
    // The exclusive flag belongs to the tty, not to the descriptor: clear it for the next opener.
    int fd = -1;
    if (sp_get_port_handle(port, &fd) == SP_OK && fd >= 0) ::ioctl(fd, TIOCNXCL);
    sp_close(port);
}

LibSerialPort::LibSerialPort(const SerialSettings& settings) : device_(settings.device) {
    sp_port* raw = nullptr;
    if (sp_return rc = sp_get_port_by_name(device_.c_str(), &raw); rc != SP_OK)
        throw TransportError("libserialport cannot use " + device_ + ": " + spError(rc));
    port_.reset(raw);
    if (sp_return rc = sp_open(raw, SP_MODE_READ_WRITE); rc != SP_OK)
        throw TransportError("libserialport cannot open " + device_ + ": " + spError(rc));
    open_.reset(raw);

    auto configure = [&](sp_return rc, const char* what) {
        if (rc != SP_OK) throw TransportError("cannot set " + std::string(what) + " on " + settings.toString() + ": " + spError(rc));
    };
    configure(sp_set_baudrate(raw, settings.baud), "the baud rate");
    configure(sp_set_bits(raw, settings.dataBits), "the data bits");
    configure(sp_set_parity(raw, toSp(settings.parity)), "the parity");
    configure(sp_set_stopbits(raw, settings.stopBits), "the stop bits");
    configure(sp_set_flowcontrol(raw, SP_FLOWCONTROL_NONE), "no flow control");
    configure(sp_get_port_handle(raw, &fd_), "up polling");
    // Two programs writing frames to one card interleave them; refuse a second opener instead.
    if (::ioctl(fd_, TIOCEXCL) != 0) throw TransportError(device_ + " is in use by another program");
    // Whatever the device sent before we opened it belongs to nobody.
    sp_flush(raw, SP_BUF_INPUT);
}

void LibSerialPort::write(const Bytes& bytes, Millis timeout) {
    Deadline deadline(timeout);
    // sp_blocking_write treats 0 ms as "wait forever".
    auto ms = static_cast<unsigned>(std::clamp<long long>(timeout.count(), 1, 24LL * 3600 * 1000));
    sp_return written = sp_blocking_write(port_.get(), bytes.data(), bytes.size(), ms);
    if (written < 0) throw TransportError(device_ + ": write failed (has the device gone?): " + spError(written));
    if (static_cast<std::size_t>(written) < bytes.size())
        throw TransportError(device_ + ": write timed out after " + std::to_string(timeout.count()) + " ms with " +
                             std::to_string(written) + " of " + std::to_string(bytes.size()) + " bytes sent");
    // sp_drain() has no timeout: wait for the output queue under our deadline first, so it only
    // waits out the last character in the UART.
    for (;;) {
        sp_return queued = sp_output_waiting(port_.get());
        if (queued <= 0) break;
        if (deadline.expired())
            throw TransportError(device_ + ": " + std::to_string(queued) + " bytes still unsent after " + std::to_string(timeout.count()) +
                                 " ms");
        ::poll(nullptr, 0, static_cast<int>(std::min<long long>(deadline.remaining().count(), 2)));
    }
    if (sp_return rc = sp_drain(port_.get()); rc != SP_OK) throw TransportError(device_ + ": cannot drain the output: " + spError(rc));
}

Bytes LibSerialPort::read(Millis timeout) {
    Deadline deadline(timeout);
    std::uint8_t buffer[4096];
    for (;;) {
        short revents = waitFor(fd_, POLLIN, deadline, device_);
        if (revents == 0) return {};
        // Read even on a hang-up: bytes that arrived before it are still delivered first.
        sp_return n = sp_nonblocking_read(port_.get(), buffer, sizeof(buffer));
        if (n > 0) return Bytes(buffer, buffer + n);
        if (n < 0) throw TransportError(device_ + ": the device has gone: " + spError(n));
        if (revents & (POLLHUP | POLLERR | POLLNVAL)) throw TransportError(device_ + ": the device has gone (hang-up)");
        if (deadline.expired()) return {};
    }
}

} // namespace gongshi::protocols::transport
