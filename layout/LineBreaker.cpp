#include "layout/LineBreaker.h"

#include "common/Error.h"

#include <string>

#include <unicode/ubrk.h>
#include <unicode/utypes.h>

namespace gongshi::renderer {
namespace {

constexpr std::u32string_view kBasicNoStart = U"、，。．：；！？,.:;!?”’』」）】〗〕］｝》〉〙〛｠)]}｡､";
constexpr std::u32string_view kGbNoStart = U"–～~·・/／‐％‰℃";
constexpr std::u32string_view kStrictNoStart = U"—…⸺⸻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶーヽヾゝゞ々〻";
constexpr std::u32string_view kBasicNoEnd = U"“‘『「（【〖〔［｛《〈〘〚｟([{";
constexpr std::u32string_view kGbNoEnd = U"/／￥¥$£€";
constexpr std::u32string_view kHalfAtEnd = U"、，。．：；！？”’』」）】〗〕］｝》〉";

bool in(std::u32string_view set, char32_t cp) { return set.find(cp) != std::u32string_view::npos; }

bool isAsciiAlnum(char32_t c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool isDigit(char32_t c) { return c >= '0' && c <= '9'; }
bool isFullwidthDigit(char32_t c) { return c >= U'０' && c <= U'９'; }
bool isAnyDigit(char32_t c) { return isDigit(c) || isFullwidthDigit(c); }

bool isUrlChar(char32_t c) { return isAsciiAlnum(c) || in(U"-._~:/?#[]@!$&'()*+,;=%", c); }

bool startsWithNoCase(std::u32string_view text, std::size_t at, std::u32string_view prefix) {
    if (at + prefix.size() > text.size()) return false;
    for (std::size_t k = 0; k < prefix.size(); ++k) {
        char32_t c = text[at + k];
        if (c >= 'A' && c <= 'Z') c += 32;
        if (c != prefix[k]) return false;
    }
    return true;
}

void glueRange(std::vector<std::uint8_t>& glue, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin + 1; i < end; ++i) glue[i] = 1;
}

} // namespace

BreakRules parseBreakRules(std::string_view name) {
    if (name == "basic") return BreakRules::Basic;
    if (name == "gb") return BreakRules::Gb;
    if (name == "strict") return BreakRules::Strict;
    throw InputError("unknown break rules '" + std::string(name) + "' (use basic, gb or strict)");
}

const char* breakRulesName(BreakRules rules) {
    switch (rules) {
    case BreakRules::Basic:
        return "basic";
    case BreakRules::Gb:
        return "gb";
    case BreakRules::Strict:
        return "strict";
    }
    return "?";
}

bool forbiddenAtLineStart(char32_t cp, BreakRules rules) {
    if (in(kBasicNoStart, cp)) return true;
    if (rules != BreakRules::Basic && in(kGbNoStart, cp)) return true;
    return rules == BreakRules::Strict && in(kStrictNoStart, cp);
}

bool forbiddenAtLineEnd(char32_t cp, BreakRules rules) {
    if (in(kBasicNoEnd, cp)) return true;
    return rules != BreakRules::Basic && in(kGbNoEnd, cp);
}

bool isDoubledMark(char32_t cp) { return cp == U'—' || cp == U'…'; }

bool isHan(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FA1F) ||
           (c >= 0x30000 && c <= 0x323AF) || (c >= 0xF900 && c <= 0xFAFF) || c == 0x3007;
}

bool isWideCjk(char32_t c) {
    return isHan(c) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF60) || (c >= 0x3040 && c <= 0x30FF) || c == U'“' ||
           c == U'”' || c == U'‘' || c == U'’' || c == U'—' || c == U'…' || c == U'·';
}

bool halfWidthAtLineEnd(char32_t cp) { return in(kHalfAtEnd, cp); }

