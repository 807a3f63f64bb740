#include "protocols/bxk/BxkPixels.h"

namespace gongshi::protocols::bxk {

using renderer::Bitmap;
using renderer::Color;
using renderer::ColorMode;

std::size_t pageBytes(int groups, int height, ColorMode mode) {
    return static_cast<std::size_t>(groups) * static_cast<std::size_t>(height) * (mode == ColorMode::RedGreen ? 2u : 1u);
}

void packPage(const Bitmap& page, ColorMode mode, Bytes& out) {
    const int groups = groupsFor(page.width());
    const bool dual = mode == ColorMode::RedGreen;
    for (int y = 0; y < page.height(); ++y)
        for (int g = 0; g < groups; ++g) {
            std::uint8_t r = 0xFF, gr = 0xFF; // all off; lit pixels clear their bit
            for (int i = 0; i < 8; ++i) {
                int x = g * 8 + i;
                if (x >= page.width()) break;
                Color c = page.pixel(x, y);
                auto bit = static_cast<std::uint8_t>(0x80 >> i);
                if (dual) {
                    if (c.r >= 128) r = static_cast<std::uint8_t>(r & ~bit);
                    if (c.g >= 128) gr = static_cast<std::uint8_t>(gr & ~bit);
                } else if (!c.isBlack()) {
                    r = static_cast<std::uint8_t>(r & ~bit);
                }
            }
            out.push_back(r);
            if (dual) out.push_back(gr);
        }
}

Bitmap unpackPage(const std::uint8_t* data, int groups, int height, ColorMode mode) {
    Bitmap page(groups * 8, height, mode);
    const bool dual = mode == ColorMode::RedGreen;
    for (int y = 0; y < height; ++y)
        for (int g = 0; g < groups; ++g) {
            if (dual) {
                page.row(0, y)[g] = static_cast<std::uint8_t>(~*data++);
                page.row(1, y)[g] = static_cast<std::uint8_t>(~*data++);
            } else {
                page.row(0, y)[g] = static_cast<std::uint8_t>(~*data++);
            }
        }
    return page;
}

} // namespace gongshi::protocols::bxk
