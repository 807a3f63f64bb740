#pragma once
// One way of driving a serial device: libserialport for real ports, termios for pseudo-terminals
// and for ports libserialport refuses. SerialTransport adds the RS-485 echo handling on top.
#include "protocols/transport/Transport.h"

namespace gongshi::protocols::transport {

class SerialBackend {
public:
    virtual ~SerialBackend() = default;
    // Writes every byte and waits until they have left the port, all within `timeout`, or throws
    // TransportError.
    virtual void write(const Bytes& bytes, Millis timeout) = 0;
    // What arrived, or empty after `timeout`. Throws TransportError when the device has gone.
    virtual Bytes read(Millis timeout) = 0;
    // "termios" or "libserialport".
    virtual const char* name() const = 0;
};

} // namespace gongshi::protocols::transport
