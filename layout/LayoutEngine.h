#pragma once
// Lays out UTF-8 text in a pixel box: paragraphs on '\n', ICU + CLREQ line breaks, line-end
// punctuation set half width, alignment, justification between Han characters, pages.
#include "fonts/FontChain.h"
#include "layout/Layout.h"
#include "layout/LineBreaker.h"
#include "layout/Shaper.h"

#include <string_view>

namespace gongshi::renderer {

struct LayoutOptions {
    int width = 0;
    int height = 0;
    Align align = Align::Left;
    VAlign valign = VAlign::Center;
    BreakRules rules = BreakRules::Gb;
    int lineGap = 0;
    bool marquee = false; // the whole text on one line, paragraphs joined by an ideographic space
};

Align parseAlign(std::string_view name);   // left, center, right, justify
VAlign parseVAlign(std::string_view name); // top, center

class LayoutEngine {
public:
    explicit LayoutEngine(fonts::FontChain& chain);

    // Throws InputError for invalid UTF-8 (with the byte offset) or a box that cannot hold a line.
    Layout layout(std::string_view utf8, const LayoutOptions& options);
    Layout layout(std::u32string_view text, const LayoutOptions& options);
    fonts::FontChain& chain() { return chain_; }

private:
    void layoutParagraph(std::u32string_view para, const LayoutOptions& o, std::vector<Line>& lines);
    Line makeLine(std::u32string_view para, const ShapedText& shaped, std::size_t begin, std::size_t end,
                  const std::vector<int>& glyphStart, bool applyEndSaving) const;
    static void justify(Line& line, std::u32string_view para, const ShapedText& shaped, std::size_t begin, std::size_t end, int slack);

    fonts::FontChain& chain_;
    Shaper shaper_;
    LineBreaker breaker_;
    std::vector<char32_t> missing_;
};

} // namespace gongshi::renderer
