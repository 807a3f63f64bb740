#pragma once
// Draws layouts into Bitmaps: each glyph rendered once as a mask (1-bit for LED profiles,
// anti-aliased for print), cached, then coloured.
#include "fonts/FontChain.h"
#include "bitmap/Bitmap.h"
#include "layout/GlyphCache.h"
#include "layout/Layout.h"

namespace gongshi::renderer {

class Rasterizer {
public:
    explicit Rasterizer(fonts::FontChain& chain, std::size_t cacheBytes = 8u << 20);

    // A page at the layout's box size on a black background.
    Bitmap renderPage(const Layout& layout, std::size_t page, ColorMode mode, Color color);
    // Draws one page into `target` with the box's top-left at (dx, dy).
    void drawPage(Bitmap& target, const Layout& layout, std::size_t page, Color color, int dx = 0, int dy = 0);
    void drawLine(Bitmap& target, const Line& line, Color color, int dx, int dy);

    GlyphCache& cache() { return cache_; }

private:
    const GlyphMask& mask(int slot, std::uint32_t glyph);
    GlyphMask placeholder(int advance) const;

    fonts::FontChain& chain_;
    GlyphCache cache_;
};

} // namespace gongshi::renderer
