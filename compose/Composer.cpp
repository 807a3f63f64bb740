#include "compose/Composer.h"

#include "common/Error.h"
#include "rules/Wording.h"
#include "records/Database.h"
#include "records/RecordStore.h"
#include "common/Messages.h"
#include "fonts/FontProfile.h"
#include "layout/TextRenderer.h"
#include "common/Utf8.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>

namespace gongshi::content {

using renderer::Align;
using renderer::Line;
using renderer::VAlign;

struct Composer::Box {
    Area area;
    std::string font; // the body font
    int em = 16;
    int rows = 1; // body lines the box holds

    // What the composition must produce: an explicit effect is honoured; otherwise a box of one
    // line gets marquees for what does not fit.
    bool marqueeOnly() const { return area.effect == AreaEffect::Left; }
    bool autoOneLine() const { return !area.effect && rows == 1; }
    bool paged() const { return !marqueeOnly() && !autoOneLine(); }
};

namespace {

int pixelSizeOf(const std::string& font) { return fonts::profileByName(font).pixelSize; }

// What one area of a screen cycles through at most: 200 pages at five seconds is over a quarter of
// an hour, longer than anyone watches, and every page is kept as pixels for the screen (a large
// centre's 10,000 matters would otherwise be gigabytes, and minutes of layout at every start).
constexpr std::size_t kMaxAreaPages = 200;

// What a segment counts against an area's pages: its pages; a marquee counts as one, whatever its
// length (the text limits of the records bound its strip), so that a window screen's one-line
// marquees of notices do not crowd out its matters.
std::size_t pageCount(const Segment& s) {
    if (s.effect == AreaEffect::Left) return 1;
    return std::max<std::size_t>(1, s.layout.pages.size());
}

// Keeps each area's segments within kMaxAreaPages: the segment that passes it is cut to the pages
// left, those after it are left out, and the program says so.
void capAreaPages(ComposedProgram& p) {
    std::map<std::tuple<int, int, int, int>, std::size_t> used;
    std::map<std::tuple<int, int, int, int>, std::size_t> left; // segments left out or cut, by area
    std::vector<Segment> kept;
    for (auto& s : p.segments) {
        const auto key = std::make_tuple(s.x, s.y, s.width, s.height);
        std::size_t& n = used[key];
        if (n >= kMaxAreaPages) {
            ++left[key];
            continue;
        }
        const std::size_t pages = pageCount(s);
        if (n + pages > kMaxAreaPages) { // a marquee is one page: never cut
            s.layout.pages.resize(kMaxAreaPages - n);
            ++left[key];
        }
        n += std::min(pages, kMaxAreaPages - n);
        kept.push_back(std::move(s));
    }
    p.segments = std::move(kept);
    for (const auto& [area, count] : left)
        p.warnings.push_back(
            msg::areaPagesCapped(std::get<0>(area), std::get<1>(area), std::get<2>(area), std::get<3>(area), kMaxAreaPages, count));
}

// Lines that share a y: a left column and a right-aligned one, or a single line.
using Row = std::vector<Line>;

// Packs blocks of rows into pages of a fixed number of rows. A block that fits a page is never
// split between pages; a taller one starts on a fresh page and runs on.
class PageBuilder {
public:
    PageBuilder(int width, int height, int em, bool centrePerPage)
        : height_(height), em_(em), perPage_(std::max(1, height / em)), centrePerPage_(centrePerPage) {
        layout_.width = width;
        layout_.height = height;
        layout_.pixelSize = em;
    }

    // `continued`: the row that opens each further page of a block taller than a page (the 续
    // mark); none, or a page of one row, runs on unmarked.
    void block(const std::vector<Row>& rows, const Row& continued = {}) {
        if (rows.empty()) return;
        const int n = static_cast<int>(rows.size());
        // A block taller than a page gets pages of its own: never the tail of a page another
        // record began.
        if (current_.empty() || (used() > 0 && used() + n > perPage_)) newPage();
        for (const Row& r : rows) {
            if (used() == perPage_) {
                newPage();
                if (!continued.empty() && perPage_ > 1) current_.back().push_back(continued);
            }
            current_.back().push_back(r);
        }
    }

