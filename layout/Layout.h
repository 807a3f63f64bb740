#pragma once
// What layout produces and raster and print consume: pages of lines of positioned glyphs, with
// the source text of each line and the code points no font could show.
#include <cstdint>
#include <string>
#include <vector>

namespace gongshi::renderer {

enum class Align { Left, Center, Right, Justify };
enum class VAlign { Top, Center };

struct PositionedGlyph {
    int slot = 0;              // face slot, or FontChain::kOverride / kMissing
    std::uint32_t glyph = 0;   // glyph id; the code point for overrides and placeholders
    std::uint32_t cluster = 0; // index in the line's text of the first character it draws
    int x = 0;                 // pen position from the line's left edge, pixels
    int advance = 0;
    int xOffset = 0;
    int yOffset = 0;
};

struct Line {
    std::u32string text;  // exactly the characters on this line
    int x = 0;            // left edge in the box
    int y = 0;            // top edge in the box
    int width = 0;        // ink advance width, after alignment (justified lines fill the box)
    bool forced = false;  // cut inside a run that no rule lets break, because it is wider than the box
    bool relaxed = false; // broken under a lower CLREQ level than asked, as no allowed break fitted
    bool paragraphEnd = false;
    std::vector<PositionedGlyph> glyphs;
};

struct Page {
    std::vector<Line> lines;
};

struct Layout {
    std::string font;  // profile name
    int pixelSize = 0; // line height without gap
    int width = 0;
    int height = 0;
    std::vector<Page> pages;
    std::vector<char32_t> missing; // sorted, unique
};

} // namespace gongshi::renderer
