#include "protocols/bxk/GbkCodec.h"

#include "common/Error.h"

#include <cerrno>
#include <cstdio>
#include <iconv.h>
#include <optional>
#include <vector>

namespace gongshi::protocols::bxk {

namespace {

// One iconv conversion descriptor, closed on scope exit.
class Iconv {
public:
    Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {
        if (cd_ == reinterpret_cast<iconv_t>(-1))
            throw EnvironmentError(std::string("iconv cannot convert ") + from + " to " + to +
                                   " (the glibc gconv modules are missing: install libc6 / locales)");
    }
    ~Iconv() { iconv_close(cd_); }
    Iconv(const Iconv&) = delete;
    Iconv& operator=(const Iconv&) = delete;

    // Converts as much of [in, in+size) as it can into `out`; returns the bytes consumed and sets
    // `error` to errno of the stop (0 when everything was converted).
    std::size_t convert(const char* in, std::size_t size, std::string& out, int& error) {
        char* inPtr = const_cast<char*>(in);
        std::size_t inLeft = size;
        error = 0;
        char buf[256];
        while (inLeft > 0) {
            char* outPtr = buf;
            std::size_t outLeft = sizeof buf;
            std::size_t rc = iconv(cd_, &inPtr, &inLeft, &outPtr, &outLeft);
            out.append(buf, static_cast<std::size_t>(outPtr - buf));
            if (rc == static_cast<std::size_t>(-1)) {
                if (errno == E2BIG) continue;
                error = errno;
                break;
            }
        }
        iconv(cd_, nullptr, nullptr, nullptr, nullptr); // GBK is stateless, but leave no state behind
        return size - inLeft;
    }

private:
    iconv_t cd_;
};

// Length of the UTF-8 sequence starting at s[i], or 0 when it is not well formed.
std::size_t utf8Length(std::string_view s, std::size_t i, char32_t& cp) {
    auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    cp = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
        auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (c & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

std::string codePointName(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

} // namespace

Bytes encodeGbk(std::string_view utf8) {
    Iconv cd("GBK", "UTF-8");
    std::string out;
    std::size_t position = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        ++position;
        char32_t cp = 0;
        std::size_t n = utf8Length(utf8, i, cp);
        if (n == 0) throw InputError("text is not valid UTF-8 at byte " + std::to_string(i + 1));
        int error = 0;
        std::string one;
        cd.convert(utf8.data() + i, n, one, error);
        if (error != 0 || one.empty())
            throw InputError("character " + codePointName(cp) + " '" + std::string(utf8.substr(i, n)) + "' at position " +
                             std::to_string(position) +
                             " is not in GBK, the character set of bx-k font cards; "
                             "replace it or send the text as a bitmap");
        out += one;
        i += n;
    }
    return Bytes(out.begin(), out.end());
}

bool inGb2312(char32_t c) {
    if (c >= 0x20 && c < 0x7F) return true;
    if (c < 0x80 || c > 0xFFFF) return false;
    // The table read back once: every code of rows A1..F7, cells A1..FE that GB2312 assigns, as
    // the GBK encoder maps it (GBK reads A1A4 as U+00B7 where GB2312 decoders say U+30FB).
    static const std::vector<bool> table = [] {
        std::vector<bool> t(0x10000, false);
        Iconv gb2312("UTF-32LE", "GB2312"), gbk("UTF-32LE", "GBK");
        auto unicode = [](Iconv& cd, const char* code) -> std::optional<std::uint32_t> {
            std::string out;
            int error = 0;
            cd.convert(code, 2, out, error);
            if (error != 0 || out.size() != 4 || out[2] != 0 || out[3] != 0) return std::nullopt;
            return static_cast<std::uint32_t>(static_cast<unsigned char>(out[0])) |
                   static_cast<std::uint32_t>(static_cast<unsigned char>(out[1])) << 8;
        };
        for (int row = 0xA1; row <= 0xF7; ++row)
            for (int cell = 0xA1; cell <= 0xFE; ++cell) {
                const char code[2] = {static_cast<char>(row), static_cast<char>(cell)};
                if (!unicode(gb2312, code)) continue;
                if (auto u = unicode(gbk, code)) t[*u] = true;
            }
        return t;
    }();
    return table[c];
}

std::string decodeGbk(const std::uint8_t* data, std::size_t size) {
    Iconv cd("UTF-8", "GBK");
    std::string out;
    const char* p = reinterpret_cast<const char*>(data);
    std::size_t left = size;
    while (left > 0) {
        int error = 0;
        std::size_t used = cd.convert(p, left, out, error);
        p += used;
        left -= used;
        if (error != 0 && left > 0) { // EILSEQ or a lead byte at the end (EINVAL)
            out += "\xEF\xBF\xBD";
            ++p;
            --left;
        }
    }
    return out;
}

} // namespace gongshi::protocols::bxk
