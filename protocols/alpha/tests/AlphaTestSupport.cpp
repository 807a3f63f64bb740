#include "protocols/alpha/tests/AlphaTestSupport.h"

#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace gongshi::protocols::alpha::test {

using renderer::Bitmap;
using renderer::Color;
using renderer::ColorMode;

Bitmap testPicture(int width, int height, ColorMode mode) {
    Bitmap b(width, height, mode);
    const Color colours[] = {Color::red(), Color::green(), Color::yellow()};
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            bool border = x == 0 || y == 0 || x == width - 1 || y == height - 1;
            bool lit = border || x == y || (x * 7 + y * 3) % 5 == 0;
            if (!lit) continue;
            b.setPixel(x, y, mode == ColorMode::Mono ? Color::white() : colours[(x + 2 * y) % 3]);
        }
    return b;
}

std::vector<FrameEvent> feedBytes(CardDecoder& card, const Bytes& bytes) { return card.feed(bytes.data(), bytes.size()); }

std::vector<FrameEvent> feedAll(CardDecoder& card, const std::vector<Bytes>& packets, bool byteByByte) {
    Bytes all;
    for (const auto& p : packets) all.insert(all.end(), p.begin(), p.end());
    if (!byteByByte) return feedBytes(card, all);
    std::vector<FrameEvent> events;
    for (std::uint8_t b : all) {
        auto some = card.feed(&b, 1);
        events.insert(events.end(), some.begin(), some.end());
    }
    return events;
}

std::string goldenText(const std::string& description, const std::vector<Bytes>& packets) {
    static const char* names[] = {"NUL", "SOH", "STX", "ETX", "EOT", "05", "06", "07", "08", "09", "0A", "0B", "0C", "CR",
                                  "0E",  "0F",  "10",  "11",  "12",  "13", "CALL", "SPEED1", "SPEED2", "SPEED3",
                                  "SPEED4", "SPEED5", "1A", "ESC", "COLOR", "1D", "1E", "1F"};
    std::ostringstream out;
    out << "# alpha: " << description << "\n";
    for (std::size_t n = 0; n < packets.size(); ++n) {
        const Bytes& p = packets[n];
        out << "# packet " << n + 1 << " of " << packets.size() << ", " << p.size() << " bytes\n";
        for (std::size_t i = 0; i < p.size(); ++i) {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%02X", p[i]);
            out << hex << ((i + 1) % 32 == 0 || i + 1 == p.size() ? "\n" : " ");
        }
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
    }
    return out.str();
}

void checkGolden(const std::string& name, const std::string& text) {
    std::string path = gongshi::test::sourceDir() + "/tests/golden/protocols/alpha/" + name + ".hex";
    if (gongshi::test::updateGolden()) {
        std::ofstream(path, std::ios::binary) << text;
        MESSAGE("rewrote " << path);
        return;
    }
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing golden file " << path << " (run with --update-golden once, then check it)");
    std::ostringstream expected;
    expected << in.rdbuf();
    CHECK(text == expected.str());
}

Bytes bytesOf(const std::string& s) { return Bytes(s.begin(), s.end()); }

} // namespace gongshi::protocols::alpha::test
