#pragma once
// A serial device driven with plain termios: open(O_NOCTTY|O_NONBLOCK), raw mode, poll for every
// wait. Used for pseudo-terminals, which libserialport cannot open, and as the fallback for any
// port it refuses. Only the standard baud rates (50 .. 4000000) are available. On a pty the data
// bits and parity are not applied (ptys carry 8-bit bytes only); the baud rate is stored but
// ignored by the kernel.
#include "protocols/transport/SerialBackend.h"
#include "protocols/transport/SerialSettings.h"
#include "protocols/transport/UniqueFd.h"

#include <string>

namespace gongshi::protocols::transport {

// The baud rate a tty is set to (its output speed), 0 when it is not a standard rate; on a pty this
// is what the product asked for, which the kernel stores without applying.
int termiosBaud(int fd);

class TermiosSerialPort : public SerialBackend {
public:
    // Opens and configures the device exclusively; throws TransportError saying what to do
    // (plug the adapter in, join the dialout group, close the other program).
    explicit TermiosSerialPort(const SerialSettings& settings);
    ~TermiosSerialPort() override;

    void write(const Bytes& bytes, Millis timeout) override;
    Bytes read(Millis timeout) override;
    const char* name() const override { return "termios"; }

private:
    UniqueFd fd_;
    std::string device_;
};

} // namespace gongshi::protocols::transport
