#include "protocols/transport/PortInfo.h"
#include "protocols/transport/PtyPair.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

using namespace gongshi::protocols::transport;

TEST_CASE("a USB id is vendor and product as four lower-case hex digits") {
    PortInfo p;
    CHECK(p.usbId() == "");
    p.usbVendorId = 0x0403;
    p.usbProductId = 0x6001;
    CHECK(p.usbId() == "0403:6001");
    p.usbVendorId = 0x1A86;
    p.usbProductId = 0x7523;
    CHECK(p.usbId() == "1a86:7523");
}

TEST_CASE("port kinds have the names gongshi ports prints") {
    CHECK(std::string(portKindName(PortKind::Usb)) == "usb");
    CHECK(std::string(portKindName(PortKind::Native)) == "native");
    CHECK(std::string(portKindName(PortKind::Bluetooth)) == "bluetooth");
    CHECK(std::string(portKindName(PortKind::Unknown)) == "unknown");
}

namespace {
// What sysfs says of /sys/class/tty/NAME: the driver of its device, empty when it has none (a
// virtual terminal, a pseudo-terminal).
std::string ttyDriver(const std::filesystem::path& entry) {
    std::error_code ec;
    const auto driver = std::filesystem::read_symlink(entry / "device" / "driver", ec);
    return ec ? std::string() : driver.filename().string();
}
} // namespace

TEST_CASE("listed ports are the ttys with a device driver in sysfs, in name order, and never a pseudo-terminal") {
    PtyPair pty;
    const auto ports = listSerialPorts();
    std::set<std::string> listed;
    for (const PortInfo& p : ports) {
        listed.insert(p.name);
        if (p.kind != PortKind::Usb) CHECK(p.usbId() == "");
    }
    CHECK(std::is_sorted(ports.begin(), ports.end(), [](const PortInfo& a, const PortInfo& b) { return a.name < b.name; }));
    CHECK(listed.count(pty.slavePath()) == 0);
    // Ports sysfs gives a driver are listed; a 16550 slot (serial8250) only once a UART is set up in
    // it, which only opening the port tells. Nothing else is listed.
    std::set<std::string> must, may;
    for (const auto& entry : std::filesystem::directory_iterator("/sys/class/tty")) {
        const std::string driver = ttyDriver(entry.path());
        if (driver.empty()) continue;
        const std::string device = "/dev/" + entry.path().filename().string();
        (driver.find("serial8250") != std::string::npos ? may : must).insert(device);
    }
    for (const auto& device : must) {
        CAPTURE(device);
        CHECK(listed.count(device) == 1);
    }
    for (const auto& name : listed) {
        CAPTURE(name);
        CHECK((must.count(name) + may.count(name)) == 1);
    }
    if (must.empty() && may.empty()) MESSAGE("this machine has no serial port in sysfs: only the pseudo-terminal is checked");
}
