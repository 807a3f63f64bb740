#include "tests/print/TestPictures.h"

#include "bitmap/ImageIO.h"

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <vector>

#include <jpeglib.h>

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

std::string portraitJpeg(int width, int height, int quality) {
    const renderer::Bitmap b = portrait(width, height);
    jpeg_compress_struct cinfo;
    jpeg_error_mgr err;
    cinfo.err = jpeg_std_error(&err);
    jpeg_create_compress(&cinfo);
    unsigned char* out = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&cinfo, &out, &size);
    cinfo.image_width = static_cast<JDIMENSION>(width);
    cinfo.image_height = static_cast<JDIMENSION>(height);
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = const_cast<JSAMPROW>(b.row(0, static_cast<int>(cinfo.next_scanline)));
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    std::string bytes(reinterpret_cast<const char*>(out), size);
    std::free(out);
    return bytes;
}

} // namespace gongshi::test
