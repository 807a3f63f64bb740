#include "tests/support/TestBitmaps.h"

namespace gongshi::test {

using renderer::Bitmap;
using renderer::Color;
using renderer::ColorMode;

Bitmap randomPicture(int width, int height, ColorMode mode, std::uint32_t seed) {
    Bitmap b(width, height, mode);
    std::uint32_t s = seed * 2654435761u + 12345u;
    auto next = [&s] {
        s = s * 1664525u + 1013904223u;
        return s >> 8;
    };
    static const Color redGreen[] = {Color::black(), Color::red(), Color::green(), Color::yellow()};
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const std::uint32_t v = next();
            Color c = Color::black();
            switch (mode) {
            case ColorMode::Mono:
                c = (v & 1) ? Color::white() : Color::black();
                break;
            case ColorMode::RedGreen:
                c = redGreen[v & 3];
                break;
            case ColorMode::Rgb:
                c = {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v >> 16)};
                break;
            }
            b.setPixel(x, y, c);
        }
    return b;
}

Bitmap borderedPicture(int width, int height, ColorMode mode) {
    Bitmap b(width, height, mode);
    const Color colours[] = {Color::red(), Color::green(), Color::yellow()};
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const bool border = x == 0 || y == 0 || x == width - 1 || y == height - 1;
            const bool lit = border || x == y || (x * 7 + y * 3) % 5 == 0;
            if (!lit) continue;
            b.setPixel(x, y, mode == ColorMode::Mono ? Color::white() : colours[(x + 2 * y) % 3]);
        }
    return b;
}

} // namespace gongshi::test
