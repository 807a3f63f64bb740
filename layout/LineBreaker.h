#pragma once
// Line break opportunities: ICU's UAX #14 iterator first, then the Chinese layout rules of
// W3C CLREQ / GB/T 15834 on top, at one of three levels.
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace gongshi::renderer {

enum class BreakRules {
    Basic,  // no closing punctuation at line start, no opening at line end, ——/…… never split
    Gb,     // + connectors (～ · / ／ –) never start a line, solidus and currency never end one
    Strict, // + —— and …… never start a line, small kana and iteration marks never start one
};

BreakRules parseBreakRules(std::string_view name); // "basic", "gb", "strict"; throws InputError
const char* breakRulesName(BreakRules rules);

bool forbiddenAtLineStart(char32_t cp, BreakRules rules);
bool forbiddenAtLineEnd(char32_t cp, BreakRules rules);
// —— (U+2014 pair) and …… (U+2026 pair) are one unit of two ems.
bool isDoubledMark(char32_t cp);
// Han ideographs (URO, Ext A..I, compatibility) and CJK symbols that take a full em.
bool isHan(char32_t cp);
bool isWideCjk(char32_t cp);
// Full-width punctuation that GB/T 15834 sets half width at the end of a line.
bool halfWidthAtLineEnd(char32_t cp);

class LineBreaker {
public:
    LineBreaker();
    ~LineBreaker();
    LineBreaker(const LineBreaker&) = delete;
    LineBreaker& operator=(const LineBreaker&) = delete;

    // allowed[i] (0 <= i <= text.size()) is 1 when a line may end before text[i]; allowed[0] is
    // 0 and allowed[size] is 1.
    std::vector<std::uint8_t> opportunities(std::u32string_view text, BreakRules rules);

    // Spans that must stay on one line whatever ICU says: URLs, e-mail addresses, Latin words
    // with inner hyphens or dots, digit runs with their separators, dates like 2026年12月3日 and
    // number ranges like 8:30—12:00. Sets glue[i] = 1 where a break before i is forbidden.
    static void markUnbreakableSpans(std::u32string_view text, std::vector<std::uint8_t>& glue);

private:
    struct Icu;
    std::unique_ptr<Icu> icu_;
};

} // namespace gongshi::renderer