    int rowsPerPage() const { return perPage_; }

    std::size_t pageCount() const { return current_.size(); }

    void addMissing(const std::vector<char32_t>& missing) { missing_.insert(missing_.end(), missing.begin(), missing.end()); }

    renderer::Layout finish(const std::string& font) {
        layout_.font = font;
        for (const auto& rows : current_) {
            renderer::Page page;
            const int n = static_cast<int>(rows.size());
            // Lists keep their rows at fixed heights from page to page; a status centres its few rows.
            const int top = std::max(0, (height_ - (centrePerPage_ ? n : perPage_) * em_) / 2);
            for (int i = 0; i < n; ++i)
                for (Line line : rows[static_cast<std::size_t>(i)]) {
                    line.y = top + i * em_;
                    page.lines.push_back(std::move(line));
                }
            layout_.pages.push_back(std::move(page));
        }
        std::sort(missing_.begin(), missing_.end());
        missing_.erase(std::unique(missing_.begin(), missing_.end()), missing_.end());
        layout_.missing = missing_;
        return layout_;
    }

private:
    int used() const { return current_.empty() ? 0 : static_cast<int>(current_.back().size()); }
    void newPage() { current_.emplace_back(); }

    int height_, em_, perPage_;
    bool centrePerPage_;
    renderer::Layout layout_;
    std::vector<std::vector<Row>> current_;
    std::vector<char32_t> missing_;
};

renderer::Color tinted(renderer::ColorMode mode, renderer::Color c) {
    return mode == renderer::ColorMode::Mono ? renderer::Color::white() : c;
}

std::string recordSource(const char* kind, Id id) { return std::string(kind) + " " + std::to_string(id); }

} // namespace

std::vector<std::string> ComposedProgram::allWarnings() const {
    std::vector<std::string> out = warnings;
    for (const auto& s : segments)
        for (const auto& w : s.warnings) out.push_back(s.source + ": " + w);
    return out;
}

Composer::Composer(renderer::TextRenderer& renderer, const ScreenRecord& screen)
    : renderer_(renderer), screen_(screen), mode_(renderer::parseColorMode(screen.color)) {
    if (screen.width <= 0 || screen.height <= 0) throw InputError(msg::screenHasNoSize(screen.meta.id, screen.width, screen.height));
    if (screen.fontProfile != "auto") fonts::profileByName(screen.fontProfile); // throws naming the known ones
}

Area Composer::screenArea() const {
    Area a;
    a.width = screen_.width;
    a.height = screen_.height;
    return a;
}

std::string Composer::bodyFont(int boxHeight) const {
    if (screen_.fontProfile != "auto") {
        const auto& p = fonts::profileByName(screen_.fontProfile);
        if (p.pixelSize <= boxHeight) return p.name;
    }
    const int lines = std::max(1, std::min(4, boxHeight / 16));
    for (const auto* p : fonts::ledProfilesLargestFirst())
        if (p->pixelSize * lines <= boxHeight) return p->name;
    for (const auto* p : fonts::ledProfilesLargestFirst())
        if (p->pixelSize <= boxHeight) return p->name;
    throw InputError(msg::areaTooLowForFonts(boxHeight));
}

bool Composer::categoryFits(const Box& box) const { return box.area.width / box.em >= kCategoryMinCharsPerLine; }

Composer::Box Composer::boxFor(const Area& area) const {
    Box b;
    b.area = area;
    b.font = bodyFont(area.height);
    b.em = pixelSizeOf(b.font);
    b.rows = std::max(1, area.height / b.em);
    return b;
}

Segment Composer::segmentFor(const Box& box, std::string source) const {
    Segment s;
    s.source = std::move(source);
    s.effect = box.area.effect.value_or(AreaEffect::Static);
    s.dwellSeconds = box.area.dwellSeconds;
    s.speed = box.area.speed;
    s.x = box.area.x;
    s.y = box.area.y;
    s.width = box.area.width;
    s.height = box.area.height;
    s.color = tinted(mode_, renderer::Color::red());
    return s;
}

void Composer::noteLayout(Segment& s) const {
    s.font = s.layout.font;
    for (char32_t cp : s.layout.missing) {
        std::string ch;
        appendUtf8(ch, cp);
        s.warnings.push_back(msg::fontLacks(s.layout.font, codePointName(cp), ch));
    }
    for (const auto& page : s.layout.pages)
        for (const auto& line : page.lines)
            if (line.forced) s.warnings.push_back(msg::wordCut(encodeUtf8(line.text)));
}

int Composer::measure(const std::string& text, const std::string& font) {
    renderer::LayoutOptions o;
    o.width = 1;
    o.height = pixelSizeOf(font);
    o.marquee = true;
    return renderer_.layout(text, font, o).width;
}

Segment Composer::marquee(const Box& box, std::string source, const std::string& text, const std::string& font) {
    Segment s = segmentFor(box, std::move(source));
    s.effect = AreaEffect::Left;
    renderer::LayoutOptions o;
    o.width = box.area.width;
    o.height = box.area.height;
    o.marquee = true;
    o.valign = VAlign::Center;
    s.layout = renderer_.layout(text, font, o);
    noteLayout(s);
    return s;
}

Segment Composer::pages(const Box& box, std::string source, const std::string& text, const std::string& font, Align align, VAlign valign) {
    Segment s = segmentFor(box, std::move(source));
    renderer::LayoutOptions o;
    o.width = box.area.width;
    o.height = box.area.height;
    o.align = align;
    o.valign = valign;
    s.layout = renderer_.layout(text, font, o);
    noteLayout(s);
    return s;
}

Segment Composer::marqueeOrFit(const Box& box, std::string source, const std::string& text, const std::string& font) {
    if (box.marqueeOnly() || measure(text, font) > box.area.width) return marquee(box, std::move(source), text, font);
    return pages(box, std::move(source), text, font, Align::Center, VAlign::Center);
}

std::vector<Segment> Composer::welcome(const Centre& centre, const Area& area) {
    Box box = boxFor(area);
    const std::string text = welcomeText(centre);
    std::vector<Segment> out;
    if (!box.paged()) {
        out.push_back(marqueeOrFit(box, "welcome", text, box.font));
    } else {
        // A headline: the largest LED font, no smaller than the body font, that shows it on one
        // page broken where the name breaks ("…人民政府" / "便民服务中心欢迎您", or with "欢迎您" on
        // a line of its own); only when no font does, the largest that fits it broken anywhere.
        const auto phrases = welcomePhrases(centre);
        std::vector<std::vector<std::string>> byPhrase{phrases};
        if (phrases.size() > 2) byPhrase.insert(byPhrase.begin(), {phrases[0], phrases[1] + phrases[2]});
        std::optional<Segment> best;
        auto tryFont = [&](const std::string& text, std::size_t lines, const std::string& font) {
            Segment s = pages(box, "welcome", text, font, Align::Center, VAlign::Center);
            if (s.layout.pages.size() == 1 && (lines == 0 || s.layout.pages[0].lines.size() == lines)) best = std::move(s);
        };
        auto fonts = fonts::ledProfilesLargestFirst();
        std::erase_if(fonts, [&](const fonts::FontProfile* p) { return p->pixelSize < box.em || p->pixelSize > box.area.height; });
        if (box.rows > 1) {
            for (const auto* p : fonts) {
                for (const auto& lines : byPhrase) {
                    std::string joined;
                    for (const auto& l : lines) joined += (joined.empty() ? "" : "\n") + l;
                    if (!best) tryFont(joined, lines.size(), p->name);
                }
                if (best) break;
            }
            for (const auto* p : fonts)
                if (!best) tryFont(text, 0, p->name);
        }
        out.push_back(best ? std::move(*best) : pages(box, "welcome", text, box.font, Align::Center, VAlign::Center));
    }
    if (centre.name.empty()) out.front().warnings.push_back(msg::centreHasNoName());
    return out;
}

namespace {

// Rows of lines for the page builder: wrapped text, and two columns (a left text and a right one
// set flush right) that share a row when they fit.
struct RowMaker {
    renderer::TextRenderer& renderer;
    const std::string& font;
    int width;
    int em;
    std::vector<char32_t> missing;

