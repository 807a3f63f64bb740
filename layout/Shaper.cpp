#include "layout/Shaper.h"

#include "layout/LineBreaker.h"

#include <cmath>

namespace gongshi::renderer {
namespace {

int px(hb_position_t v) { return static_cast<int>(std::lround(v / 64.0)); }

// Marks, joiners and variation selectors go with the character before them.
bool attachesToPrevious(char32_t c) {
    return (c >= 0x0300 && c <= 0x036F) || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) || c == 0x200D || c == 0x200C;
}

} // namespace

Shaper::Shaper(fonts::FontChain& chain) : chain_(chain), buffer_(hb_buffer_create()), language_(hb_language_from_string("zh-Hans", -1)) {}

Shaper::~Shaper() { hb_buffer_destroy(buffer_); }

int Shaper::slotOf(std::u32string_view text, std::size_t i, int previous) {
    char32_t cp = text[i];
    if (i > 0 && attachesToPrevious(cp) && previous != fonts::FontChain::kOverride) return previous;
    // Spaces stay in the run around them, so a run is not cut at every word.
    if (cp == U' ' && previous >= 0 && chain_.face(previous).has(U' ')) return previous;
    return chain_.slotFor(cp);
}

int Shaper::lineEndSaving(int slot, std::uint32_t glyph, char32_t cp, int advance) {
    if (slot == fonts::FontChain::kMissing || !halfWidthAtLineEnd(cp) || advance <= 1) return 0;
    std::uint64_t key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(slot)) << 32) | glyph;
    if (slot == fonts::FontChain::kOverride) key = (0xFFFFFFFFull << 32) | cp;
    if (auto it = savingCache_.find(key); it != savingCache_.end()) return it->second;

    int saving = 0;
    int half = (advance + 1) / 2;
    if (slot == fonts::FontChain::kOverride) {
        const auto* g = chain_.overrides().find(cp);
        int right = 0;
        for (int y = 0; y < g->height; ++y)
            for (int x = 0; x < g->width; ++x)
                if (g->pixels[static_cast<std::size_t>(y * g->width + x)]) right = std::max(right, x + 1);
        if (right <= half) saving = advance - half;
    } else {
        fonts::FontFace& face = chain_.face(slot);
        if (face.hasHalt()) {
            // `halt` on this one glyph only: applied to a whole line it would halve every mark.
            hb_buffer_t* one = hb_buffer_create();
            hb_buffer_add_utf32(one, reinterpret_cast<const std::uint32_t*>(&cp), 1, 0, 1);
            hb_buffer_set_direction(one, HB_DIRECTION_LTR);
            hb_buffer_set_script(one, HB_SCRIPT_HAN);
            hb_buffer_set_language(one, language_);
            hb_feature_t halt{HB_TAG('h', 'a', 'l', 't'), 1, 0, 1};
            hb_shape(face.hb(), one, &halt, 1);
            unsigned count = 0;
            hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(one, &count);
            if (count == 1 && px(pos[0].x_advance) < advance && pos[0].x_offset == 0) saving = advance - px(pos[0].x_advance);
            hb_buffer_destroy(one);
        } else if (FT_Load_Glyph(face.ft(), glyph, face.loadFlags()) == 0) {
            // A bitmap face has no `halt`: halve the mark when its ink already sits in the
            // left half of its cell, as GB punctuation does.
            const FT_Glyph_Metrics& m = face.ft()->glyph->metrics;
            int left = static_cast<int>(std::floor(m.horiBearingX / 64.0));
            int right = static_cast<int>(std::ceil((m.horiBearingX + m.width) / 64.0));
            if (left >= 0 && right <= half && m.width > 0) saving = advance - half;
        }
    }
    savingCache_.emplace(key, saving);
    return saving;
}

ShapedText Shaper::shape(std::u32string_view text) {
    ShapedText out;
    const std::size_t n = text.size();
    out.advance.assign(n, 0);
    out.clusterStart.assign(n, 0);
    out.endSaving.assign(n, 0);
    out.glyphs.reserve(n);

    std::vector<int> slots(n);
    int previous = fonts::FontChain::kMissing;
    for (std::size_t i = 0; i < n; ++i) previous = slots[i] = slotOf(text, i, previous);

    const int em = chain_.pixelSize();
    for (std::size_t runStart = 0; runStart < n;) {
        int slot = slots[runStart];
        std::size_t runEnd = runStart + 1;
        while (runEnd < n && slots[runEnd] == slot) ++runEnd;

        if (slot == fonts::FontChain::kOverride || slot == fonts::FontChain::kMissing) {
            for (std::size_t i = runStart; i < runEnd; ++i) {
                char32_t cp = text[i];
                int adv = em;
                if (slot == fonts::FontChain::kOverride)
                    adv = chain_.overrides().find(cp)->width;
                else if (attachesToPrevious(cp))
                    adv = 0;
                if (slot == fonts::FontChain::kMissing && !attachesToPrevious(cp)) out.missing.push_back(cp);
                out.glyphs.push_back({slot, cp, static_cast<std::uint32_t>(i), adv, 0, 0});
            }
        } else {
            hb_buffer_clear_contents(buffer_);
            hb_buffer_add_utf32(buffer_, reinterpret_cast<const std::uint32_t*>(text.data()), static_cast<int>(n),
                                static_cast<unsigned>(runStart), static_cast<int>(runEnd - runStart));
            hb_buffer_set_direction(buffer_, HB_DIRECTION_LTR);
            hb_buffer_set_language(buffer_, language_);
            hb_buffer_guess_segment_properties(buffer_);
            hb_shape(chain_.face(slot).hb(), buffer_, nullptr, 0);
            unsigned count = 0;
            hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer_, &count);
            hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer_, &count);
            for (unsigned g = 0; g < count; ++g)
                out.glyphs.push_back(
                    {slot, info[g].codepoint, info[g].cluster, px(pos[g].x_advance), px(pos[g].x_offset), px(pos[g].y_offset)});
        }
        runStart = runEnd;
    }

    std::vector<int> firstGlyph(n, -1), glyphsInCluster(n, 0);
    for (std::size_t k = 0; k < out.glyphs.size(); ++k) {
        const auto& g = out.glyphs[k];
        out.clusterStart[g.cluster] = 1;
        out.advance[g.cluster] += g.advance;
        if (firstGlyph[g.cluster] < 0) firstGlyph[g.cluster] = static_cast<int>(k);
        ++glyphsInCluster[g.cluster];
    }
    for (std::size_t i = 0; i < n; ++i)
        if (glyphsInCluster[i] == 1 && halfWidthAtLineEnd(text[i])) {
            const ShapedGlyph& g = out.glyphs[static_cast<std::size_t>(firstGlyph[i])];
            out.endSaving[i] = static_cast<std::uint16_t>(lineEndSaving(g.slot, g.glyph, text[i], g.advance));
        }
    return out;
}

} // namespace gongshi::renderer
