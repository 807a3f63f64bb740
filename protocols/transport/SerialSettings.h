#pragma once
// How one serial line is driven: the `serial:` part of a transport address.
#include <string>

namespace gongshi::protocols::transport {

enum class Parity { None, Even, Odd };

struct SerialSettings {
    std::string device;   // e.g. /dev/ttyUSB0 or /dev/pts/3
    int baud = 9600;
    int dataBits = 8;     // 5..8
    Parity parity = Parity::None;
    int stopBits = 1;     // 1 or 2
    bool rs485 = false;   // half duplex: the adapter hears our own bytes, which read() drops

    // "8N1", "7E2", ...
    std::string frameFormat() const;
    // The canonical address, e.g. "serial:/dev/ttyUSB0@9600,8N1,rs485".
    std::string toString() const;
};

} // namespace gongshi::protocols::transport
