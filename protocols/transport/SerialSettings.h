#pragma once
// How one serial line is driven: the `serial:` part of a transport address.
#include <string>

namespace gongshi::protocols::transport {

enum class Parity { None, Even, Odd };

struct SerialSettings {
    std::string device; // e.g. /dev/ttyUSB0 or /dev/pts/3
    int baud = 9600;
    int dataBits = 8; // 5..8
    Parity parity = Parity::None;
    int stopBits = 1;   // 1 or 2
    bool rs485 = false; // half duplex: the adapter hears our own bytes, which read() drops
    bool paced = false; // write no faster than the baud rate (a pty ignores it; a real line needs no help)

    // Bits on the line per character: start + data + parity + stop.
    int bitsPerCharacter() const { return 1 + dataBits + (parity == Parity::None ? 0 : 1) + stopBits; }

    // "8N1", "7E2", ...
    std::string frameFormat() const;
    // The canonical address, e.g. "serial:/dev/ttyUSB0@9600,8N1,rs485" (",paced" when set).
    std::string toString() const;
};

} // namespace gongshi::protocols::transport
