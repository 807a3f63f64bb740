#pragma once
// A parsed transport address:
//   serial:/dev/ttyUSB0@9600[,8N1][,rs485]   tcp:HOST:PORT   udp:HOST:PORT
// HOST is a name, an IPv4 address or an IPv6 address in brackets ([::1]).
#include "protocols/transport/SerialSettings.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace gongshi::protocols::transport {

struct Address {
    enum class Kind { Serial, Tcp, Udp };

    Kind kind = Kind::Serial;
    SerialSettings serial;  // Kind::Serial
    std::string host;       // Kind::Tcp and Kind::Udp, without brackets
    std::uint16_t port = 0; // Kind::Tcp and Kind::Udp, 1..65535 (0 when listening: any free port)
    bool listening = false;

    // Throws InputError naming the part that is wrong, e.g. "device 'ttyUSB0' in serial:ttyUSB0@9600
    // is not a path like /dev/ttyUSB0"; a baud rate or port that is no whole number in range is a
    // ValidationError of field "address", in Chinese: 地址“serial:/dev/ttyS0@abc”中的波特率“abc”应为50到4000000之间的整数.
    static Address parse(std::string_view text, bool listening = false);
    // An address to listen on: port 0 asks the system for a free port.
    static Address parseListen(std::string_view text);

    // The canonical form: serial addresses always carry their frame format.
    std::string toString() const;
};

} // namespace gongshi::protocols::transport
