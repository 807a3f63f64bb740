#include "common/Error.h"
#include "protocols/transport/Address.h"
#include "protocols/transport/LibSerialPort.h"
#include "protocols/transport/PtyPair.h"
#include "protocols/transport/SerialTransport.h"
#include "protocols/transport/Transport.h"
#include "tests/support/TransportTestSupport.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <termios.h>
#include <unistd.h>

using namespace gongshi::protocols::transport;
using gongshi::TransportError;
using gongshi::protocols::Bytes;
using Clock = std::chrono::steady_clock;
using gongshi::test::kFast;
using gongshi::test::messageOf;
using gongshi::test::msSince;
using gongshi::test::readBytes;

namespace {

const RetryPolicy kOnce{1, Millis{0}};

Bytes fromMaster(PtyPair& pty, std::size_t count) {
    return readBytes([&](Millis t) { return pty.readMaster(t); }, count);
}

Bytes fromTransport(Transport& t, std::size_t count) { return readBytes(t, count); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("bytes written through the termios transport arrive on the pty master and back") {
    PtyPair pty;
    auto port = openTransport("serial:" + pty.slavePath() + "@9600", kFast);
    // XON/XOFF, CR/LF and NUL must pass untouched: the port is raw, without flow control.
    const Bytes out{0xA5, 0x11, 0x13, 0x0D, 0x0A, 0x00, 0x03, 0x1C, 0x7F, 0xFF, 0x5A};
    port->write(out);
    CHECK(fromMaster(pty, out.size()) == out);

    const Bytes back{0x5A, 0x0D, 0x11, 0x00, 0xA5};
    pty.writeMaster(back);
    CHECK(fromTransport(*port, back.size()) == back);
    CHECK_FALSE(port->isDatagram());
}

TEST_CASE("libserialport refuses a pty and the termios backend opens it") {
    PtyPair pty;
    SerialSettings settings;
    settings.device = pty.slavePath();
    std::string refusal = messageOf([&] { LibSerialPort refused(settings); });
    CHECK(contains(refusal, "libserialport cannot use " + pty.slavePath()));

    auto port = openTransport("serial:" + pty.slavePath() + "@9600", kFast);
    CHECK(port->describe() == "serial:" + pty.slavePath() + "@9600,8N1 via termios");
    auto* serial = dynamic_cast<SerialTransport*>(port.get());
    REQUIRE(serial);
    CHECK(serial->backendName() == "termios");
}

TEST_CASE("a pty reached through a symlink is still driven by termios") {
    PtyPair pty;
    auto link = std::filesystem::temp_directory_path() / ("gongshi-tty-" + std::to_string(::getpid()));
    std::filesystem::remove(link);
    std::filesystem::create_symlink(pty.slavePath(), link);
    CHECK(SerialTransport::isPseudoTerminal(link.string()));
    {
        SerialSettings settings;
        settings.device = link.string();
        SerialTransport port(settings, kFast);
        CHECK(port.backendName() == "termios");
        CHECK(port.fallbackReason() == "");
        port.write({1, 2, 3});
        CHECK(fromMaster(pty, 3) == Bytes{1, 2, 3});
    }
    std::filesystem::remove(link);
    CHECK_FALSE(SerialTransport::isPseudoTerminal("/dev/null"));
}

TEST_CASE("a pty takes any frame format and keeps carrying 8-bit bytes") {
    // The kernel keeps a pty at 8 bits without parity (glibc's tcsetattr says EINVAL if asked for
    // 7E2), so the emulator can stand in for a 7E2 card: the baud rate and stop bits are stored,
    // data bits and parity stay 8 and none.
    PtyPair pty;
    auto port = openTransport("serial:" + pty.slavePath() + "@19200,7E2", kFast);
    CHECK(port->describe() == "serial:" + pty.slavePath() + "@19200,7E2 via termios");
    termios t{};
    REQUIRE(::tcgetattr(pty.slaveFd(), &t) == 0);
    CHECK(::cfgetospeed(&t) == B19200);
    CHECK((t.c_cflag & CSTOPB) != 0);
    CHECK((t.c_cflag & CSIZE) == CS8);
    CHECK((t.c_cflag & PARENB) == 0);
    CHECK((t.c_cflag & CRTSCTS) == 0);
    CHECK((t.c_iflag & (IXON | IXOFF)) == 0);
    CHECK((t.c_lflag & (ECHO | ICANON)) == 0);
    port->write({0x80, 0xFF, 0x7F});
    CHECK(fromMaster(pty, 3) == Bytes{0x80, 0xFF, 0x7F});
}

TEST_CASE("a read with nothing to read returns empty after the timeout") {
    PtyPair pty;
    auto port = openTransport("serial:" + pty.slavePath() + "@9600", kFast);
    auto start = Clock::now();
    Bytes got = port->read(Millis{200});
    auto elapsed = msSince(start);
    CHECK(got.empty());
    CHECK(elapsed >= 200);
    CHECK(elapsed < 700);
}

TEST_CASE("closing the pty master makes the next read throw TransportError within the timeout") {
    PtyPair pty;
    auto port = openTransport("serial:" + pty.slavePath() + "@9600", kFast);
    pty.closeMaster();
    auto start = Clock::now();
    std::string message = messageOf([&] { port->read(Millis{1500}); });
    CHECK(msSince(start) < 1500);
    CHECK(contains(message, pty.slavePath() + ": the device has gone"));
}

TEST_CASE("writing to a pty whose master has closed throws TransportError") {
    PtyPair pty;
    auto port = openTransport("serial:" + pty.slavePath() + "@9600", kFast);
    pty.closeMaster();
    auto start = Clock::now();
    std::string message = messageOf([&] { port->write({1, 2, 3}); });
    CHECK(msSince(start) < 1000);
    CHECK(contains(message, pty.slavePath() + ":"));
    CHECK(contains(message, "gone"));
}

TEST_CASE("rs485 drops the echo of the written bytes and returns only the reply") {
    PtyPair pty;
    auto port = openTransport("serial:" + pty.slavePath() + "@9600,rs485", kFast);
    const Bytes request{0xA5, 0x68, 0x32, 0x01, 0x7B, 0x5A};
    const Bytes reply{0xA5, 0x90, 0x00, 0x5A};
    port->write(request);
    CHECK(fromMaster(pty, request.size()) == request);

    // The half-duplex bus plays our own bytes back before the card answers.
    Bytes onTheBus = request;
    onTheBus.insert(onTheBus.end(), reply.begin(), reply.end());
    pty.writeMaster(onTheBus);
    CHECK(fromTransport(*port, reply.size()) == reply);
    // Nothing more: the echo did not come out later either.
    CHECK(port->read(Millis{100}).empty());
}

TEST_CASE("rs485 returns the whole reply when the adapter echoes nothing") {
    PtyPair pty;
    auto port = openTransport("serial:" + pty.slavePath() + "@9600,rs485", kFast);
    const Bytes request{0xA5, 0x68, 0x32, 0x01, 0x7B, 0x5A};
    const Bytes reply{0xA5, 0x68, 0x00, 0x5A}; // starts like the request, then differs
    port->write(request);
    CHECK(fromMaster(pty, request.size()) == request);
    pty.writeMaster(reply);
    CHECK(fromTransport(*port, reply.size()) == reply);
}

TEST_CASE("without rs485 the bytes that equal the last write are data, not echo") {
    PtyPair pty;
    auto port = openTransport("serial:" + pty.slavePath() + "@9600", kFast);
    port->write({7, 8, 9});
    CHECK(fromMaster(pty, 3) == Bytes{7, 8, 9});
    pty.writeMaster({7, 8, 9});
    CHECK(fromTransport(*port, 3) == Bytes{7, 8, 9});
}

TEST_CASE("1000 bytes at 9600 baud arrive intact both ways") {
    // Ptys ignore the baud rate, so this checks integrity (no translation, nothing lost), not timing.
    PtyPair pty;
    auto port = openTransport("serial:" + pty.slavePath() + "@9600", kFast);
    Bytes block(1000);
    for (std::size_t i = 0; i < block.size(); ++i) block[i] = static_cast<std::uint8_t>((i * 7 + 3) % 256);
    port->write(block);
    CHECK(fromMaster(pty, block.size()) == block);
    pty.writeMaster(block);
    CHECK(fromTransport(*port, block.size()) == block);
}

TEST_CASE("a pty can be opened again after its transport is closed") {
    PtyPair pty;
    const std::string address = "serial:" + pty.slavePath() + "@9600";
    auto first = openTransport(address, kFast);
    first->close();
    CHECK(messageOf([&] { first->read(Millis{10}); }) == "serial:" + pty.slavePath() + "@9600,8N1 is closed");
    first.reset();
    auto second = openTransport(address, kFast);
    second->write({42});
    CHECK(fromMaster(pty, 1) == Bytes{42});
}

TEST_CASE("a serial port that does not exist is a TransportError naming the device") {
    std::string message = messageOf([] { openTransport("serial:/dev/ttyGONGSHI9@9600", kFast, kOnce); });
    CHECK(contains(message, "serial port /dev/ttyGONGSHI9 does not exist (is the adapter plugged in?)"));
}

TEST_CASE("a device that is no serial port fails with both backends' reasons") {
    std::string message = messageOf([] { openTransport("serial:/dev/null@9600", kFast, kOnce); });
    CHECK(contains(message, "/dev/null is not a serial port"));
    CHECK(contains(message, "libserialport cannot use /dev/null"));
}

TEST_CASE("a baud rate termios cannot set is a TransportError naming it") {
    PtyPair pty;
    std::string message = messageOf([&] { openTransport("serial:" + pty.slavePath() + "@12345", kFast, kOnce); });
    CHECK(contains(message, "baud rate 12345 is not a standard rate"));
}

TEST_CASE("a paced pty write takes the time the serial line would") {
    PtyPair pty;
    auto t = openTransport("serial:" + pty.slavePath() + "@9600,8N1,paced", kFast, kOnce);
    Bytes data(480, 0x55); // 480 bytes x 10 bits at 9600 baud = 500 ms
    auto start = Clock::now();
    t->write(data);
    long long ms = msSince(start);
    CHECK(ms >= 490);
    CHECK(ms < 700);
    CHECK(readBytes([&](Millis m) { return pty.readMaster(m); }, data.size()) == data);
}

TEST_CASE("paced is an address option that prints back and is refused twice") {
    CHECK(Address::parse("serial:/dev/ttyUSB0@9600,paced").serial.paced);
    CHECK(Address::parse("serial:/dev/ttyUSB0@9600,8E1,paced").toString() == "serial:/dev/ttyUSB0@9600,8E1,paced");
    CHECK_THROWS_WITH_AS(Address::parse("serial:/dev/ttyUSB0@9600,paced,paced"),
                         "paced is given twice in serial:/dev/ttyUSB0@9600,paced,paced", gongshi::InputError);
}
