#include "fonts/GlyphOverrides.h"

#include "common/Error.h"

#include <fstream>
#include <sstream>

namespace gongshi::fonts {
namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos) return {};
    auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}

} // namespace

GlyphOverrides GlyphOverrides::load(const std::string& path, int size) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw EnvironmentError("cannot read glyph override file " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), size, path);
}

GlyphOverrides GlyphOverrides::parse(const std::string& text, int size, const std::string& origin) {
    GlyphOverrides result;
    std::istringstream in(text);
    int lineNo = 0;
    for (std::string raw; std::getline(in, raw);) {
        ++lineNo;
        std::string line = trim(raw.substr(0, raw.find('#')));
        if (line.empty()) continue;
        auto where = [&] { return origin + " line " + std::to_string(lineNo) + ": "; };
        auto colon = line.find(':');
        if (colon == std::string::npos || colon == 0) throw InputError(where() + "expected CODEPOINT:HEX");
        char32_t cp = 0;
        for (char c : line.substr(0, colon)) {
            int v = hexValue(c);
            if (v < 0) throw InputError(where() + "code point is not hexadecimal");
            cp = cp * 16 + static_cast<char32_t>(v);
        }
        if (cp > 0x10FFFF) throw InputError(where() + "code point beyond U+10FFFF");
        std::string hex = line.substr(colon + 1);
        OverrideGlyph g;
        g.height = size;
        int fullBytes = (size + 7) / 8, halfBytes = (size / 2 + 7) / 8;
        if (hex.size() == static_cast<std::size_t>(size * fullBytes * 2)) {
            g.width = size;
        } else if (hex.size() == static_cast<std::size_t>(size * halfBytes * 2)) {
            g.width = size / 2;
        } else {
            throw InputError(where() + "expected " + std::to_string(size * fullBytes * 2) + " (full width) or " +
                             std::to_string(size * halfBytes * 2) + " (half width) hex digits for a " + std::to_string(size) +
                             " px glyph, found " + std::to_string(hex.size()));
        }
        int rowBytes = (g.width + 7) / 8;
        g.pixels.assign(static_cast<std::size_t>(g.width * g.height), 0);
        for (int y = 0; y < g.height; ++y) {
            for (int b = 0; b < rowBytes; ++b) {
                std::size_t at = static_cast<std::size_t>((y * rowBytes + b) * 2);
                int hi = hexValue(hex[at]), lo = hexValue(hex[at + 1]);
                if (hi < 0 || lo < 0) throw InputError(where() + "bad hex digit at column " + std::to_string(colon + 2 + at));
                int byte = hi * 16 + lo;
                for (int bit = 0; bit < 8; ++bit) {
                    int x = b * 8 + bit;
                    if (x < g.width && (byte & (0x80 >> bit))) g.pixels[static_cast<std::size_t>(y * g.width + x)] = 255;
                }
            }
        }
        result.glyphs_[cp] = std::move(g);
    }
    return result;
}

} // namespace gongshi::fonts
