#include "print/ImageDecode.h"

#include "common/Error.h"
#include "bitmap/ImageIO.h"

#include <algorithm>
#include <csetjmp>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <vector>

#include <jpeglib.h>
#include <jerror.h>

namespace gongshi::renderer {
namespace {

// libjpeg reports errors through error_exit, which must not return: it jumps back to decodeJpeg.
struct JpegError {
    jpeg_error_mgr mgr;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    bool cut = false; // the data ended before the picture did (libjpeg only warns, and fills it in grey)
};

void jpegFail(j_common_ptr cinfo) {
    auto* e = reinterpret_cast<JpegError*>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, e->message);
    std::longjmp(e->jump, 1);
}

void jpegQuiet(j_common_ptr cinfo, int level) {
    if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF) reinterpret_cast<JpegError*>(cinfo->err)->cut = true;
}

// Only plain C objects live across the setjmp; the rows go into `rgb`, sized before reading. Without
// `rgb`, only the header is read: the picture's size, in `width` and `height`. With `maxSide`, the
// largest of libjpeg's reductions (1/2, 1/4, 1/8) that keeps the long side at least that long.
bool readJpeg(const std::string& bytes, std::vector<std::uint8_t>* rgb, int& width, int& height, JpegError& err, int maxSide = 0) {
    jpeg_decompress_struct cinfo;
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpegFail;
    err.mgr.emit_message = jpegQuiet;
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&cinfo, TRUE);
    if (!rgb) {
        width = static_cast<int>(cinfo.image_width);
        height = static_cast<int>(cinfo.image_height);
        jpeg_destroy_decompress(&cinfo);
        return true;
    }
    cinfo.out_color_space = JCS_RGB;
    if (maxSide > 0) {
        const unsigned longSide = std::max(cinfo.image_width, cinfo.image_height);
        unsigned denom = 1;
        while (denom < 8 && longSide / (denom * 2) >= static_cast<unsigned>(maxSide)) denom *= 2;
        cinfo.scale_num = 1;
        cinfo.scale_denom = denom;
    }
    jpeg_start_decompress(&cinfo);
    width = static_cast<int>(cinfo.output_width);
    height = static_cast<int>(cinfo.output_height);
    if (width > 20000 || height > 20000 || cinfo.output_components != 3) {
        std::snprintf(err.message, sizeof err.message, "unsupported picture of %dx%d", width, height);
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    rgb->resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = rgb->data() + static_cast<std::size_t>(cinfo.output_scanline) * static_cast<std::size_t>(width) * 3;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    if (err.cut) {
        std::snprintf(err.message, sizeof err.message, "the file ends before the picture does");
        return false;
    }
    return true;
}

Bitmap decodeJpeg(const std::string& bytes, const std::string& what, int maxSide = 0) {
    std::vector<std::uint8_t> rgb;
    int width = 0, height = 0;
    JpegError err{};
    if (!readJpeg(bytes, &rgb, width, height, err, maxSide)) throw InputError("cannot decode JPEG picture " + what + ": " + err.message);
    Bitmap out(width, height, ColorMode::Rgb);
    for (int y = 0; y < height; ++y)
        std::memcpy(out.row(0, y), rgb.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(width) * 3,
                    static_cast<std::size_t>(width) * 3);
    return out;
}

bool isPng(const std::string& bytes) { return bytes.size() >= 8 && std::memcmp(bytes.data(), "\x89PNG\r\n\x1a\n", 8) == 0; }
bool isJpeg(const std::string& bytes) { return bytes.size() >= 3 && std::memcmp(bytes.data(), "\xFF\xD8\xFF", 3) == 0; }

std::uint32_t bigEndian32(const std::string& bytes, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(bytes[at + i]);
    return v;
}

} // namespace

std::string pictureType(const std::string& bytes) { return isPng(bytes) ? "png" : isJpeg(bytes) ? "jpg" : ""; }

PictureHeader readPictureHeader(const std::string& bytes, const std::string& what) {
    if (isPng(bytes)) {
        // The first chunk is IHDR: length, "IHDR", width and height as 32-bit big-endian numbers.
        if (bytes.size() < 24 || bytes.compare(12, 4, "IHDR") != 0) throw InputError("the PNG picture " + what + " has no IHDR chunk");
        const std::uint32_t w = bigEndian32(bytes, 16), h = bigEndian32(bytes, 20);
        if (w == 0 || h == 0 || w > 0x7FFFFFFF || h > 0x7FFFFFFF) throw InputError("the PNG picture " + what + " has a bad size");
        return {"png", static_cast<int>(w), static_cast<int>(h)};
    }
    if (isJpeg(bytes)) {
        PictureHeader header{"jpg", 0, 0};
        JpegError err{};
        if (!readJpeg(bytes, nullptr, header.width, header.height, err))
            throw InputError("cannot read JPEG picture " + what + ": " + err.message);
        return header;
    }
    throw InputError("the picture " + what + " is neither JPEG nor PNG");
}

