#include "protocols/bx6/Bx6Pixels.h"

#include <algorithm>
#include <vector>

namespace gongshi::protocols::bx6 {

using renderer::Bitmap;
using renderer::Color;
using renderer::ColorMode;

namespace {
int planeCount(ColorMode mode) { return mode == ColorMode::Mono ? 1 : mode == ColorMode::RedGreen ? 2 : 3; }

int wordsPerRow(int areaX, int width) { return width <= 0 ? 0 : (areaX + width - 1) / 32 - areaX / 32 + 1; }

// Whether plane `plane` (0 R, 1 G, 2 B) is lit for colour `c` on a screen of `mode`.
bool planeLit(Color c, int plane, ColorMode mode) {
    if (mode == ColorMode::Mono) return !c.isBlack();
    std::uint8_t v = plane == 0 ? c.r : plane == 1 ? c.g : c.b;
    return v >= 128;
}
} // namespace

ColorMode shownMode(PixelFormat format, ColorMode screenMode) { return format == PixelFormat::Rgb888 ? ColorMode::Rgb : screenMode; }

std::size_t pagePixelBytes(PixelFormat format, ColorMode screenMode, int areaX, int width, int height) {
    if (width <= 0 || height <= 0) return 0;
    auto w = static_cast<std::size_t>(width), h = static_cast<std::size_t>(height);
    if (format == PixelFormat::Rgb888) return w * h * 3;
    return static_cast<std::size_t>(planeCount(screenMode)) * h * static_cast<std::size_t>(wordsPerRow(areaX, width)) * 4;
}

Bytes encodePagePixels(const Bitmap& page, PixelFormat format, ColorMode screenMode, int areaX) {
    const int w = page.width(), h = page.height();
    Bytes out;
    out.reserve(pagePixelBytes(format, screenMode, areaX, w, h));
    if (format == PixelFormat::Rgb888) {
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                Color c = page.pixel(x, y);
                out.push_back(c.r), out.push_back(c.g), out.push_back(c.b);
            }
        return out;
    }
    const int words = wordsPerRow(areaX, w);
    std::vector<std::uint32_t> row(static_cast<std::size_t>(words));
    for (int plane = 0; plane < planeCount(screenMode); ++plane)
        for (int y = 0; y < h; ++y) {
            std::fill(row.begin(), row.end(), 0xFFFFFFFFu); // 1 = off, padding included
            for (int x = 0; x < w; ++x) {
                if (!planeLit(page.pixel(x, y), plane, screenMode)) continue;
                int col = areaX + x;
                row[static_cast<std::size_t>(col / 32 - areaX / 32)] &= ~(1u << (31 - col % 32));
            }
            for (std::uint32_t word : row)
                for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(word >> (8 * i)));
        }
    return out;
}

Bitmap decodePagePixels(const std::uint8_t* data, PixelFormat format, ColorMode screenMode, int areaX, int width, int height) {
    Bitmap page(width, height, shownMode(format, screenMode));
    if (format == PixelFormat::Rgb888) {
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width; ++x, data += 3) page.setPixel(x, y, {data[0], data[1], data[2]});
        return page;
    }
    const int words = wordsPerRow(areaX, width);
    const int planes = planeCount(screenMode);
    const std::size_t rowBytes = static_cast<std::size_t>(words) * 4;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            int col = areaX + x;
            std::size_t byteInRow = static_cast<std::size_t>(col / 32 - areaX / 32) * 4 + static_cast<std::size_t>(3 - (col % 32) / 8);
            std::uint8_t mask = static_cast<std::uint8_t>(0x80 >> (col % 8));
            bool lit[3] = {false, false, false};
            for (int p = 0; p < planes; ++p) {
                std::size_t at =
                    (static_cast<std::size_t>(p) * static_cast<std::size_t>(height) + static_cast<std::size_t>(y)) * rowBytes + byteInRow;
                lit[p] = (data[at] & mask) == 0;
            }
            Color c = screenMode == ColorMode::Mono
                          ? (lit[0] ? Color::white() : Color::black())
                          : Color{static_cast<std::uint8_t>(lit[0] ? 255 : 0), static_cast<std::uint8_t>(lit[1] ? 255 : 0),
                                  static_cast<std::uint8_t>(lit[2] ? 255 : 0)};
            page.setPixel(x, y, c);
        }
    return page;
}

} // namespace gongshi::protocols::bx6
