#include "bitmap/Preview.h"

#include "common/Error.h"

namespace gongshi::renderer {

Bitmap ledPreview(const Bitmap& panel, int scale) {
    if (scale < 1 || scale > 64) throw InputError("preview scale must be between 1 and 64");
    if (scale == 1) return panel.toRgb();
    Bitmap out(panel.width() * scale, panel.height() * scale, ColorMode::Rgb);
    // Dot shape: a disc with a one-pixel gap to the next dot (square below 4 px).
    std::vector<std::uint8_t> dot(static_cast<std::size_t>(scale * scale), 0);
    double r = (scale - 1) / 2.0, c = (scale - 1) / 2.0;
    for (int y = 0; y < scale; ++y)
        for (int x = 0; x < scale; ++x) {
            double dx = x - c, dy = y - c;
            bool in = scale < 4 ? (x < scale - 1 && y < scale - 1) : dx * dx + dy * dy <= r * r;
            dot[static_cast<std::size_t>(y * scale + x)] = in ? 255 : 0;
        }
    const Color unlit{40, 40, 40};
    for (int y = 0; y < panel.height(); ++y)
        for (int x = 0; x < panel.width(); ++x) {
            Color p = panel.pixel(x, y);
            out.drawMask(dot.data(), scale, scale, x * scale, y * scale, p.isBlack() ? unlit : p);
        }
    return out;
}

} // namespace gongshi::renderer
