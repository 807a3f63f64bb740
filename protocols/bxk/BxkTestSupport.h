#pragma once
// Helpers shared by the bx-k tests: frames as hex text, test pictures, a stand-in text drawer.
#include "protocols/Protocol.h"

#include <cstdio>
#include <sstream>
#include <string>

namespace gongshi::protocols::bxk::test {

inline std::string toHex(const Bytes& bytes) {
    std::string out;
    char buf[4];
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%02X", bytes[i]);
        if (i) out += ' ';
        out += buf;
    }
    return out;
}

inline Bytes fromHex(const std::string& text) {
    Bytes out;
    std::istringstream in(text);
    std::string tok;
    while (in >> tok) out.push_back(static_cast<std::uint8_t>(std::stoul(tok, nullptr, 16)));
    return out;
}

// A deterministic picture with every colour the mode has, different in each row and page.
inline renderer::Bitmap pattern(int width, int height, renderer::ColorMode mode, unsigned seed) {
    renderer::Bitmap b(width, height, mode);
    unsigned s = seed * 2654435761u + 1;
    const renderer::Color colours[] = {renderer::Color::black(), renderer::Color::red(), renderer::Color::green(),
                                       renderer::Color::yellow()};
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            s = s * 1103515245u + 12345u;
            b.setPixel(x, y, colours[(s >> 16) & 3]);
        }
    return b;
}

// Stands in for the emulator's font: lights a bar as long as the text has bytes, one row per
// call, so tests can see that text reached the screen and with which colour.
struct RecordingDrawer {
    struct Call {
        std::string text;
        int width = 0, height = 0;
        renderer::Color color;
        HAlign align = HAlign::Left;
    };
    std::vector<Call>* calls;
    renderer::Bitmap operator()(const std::string& utf8, int width, int height, renderer::ColorMode mode,
                                renderer::Color color, HAlign align) const {
        calls->push_back({utf8, width, height, color, align});
        renderer::Bitmap b(width, height, mode);
        for (int x = 0; x < static_cast<int>(utf8.size()) && x < width; ++x) b.setPixel(x, 0, color);
        return b;
    }
};

} // namespace gongshi::protocols::bxk::test
