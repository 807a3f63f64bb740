#include "bitmap/Bitmap.h"

#include "common/Error.h"

#include <algorithm>

namespace gongshi::renderer {

ColorMode parseColorMode(std::string_view name) {
    if (name == "mono") return ColorMode::Mono;
    if (name == "red-green") return ColorMode::RedGreen;
    if (name == "rgb") return ColorMode::Rgb;
    throw InputError("unknown colour mode '" + std::string(name) + "' (use mono, red-green or rgb)");
}

const char* colorModeName(ColorMode mode) {
    switch (mode) {
    case ColorMode::Mono:
        return "mono";
    case ColorMode::RedGreen:
        return "red-green";
    case ColorMode::Rgb:
        return "rgb";
    }
    return "?";
}

Color parseColor(std::string_view name) {
    if (name == "red") return Color::red();
    if (name == "green") return Color::green();
    if (name == "yellow") return Color::yellow();
    if (name == "white") return Color::white();
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    if (name.size() == 7 && name[0] == '#') {
        int v[6];
        bool ok = true;
        for (int i = 0; i < 6; ++i) ok = ok && (v[i] = hex(name[static_cast<std::size_t>(i + 1)])) >= 0;
        if (ok)
            return {static_cast<std::uint8_t>(v[0] * 16 + v[1]), static_cast<std::uint8_t>(v[2] * 16 + v[3]),
                    static_cast<std::uint8_t>(v[4] * 16 + v[5])};
    }
    throw InputError("unknown colour '" + std::string(name) + "' (use red, green, yellow, white or #RRGGBB)");
}

Bitmap::Bitmap(int width, int height, ColorMode mode) : width_(std::max(0, width)), height_(std::max(0, height)), mode_(mode) {
    stride_ = mode == ColorMode::Rgb ? width_ * 3 : (width_ + 7) / 8;
    data_.assign(static_cast<std::size_t>(stride_) * static_cast<std::size_t>(height_) * static_cast<std::size_t>(planes()), 0);
}

const std::uint8_t* Bitmap::row(int plane, int y) const {
    return data_.data() + (static_cast<std::size_t>(plane) * static_cast<std::size_t>(height_) + static_cast<std::size_t>(y)) *
                              static_cast<std::size_t>(stride_);
}

std::uint8_t* Bitmap::row(int plane, int y) { return const_cast<std::uint8_t*>(static_cast<const Bitmap*>(this)->row(plane, y)); }

bool Bitmap::lit(int x, int y) const { return !pixel(x, y).isBlack(); }

Color Bitmap::pixel(int x, int y) const {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return Color::black();
    auto bit = [&](int plane) { return (row(plane, y)[x >> 3] & (0x80 >> (x & 7))) != 0; };
    switch (mode_) {
    case ColorMode::Mono:
        return bit(0) ? Color::white() : Color::black();
    case ColorMode::RedGreen:
        return {static_cast<std::uint8_t>(bit(0) ? 255 : 0), static_cast<std::uint8_t>(bit(1) ? 255 : 0), 0};
    case ColorMode::Rgb: {
        const std::uint8_t* p = row(0, y) + x * 3;
        return {p[0], p[1], p[2]};
    }
    }
    return Color::black();
}

void Bitmap::setPixel(int x, int y, Color c) {
    if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
    auto setBit = [&](int plane, bool on) {
        std::uint8_t& b = row(plane, y)[x >> 3];
        std::uint8_t m = static_cast<std::uint8_t>(0x80 >> (x & 7));
        b = on ? static_cast<std::uint8_t>(b | m) : static_cast<std::uint8_t>(b & ~m);
    };
    switch (mode_) {
    case ColorMode::Mono:
        setBit(0, !c.isBlack());
        break;
    case ColorMode::RedGreen:
        setBit(0, c.r >= 128);
        setBit(1, c.g >= 128);
        break;
    case ColorMode::Rgb: {
        std::uint8_t* p = row(0, y) + x * 3;
        p[0] = c.r, p[1] = c.g, p[2] = c.b;
        break;
    }
    }
}

void Bitmap::fill(Color c) {
    if (mode_ == ColorMode::Rgb) {
        for (int y = 0; y < height_; ++y)
            for (int x = 0; x < width_; ++x) setPixel(x, y, c);
        return;
    }
    bool on[2] = {mode_ == ColorMode::Mono ? !c.isBlack() : c.r >= 128, c.g >= 128};
    for (int p = 0; p < planes(); ++p)
        for (int y = 0; y < height_; ++y) std::fill_n(row(p, y), stride_, on[p] ? 0xFF : 0x00);
    // Keep padding bits past the right edge clear so equal images compare equal.
    if (width_ % 8 != 0)
        for (int p = 0; p < planes(); ++p)
            for (int y = 0; y < height_; ++y) row(p, y)[stride_ - 1] &= static_cast<std::uint8_t>(0xFF << (8 - width_ % 8));
}

void Bitmap::drawMask(const std::uint8_t* mask, int mw, int mh, int x0, int y0, Color c) {
    int xa = std::max(0, -x0), ya = std::max(0, -y0);
    int xb = std::min(mw, width_ - x0), yb = std::min(mh, height_ - y0);
    if (mode_ == ColorMode::Rgb) {
        for (int my = ya; my < yb; ++my) {
            std::uint8_t* out = row(0, y0 + my);
            const std::uint8_t* m = mask + my * mw;
            for (int mx = xa; mx < xb; ++mx) {
                unsigned a = m[mx];
                if (a == 0) continue;
                std::uint8_t* p = out + (x0 + mx) * 3;
                p[0] = static_cast<std::uint8_t>((c.r * a + p[0] * (255 - a)) / 255);
                p[1] = static_cast<std::uint8_t>((c.g * a + p[1] * (255 - a)) / 255);
                p[2] = static_cast<std::uint8_t>((c.b * a + p[2] * (255 - a)) / 255);
            }
        }
        return;
    }
    bool on[2] = {mode_ == ColorMode::Mono ? !c.isBlack() : c.r >= 128, c.g >= 128};
    for (int p = 0; p < planes(); ++p) {
        if (!on[p]) continue;
        for (int my = ya; my < yb; ++my) {
            std::uint8_t* out = row(p, y0 + my);
            const std::uint8_t* m = mask + my * mw;
            for (int mx = xa; mx < xb; ++mx)
                if (m[mx] >= 128) {
                    int x = x0 + mx;
                    out[x >> 3] = static_cast<std::uint8_t>(out[x >> 3] | (0x80 >> (x & 7)));
                }
        }
    }
}

void Bitmap::drawBits(const std::uint8_t* bits, int bitStride, int mw, int mh, int x0, int y0, Color c) {
    int ya = std::max(0, -y0), yb = std::min(mh, height_ - y0);
    if (mode_ == ColorMode::Rgb || x0 < 0 || x0 + mw > width_) {
        // Rare (clipped at the side, or a colour panel): pixel by pixel.
        for (int my = ya; my < yb; ++my)
            for (int mx = 0; mx < mw; ++mx)
                if (bits[my * bitStride + (mx >> 3)] & (0x80 >> (mx & 7))) setPixel(x0 + mx, y0 + my, c);
        return;
    }
    bool on[2] = {mode_ == ColorMode::Mono ? !c.isBlack() : c.r >= 128, c.g >= 128};
    const int shift = x0 & 7;
    const int rowBytes = (mw + 7) / 8;
    const int firstByte = x0 >> 3;
    for (int p = 0; p < planes(); ++p) {
        if (!on[p]) continue;
        for (int my = ya; my < yb; ++my) {
            const std::uint8_t* src = bits + my * bitStride;
            std::uint8_t* dst = row(p, y0 + my) + firstByte;
            unsigned carry = 0;
            for (int b = 0; b < rowBytes; ++b) {
                unsigned v = src[b];
                dst[b] = static_cast<std::uint8_t>(dst[b] | (v >> shift) | carry);
                carry = (v << (8 - shift)) & 0xFF;
            }
            // The glyph fits the row (checked above), so spilled bits land inside the stride.
            if (carry) dst[rowBytes] = static_cast<std::uint8_t>(dst[rowBytes] | carry);
        }
    }
}

void Bitmap::blit(const Bitmap& src, int x0, int y0) {
    if (src.mode_ != mode_) throw Error("blit between bitmaps of different colour modes");
    int xa = std::max(0, -x0), ya = std::max(0, -y0);
    int xb = std::min(src.width_, width_ - x0), yb = std::min(src.height_, height_ - y0);
    if (xa >= xb || ya >= yb) return;
    if (mode_ == ColorMode::Rgb) {
        for (int y = ya; y < yb; ++y) std::copy_n(src.row(0, y) + xa * 3, (xb - xa) * 3, row(0, y0 + y) + (x0 + xa) * 3);
        return;
    }
    for (int p = 0; p < planes(); ++p)
        for (int y = ya; y < yb; ++y) {
            const std::uint8_t* s = src.row(p, y);
            std::uint8_t* d = row(p, y0 + y);
            for (int x = xa; x < xb; ++x) {
                int dx = x0 + x;
                std::uint8_t m = static_cast<std::uint8_t>(0x80 >> (dx & 7));
                if (s[x >> 3] & (0x80 >> (x & 7)))
                    d[dx >> 3] |= m;
                else
                    d[dx >> 3] = static_cast<std::uint8_t>(d[dx >> 3] & ~m);
            }
        }
}

Bitmap Bitmap::crop(int x, int y, int width, int height) const {
    Bitmap out(width, height, mode_);
    out.blit(*this, -x, -y);
    return out;
}

Bitmap Bitmap::toRgb() const {
    Bitmap out(width_, height_, ColorMode::Rgb);
    for (int y = 0; y < height_; ++y)
        for (int x = 0; x < width_; ++x) out.setPixel(x, y, pixel(x, y));
    return out;
}

Bitmap Bitmap::convert(ColorMode mode) const {
    if (mode == mode_) return *this;
    Bitmap out(width_, height_, mode);
    for (int y = 0; y < height_; ++y)
        for (int x = 0; x < width_; ++x) {
            Color c = pixel(x, y);
            if (mode == ColorMode::Mono) c = (c.r >= 128 || c.g >= 128 || c.b >= 128) ? Color::white() : Color::black();
            out.setPixel(x, y, c);
        }
    return out;
}

std::size_t Bitmap::litCount() const {
    std::size_t n = 0;
    for (int y = 0; y < height_; ++y)
        for (int x = 0; x < width_; ++x) n += lit(x, y) ? 1 : 0;
    return n;
}

} // namespace gongshi::renderer
