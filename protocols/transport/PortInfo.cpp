#include "protocols/transport/PortInfo.h"

#include "common/Error.h"

#include <algorithm>
#include <cstdio>
#include <libserialport.h>
#include <memory>

namespace gongshi::protocols::transport {
namespace {

struct FreePortList {
    void operator()(sp_port** list) const { sp_free_port_list(list); }
};

std::string text(const char* s) { return s ? s : ""; }

PortKind kindOf(sp_transport t) {
    switch (t) {
    case SP_TRANSPORT_NATIVE:
        return PortKind::Native;
    case SP_TRANSPORT_USB:
        return PortKind::Usb;
    case SP_TRANSPORT_BLUETOOTH:
        return PortKind::Bluetooth;
    }
    return PortKind::Unknown;
}

} // namespace

const char* portKindName(PortKind kind) {
    switch (kind) {
    case PortKind::Native:
        return "native";
    case PortKind::Usb:
        return "usb";
    case PortKind::Bluetooth:
        return "bluetooth";
    case PortKind::Unknown:
        break;
    }
    return "unknown";
}

std::string PortInfo::usbId() const {
    if (!usbVendorId || !usbProductId) return "";
    char id[10];
    std::snprintf(id, sizeof(id), "%04x:%04x", *usbVendorId, *usbProductId);
    return id;
}

std::vector<PortInfo> listSerialPorts() {
    sp_port** raw = nullptr;
    if (sp_list_ports(&raw) != SP_OK) {
        char* message = sp_last_error_message();
        std::string reason = text(message);
        sp_free_error_message(message);
        throw TransportError("cannot list serial ports: " + reason);
    }
    std::unique_ptr<sp_port*, FreePortList> list(raw);

    std::vector<PortInfo> ports;
    for (sp_port** p = list.get(); *p; ++p) {
        PortInfo info;
        info.name = text(sp_get_port_name(*p));
        info.description = text(sp_get_port_description(*p));
        info.kind = kindOf(sp_get_port_transport(*p));
        if (info.kind == PortKind::Usb) {
            int vid = 0;
            int pid = 0;
            if (sp_get_port_usb_vid_pid(*p, &vid, &pid) == SP_OK && vid >= 0 && pid >= 0) {
                info.usbVendorId = static_cast<std::uint16_t>(vid);
                info.usbProductId = static_cast<std::uint16_t>(pid);
            }
            info.usbManufacturer = text(sp_get_port_usb_manufacturer(*p));
            info.usbProduct = text(sp_get_port_usb_product(*p));
            info.usbSerial = text(sp_get_port_usb_serial(*p));
        }
        ports.push_back(std::move(info));
    }
    std::sort(ports.begin(), ports.end(), [](const PortInfo& a, const PortInfo& b) { return a.name < b.name; });
    return ports;
}

} // namespace gongshi::protocols::transport
