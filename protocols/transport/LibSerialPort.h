#pragma once
// A serial device driven through libserialport: real UARTs and USB adapters. It refuses
// pseudo-terminals (no /sys/class/tty entry, no TIOCMGET), which is what TermiosSerialPort is for.
#include "protocols/transport/SerialBackend.h"
#include "protocols/transport/SerialSettings.h"

#include <memory>
#include <string>

struct sp_port;

namespace gongshi::protocols::transport {

class LibSerialPort : public SerialBackend {
public:
    // Opens and configures the port (no flow control); throws TransportError with
    // libserialport's reason when it cannot.
    explicit LibSerialPort(const SerialSettings& settings);

    void write(const Bytes& bytes, Millis timeout) override;
    Bytes read(Millis timeout) override;
    const char* name() const override { return "libserialport"; }

private:
    struct FreePort {
        void operator()(sp_port* port) const;
    };
    // Closes (without freeing) the port it points to; destroyed before port_ frees it.
    struct ClosePort {
        void operator()(sp_port* port) const;
    };

    std::unique_ptr<sp_port, FreePort> port_;
    std::unique_ptr<sp_port, ClosePort> open_;
    int fd_ = -1; // libserialport's descriptor, polled to see a vanished device; not ours to close
    std::string device_;
};

} // namespace gongshi::protocols::transport