    renderer::Layout layoutText(const std::string& text, Align align, bool oneLine, int boxWidth) {
        renderer::LayoutOptions o;
        o.width = boxWidth;
        o.height = em * 1024;
        o.align = align;
        o.valign = VAlign::Top;
        o.marquee = oneLine;
        renderer::Layout l = renderer.layout(text, font, o);
        missing.insert(missing.end(), l.missing.begin(), l.missing.end());
        return l;
    }

    // The row that opens a continuation page: "续：" and the record's name, cut with "…" to one
    // row. The mark leads because at 16 px a reader takes in a page from its first characters;
    // a trailing "（续）" would sit at the far end of the row, after the eye has already read the
    // line as a fresh entry. The name says whose text runs on.
    Row continuedRow(const std::string& name) {
        const std::u32string chars = decodeUtf8(name);
        for (std::size_t keep = chars.size();; --keep) {
            std::string text = "续：" + encodeUtf8(chars.substr(0, keep)) + (keep < chars.size() ? "…" : "");
            renderer::Layout l = layoutText(text, Align::Left, true, width);
            Line& line = l.pages[0].lines[0];
            if (line.width <= width || keep == 0) {
                line.x = 0;
                return {std::move(line)};
            }
        }
    }

    // Detail rows under a name start one character in, so that each entry of a list stands out,
    // when the box is wide enough to spare it.
    int detailIndent() const { return width >= 8 * em ? em : 0; }

