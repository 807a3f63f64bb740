#include "bitmap/ImageIO.h"

#include "common/Error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>

#include <png.h>

namespace gongshi::renderer {
namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

struct PngWriter {
    png_structp png = nullptr;
    png_infop info = nullptr;
    PngWriter() {
        png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
        if (png) info = png_create_info_struct(png);
    }
    ~PngWriter() { png_destroy_write_struct(&png, &info); }
};

} // namespace

namespace {

void appendToString(png_structp png, png_bytep data, png_size_t length) {
    auto* out = static_cast<std::string*>(png_get_io_ptr(png));
    out->append(reinterpret_cast<const char*>(data), length);
}

void flushNothing(png_structp) {}

// Writes the PNG through `w`, whose output is already set up; `what` names it in errors.
void encodeWith(PngWriter& w, const Bitmap& bitmap, int dpi, const std::string& what) {
    if (setjmp(png_jmpbuf(w.png))) throw Error("libpng failed writing " + what);
    bool mono = bitmap.mode() == ColorMode::Mono;
    png_set_IHDR(w.png, w.info, static_cast<png_uint_32>(bitmap.width()), static_cast<png_uint_32>(bitmap.height()), mono ? 1 : 8,
                 mono ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    if (dpi > 0) {
        auto ppm = static_cast<png_uint_32>(std::lround(dpi / 0.0254));
        png_set_pHYs(w.png, w.info, ppm, ppm, PNG_RESOLUTION_METER);
    }
    png_write_info(w.png, w.info);
    if (mono) {
        for (int y = 0; y < bitmap.height(); ++y) png_write_row(w.png, bitmap.row(0, y));
    } else {
        Bitmap rgb = bitmap.mode() == ColorMode::Rgb ? bitmap : bitmap.toRgb();
        for (int y = 0; y < rgb.height(); ++y) png_write_row(w.png, rgb.row(0, y));
    }
    png_write_end(w.png, nullptr);
}

} // namespace

void writePng(const Bitmap& bitmap, const std::string& path, int dpi) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
    if (!file) throw Error("cannot write " + path);
    PngWriter w;
    if (!w.png || !w.info) throw Error("libpng could not start writing " + path);
    png_init_io(w.png, file.get());
    encodeWith(w, bitmap, dpi, path);
}

std::string encodePng(const Bitmap& bitmap, int dpi) {
    std::string out;
    PngWriter w;
    if (!w.png || !w.info) throw Error("libpng could not start writing a PNG in memory");
    png_set_write_fn(w.png, &out, appendToString, flushNothing);
    encodeWith(w, bitmap, dpi, "a PNG in memory");
    return out;
}

namespace {

// The rest of reading a PNG whose header `image` has read: into an Rgb bitmap.
Bitmap finishPng(png_image& image, const std::string& what) {
    image.format = PNG_FORMAT_RGB;
    Bitmap out(static_cast<int>(image.width), static_cast<int>(image.height), ColorMode::Rgb);
    std::vector<std::uint8_t> buffer(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, buffer.data(), 0, nullptr)) {
        std::string msg = image.message;
        png_image_free(&image);
        throw InputError("cannot decode PNG " + what + ": " + msg);
    }
    for (int y = 0; y < out.height(); ++y)
        std::copy_n(buffer.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(out.stride()), out.stride(), out.row(0, y));
    return out;
}

} // namespace

Bitmap readPng(const std::string& path) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str())) throw InputError("cannot read PNG " + path + ": " + image.message);
    return finishPng(image, path);
}

Bitmap decodePng(const std::string& bytes, const std::string& what) {
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, bytes.data(), bytes.size()))
        throw InputError("cannot read PNG " + what + ": " + image.message);
    return finishPng(image, what);
}

void writePbm(const Bitmap& bitmap, const std::string& path) {
    std::ofstream out(path, std::ios::binary);
    if (!out) throw Error("cannot write " + path);
    out << "P4\n" << bitmap.width() << ' ' << bitmap.height() << '\n';
    std::vector<char> row(static_cast<std::size_t>((bitmap.width() + 7) / 8));
    for (int y = 0; y < bitmap.height(); ++y) {
        std::fill(row.begin(), row.end(), 0);
        for (int x = 0; x < bitmap.width(); ++x)
            if (bitmap.lit(x, y)) row[static_cast<std::size_t>(x >> 3)] |= static_cast<char>(0x80 >> (x & 7));
        out.write(row.data(), static_cast<std::streamsize>(row.size()));
    }
    if (!out) throw Error("failed writing " + path);
}

} // namespace gongshi::renderer
