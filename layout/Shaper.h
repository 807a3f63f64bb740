#pragma once
// Itemises text into font runs by coverage along a profile's chain and shapes each run with
// HarfBuzz. Advances are whole pixels: LED glyphs sit on the pixel grid.
#include "fonts/FontChain.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <hb.h>

namespace gongshi::renderer {

struct ShapedGlyph {
    int slot = 0;              // face slot in the chain, or FontChain::kOverride / kMissing
    std::uint32_t glyph = 0;   // glyph id in the face; the code point for overrides and missing
    std::uint32_t cluster = 0; // index of the first code point this glyph belongs to
    int advance = 0;           // pixels
    int xOffset = 0;
    int yOffset = 0; // pixels, up
};

struct ShapedText {
    std::vector<ShapedGlyph> glyphs;        // in visual (= logical, left to right) order
    std::vector<int> advance;               // per code point: its cluster's advance on the first
    std::vector<std::uint8_t> clusterStart; // per code point: 1 if a cluster starts here
    std::vector<std::uint16_t> endSaving;   // per code point: pixels saved when it ends a line
    std::vector<char32_t> missing;          // code points no face has, in order of appearance
};

class Shaper {
public:
    explicit Shaper(fonts::FontChain& chain);
    ~Shaper();
    Shaper(const Shaper&) = delete;
    Shaper& operator=(const Shaper&) = delete;

    ShapedText shape(std::u32string_view text);
    fonts::FontChain& chain() { return chain_; }

private:
    int slotOf(std::u32string_view text, std::size_t i, int previous);
    int lineEndSaving(int slot, std::uint32_t glyph, char32_t cp, int advance);

    fonts::FontChain& chain_;
    hb_buffer_t* buffer_;
    hb_language_t language_;
    std::unordered_map<std::uint64_t, int> savingCache_;
};

} // namespace gongshi::renderer
