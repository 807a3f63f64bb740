#pragma once
// A pseudo-terminal pair standing in for a serial cable: the product opens slavePath() as
// `serial:<slavePath>@9600`, the device emulator (or a test) talks through the master.
// Both ends are raw. The pair keeps its own slave descriptor open so the master sees no hang-up
// while the product closes and reopens the port.
#include "protocols/transport/Transport.h"
#include "protocols/transport/UniqueFd.h"

#include <string>

namespace gongshi::protocols::transport {

class PtyPair {
public:
    // Throws TransportError when no pty can be allocated.
    PtyPair();

    const std::string& slavePath() const { return slavePath_; }
    int masterFd() const { return master_.get(); }
    // The pair's own slave descriptor: termios settings are per tty, so this shows how the
    // product configured the port.
    int slaveFd() const { return slave_.get(); }
    // The baud rate the product set on the slave side (0 when not a standard rate).
    int lineBaud() const;

    // Writes all bytes to the master within `timeout`, or throws TransportError.
    void writeMaster(const Bytes& bytes, Millis timeout = Millis{3000});
    // What the slave side sent, or empty after `timeout`.
    Bytes readMaster(Millis timeout);
    // The device vanishes: the slave side's next read or write fails.
    void closeMaster() { master_.reset(); }

private:
    UniqueFd master_;
    UniqueFd slave_;
    std::string slavePath_;
};

} // namespace gongshi::protocols::transport