void LineBreaker::markUnbreakableSpans(std::u32string_view t, std::vector<std::uint8_t>& glue) {
    const std::size_t n = t.size();
    std::size_t i = 0;
    while (i < n) {
        // URLs: scheme:// or www., up to the first character that cannot be in a URL; trailing
        // sentence punctuation is not part of it.
        if (startsWithNoCase(t, i, U"http://") || startsWithNoCase(t, i, U"https://") || startsWithNoCase(t, i, U"ftp://") ||
            startsWithNoCase(t, i, U"www.")) {
            std::size_t e = i;
            while (e < n && isUrlChar(t[e])) ++e;
            while (e > i + 1 && in(U".,;:!?)'", t[e - 1])) --e;
            glueRange(glue, i, e);
            i = e;
            continue;
        }
        if (isAsciiAlnum(t[i]) || isFullwidthDigit(t[i])) {
            // A Latin word, a number or an e-mail address: alphanumerics joined by inner
            // connectors that have alphanumerics on both sides.
            std::size_t e = i + 1;
            while (e < n) {
                if (isAsciiAlnum(t[e]) || isFullwidthDigit(t[e])) {
                    ++e;
                    continue;
                }
                if (e + 1 < n && in(U"-._@/:,'&+", t[e]) && (isAsciiAlnum(t[e + 1]) || isFullwidthDigit(t[e + 1]))) {
                    e += 2;
                    continue;
                }
                break;
            }
            // Dates and ranges: 2026年12月3日, 12月3日, 8:30—12:00, 1～3, 60%.
            bool extended = true;
            while (extended && e < n) {
                extended = false;
                if (isAnyDigit(t[e - 1]) && in(U"年月日号", t[e])) {
                    ++e;
                    if (e < n && isAnyDigit(t[e])) {
                        while (e < n && isAnyDigit(t[e])) ++e;
                        extended = true;
                    }
                } else if (isAnyDigit(t[e - 1]) && in(U"—–～~-至", t[e]) && e + 1 < n && isAnyDigit(t[e + 1])) {
                    ++e;
                    while (e < n &&
                           (isAsciiAlnum(t[e]) || isFullwidthDigit(t[e]) || (in(U".:,", t[e]) && e + 1 < n && isAnyDigit(t[e + 1]))))
                        ++e;
                    extended = true;
                } else if (isAnyDigit(t[e - 1]) && in(U"%％‰", t[e])) {
                    ++e;
                }
            }
            glueRange(glue, i, e);
            i = e;
            continue;
        }
        ++i;
    }
}

struct LineBreaker::Icu {
    UBreakIterator* it = nullptr;
    std::u16string buffer;
    std::vector<std::uint32_t> unitToCp;
    ~Icu() {
        if (it) ubrk_close(it);
    }
};

LineBreaker::LineBreaker() : icu_(std::make_unique<Icu>()) {
    UErrorCode status = U_ZERO_ERROR;
    icu_->it = ubrk_open(UBRK_LINE, "zh", nullptr, 0, &status);
    if (U_FAILURE(status)) throw EnvironmentError(std::string("ICU line break iterator: ") + u_errorName(status));
}

LineBreaker::~LineBreaker() = default;

std::vector<std::uint8_t> LineBreaker::opportunities(std::u32string_view text, BreakRules rules) {
    const std::size_t n = text.size();
    std::vector<std::uint8_t> allowed(n + 1, 0);
    allowed[n] = 1;
    if (n == 0) return allowed;

    auto& buf = icu_->buffer;
    auto& map = icu_->unitToCp;
    buf.clear();
    map.clear();
    for (std::size_t i = 0; i < n; ++i) {
        char32_t cp = text[i];
        if (cp >= 0x10000) {
            buf.push_back(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
            buf.push_back(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
            map.push_back(static_cast<std::uint32_t>(i));
            map.push_back(static_cast<std::uint32_t>(i));
        } else {
            buf.push_back(static_cast<char16_t>(cp));
            map.push_back(static_cast<std::uint32_t>(i));
        }
    }
    map.push_back(static_cast<std::uint32_t>(n));
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(icu_->it, reinterpret_cast<const UChar*>(buf.data()), static_cast<int32_t>(buf.size()), &status);
    if (U_FAILURE(status)) throw Error(std::string("ICU line break iterator: ") + u_errorName(status));
    for (int32_t b = ubrk_first(icu_->it); b != UBRK_DONE; b = ubrk_next(icu_->it)) {
        std::size_t i = map[static_cast<std::size_t>(b)];
        if (i > 0 && i < n) allowed[i] = 1;
    }

    // ICU 72 implements UAX #14 before Unicode 15.1, whose LB19 never breaks beside ambiguous
    // quotes. Unicode 15.1 (LB19a) allows it between East Asian characters, as CLREQ does.
    for (std::size_t i = 1; i < n; ++i) {
        char32_t prev = text[i - 1], next = text[i];
        bool eastAsianPrev = isWideCjk(prev) && !in(U"“‘”’", prev);
        bool eastAsianNext = isWideCjk(next) && !in(U"“‘”’", next);
        if ((eastAsianPrev && in(U"“‘", next)) || (in(U"”’", prev) && eastAsianNext)) allowed[i] = 1;
    }

    std::vector<std::uint8_t> glue(n + 1, 0);
    markUnbreakableSpans(text, glue);
    for (std::size_t i = 1; i < n; ++i) {
        if (!allowed[i]) continue;
        char32_t prev = text[i - 1], next = text[i];
        bool forbid =
            glue[i] || forbiddenAtLineStart(next, rules) || forbiddenAtLineEnd(prev, rules) || (isDoubledMark(prev) && prev == next);
        if (forbid) allowed[i] = 0;
    }
    // After spaces ICU offers the break past the space run: judge it by the visible neighbours.
    for (std::size_t i = 1; i < n; ++i) {
        if (!allowed[i] || text[i - 1] != U' ') continue;
        std::size_t p = i - 1;
        while (p > 0 && text[p] == U' ') --p;
        if (text[p] != U' ' && forbiddenAtLineEnd(text[p], rules)) allowed[i] = 0;
    }
    return allowed;
}

} // namespace gongshi::renderer