Bitmap decodeImage(const std::string& bytes, const std::string& what) {
    if (isPng(bytes)) return decodePng(bytes, "picture " + what);
    if (isJpeg(bytes)) return decodeJpeg(bytes, what);
    throw InputError("the picture " + what + " is neither JPEG nor PNG");
}

Bitmap decodeImage(const std::string& bytes, const std::string& what, int maxSide) {
    if (isJpeg(bytes)) return shrinkToFit(decodeJpeg(bytes, what, maxSide), maxSide);
    Bitmap picture = decodeImage(bytes, what);
    return picture.mode() == ColorMode::Rgb ? shrinkToFit(picture, maxSide) : shrinkToFit(picture.toRgb(), maxSide);
}

Bitmap shrinkToFit(const Bitmap& rgb, int maxSide) {
    const int longSide = std::max(rgb.width(), rgb.height());
    if (maxSide <= 0 || longSide <= maxSide) return rgb;
    const auto scaled = [&](int side) { return std::max(1, static_cast<int>(static_cast<long long>(side) * maxSide / longSide)); };
    const int w = scaled(rgb.width()), h = scaled(rgb.height());
    Bitmap out(w, h, ColorMode::Rgb);
    // Each pixel the average of the source pixels it covers (a box filter: no aliasing).
    std::vector<std::uint32_t> sum(static_cast<std::size_t>(w) * 3);
    for (int y = 0; y < h; ++y) {
        const int y0 = static_cast<int>(static_cast<long long>(y) * rgb.height() / h);
        const int y1 = std::max(y0 + 1, static_cast<int>(static_cast<long long>(y + 1) * rgb.height() / h));
        std::fill(sum.begin(), sum.end(), 0);
        for (int sy = y0; sy < y1; ++sy) {
            const std::uint8_t* src = rgb.row(0, sy);
            for (int x = 0; x < w; ++x) {
                const int x0 = static_cast<int>(static_cast<long long>(x) * rgb.width() / w);
                const int x1 = std::max(x0 + 1, static_cast<int>(static_cast<long long>(x + 1) * rgb.width() / w));
                for (int sx = x0; sx < x1; ++sx)
                    for (int c = 0; c < 3; ++c) sum[static_cast<std::size_t>(x) * 3 + c] += src[sx * 3 + c];
            }
        }
        std::uint8_t* dst = out.row(0, y);
        for (int x = 0; x < w; ++x) {
            const int x0 = static_cast<int>(static_cast<long long>(x) * rgb.width() / w);
            const int x1 = std::max(x0 + 1, static_cast<int>(static_cast<long long>(x + 1) * rgb.width() / w));
            const std::uint32_t n = static_cast<std::uint32_t>((x1 - x0) * (y1 - y0));
            for (int c = 0; c < 3; ++c) dst[x * 3 + c] = static_cast<std::uint8_t>((sum[static_cast<std::size_t>(x) * 3 + c] + n / 2) / n);
        }
    }
    return out;
}

std::string encodeJpeg(const Bitmap& rgb, int quality) {
    const Bitmap picture = rgb.mode() == ColorMode::Rgb ? rgb : rgb.toRgb();
    jpeg_compress_struct cinfo;
    JpegError err{};
    cinfo.err = jpeg_std_error(&err.mgr);
    err.mgr.error_exit = jpegFail;
    err.mgr.emit_message = jpegQuiet;
    unsigned char* out = nullptr;
    unsigned long size = 0;
    if (setjmp(err.jump)) {
        jpeg_destroy_compress(&cinfo);
        std::free(out);
        throw InputError(std::string("cannot encode JPEG picture: ") + err.message);
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &out, &size);
    cinfo.image_width = static_cast<JDIMENSION>(picture.width());
    cinfo.image_height = static_cast<JDIMENSION>(picture.height());
    cinfo.input_components = 3;
    cinfo.in_color_space = JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = const_cast<JSAMPROW>(picture.row(0, static_cast<int>(cinfo.next_scanline)));
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    std::string bytes(reinterpret_cast<const char*>(out), size);
    std::free(out);
    return bytes;
}

StoredPicture normalisePicture(const std::string& bytes, const std::string& what, int maxSide) {
    StoredPicture out;
    out.type = readPictureHeader(bytes, what).type;
    const Bitmap picture = decodeImage(bytes, what, maxSide);
    out.width = picture.width();
    out.height = picture.height();
    out.bytes = out.type == "png" ? encodePng(picture) : encodeJpeg(picture);
    return out;
}

} // namespace gongshi::renderer
