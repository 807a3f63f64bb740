#pragma once
// The serial ports this machine has, for `gongshi ports`: what to write after `serial:`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::protocols::transport {

enum class PortKind { Native, Usb, Bluetooth, Unknown };

const char* portKindName(PortKind kind); // "native", "usb", "bluetooth", "unknown"

struct PortInfo {
    std::string name;        // the device path, e.g. /dev/ttyUSB0
    std::string description; // e.g. "FT232R USB UART - FT232R USB UART"
    PortKind kind = PortKind::Unknown;
    std::optional<std::uint16_t> usbVendorId; // USB ports, where the system knows them
    std::optional<std::uint16_t> usbProductId;
    std::string usbManufacturer;
    std::string usbProduct;
    std::string usbSerial;

    // "0403:6001" (lower-case hex, as lsusb prints it), or empty when unknown.
    std::string usbId() const;
};

// Every port libserialport finds, sorted by name. Pseudo-terminals are not listed (libserialport
// does not see them). Throws TransportError when the system cannot be asked.
std::vector<PortInfo> listSerialPorts();

} // namespace gongshi::protocols::transport
