#include "bitmap/Dither.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace gongshi::renderer {
namespace {

// For each output pixel along one axis, the source pixels it covers and by how much (the weights
// sum to one).
struct Span {
    int first = 0;
    std::vector<double> weights;
};

std::vector<Span> spans(int from, int to) {
    std::vector<Span> out(static_cast<std::size_t>(to));
    const double step = static_cast<double>(from) / to;
    for (int i = 0; i < to; ++i) {
        const double a = i * step, b = (i + 1) * step;
        Span& s = out[static_cast<std::size_t>(i)];
        s.first = static_cast<int>(std::floor(a));
        const int last = std::min(from - 1, static_cast<int>(std::ceil(b)) - 1);
        for (int k = s.first; k <= last; ++k) {
            const double w = std::min(b, k + 1.0) - std::max(a, static_cast<double>(k));
            s.weights.push_back(std::max(0.0, w) / step);
        }
    }
    return out;
}

std::uint8_t byte(double v) { return static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L)); }

} // namespace

Placement fitInside(int width, int height, int boxWidth, int boxHeight) {
    if (width <= 0 || height <= 0 || boxWidth <= 0 || boxHeight <= 0) return {};
    Placement p;
    // The smaller of the two scales, in whole pixels: the picture's other side rounds.
    if (static_cast<long long>(boxWidth) * height <= static_cast<long long>(boxHeight) * width) {
        p.width = boxWidth;
        p.height = std::max(1, static_cast<int>(std::lround(static_cast<double>(height) * boxWidth / width)));
    } else {
        p.height = boxHeight;
        p.width = std::max(1, static_cast<int>(std::lround(static_cast<double>(width) * boxHeight / height)));
    }
    p.width = std::min(p.width, boxWidth);
    p.height = std::min(p.height, boxHeight);
    p.x = (boxWidth - p.width) / 2;
    p.y = (boxHeight - p.height) / 2;
    return p;
}

Bitmap resampleArea(const Bitmap& picture, int width, int height) {
    const Bitmap rgb = picture.mode() == ColorMode::Rgb ? picture : picture.toRgb();
    width = std::max(1, width);
    height = std::max(1, height);
    const int sw = rgb.width(), sh = rgb.height();
    Bitmap out(width, height, ColorMode::Rgb);
    if (sw == 0 || sh == 0) return out;
    const std::vector<Span> xs = spans(sw, width), ys = spans(sh, height);
    // Rows first: each source row averaged across to the output's width.
    std::vector<double> across(static_cast<std::size_t>(sh) * width * 3);
    for (int y = 0; y < sh; ++y) {
        const std::uint8_t* src = rgb.row(0, y);
        double* dst = &across[static_cast<std::size_t>(y) * width * 3];
        for (int x = 0; x < width; ++x) {
            const Span& s = xs[static_cast<std::size_t>(x)];
            for (std::size_t k = 0; k < s.weights.size(); ++k)
                for (int c = 0; c < 3; ++c) dst[x * 3 + c] += s.weights[k] * src[(s.first + static_cast<int>(k)) * 3 + c];
        }
    }
    for (int y = 0; y < height; ++y) {
        const Span& s = ys[static_cast<std::size_t>(y)];
        std::uint8_t* dst = out.row(0, y);
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < 3; ++c) {
                double v = 0;
                for (std::size_t k = 0; k < s.weights.size(); ++k)
                    v += s.weights[k] * across[(static_cast<std::size_t>(s.first) + k) * width * 3 + x * 3 + c];
                dst[x * 3 + c] = byte(v);
            }
    }
    return out;
}

Bitmap diffuse(const Bitmap& picture, ColorMode mode) {
    const Bitmap rgb = picture.mode() == ColorMode::Rgb ? picture : picture.toRgb();
    if (mode == ColorMode::Rgb) return rgb;
    const int w = rgb.width(), h = rgb.height();
    const int channels = mode == ColorMode::Mono ? 1 : 2; // luminance; or red and green
    // The values with the error carried so far, a row at a time: this one and the next.
    std::vector<double> cur(static_cast<std::size_t>(w) * channels), next(cur.size());
    auto value = [&](int x, int y, int c) {
        const std::uint8_t* p = rgb.row(0, y) + x * 3;
        if (mode == ColorMode::Mono) return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
        return static_cast<double>(p[c]);
    };
    Bitmap out(w, h, mode);
    for (int y = 0; y < h; ++y) {
        std::fill(next.begin(), next.end(), 0.0);
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < channels; ++c) cur[static_cast<std::size_t>(x) * channels + c] += value(x, y, c);
        // Serpentine: every other row right to left, so the error does not drift one way.
        const bool back = y % 2 == 1;
        for (int i = 0; i < w; ++i) {
            const int x = back ? w - 1 - i : i, dir = back ? -1 : 1;
            bool on[2] = {false, false};
            for (int c = 0; c < channels; ++c) {
                const double v = cur[static_cast<std::size_t>(x) * channels + c];
                on[c] = v >= 128.0;
                const double err = v - (on[c] ? 255.0 : 0.0);
                auto spread = [&](std::vector<double>& row, int at, double share) {
                    if (at >= 0 && at < w) row[static_cast<std::size_t>(at) * channels + c] += err * share;
                };
                spread(cur, x + dir, 7.0 / 16);
                spread(next, x - dir, 3.0 / 16);
                spread(next, x, 5.0 / 16);
                spread(next, x + dir, 1.0 / 16);
            }
            if (mode == ColorMode::Mono) {
                if (on[0]) out.setPixel(x, y, Color::white());
            } else if (on[0] || on[1]) {
                out.setPixel(x, y, Color{static_cast<std::uint8_t>(on[0] ? 255 : 0), static_cast<std::uint8_t>(on[1] ? 255 : 0), 0});
            }
        }
        std::swap(cur, next);
    }
    return out;
}

Bitmap fitPicture(const Bitmap& rgb, int width, int height, ColorMode mode) {
    Bitmap out(width, height, mode);
    const Placement p = fitInside(rgb.width(), rgb.height(), width, height);
    if (p.width == 0) return out;
    out.blit(diffuse(resampleArea(rgb, p.width, p.height), mode), p.x, p.y);
    return out;
}

} // namespace gongshi::renderer