    std::vector<Row> wrapped(const std::string& text, Align align, int indent = 0) {
        std::vector<Row> rows;
        if (text.empty()) return rows;
        renderer::Layout l = layoutText(text, align, false, width - indent);
        for (auto& page : l.pages)
            for (auto& line : page.lines) {
                line.x += indent;
                rows.push_back({std::move(line)});
            }
        return rows;
    }

    // `left` (from `indent`) and `right` set flush right on one row when both fit with a
    // character's gap, otherwise each on its own row(s).
    std::vector<Row> leftRight(const std::string& left, const std::string& right, int indent = 0) {
        if (left.empty()) return wrapped(right, Align::Right);
        if (right.empty()) return wrapped(left, Align::Left, indent);
        renderer::Layout l = layoutText(left, Align::Left, true, width);
        renderer::Layout r = layoutText(right, Align::Left, true, width);
        Line& ll = l.pages[0].lines[0];
        Line& rl = r.pages[0].lines[0];
        if (indent + ll.width + em + rl.width <= width) {
            ll.x = indent;
            rl.x = width - rl.width;
            return {{std::move(ll), std::move(rl)}};
        }
        std::vector<Row> rows = wrapped(left, Align::Left, indent);
        for (auto& row : wrapped(right, Align::Right)) rows.push_back(std::move(row));
        return rows;
    }
};

} // namespace

namespace {
void noteFeeUnstated(Segment& s, const Matter& m) {
    if (!feeStated(m)) s.warnings.push_back("事项“" + m.name + "”没有写明是否收费");
}
} // namespace

std::vector<Segment> Composer::matterList(const std::vector<Matter>& matters, const Area& area) {
    Box box = boxFor(area);
    std::vector<Segment> out;
    if (matters.empty()) return out;
    if (!box.paged()) {
        for (const auto& m : matters) {
            if (out.size() > kMaxAreaPages) break; // more than an area shows (capAreaPages says so)
            std::vector<std::string> parts;
            if (auto t = timeLimitText(m); !t.empty()) parts.push_back(t);
            parts.push_back(feeText(m));
            std::string text = m.name + "：" + parts[0] + (parts.size() > 1 ? "，" + parts[1] : "");
            Segment s = marqueeOrFit(box, recordSource("matter", m.meta.id), text, box.font);
            noteFeeUnstated(s, m);
            out.push_back(std::move(s));
        }
        return out;
    }
    RowMaker rows{renderer_, box.font, box.area.width, box.em, {}};
    PageBuilder builder(box.area.width, box.area.height, box.em, false);
    Segment s = segmentFor(box, "matter-list");
    for (const auto& m : matters) {
        if (builder.pageCount() > kMaxAreaPages) break; // more than an area shows (capAreaPages says so)
        std::vector<Row> block = rows.wrapped(m.name, Align::Left);
        for (auto& r : rows.leftRight(timeLimitText(m), feeText(m), rows.detailIndent())) block.push_back(std::move(r));
        builder.block(block, rows.continuedRow(m.name));
        noteFeeUnstated(s, m);
    }
    builder.addMissing(rows.missing);
    s.layout = builder.finish(box.font);
    noteLayout(s);
    out.push_back(std::move(s));
    return out;
}

std::vector<Segment> Composer::matter(const Matter& m, const Area& area) {
    std::vector<Segment> out = matterList({m}, area);
    for (auto& s : out) s.source = recordSource("matter", m.meta.id);
    return out;
}

std::vector<Segment> Composer::feeTable(const std::vector<Matter>& matters, const Area& area) {
    Box box = boxFor(area);
    std::vector<Segment> out;
    std::vector<const Matter*> paying;
    for (const auto& m : matters)
        if (charged(m)) paying.push_back(&m);
    if (paying.empty()) return out;
    auto noteBasis = [](Segment& s, const Matter& m) {
        if (feeBasisMissing(m)) s.warnings.push_back("事项“" + m.name + "”收费，但没有填写收费依据");
    };
    if (!box.paged()) {
        for (const Matter* m : paying) {
            if (out.size() > kMaxAreaPages) break;
            // A strip is read as it passes: the fullest form of at most kMarqueeBasisChars characters
            // (a document and its article), else the shortest.
            constexpr std::size_t kMarqueeBasisChars = 30;
            const auto forms = feeBasisScreenForms(*m);
            std::string basis = forms.back();
            for (auto it = forms.rbegin(); it != forms.rend(); ++it)
                if (decodeUtf8(*it).size() <= kMarqueeBasisChars) basis = *it;
            Segment s = marqueeOrFit(box, recordSource("matter", m->meta.id), m->name + "：" + feeText(*m) + "（" + basis + "）", box.font);
            noteBasis(s, *m);
            if (basis != forms[0]) s.warnings.push_back(feeBasisShortenedWarning(*m, basis));
            out.push_back(std::move(s));
        }
        return out;
    }
    RowMaker rows{renderer_, box.font, box.area.width, box.em, {}};
    PageBuilder builder(box.area.width, box.area.height, box.em, false);
    Segment s = segmentFor(box, "fee-table");
    for (const Matter* m : paying) {
        if (builder.pageCount() > kMaxAreaPages) break;
        std::vector<Row> block = rows.leftRight(m->name, feeText(*m));
        // The basis in the fullest form that keeps the entry on one page (feeBasisScreenForms);
        // the shortest when none does, the entry then running on to a page marked 续.
        const auto forms = feeBasisScreenForms(*m);
        const int left = builder.rowsPerPage() - static_cast<int>(block.size());
        // Each form indented like other details, else from the left edge when that keeps it on the page.
        auto wrapBasis = [&](const std::string& text) {
            std::vector<Row> r = rows.wrapped(text, Align::Left, rows.detailIndent());
            if (static_cast<int>(r.size()) > left && rows.detailIndent() > 0) {
                std::vector<Row> flush = rows.wrapped(text, Align::Left);
                if (flush.size() < r.size()) r = std::move(flush);
            }
            return r;
        };
        std::size_t form = 0;
        std::vector<Row> basis = wrapBasis(forms[0]);
        while (static_cast<int>(basis.size()) > left && form + 1 < forms.size()) basis = wrapBasis(forms[++form]);
        for (auto& r : basis) block.push_back(std::move(r));
        builder.block(block, rows.continuedRow(m->name));
        noteBasis(s, *m);
        if (form > 0) s.warnings.push_back(feeBasisShortenedWarning(*m, forms[form]));
    }
    builder.addMissing(rows.missing);
    s.layout = builder.finish(box.font);
    noteLayout(s);
    out.push_back(std::move(s));
    return out;
}

std::vector<Segment> Composer::noticeMarquee(const Notice& n, const Area& area) {
    Box box = boxFor(area);
    Segment s = marquee(box, recordSource("notice", n.meta.id), noticeMarqueeText(n, categoryFits(box)), box.font);
    if (n.urgent) s.color = tinted(mode_, renderer::Color::red());
    return {std::move(s)};
}

std::vector<Segment> Composer::notice(const Notice& n, const Area& area) {
    Box box = boxFor(area);
    if (!box.paged()) return noticeMarquee(n, area);
    std::string text = noticeTitleText(n, categoryFits(box));
    if (!n.body.empty()) text += "\n" + n.body;
    Segment s = pages(box, recordSource("notice", n.meta.id), text, box.font, Align::Left, VAlign::Top);
    // Running text reads on as it scrolls up, where a flip would cut a sentence mid-way.
    if (!area.effect) s.effect = AreaEffect::Up;
    return {std::move(s)};
}

std::vector<Segment> Composer::windowStatus(const Window& w, const std::vector<Staff>& staff, const std::set<Id>& absentStaff,
                                            const Area& area) {
    Box box = boxFor(area);
    const auto groups = windowScreenGroups(w, staff, absentStaff);
    const std::string source = recordSource("window", w.meta.id);
    renderer::Color color = renderer::Color::green();
    if (w.status == WindowStatus::Paused) color = renderer::Color::yellow();
    if (w.status == WindowStatus::Away) color = renderer::Color::red();
    color = tinted(mode_, color);

    std::vector<Segment> out;
    if (box.marqueeOnly()) {
        std::vector<std::string> all;
        for (const auto& g : groups) all.insert(all.end(), g.begin(), g.end());
        out.push_back(marquee(box, source, joinPhrases(all), box.font));
    } else if (box.autoOneLine()) {
        // The first thing said (the number; "暂离　14:30回" or "暂停服务" when the window is not
        // serving) stays still long enough to be read, whole when it fits; what follows scrolls.
        const bool wholeFirst = measure(joinPhrases(groups[0]), box.font) <= box.area.width;
        const std::string label = wholeFirst ? joinPhrases(groups[0]) : groups[0][0];
        std::vector<std::string> rest(groups[0].begin() + (wholeFirst ? static_cast<std::ptrdiff_t>(groups[0].size()) : 1),
                                      groups[0].end());
        for (std::size_t g = 1; g < groups.size(); ++g) rest.insert(rest.end(), groups[g].begin(), groups[g].end());
        if (measure(label, box.font) <= box.area.width) {
            out.push_back(pages(box, source, label, box.font, Align::Center, VAlign::Center));
            out.push_back(marqueeOrFit(box, source, joinPhrases(rest), box.font));
        } else {
            rest.insert(rest.begin(), label);
            out.push_back(marqueeOrFit(box, source, joinPhrases(rest), box.font));
        }
    } else {
        RowMaker rows{renderer_, box.font, box.area.width, box.em, {}};
        PageBuilder builder(box.area.width, box.area.height, box.em, true);
        auto pack = [&](const std::vector<std::vector<std::string>>& runs) {
            std::vector<Row> block;
            for (const auto& group : runs) {
                // Phrases share a row while they fit; a phrase wider than the box wraps on its own.
                std::string row;
                auto flush = [&] {
                    for (auto& r : rows.wrapped(row, Align::Center)) block.push_back(std::move(r));
                    row.clear();
                };
                for (const auto& phrase : group) {
                    std::string joined = row.empty() ? phrase : joinPhrases({row, phrase});
                    if (!row.empty() && measure(joined, box.font) > box.area.width) {
                        flush();
                        joined = phrase;
                    }
                    row = joined;
                }
                if (!row.empty()) flush();
            }
            return block;
        };
        // Each group on rows of its own; when that is taller than the page, the phrases run on in
        // the same order sharing rows; only what is taller still gets a page marked 续.
        std::vector<Row> block = pack(groups);
        if (static_cast<int>(block.size()) > builder.rowsPerPage()) {
            std::vector<std::string> all;
            for (const auto& g : groups) all.insert(all.end(), g.begin(), g.end());
            block = pack({all});
        }
        builder.block(block, rows.continuedRow(windowLabel(w)));
        builder.addMissing(rows.missing);
        Segment s = segmentFor(box, source);
        s.layout = builder.finish(box.font);
        noteLayout(s);
        out.push_back(std::move(s));
    }
    for (auto& s : out) s.color = color;
    return out;
}

std::vector<Segment> Composer::text(const std::string& text, const Area& area) {
    Box box = boxFor(area);
    if (!box.paged()) return {marqueeOrFit(box, "text", text, box.font)};
    return {pages(box, "text", text, box.font, Align::Center, VAlign::Center)};
}

std::vector<Segment> Composer::broadcast(const std::string& text, const Area& area) {
    std::vector<Segment> out = this->text(text, area);
    for (auto& s : out) s.color = tinted(mode_, renderer::Color::red());
    return out;
}

std::vector<Segment> Composer::queueCall(const std::vector<std::string>& calls, const Area& area) {
    Box box = boxFor(area);
    std::vector<Segment> out;
    if (!box.paged()) {
        for (const auto& c : calls) out.push_back(marqueeOrFit(box, "call", c, box.font));
    } else {
        // Calls of several windows stand together, a line each; more than the box holds take pages.
        RowMaker rows{renderer_, box.font, box.area.width, box.em, {}};
        PageBuilder builder(box.area.width, box.area.height, box.em, true);
        for (const auto& c : calls) builder.block(rows.wrapped(c, Align::Center));
        builder.addMissing(rows.missing);
        Segment s = segmentFor(box, "call");
        s.layout = builder.finish(box.font);
        noteLayout(s);
        out.push_back(std::move(s));
    }
    for (auto& s : out) s.color = tinted(mode_, renderer::Color::green());
    return out;
}

ComposedProgram Composer::defaultProgram(const ComposeRecords& records, const Date& today) {
    ComposedProgram p;
    p.width = screen_.width;
    p.height = screen_.height;
    p.colorMode = mode_;
    const Area all = screenArea();
    auto add = [&](std::vector<Segment> segments) {
        for (auto& s : segments) p.segments.push_back(std::move(s));
    };
    add(welcome(records.centre, all));
    addNotices(p.segments, records, today, all);
    add(matterList(records.matters, all));
    capAreaPages(p);
    return p;
}

void Composer::addNotices(std::vector<Segment>& out, const ComposeRecords& records, const Date& today, const Area& area) {
    std::size_t pages = 0;
    for (const auto& s : out)
        if (s.x == area.x && s.y == area.y && s.width == area.width && s.height == area.height) pages += pageCount(s);
    for (const auto& n : records.notices) {
        if (pages > kMaxAreaPages) return; // more than the area shows: capAreaPages says so
        if (!publishedOn(n, today)) continue;
        for (auto& s : notice(n, area)) {
            pages += pageCount(s);
            out.push_back(std::move(s));
        }
    }
}

std::vector<Segment> Composer::itemSegments(const ProgramItem& item, const ComposeRecords& records, const Date& today, const Area& area,
                                            std::vector<std::string>& warnings) {
    std::string what;
    for (const auto& [kind, label] : itemKindChinese())
        if (kind == item.kind) what = std::string(label) + std::to_string(item.recordId);
    switch (item.kind) {
    case ItemKind::Matter:
        if (const Matter* m = findById(records.matters, item.recordId)) return matter(*m, area);
        break;
    case ItemKind::Notice:
        if (const Notice* n = findById(records.notices, item.recordId)) {
            if (publishedOn(*n, today)) return notice(*n, area);
            warnings.push_back(msg::outsidePublication(what, today));
            return {};
        }
        break;
    case ItemKind::Window:
        if (const Window* w = findById(records.windows, item.recordId)) return windowStatus(*w, records.staff, records.absentStaff, area);
        break;
    case ItemKind::Centre:
        return welcome(records.centre, area);
    case ItemKind::MatterList:
        return matterList(records.matters, area);
    case ItemKind::FeeTable:
        return feeTable(records.matters, area);
    case ItemKind::NoticeList: {
        std::vector<Segment> out;
        addNotices(out, records, today, area);
        return out;
    }
    case ItemKind::Text:
        if (!item.text.empty()) return text(item.text, area);
        warnings.push_back(msg::emptyTextItem());
        return {};
    case ItemKind::Clock:
        return clock(item.text, today, area, warnings);
    case ItemKind::Countdown:
        if (item.recordId == 0) return countdown(item.text, false, today, area, warnings);
        if (const Notice* n = findById(records.notices, item.recordId)) return countdown(n->publishUntil, true, today, area, warnings);
        break;
    case ItemKind::ReviewQr:
        return reviewQr(records.centre, area, warnings);
    case ItemKind::Image:
        if (const Picture* picture = findPictureById(records.pictures, item.recordId))
            return image(*picture, records.dataDir, area, warnings);
        break;
    }
    warnings.push_back(msg::itemGone(what));
    return {};
}

void composeAreas(const Program& program, int width, int height, ComposedProgram& out,
                  const std::function<void(const ProgramArea& area)>& compose) {
    int index = 0;
    for (const auto& a : program.areas) {
        ++index;
        const std::string name = "区域" + std::to_string(index);
        if (a.width <= 0 || a.height <= 0) {
            out.warnings.push_back(msg::areaHasNoSize(name));
            continue;
        }
        if (a.x < 0 || a.y < 0 || a.x + a.width > width || a.y + a.height > height)
            out.warnings.push_back(msg::areaReachesOutside(name, width, height));
        try {
            compose(a);
        } catch (const InputError& e) {
            // One badly set area (too low for any font) must not blank the others.
            out.warnings.push_back(msg::notShown(name, e.what()));
        }
    }
}

ComposedProgram Composer::program(const Program& program, const ComposeRecords& records, const Date& today) {
    ComposedProgram p;
    p.width = screen_.width;
    p.height = screen_.height;
    p.colorMode = mode_;
    composeAreas(program, screen_.width, screen_.height, p, [&](const ProgramArea& a) {
        const Area area{a.x, a.y, a.width, a.height, a.effect, a.speed, a.dwellSeconds};
        for (const auto& item : a.items)
            for (auto& s : itemSegments(item, records, today, area, p.warnings)) p.segments.push_back(std::move(s));
    });
    capAreaPages(p);
    return p;
}

ComposedProgram Composer::preview(std::string_view what, const ComposeRecords& records, const Date& today) {
    ComposedProgram p;
    p.width = screen_.width;
    p.height = screen_.height;
    p.colorMode = mode_;
    const Area all = screenArea();
    auto add = [&](std::vector<Segment> segments) {
        for (auto& s : segments) p.segments.push_back(std::move(s));
    };
    if (what == "welcome") {
        add(welcome(records.centre, all));
    } else if (what == "matter-list") {
        add(matterList(records.matters, all));
    } else if (what == "fee-table") {
        add(feeTable(records.matters, all));
    } else if (what == "notices") {
        addNotices(p.segments, records, today, all);
    } else if (what.rfind("window:", 0) == 0) {
        const std::string idText(what.substr(7));
        Id id = 0;
        try {
            std::size_t used = 0;
            id = std::stoll(idText, &used);
            if (used != idText.size()) id = 0;
        } catch (const std::exception&) {
            id = 0;
        }
        if (id <= 0) throw InputError(msg::windowCompositionNeedsId(idText));
        const Window* w = findById(records.windows, id);
        if (!w) throw NotFoundError(msg::noWindowInCentre(idText, records.centre.meta.id));
        add(windowStatus(*w, records.staff, records.absentStaff, all));
    } else {
        throw InputError(msg::unknownComposition(std::string(what), "matter-list（事项清单）、fee-table（收费标准表）、notices（公告栏）、"
                                                                    "welcome（中心欢迎词）或 window:编号（窗口状态）"));
    }
    capAreaPages(p);
    return p;
}

std::vector<renderer::Bitmap> renderSegment(renderer::TextRenderer& renderer, const Segment& segment, renderer::ColorMode mode) {
    if (!segment.pictures.empty()) {
        std::vector<renderer::Bitmap> out;
        for (const auto& p : segment.pictures) out.push_back(p.mode() == mode ? p : p.convert(mode));
        return out;
    }
    return renderer.renderPages(segment.layout, mode, segment.color);
}

} // namespace gongshi::content
