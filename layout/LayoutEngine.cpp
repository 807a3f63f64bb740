#include "layout/LayoutEngine.h"

#include "common/Error.h"
#include "common/Utf8.h"

#include <algorithm>

namespace gongshi::renderer {

Align parseAlign(std::string_view name) {
    if (name == "left") return Align::Left;
    if (name == "center" || name == "centre") return Align::Center;
    if (name == "right") return Align::Right;
    if (name == "justify") return Align::Justify;
    throw InputError("unknown alignment '" + std::string(name) + "' (use left, center, right or justify)");
}

VAlign parseVAlign(std::string_view name) {
    if (name == "top") return VAlign::Top;
    if (name == "center" || name == "centre") return VAlign::Center;
    throw InputError("unknown vertical alignment '" + std::string(name) + "' (use top or center)");
}

LayoutEngine::LayoutEngine(fonts::FontChain& chain) : chain_(chain), shaper_(chain) {}

Layout LayoutEngine::layout(std::string_view utf8, const LayoutOptions& options) { return layout(decodeUtf8(utf8), options); }

Layout LayoutEngine::layout(std::u32string_view text, const LayoutOptions& o) {
    const int em = chain_.pixelSize();
    if (o.width <= 0 || o.height <= 0)
        throw InputError("the box must be at least 1x1 pixel, got " + std::to_string(o.width) + "x" + std::to_string(o.height));
    if (o.height < em)
        throw InputError("a " + std::to_string(o.height) + " px high box cannot hold a line of " + chain_.profile().name + " (" +
                         std::to_string(em) + " px)");
    if (o.lineGap < 0) throw InputError("line gap must not be negative");

    missing_.clear();
    Layout out;
    out.font = chain_.profile().name;
    out.pixelSize = em;
    out.width = o.width;
    out.height = o.height;

    std::vector<Line> lines;
    if (o.marquee) {
        std::u32string joined(text);
        std::erase(joined, U'\r');
        std::replace(joined.begin(), joined.end(), U'\n', U'\u3000');
        LayoutOptions one = o;
        one.width = 1 << 30;
        one.align = Align::Left;
        layoutParagraph(joined, one, lines);
        out.width = std::max(1, lines.front().width);
    } else {
        std::size_t start = 0;
        while (start <= text.size()) {
            std::size_t end = text.find(U'\n', start);
            if (end == std::u32string_view::npos) end = text.size();
            std::u32string_view para = text.substr(start, end - start);
            if (!para.empty() && para.back() == U'\r') para.remove_suffix(1);
            layoutParagraph(para, o, lines);
            start = end + 1;
        }
    }

    const int perPage = o.marquee ? 1 : std::max(1, (o.height + o.lineGap) / (em + o.lineGap));
    for (std::size_t i = 0; i < lines.size(); i += static_cast<std::size_t>(perPage)) {
        Page page;
        std::size_t count = std::min(lines.size() - i, static_cast<std::size_t>(perPage));
        int block = static_cast<int>(count) * em + (static_cast<int>(count) - 1) * o.lineGap;
        int top = o.valign == VAlign::Center ? std::max(0, (o.height - block) / 2) : 0;
        for (std::size_t k = 0; k < count; ++k) {
            Line line = std::move(lines[i + k]);
            line.y = top + static_cast<int>(k) * (em + o.lineGap);
            page.lines.push_back(std::move(line));
        }
        out.pages.push_back(std::move(page));
    }

    std::sort(missing_.begin(), missing_.end());
    missing_.erase(std::unique(missing_.begin(), missing_.end()), missing_.end());
    out.missing = missing_;
    return out;
}

Line LayoutEngine::makeLine(std::u32string_view para, const ShapedText& shaped, std::size_t begin, std::size_t end,
                            const std::vector<int>& glyphStart, bool applyEndSaving) const {
    Line line;
    line.text.assign(para.substr(begin, end - begin));
    int pen = 0;
    int saving = (applyEndSaving && end > begin) ? shaped.endSaving[end - 1] : 0;
    for (int g = glyphStart[begin]; g < glyphStart[end]; ++g) {
        const ShapedGlyph& sg = shaped.glyphs[static_cast<std::size_t>(g)];
        PositionedGlyph pg{sg.slot, sg.glyph, static_cast<std::uint32_t>(sg.cluster - begin), pen, sg.advance, sg.xOffset, sg.yOffset};
        if (g == glyphStart[end] - 1) pg.advance -= saving;
        pen += pg.advance;
        line.glyphs.push_back(pg);
    }
    line.width = pen;
    return line;
}

void LayoutEngine::layoutParagraph(std::u32string_view para, const LayoutOptions& o, std::vector<Line>& lines) {
    const std::size_t n = para.size();
    if (n == 0) {
        Line empty;
        empty.paragraphEnd = true;
        lines.push_back(std::move(empty));
        return;
    }
    ShapedText shaped = shaper_.shape(para);
    missing_.insert(missing_.end(), shaped.missing.begin(), shaped.missing.end());
    std::vector<std::uint8_t> opp = breaker_.opportunities(para, o.rules);
    for (std::size_t i = 1; i < n; ++i)
        if (!shaped.clusterStart[i]) opp[i] = 0;

    std::vector<int> prefix(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) prefix[i + 1] = prefix[i] + shaped.advance[i];
    // glyphStart[i]: first glyph of the cluster at or after code point i.
    std::vector<int> glyphStart(n + 1, static_cast<int>(shaped.glyphs.size()));
    for (int g = static_cast<int>(shaped.glyphs.size()) - 1; g >= 0; --g)
        glyphStart[shaped.glyphs[static_cast<std::size_t>(g)].cluster] = g;
    for (std::size_t i = n; i-- > 0;)
        if (!shaped.clusterStart[i]) glyphStart[i] = glyphStart[i + 1];

    // Spaces before a break hang outside the box: an ASCII space, and the ideographic space that
    // separates phrases ("1号窗口　暂停服务"), which would otherwise push its phrase apart.
    auto trimmedEnd = [&](std::size_t s, std::size_t j) {
        while (j > s + 1 && (para[j - 1] == U' ' || para[j - 1] == U'\u3000')) --j;
        return j;
    };
    auto widthOf = [&](std::size_t s, std::size_t e) { return prefix[e] - prefix[s] - shaped.endSaving[e - 1]; };

    const int W = o.width;
    // Break opportunities at the requested level and, built only when needed, at the levels
    // below it: CLREQ relaxes its rules one level at a time before a run is cut by force.
    std::vector<std::vector<std::uint8_t>> levels;
    levels.push_back(std::move(opp));
    std::vector<BreakRules> levelRules{o.rules};
    std::vector<std::uint8_t> glue;

    std::vector<std::pair<std::size_t, std::size_t>> spans; // [begin, end) of each line
    std::size_t s = 0;
    while (s < n) {
        std::size_t best = 0, bestEnd = 0;
        bool relaxed = false, forced = false;
        for (std::size_t level = 0; best == 0; ++level) {
            if (level == levels.size()) {
                if (levelRules.back() == BreakRules::Basic) break;
                BreakRules lower = levelRules.back() == BreakRules::Strict ? BreakRules::Gb : BreakRules::Basic;
                levels.push_back(breaker_.opportunities(para, lower));
                for (std::size_t i = 1; i < n; ++i)
                    if (!shaped.clusterStart[i]) levels.back()[i] = 0;
                levelRules.push_back(lower);
            }
            const auto& op = levels[level];
            for (std::size_t j = s + 1; j <= n; ++j) {
                if (!op[j]) continue;
                std::size_t e = trimmedEnd(s, j);
                if (widthOf(s, e) > W) break;
                best = j;
                bestEnd = e;
            }
            relaxed = level > 0;
        }
        if (best == 0) {
            // Even the basic rules leave a run wider than the box: cut it at the last cluster
            // that fits, preferring a cut outside words, numbers and dates, then one that keeps
            // closing marks off the next line's start.
            if (glue.empty()) {
                glue.assign(n + 1, 0);
                LineBreaker::markUnbreakableSpans(para, glue);
            }
            std::vector<std::size_t> fits;
            for (std::size_t j = s + 1; j <= n; ++j) {
                if (j < n && !shaped.clusterStart[j]) continue;
                if (widthOf(s, j) > W && !fits.empty()) break;
                fits.push_back(j);
                if (widthOf(s, j) > W) break; // not even one cluster fits: it goes alone
            }
            std::size_t k = fits.back();
            auto clean = [&](std::size_t p) {
                return p == n || (!forbiddenAtLineStart(para[p], BreakRules::Basic) && !forbiddenAtLineEnd(para[p - 1], BreakRules::Basic));
            };
            auto pick = [&](auto&& ok) -> std::size_t {
                for (auto it = fits.rbegin(); it != fits.rend(); ++it)
                    if (ok(*it)) return *it;
                return 0;
            };
            std::size_t p = pick([&](std::size_t q) { return (q == n || !glue[q]) && clean(q); });
            if (p == 0) p = pick([&](std::size_t q) { return q == n || !glue[q]; });
            best = bestEnd = p ? p : k;
            forced = true;
        }
        Line line = makeLine(para, shaped, s, bestEnd, glyphStart, true);
        line.forced = forced;
        line.relaxed = relaxed;
        spans.emplace_back(s, bestEnd);
        lines.push_back(std::move(line));
        s = best;
        while (forced && s < n && para[s] == U' ') ++s;
    }
    lines.back().paragraphEnd = true;

    const std::size_t first = lines.size() - spans.size();
    for (std::size_t k = 0; k < spans.size(); ++k) {
        Line& line = lines[first + k];
        int slack = W - line.width;
        if (slack <= 0) continue;
        switch (o.align) {
        case Align::Left:
            break;
        case Align::Center:
            line.x = slack / 2;
            break;
        case Align::Right:
            line.x = slack;
            break;
        case Align::Justify:
            if (!line.paragraphEnd) justify(line, para, shaped, spans[k].first, spans[k].second, slack);
            break;
        }
    }
}

void LayoutEngine::justify(Line& line, std::u32string_view para, const ShapedText& shaped, std::size_t begin, std::size_t end, int slack) {
    // Slack goes between Han characters and CJK marks, never inside Latin words or numbers.
    std::vector<std::size_t> gaps; // code point index that a gap comes before
    for (std::size_t c = begin + 1; c < end; ++c) {
        if (!shaped.clusterStart[c]) continue;
        char32_t a = para[c - 1], b = para[c];
        if (a != U' ' && b != U' ' && (isWideCjk(a) || isWideCjk(b))) gaps.push_back(c);
    }
    if (gaps.empty()) return;
    const long count = static_cast<long>(gaps.size());
    std::size_t passed = 0; // gaps at or before the current glyph's cluster
    for (auto& g : line.glyphs) {
        while (passed < gaps.size() && gaps[passed] - begin <= g.cluster) ++passed;
        g.x += static_cast<int>(static_cast<long>(passed) * slack / count);
    }
    line.width += slack;
}

} // namespace gongshi::renderer
