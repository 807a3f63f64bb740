#include "common/Utf8.h"

#include "common/Error.h"

#include <cstdio>

namespace gongshi {

namespace {

// One code point from s[i]: its length in bytes and value, or what is wrong with the bytes there.
struct Step {
    int length = 0;
    char32_t cp = 0;
    const char* problem = nullptr;
};

Step step(const unsigned char* s, std::size_t n, std::size_t i) {
    const unsigned char c = s[i];
    if (c < 0x80) return {1, c, nullptr};
    int len = 0;
    char32_t cp = 0, min = 0;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07;
        min = 0x10000;
    }
    if (len == 0) return {0, 0, c < 0xC0 ? "unexpected continuation byte" : "invalid lead byte"};
    if (i + static_cast<std::size_t>(len) > n) return {0, 0, "sequence cut short by the end of the text"};
    for (int k = 1; k < len; ++k) {
        const unsigned char cc = s[i + static_cast<std::size_t>(k)];
        if ((cc & 0xC0) != 0x80) return {0, 0, "missing continuation byte"};
        cp = (cp << 6) | (cc & 0x3F);
    }
    if (cp < min) return {0, 0, "overlong encoding"};
    if (cp >= 0xD800 && cp <= 0xDFFF) return {0, 0, "encoded surrogate"};
    if (cp > 0x10FFFF) return {0, 0, "code point beyond U+10FFFF"};
    return {len, cp, nullptr};
}

} // namespace

std::u32string decodeUtf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
        const Step one = step(s, text.size(), i);
        if (one.problem) {
            char buf[160];
            std::snprintf(buf, sizeof buf, "invalid UTF-8 at byte offset %zu: %s (byte 0x%02X)", i, one.problem, s[i]);
            throw InputError(buf);
        }
        out.push_back(one.cp);
        i += static_cast<std::size_t>(one.length);
    }
    return out;
}

std::size_t invalidUtf8At(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
        const Step one = step(s, text.size(), i);
        if (one.problem) return i;
        i += static_cast<std::size_t>(one.length);
    }
    return std::string_view::npos;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string encodeUtf8(std::u32string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for (char32_t cp : text) appendUtf8(out, cp);
    return out;
}

std::string codePointName(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

} // namespace gongshi
