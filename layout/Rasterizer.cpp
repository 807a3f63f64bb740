#include "layout/Rasterizer.h"

#include "common/Error.h"

#include <cstring>

namespace gongshi::renderer {

Rasterizer::Rasterizer(fonts::FontChain& chain, std::size_t cacheBytes) : chain_(chain), cache_(cacheBytes) {}

GlyphMask Rasterizer::placeholder(int advance) const {
    // A hollow box with a diagonal: unmistakably "this character is missing", never a gap.
    const int em = chain_.pixelSize();
    GlyphMask m;
    m.width = std::max(3, advance - 2);
    m.height = std::max(3, em - 2);
    m.left = 1;
    m.top = chain_.baseline() - 1;
    m.coverage.assign(static_cast<std::size_t>(m.width * m.height), 0);
    auto set = [&](int x, int y) { m.coverage[static_cast<std::size_t>(y * m.width + x)] = 255; };
    for (int x = 0; x < m.width; ++x) set(x, 0), set(x, m.height - 1);
    for (int y = 0; y < m.height; ++y) set(0, y), set(m.width - 1, y);
    for (int y = 0; y < m.height; ++y) set((y * (m.width - 1)) / std::max(1, m.height - 1), y);
    return m;
}

const GlyphMask& Rasterizer::mask(int slot, std::uint32_t glyph) {
    const bool mono = chain_.mode() == fonts::RenderMode::Mono;
    GlyphKey key{slot >= 0 ? chain_.face(slot).id() : static_cast<std::uint32_t>(0xFFFFFF00u + static_cast<std::uint32_t>(-slot)),
                 static_cast<std::uint16_t>(chain_.pixelSize()), static_cast<std::uint8_t>(mono ? 0 : 1), glyph};
    if (const GlyphMask* hit = cache_.find(key)) return *hit;

    GlyphMask m;
    if (slot == fonts::FontChain::kMissing) {
        m = placeholder(chain_.pixelSize());
    } else if (slot == fonts::FontChain::kOverride) {
        const fonts::OverrideGlyph* g = chain_.overrides().find(glyph);
        if (g) {
            m.width = g->width;
            m.height = g->height;
            m.left = 0;
            m.top = chain_.baseline(); // override bitmaps fill the row from its top
            m.coverage = g->pixels;
        }
    } else {
        fonts::FontFace& face = chain_.face(slot);
        FT_Face ft = face.ft();
        bool monoRaster = mono && !face.monoByThreshold();
        if (FT_Load_Glyph(ft, glyph, face.loadFlags()) == 0 &&
            FT_Render_Glyph(ft->glyph, monoRaster ? FT_RENDER_MODE_MONO : FT_RENDER_MODE_NORMAL) == 0) {
            const FT_Bitmap& b = ft->glyph->bitmap;
            m.width = static_cast<int>(b.width);
            m.height = static_cast<int>(b.rows);
            m.left = ft->glyph->bitmap_left;
            // Each face sits on its own baseline in the row; express top against the chain's.
            m.top = ft->glyph->bitmap_top + (chain_.baseline() - face.baseline());
            m.coverage.assign(static_cast<std::size_t>(m.width * m.height), 0);
            for (int y = 0; y < m.height; ++y) {
                const unsigned char* src = b.buffer + static_cast<std::ptrdiff_t>(y) * b.pitch;
                std::uint8_t* dst = m.coverage.data() + static_cast<std::size_t>(y * m.width);
                if (b.pixel_mode == FT_PIXEL_MODE_MONO) {
                    for (int x = 0; x < m.width; ++x) dst[x] = (src[x >> 3] & (0x80 >> (x & 7))) ? 255 : 0;
                } else if (b.pixel_mode == FT_PIXEL_MODE_GRAY) {
                    if (mono)
                        for (int x = 0; x < m.width; ++x) dst[x] = src[x] >= fonts::FontFace::kMonoThreshold ? 255 : 0;
                    else
                        std::memcpy(dst, src, static_cast<std::size_t>(m.width));
                }
            }
        }
    }
    if (mono) m.packBits();
    return cache_.insert(key, std::move(m));
}

void Rasterizer::drawLine(Bitmap& target, const Line& line, Color color, int dx, int dy) {
    const int baseline = dy + line.y + chain_.baseline();
    for (const PositionedGlyph& g : line.glyphs) {
        const GlyphMask& m = mask(g.slot, g.glyph);
        if (m.width == 0 || m.height == 0) continue;
        int x = dx + line.x + g.x + g.xOffset + m.left;
        int y = baseline - g.yOffset - m.top;
        if (!m.bits.empty() && target.mode() != ColorMode::Rgb)
            target.drawBits(m.bits.data(), m.bitStride, m.width, m.height, x, y, color);
        else
            target.drawMask(m.coverage.data(), m.width, m.height, x, y, color);
    }
}

void Rasterizer::drawPage(Bitmap& target, const Layout& layout, std::size_t page, Color color, int dx, int dy) {
    if (layout.font != chain_.profile().name || layout.pixelSize != chain_.pixelSize())
        throw Error("layout made with " + layout.font + " drawn with " + chain_.profile().name);
    if (page >= layout.pages.size()) throw InputError("page " + std::to_string(page + 1) + " does not exist");
    for (const Line& line : layout.pages[page].lines) drawLine(target, line, color, dx, dy);
}

Bitmap Rasterizer::renderPage(const Layout& layout, std::size_t page, ColorMode mode, Color color) {
    Bitmap out(layout.width, layout.height, mode);
    drawPage(out, layout, page, color);
    return out;
}

} // namespace gongshi::renderer
