#include "tests/layout/RuleChecker.h"

#include "common/Utf8.h"

namespace gongshi::test {
namespace {

bool asciiWordChar(char32_t c) { return c > 0x20 && c < 0x7F; }
bool digit(char32_t c) { return c >= '0' && c <= '9'; }

// Pixels the characters [from, to) of a line take.
int advanceOf(const renderer::Line& line, std::size_t from, std::size_t to) {
    int w = 0;
    for (const auto& g : line.glyphs)
        if (g.cluster >= from && g.cluster < to) w += g.advance;
    return w;
}

std::string show(const renderer::Line& a, const renderer::Line& b) {
    return "[" + gongshi::encodeUtf8(a.text) + "] | [" + gongshi::encodeUtf8(b.text) + "]";
}

} // namespace

std::vector<Violation> checkParagraph(std::u32string_view paragraph, const std::vector<const renderer::Line*>& lines,
                                      renderer::BreakRules rules, int boxWidth) {
    std::vector<Violation> out;
    auto add = [&](const std::string& rule, const std::string& detail) { out.push_back({rule, detail}); };

    std::size_t pos = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const renderer::Line& line = *lines[i];
        // The lines hold the paragraph's characters in order; only spaces (ASCII or ideographic)
        // at a break may go.
        if (paragraph.substr(pos, line.text.size()) != line.text) {
            add("text preserved", gongshi::encodeUtf8(line.text));
            return out;
        }
        pos += line.text.size();
        std::size_t spaces = 0;
        while (pos < paragraph.size() && (paragraph[pos] == U' ' || paragraph[pos] == U'\u3000')) ++pos, ++spaces;

        if (line.width > boxWidth && line.text.size() > 1) add("line fits the box", gongshi::encodeUtf8(line.text));
        if (i + 1 >= lines.size()) continue;
        const renderer::Line& next = *lines[i + 1];
        if (line.text.empty() || next.text.empty()) {
            add("no empty line inside a paragraph", show(line, next));
            continue;
        }
        char32_t last = line.text.back(), first = next.text.front();
        // A line broken under relaxed rules answers to the basic ones; a forced cut (a run wider
        // than the box) answers only to the rule below about Latin runs.
        renderer::BreakRules level = line.relaxed ? renderer::BreakRules::Basic : rules;
        if (!line.forced) {
            if (renderer::forbiddenAtLineStart(first, level)) add("forbidden at line start", show(line, next));
            if (renderer::forbiddenAtLineEnd(last, level)) add("forbidden at line end", show(line, next));
            if ((last == U'—' && first == U'—') || (last == U'…' && first == U'…')) add("doubled mark split", show(line, next));
            if (level == renderer::BreakRules::Strict && (first == U'—' || first == U'…'))
                add("doubled mark at line start (strict)", show(line, next));
            bool dateSplit =
                (digit(last) && (first == U'年' || first == U'月' || first == U'日' || first == U'号')) ||
                ((last == U'年' || last == U'月') && line.text.size() >= 2 && digit(line.text[line.text.size() - 2]) && digit(first));
            if (dateSplit && spaces == 0) add("date broken", show(line, next));
        }
        // Latin words, numbers, URLs: a run of printable ASCII may only be cut when it is wider
        // than the box, and then the line must say it was forced.
        if (spaces == 0 && asciiWordChar(last) && asciiWordChar(first)) {
            std::size_t before = 0, after = 0;
            for (auto it = line.text.rbegin(); it != line.text.rend() && asciiWordChar(*it); ++it) ++before;
            for (char32_t c : next.text) {
                if (!asciiWordChar(c)) break;
                ++after;
            }
            // Unavoidable when the run fills this whole line, or is wider than the box measured
            // with the glyph advances the renderer used.
            int width = advanceOf(line, line.text.size() - before, line.text.size()) + advanceOf(next, 0, after);
            bool unavoidable = before == line.text.size() || width > boxWidth;
            if (!unavoidable || !line.forced) add("Latin word, number or URL broken", show(line, next));
        }
    }
    if (pos != paragraph.size()) add("text preserved", "paragraph ends early: " + gongshi::encodeUtf8(paragraph));
    return out;
}

} // namespace gongshi::test
