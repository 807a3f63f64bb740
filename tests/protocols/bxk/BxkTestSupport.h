#pragma once
// Helpers of the bx-k tests: a stand-in for the emulator's text drawer. (Hex and test pictures are
// tests/support's GoldenHex.h and TestBitmaps.h.)
#include "protocols/Protocol.h"

#include <string>
#include <vector>

namespace gongshi::protocols::bxk::test {

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
    renderer::Bitmap operator()(const std::string& utf8, int width, int height, renderer::ColorMode mode, renderer::Color color,
                                HAlign align) const {
        calls->push_back({utf8, width, height, color, align});
        renderer::Bitmap b(width, height, mode);
        for (int x = 0; x < static_cast<int>(utf8.size()) && x < width; ++x) b.setPixel(x, 0, color);
        return b;
    }
};

} // namespace gongshi::protocols::bxk::test
