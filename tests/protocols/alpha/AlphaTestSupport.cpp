#include "tests/protocols/alpha/AlphaTestSupport.h"

#include "tests/support/GoldenHex.h"

#include <cstdio>
#include <sstream>

namespace gongshi::protocols::alpha::test {

std::string goldenText(const std::string& description, const std::vector<Bytes>& packets) {
    static const char* names[] = {"NUL",    "SOH",    "STX",    "ETX",    "EOT", "05",  "06",    "07", "08", "09",   "0A",
                                  "0B",     "0C",     "CR",     "0E",     "0F",  "10",  "11",    "12", "13", "CALL", "SPEED1",
                                  "SPEED2", "SPEED3", "SPEED4", "SPEED5", "1A",  "ESC", "COLOR", "1D", "1E", "1F"};
    // After each packet's hex, the packet as text with control bytes named, a line per CR.
    auto asText = [](const Bytes& p) {
        std::ostringstream out;
        out << "# as text: ";
        for (std::size_t i = 0; i < p.size(); ++i) {
            std::uint8_t b = p[i];
            if (b < 0x20) {
                out << '<' << names[b] << '>';
                if (b == 0x0D && i + 1 < p.size()) out << "\n#          ";
            } else if (b < 0x7F) {
                out << static_cast<char>(b);
            } else {
                char hex[8];
                std::snprintf(hex, sizeof hex, "<%02X>", b);
                out << hex;
            }
        }
        out << "\n";
        return out.str();
    };
    return gongshi::test::packetsText("alpha: " + description, packets, 32, asText);
}

Bytes bytesOf(const std::string& s) { return Bytes(s.begin(), s.end()); }

} // namespace gongshi::protocols::alpha::test
