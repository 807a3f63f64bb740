#pragma once
// A serial line to a card: libserialport for real ports, termios for pseudo-terminals (the
// emulator's and the tests') and for any port libserialport refuses. With `rs485` set, read()
// drops the echo of what write() sent (see EchoCanceller).
#include "protocols/transport/EchoCanceller.h"
#include "protocols/transport/SerialBackend.h"
#include "protocols/transport/SerialSettings.h"
#include "protocols/transport/Transport.h"

#include <chrono>
#include <memory>
#include <string>

namespace gongshi::protocols::transport {

class SerialTransport : public Transport {
public:
    // Picks the backend: termios straight away for a pseudo-terminal (also through a symlink),
    // otherwise libserialport, falling back to termios if libserialport refuses the port.
    // Throws TransportError with both reasons when neither can open it.
    SerialTransport(const SerialSettings& settings, const Timeouts& timeouts);
    // With a backend chosen by the caller (tests, or a forced backend).
    SerialTransport(std::unique_ptr<SerialBackend> backend, const SerialSettings& settings, const Timeouts& timeouts);

    void write(const Bytes& bytes) override;
    Bytes read(Millis timeout) override;
    void close() override;
    // e.g. "serial:/dev/pts/3@9600,8N1 via termios"
    std::string describe() const override;

    // "termios" or "libserialport"; "closed" after close().
    std::string backendName() const;
    // Why libserialport was not used, when it was tried and refused the port; empty otherwise.
    const std::string& fallbackReason() const { return fallbackReason_; }

    // Whether `device` is a pseudo-terminal slave (/dev/pts/N or a link to one).
    static bool isPseudoTerminal(const std::string& device);

private:
    void requireOpen() const;
    void writePaced(const Bytes& bytes);

    std::unique_ptr<SerialBackend> backend_;
    SerialSettings settings_;
    Timeouts timeouts_;
    std::string fallbackReason_;
    EchoCanceller echo_;
    std::chrono::steady_clock::time_point echoDue_; // when an expected echo is given up
};

} // namespace gongshi::protocols::transport
