#include "common/Error.h"
#include "protocols/transport/Address.h"
#include "protocols/transport/Transport.h"

#include <doctest/doctest.h>

#include <string>

using namespace gongshi::protocols::transport;

namespace {

std::string errorOf(const std::string& text) {
    try {
        Address::parse(text);
    } catch (const gongshi::InputError& e) {
        return e.what();
    }
    return "(parsed without error)";
}

} // namespace

TEST_CASE("a serial address gives device and baud with 8N1 by default") {
    Address a = Address::parse("serial:/dev/ttyUSB0@9600");
    CHECK(a.kind == Address::Kind::Serial);
    CHECK(a.serial.device == "/dev/ttyUSB0");
    CHECK(a.serial.baud == 9600);
    CHECK(a.serial.dataBits == 8);
    CHECK(a.serial.parity == Parity::None);
    CHECK(a.serial.stopBits == 1);
    CHECK_FALSE(a.serial.rs485);
    CHECK(a.toString() == "serial:/dev/ttyUSB0@9600,8N1");
}

TEST_CASE("a serial address takes a frame format and rs485 in either order") {
    Address a = Address::parse("serial:/dev/ttyS1@115200,rs485,7e2");
    CHECK(a.serial.baud == 115200);
    CHECK(a.serial.dataBits == 7);
    CHECK(a.serial.parity == Parity::Even);
    CHECK(a.serial.stopBits == 2);
    CHECK(a.serial.rs485);
    CHECK(a.toString() == "serial:/dev/ttyS1@115200,7E2,rs485");

    Address b = Address::parse("  serial:/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0@19200,5O1  ");
    CHECK(b.serial.device == "/dev/serial/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0");
    CHECK(b.serial.dataBits == 5);
    CHECK(b.serial.parity == Parity::Odd);
}

TEST_CASE("tcp and udp addresses give host and port, IPv6 in brackets") {
    Address t = Address::parse("tcp:192.168.1.50:5005");
    CHECK(t.kind == Address::Kind::Tcp);
    CHECK(t.host == "192.168.1.50");
    CHECK(t.port == 5005);
    CHECK(t.toString() == "tcp:192.168.1.50:5005");

    Address u = Address::parse("UDP:led-card.local:65535");
    CHECK(u.kind == Address::Kind::Udp);
    CHECK(u.host == "led-card.local");
    CHECK(u.port == 65535);

    Address v6 = Address::parse("tcp:[fe80::1%eth0]:80");
    CHECK(v6.host == "fe80::1%eth0");
    CHECK(v6.port == 80);
    CHECK(v6.toString() == "tcp:[fe80::1%eth0]:80");
}

TEST_CASE("a malformed serial address names the part that is wrong") {
    CHECK(errorOf("serial:/dev/ttyS0@abc") == "地址“serial:/dev/ttyS0@abc”中的波特率“abc”应为50到4000000之间的整数");
    CHECK(errorOf("serial:/dev/ttyS0") == "baud rate is missing in serial:/dev/ttyS0: write serial:/dev/ttyS0@9600");
    CHECK(errorOf("serial:/dev/ttyS0@,8N1") == "baud rate is missing in serial:/dev/ttyS0@,8N1: write serial:/dev/ttyS0@9600");
    CHECK(errorOf("serial:/dev/ttyS0@10") == "地址“serial:/dev/ttyS0@10”中的波特率“10”应为50到4000000之间的整数");
    CHECK(errorOf("serial:/dev/ttyS0@99999999999999999999999") ==
          "地址“serial:/dev/ttyS0@99999999999999999999999”中的波特率“99999999999999999999999”应为50到4000000之间的整数");
    CHECK(errorOf("serial:/dev/ttyS0@-9600") == "地址“serial:/dev/ttyS0@-9600”中的波特率“-9600”应为50到4000000之间的整数");
    CHECK(errorOf("serial:@9600") == "device is missing in serial:@9600: write serial:/dev/ttyUSB0@9600");
    CHECK(errorOf("serial:ttyUSB0@9600") == "device 'ttyUSB0' in serial:ttyUSB0@9600 is not a path like /dev/ttyUSB0");
    CHECK(errorOf("serial:/dev/ttyS0@9600,9N1") == "data bits '9' in serial:/dev/ttyS0@9600,9N1 must be 5, 6, 7 or 8");
    CHECK(errorOf("serial:/dev/ttyS0@9600,8X1") == "parity 'X' in serial:/dev/ttyS0@9600,8X1 must be N, E or O");
    CHECK(errorOf("serial:/dev/ttyS0@9600,8N3") == "stop bits '3' in serial:/dev/ttyS0@9600,8N3 must be 1 or 2");
    CHECK(errorOf("serial:/dev/ttyS0@9600,8N") ==
          "frame format '8N' in serial:/dev/ttyS0@9600,8N is not like 8N1 (data bits 5-8, parity N/E/O, stop bits 1/2)");
    CHECK(errorOf("serial:/dev/ttyS0@9600,rs232") ==
          "option 'rs232' in serial:/dev/ttyS0@9600,rs232 is neither a frame format like 8N1 nor rs485 nor paced");
    CHECK(errorOf("serial:/dev/ttyS0@9600,8N1,7E1") == "frame format is given twice in serial:/dev/ttyS0@9600,8N1,7E1");
    CHECK(errorOf("serial:/dev/ttyS0@9600,rs485,RS485") == "rs485 is given twice in serial:/dev/ttyS0@9600,rs485,RS485");
    CHECK(errorOf("serial:/dev/ttyS0@9600,") == "an option in serial:/dev/ttyS0@9600, is empty (two commas, or a comma at the end)");
}

