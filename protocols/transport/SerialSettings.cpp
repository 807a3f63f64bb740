#include "protocols/transport/SerialSettings.h"

namespace gongshi::protocols::transport {

std::string SerialSettings::frameFormat() const {
    char parityLetter = parity == Parity::None ? 'N' : parity == Parity::Even ? 'E' : 'O';
    return std::to_string(dataBits) + parityLetter + std::to_string(stopBits);
}

std::string SerialSettings::toString() const {
    return "serial:" + device + "@" + std::to_string(baud) + "," + frameFormat() + (rs485 ? ",rs485" : "") + (paced ? ",paced" : "");
}

} // namespace gongshi::protocols::transport
