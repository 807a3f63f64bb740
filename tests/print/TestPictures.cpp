#include "tests/print/TestPictures.h"

#include "bitmap/ImageIO.h"
#include "print/ImageDecode.h"

namespace gongshi::test {

renderer::Bitmap portrait(int width, int height) {
    renderer::Bitmap b(width, height, renderer::ColorMode::Rgb);
    b.fill({0x3A, 0x6E, 0xC8});
    const double cx = width / 2.0, cy = height * 0.45, rx = width * 0.3, ry = height * 0.28;
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const double dx = (x - cx) / rx, dy = (y - cy) / ry;
            if (dx * dx + dy * dy <= 1)
                b.setPixel(x, y, {0xF0, 0xC8, 0xA0});
            else if (y > height * 0.78)
                b.setPixel(x, y, {0x20, 0x20, 0x28}); // shoulders
        }
    return b;
}

std::string portraitPng(int width, int height) { return renderer::encodePng(portrait(width, height)); }

std::string portraitJpeg(int width, int height, int quality) { return renderer::encodeJpeg(portrait(width, height), quality); }

} // namespace gongshi::test
