#pragma once
// Per-code-point bitmaps for characters that no face draws well at an LED size.
//
// File format (one glyph per line, '#' starts a comment), in the spirit of GNU Unifont's .hex:
//   CODEPOINT:HEX
// CODEPOINT is hexadecimal. HEX holds `size` rows, each ceil(width/8) bytes, MSB = leftmost
// pixel; width is the profile's pixel size (full width) or half of it, told apart by length.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace gongshi::fonts {

struct OverrideGlyph {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels; // width*height, 0 or 255
};

class GlyphOverrides {
public:
    GlyphOverrides() = default;
    // Throws InputError naming the file and line of a malformed entry.
    static GlyphOverrides load(const std::string& path, int size);
    static GlyphOverrides parse(const std::string& text, int size, const std::string& origin);

    const OverrideGlyph* find(char32_t cp) const {
        auto it = glyphs_.find(cp);
        return it == glyphs_.end() ? nullptr : &it->second;
    }
    std::size_t size() const { return glyphs_.size(); }

private:
    std::unordered_map<char32_t, OverrideGlyph> glyphs_;
};

} // namespace gongshi::fonts
