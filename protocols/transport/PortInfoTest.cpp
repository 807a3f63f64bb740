#include "protocols/transport/PortInfo.h"
#include "protocols/transport/PtyPair.h"

#include <doctest/doctest.h>

#include <algorithm>

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

TEST_CASE("listed ports are device paths in name order and exclude pseudo-terminals") {
    PtyPair pty;
    auto ports = listSerialPorts();
    CHECK(std::is_sorted(ports.begin(), ports.end(), [](const PortInfo& a, const PortInfo& b) { return a.name < b.name; }));
    for (const PortInfo& p : ports) {
        CHECK(p.name.rfind("/dev/", 0) == 0);
        CHECK(p.name != pty.slavePath());
        if (p.kind != PortKind::Usb) CHECK(p.usbId() == "");
    }
}