TEST_CASE("a malformed network address names the part that is wrong") {
    CHECK(errorOf("tcp:10.0.0.5:abc") == "地址“tcp:10.0.0.5:abc”中的端口“abc”应为1到65535之间的整数");
    CHECK(errorOf("tcp:10.0.0.5") == "port is missing in tcp:10.0.0.5: write tcp:10.0.0.5:PORT");
    CHECK(errorOf("udp:10.0.0.5:") == "port is missing in udp:10.0.0.5:: write udp:10.0.0.5:PORT");
    CHECK(errorOf("tcp:10.0.0.5:0") == "地址“tcp:10.0.0.5:0”中的端口“0”应为1到65535之间的整数");
    CHECK(errorOf("udp:10.0.0.5:65536") == "地址“udp:10.0.0.5:65536”中的端口“65536”应为1到65535之间的整数");
    CHECK(errorOf("tcp::5005") == "host is missing in tcp::5005: write tcp:HOST:PORT");
    CHECK(errorOf("tcp:") == "host and port are missing in tcp:: write tcp:HOST:PORT");
    CHECK(errorOf("tcp:led card:5005") == "host 'led card' in tcp:led card:5005 is not a host name or IP address");
    CHECK(errorOf("tcp:::1:5005") == "IPv6 host '::1' in tcp:::1:5005 must be in brackets, like tcp:[::1]:5005");
    CHECK(errorOf("tcp:[::1:5005") == "host '[::1:5005' in tcp:[::1:5005 has no closing bracket");
    CHECK(errorOf("tcp:[::1]") == "port is missing in tcp:[::1]: write tcp:[::1]:PORT");
}

TEST_CASE("an address without a known transport says which transports exist") {
    CHECK(errorOf("") == "the transport address is empty: write serial:/dev/ttyUSB0@9600, tcp:HOST:PORT or udp:HOST:PORT");
    CHECK(errorOf("/dev/ttyUSB0") == "address '/dev/ttyUSB0' does not say its transport: write "
                                     "serial:/dev/ttyUSB0@9600, tcp:HOST:PORT or udp:HOST:PORT");
    CHECK(errorOf("http://10.0.0.5") == "transport 'http' in http://10.0.0.5 is not serial, tcp or udp");
}

TEST_CASE("openTransport rejects a malformed address with InputError before trying to connect") {
    CHECK_THROWS_AS(gongshi::protocols::transport::openTransport("tcp:10.0.0.5:x"), gongshi::InputError);
}

TEST_CASE("a number in an address that is wrong is refused for the field address, in Chinese") {
    try {
        Address::parse("serial:/dev/ttyS0@96OO");
        FAIL("accepted");
    } catch (const gongshi::ValidationError& e) {
        CHECK(e.field() == "address");
        CHECK(std::string(e.what()) == "地址“serial:/dev/ttyS0@96OO”中的波特率“96OO”应为50到4000000之间的整数");
    }
    // Listening, port 0 asks for any free port; 65536 is still no port.
    CHECK(Address::parseListen("tcp:127.0.0.1:0").port == 0);
    try {
        Address::parseListen("udp:127.0.0.1:65536");
        FAIL("accepted");
    } catch (const gongshi::ValidationError& e) {
        CHECK(std::string(e.what()) == "地址“udp:127.0.0.1:65536”中的端口“65536”应为0到65535之间的整数");
    }
}
