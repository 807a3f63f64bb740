#pragma once
// Text for paper: the screens' layout engine (ICU + CLREQ breaks, half-width line-end marks,
// justification, missing characters) run on the print profiles at a fine grid of kPrintEm layout
// pixels to the em, and scaled to the point size asked for. One instance per thread, like
// TextRenderer: its font chains and ICU iterators are not shared.
#include "fonts/FontChain.h"
#include "bitmap/Bitmap.h"
#include "layout/Layout.h"
#include "layout/LayoutEngine.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gongshi::renderer {

// Layout pixels to the em: glyph positions are kept to 1/256 em.
inline constexpr int kPrintEm = 256;

// The print profiles: "print-sans" and "print-serif" (fonts/FontProfile) and their bold cuts
// "print-sans-bold" and "print-serif-bold" (the same chains with Noto CJK SC Bold first).
bool isPrintProfile(std::string_view name);

struct TextStyle {
    std::string font = "print-sans";
    double size = 10.5;   // points (五号)
    double leading = 1.5; // line pitch as a multiple of the size
    Align align = Align::Left;
    BreakRules rules = BreakRules::Gb;
    Color color = Color::black();
};

// The faces a block's glyph slots refer to, for whoever draws it (in any thread): the font file,
// the face in it and where the face's baseline sits in an em-high row, in layout pixels.
struct PrintFace {
    std::string path;
    int index = 0;
    int baseline = 0;
};

// Text set in a width: the Layout (one page holding every line, in layout pixels) and how it maps
// to points. Line k occupies [k * pitch, (k + 1) * pitch) below the block's top, its em row
// centred in that band.
struct TextBlock {
    Layout layout;
    std::shared_ptr<const std::vector<PrintFace>> faces;
    double size = 0;  // points to the em
    double pitch = 0; // points from line to line
    double width = 0; // the width it was set in, points
    Color color;

    double scale() const { return size / kPrintEm; } // points per layout pixel
    std::size_t lineCount() const;
    double height() const { return static_cast<double>(lineCount()) * pitch; }
    const std::vector<Line>& lines() const;
    // Lines [first, first + count) as a block of their own (rows split across pages).
    TextBlock slice(std::size_t first, std::size_t count) const;
    // Whether some line was cut inside a word no rule lets break (it was wider than the width).
    bool cut() const;
    // Widest line, points.
    double inkWidth() const;
};

class PrintTypesetter {
public:
    PrintTypesetter();
    ~PrintTypesetter();
    PrintTypesetter(const PrintTypesetter&) = delete;
    PrintTypesetter& operator=(const PrintTypesetter&) = delete;

    // Sets UTF-8 text ('\n' separates paragraphs) in `width` points. Throws InputError for invalid
    // UTF-8, an unknown profile or a width under one character.
    TextBlock set(std::string_view utf8, const TextStyle& style, double width);
    // The width of the text on one line, points.
    double measure(std::string_view utf8, const TextStyle& style);

private:
    struct Profile;
    Profile& open(const std::string& name);
    std::map<std::string, std::unique_ptr<Profile>> profiles_;
};

} // namespace gongshi::renderer
