#include "compose/TvComposer.h"

#include "compose/ItemPictures.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "common/Utf8.h"
#include "print/PrintDocument.h"
#include "print/PrintText.h"
#include "rules/Wording.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace gongshi::content {

using renderer::Align;
using renderer::Bitmap;
using renderer::Color;
using renderer::TextBlock;

namespace {

// The palette: light text on deep blue, the header in the red of public notice boards, the
// states of windows in the colours staff already know from the LED screens.
constexpr Color rgb(unsigned v) {
    return {static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
}
constexpr Color kBackground = rgb(0x0B1F3A);
constexpr Color kHeader = rgb(0xB0201C);
constexpr Color kHeaderDate = rgb(0xFFE9A8);
constexpr Color kPanel = rgb(0x12325A);
constexpr Color kPanelTitle = rgb(0x1C4A80);
constexpr Color kRowAlt = rgb(0x0F2B4E);
constexpr Color kTableHead = rgb(0x24599A);
constexpr Color kText = rgb(0xFFFFFF);
constexpr Color kMuted = rgb(0xC8D6E8);
constexpr Color kGold = rgb(0xFFD45C);
constexpr Color kFree = rgb(0x8BE28B);
constexpr Color kServing = rgb(0x2E9E4F);
constexpr Color kPaused = rgb(0xD9961A);
constexpr Color kAway = rgb(0xD23A32);
constexpr Color kFooter = rgb(0x08172B);
constexpr Color kAlarm = rgb(0xB3140F);

const char* const kSans = "print-sans";
const char* const kBold = "print-sans-bold";

// The print fonts are laid out by a typesetter that belongs to one thread (its font chains and
// ICU iterators are not shared): the scheduler's and each server worker's own.
renderer::PrintTypesetter& typesetter() {
    thread_local renderer::PrintTypesetter t;
    return t;
}

// Text set on the print profiles, noting the characters no face has.
struct Pen {
    std::vector<char32_t> missing;

    static renderer::TextStyle style(const char* font, double size, Color c, Align a, double leading) {
        renderer::TextStyle st;
        st.font = font;
        st.size = size;
        st.leading = leading;
        st.align = a;
        st.color = c;
        return st;
    }
    TextBlock set(const std::string& text, const char* font, double size, double width, Color c, Align a = Align::Left,
                  double leading = 1.3) {
        TextBlock b = typesetter().set(text.empty() ? " " : text, style(font, size, c, a, leading), std::max(width, size * 1.05));
        missing.insert(missing.end(), b.layout.missing.begin(), b.layout.missing.end());
        return b;
    }
    double measure(const std::string& text, const char* font, double size) {
        return typesetter().measure(text, style(font, size, kText, Align::Left, 1.3));
    }
    // The largest size from `largest` down (not under `smallest`) at which the text set in
    // `width` is at most `height` high and `lines` lines (0: any number).
    double fit(const std::string& text, const char* font, double largest, double smallest, double width, double height,
               std::size_t lines = 0, double leading = 1.3) {
        double size = largest;
        // One line: straight from its measured width.
        if (lines == 1) {
            const double w = measure(text, font, largest);
            if (w > width) size = largest * width / w * 0.98;
            size = std::min(size, height / leading);
            return std::max(smallest, size);
        }
        for (; size > smallest; size *= 0.92) {
            TextBlock b =
                typesetter().set(text.empty() ? " " : text, style(font, size, kText, Align::Left, leading), std::max(width, size * 1.05));
            if (b.height() <= height && (lines == 0 || b.lineCount() <= lines)) return size;
        }
        return smallest;
    }
};

// A picture drawn, with the lines of text on it (their text and boxes in pixels): what the
// segment's layout tells the previews, `gongshi compose` and the tests.
struct Drawn {
    Bitmap picture;
    renderer::Page page;
};

// One picture being drawn: items in pixels (a point is a pixel at 72 dpi), drawn through cairo.
struct Canvas {
    int width, height;
    renderer::PrintPage page;
    renderer::Page lines;

    Canvas(int w, int h, Color background) : width(w), height(h) { box(0, 0, w, h, background); }
    void box(double x, double y, double w, double h, Color fill, double radius = 0) {
        renderer::BoxItem b;
        b.x = x;
        b.y = y;
        b.width = w;
        b.height = h;
        b.fill = fill;
        b.radius = radius;
        page.items.push_back(b);
    }
    void text(double x, double y, TextBlock block) {
        const auto& all = block.lines();
        for (std::size_t k = 0; k < all.size(); ++k) {
            renderer::Line l;
            l.text = all[k].text;
            l.x = static_cast<int>(std::lround(x + all[k].x * block.scale()));
            l.y = static_cast<int>(std::lround(y + static_cast<double>(k) * block.pitch + (block.pitch - block.size) / 2));
            l.width = static_cast<int>(std::lround(all[k].width * block.scale()));
            l.forced = all[k].forced;
            lines.lines.push_back(std::move(l));
        }
        page.items.push_back(renderer::TextItem{x, y, std::move(block)});
    }
    Drawn draw() const {
        renderer::PrintSheet sheet;
        sheet.width = width;
        sheet.height = height;
        sheet.pages.push_back(page);
        return {renderer::renderPage(sheet, 0, 72), lines};
    }
};

std::string dateText(const LocalTime& at) {
    static const char* const weekdays[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
    int y = 0, m = 0, d = 0;
    if (std::sscanf(at.date.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return at.date;
    return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日 " + weekdays[std::clamp(at.weekday, 1, 7) - 1];
}

std::string timeText(const LocalTime& at) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", (at.minute / 60) % 24, at.minute % 60);
    return buf;
}

std::string pageMark(std::size_t k, std::size_t n) { return n > 1 ? std::to_string(k + 1) + " / " + std::to_string(n) : std::string(); }

// A cell of a row: its text set in its column.
struct Cell {
    double x = 0;
    TextBlock text;
    std::optional<double> y; // from the row's top; unset: centred in the row
};

// A row of a table or list: cells side by side, as high as the highest with its padding.
struct RowDraw {
    std::vector<Cell> cells;
    double height = 0;
    std::optional<Color> pill; // a coloured box behind the last cell (a window's state)
};

} // namespace

TvComposer::TvComposer(const ScreenRecord& screen, const LocalTime& at)
    : screen_(screen), at_(at), unit_(std::min(screen.width / 1920.0, screen.height / 1080.0)) {
    if (screen.width <= 0 || screen.height <= 0) throw InputError(msg::screenHasNoSize(screen.meta.id, screen.width, screen.height));
}

Area TvComposer::screenArea() const {
    Area a;
    a.width = screen_.width;
    a.height = screen_.height;
    a.dwellSeconds = kTvDwellSeconds;
    return a;
}

int TvComposer::headerHeight() const { return std::max(24, static_cast<int>(std::lround(112 * unit_))); }

namespace {

// A segment of pictures over `area`, with what the fonts lacked, cut to kTvMaxAreaPages.
Segment pictured(const Area& area, std::string source, std::vector<Drawn> pages, Pen& pen) {
    Segment s;
    s.source = std::move(source);
    s.effect = AreaEffect::Static; // pages flip: the player gets whole pictures
    s.dwellSeconds = std::max(1, area.dwellSeconds);
    s.speed = std::max(1, area.speed);
    s.x = area.x;
    s.y = area.y;
    s.width = area.width;
    s.height = area.height;
    s.font = kSans;
    s.color = kText;
    if (pages.size() > kTvMaxAreaPages) {
        pages.resize(kTvMaxAreaPages);
        s.warnings.push_back(msg::areaPagesCapped(area.x, area.y, area.width, area.height, kTvMaxAreaPages, 1));
    }
    for (auto& d : pages) {
        for (const auto& line : d.page.lines)
            if (line.forced) s.warnings.push_back(msg::wordCut(encodeUtf8(line.text)));
        s.pictures.push_back(std::move(d.picture));
        s.layout.pages.push_back(std::move(d.page));
    }
    std::sort(pen.missing.begin(), pen.missing.end());
    pen.missing.erase(std::unique(pen.missing.begin(), pen.missing.end()), pen.missing.end());
    for (char32_t cp : pen.missing) {
        std::string ch;
        appendUtf8(ch, cp);
        s.warnings.push_back(msg::fontLacks("print-sans", codePointName(cp), ch));
    }
    s.layout.missing = pen.missing;
    s.layout.width = area.width;
    s.layout.height = area.height;
    s.layout.font = kSans;
    return s;
}

// A panel: a title bar (title, page k of n on the right) over rows packed into pages, a row
// never split; `head` (a table's column heads) repeated on every page.
class Panel {
public:
    Panel(const Area& area, double unit, std::string title, Pen& pen) : area_(area), u_(unit), title_(std::move(title)), pen_(pen) {
        pad_ = std::round(20 * u_);
        titleH_ = title_.empty() || area.height < 200 * u_ ? 0 : std::round(64 * u_);
    }
    double pad() const { return pad_; }
    double innerWidth() const { return area_.width - 2 * pad_; }
    void head(RowDraw row, Color fill) {
        head_ = std::move(row);
        headFill_ = fill;
    }
    void row(RowDraw r) { rows_.push_back(std::move(r)); }
    bool empty() const { return rows_.empty(); }

    // The height rows have on a page.
    double room() const { return area_.height - top() - (head_ ? head_->height : 0) - pad_; }

    std::vector<Drawn> draw(bool zebra) {
        const double top = this->top();
        const double headH = head_ ? head_->height : 0;
        const double room = this->room();
        std::vector<std::vector<const RowDraw*>> pages(1);
        double used = 0;
        for (const auto& r : rows_) {
            if (!pages.back().empty() && used + r.height > room) {
                pages.emplace_back();
                used = 0;
            }
            pages.back().push_back(&r);
            used += r.height;
        }
        std::vector<Drawn> out;
        for (std::size_t k = 0; k < pages.size(); ++k) {
            Canvas c(area_.width, area_.height, kBackground);
            c.box(0, 0, area_.width, area_.height, kPanel, 10 * u_);
            if (titleH_ > 0) {
                c.box(0, 0, area_.width, titleH_, kPanelTitle, 10 * u_);
                c.box(0, titleH_ / 2, area_.width, titleH_ / 2, kPanelTitle);
                const double size = std::round(34 * u_);
                TextBlock t = pen_.set(title_, kBold, size, innerWidth(), kGold, Align::Left, 1.2);
                c.text(pad_, (titleH_ - t.pitch) / 2, std::move(t));
                const std::string mark = pageMark(k, pages.size());
                if (!mark.empty()) {
                    TextBlock m = pen_.set(mark, kSans, std::round(28 * u_), innerWidth(), kMuted, Align::Right, 1.2);
                    c.text(pad_, (titleH_ - m.pitch) / 2, std::move(m));
                }
            }
            double y = top;
            if (head_) {
                c.box(pad_, y, innerWidth(), headH, headFill_);
                for (const auto& cell : head_->cells) c.text(pad_ + cell.x, y + (headH - cell.text.height()) / 2, cell.text);
                y += headH;
            }
            int n = 0;
            for (const RowDraw* r : pages[k]) {
                if (zebra && n++ % 2 == 1) c.box(pad_, y, innerWidth(), r->height, kRowAlt);
                for (std::size_t i = 0; i < r->cells.size(); ++i) {
                    const Cell& cell = r->cells[i];
                    const double cy = cell.y ? y + *cell.y : y + (r->height - cell.text.height()) / 2;
                    if (r->pill && i + 1 == r->cells.size()) {
                        const double inset = std::round(8 * u_);
                        c.box(pad_ + cell.x - inset, cy - inset / 2, cell.text.width + 2 * inset, cell.text.height() + inset, *r->pill,
                              8 * u_);
                    }
                    c.text(pad_ + cell.x, cy, cell.text);
                }
                y += r->height;
            }
            if (titleH_ == 0 && pages.size() > 1) {
                TextBlock m = pen_.set(pageMark(k, pages.size()), kSans, std::round(22 * u_), innerWidth(), kMuted, Align::Right, 1.2);
                c.text(pad_, area_.height - pad_ - m.height() + pad_ / 2, std::move(m));
            }
            out.push_back(c.draw());
        }
        return out;
    }

private:
    double top() const { return titleH_ + (titleH_ > 0 ? pad_ / 2 : pad_); }

    Area area_;
    double u_;
    std::string title_;
    Pen& pen_;
    double pad_ = 0, titleH_ = 0;
    std::optional<RowDraw> head_;
    Color headFill_;
    std::vector<RowDraw> rows_;
};

// Columns of a table: their left edges and widths within the panel's inner width.
struct Columns {
    std::vector<double> x, width;
    Columns(double inner, std::initializer_list<double> shares, double gap) {
        double at = 0;
        for (double s : shares) {
            x.push_back(at + gap / 2);
            width.push_back(inner * s - gap);
            at += inner * s;
        }
    }
};

RowDraw tableRow(Pen& pen, const Columns& cols, const std::vector<std::pair<std::string, Color>>& texts, const char* font, double size,
                 double padY) {
    RowDraw r;
    double h = 0;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        Cell cell{cols.x[i], pen.set(texts[i].first, font, size, cols.width[i], texts[i].second, Align::Left, 1.3), std::nullopt};
        h = std::max(h, cell.text.height());
        r.cells.push_back(std::move(cell));
    }
    r.height = h + 2 * padY;
    return r;
}

} // namespace

std::vector<Segment> TvComposer::header(const Centre& centre, const Area& area) {
    Pen pen;
    Canvas c(area.width, area.height, kHeader);
    const double pad = std::round(40 * unit_);
    // The clock on the right: the time large, the date and weekday beside it.
    const std::string time = timeText(at_);
    const double timeSize = std::min(area.height * 0.62, 64 * unit_ * 1.0);
    const double timeWidth = pen.measure(time, kBold, timeSize);
    TextBlock t = pen.set(time, kBold, timeSize, timeWidth + timeSize, kText, Align::Left, 1.15);
    const double timeX = area.width - pad - timeWidth;
    c.text(timeX, (area.height - t.pitch) / 2, std::move(t));
    const std::string date = dateText(at_);
    const double dateSize = std::min(area.height * 0.28, 30 * unit_);
    const double dateWidth = pen.measure(date, kSans, dateSize);
    TextBlock d = pen.set(date, kSans, dateSize, dateWidth + dateSize, kHeaderDate, Align::Left, 1.2);
    const double dateX = timeX - std::round(28 * unit_) - dateWidth;
    c.text(dateX, (area.height - d.pitch) / 2, std::move(d));
    // The centre's name on the left, as large as the room left takes it on one line.
    const double room = dateX - 2 * pad;
    if (!centre.name.empty() && room > 0) {
        const double size = pen.fit(centre.name, kBold, std::min(area.height * 0.5, 54 * unit_), 10, room, area.height, 1, 1.2);
        TextBlock n = pen.set(centre.name, kBold, size, room, kText, Align::Left, 1.2);
        c.text(pad, (area.height - n.pitch) / 2, std::move(n));
    }
    Area a = area;
    a.dwellSeconds = 60;
    Segment s = pictured(a, "header", {c.draw()}, pen);
    if (centre.name.empty()) s.warnings.push_back(msg::centreHasNoName());
    return {std::move(s)};
}

std::vector<Segment> TvComposer::footer(const Centre& centre, const Area& area) {
    if (isBlankText(centre.complaintPhone)) return {};
    Pen pen;
    Canvas c(area.width, area.height, kFooter);
    const double pad = std::round(40 * unit_);
    TextBlock t = pen.set("监督投诉电话：" + centre.complaintPhone, kSans, std::min(area.height * 0.5, 28 * unit_), area.width - 2 * pad,
                          kMuted, Align::Left, 1.2);
    c.text(pad, (area.height - t.pitch) / 2, std::move(t));
    return {pictured(area, "footer", {c.draw()}, pen)};
}

std::vector<Segment> TvComposer::matterTable(const std::vector<Matter>& matters, const Area& area) {
    if (matters.empty()) return {};
    Pen pen;
    Panel panel(area, unit_, "办事事项", pen);
    const double size = std::max(12.0, std::round(32 * unit_));
    const Columns cols(panel.innerWidth(), {0.55, 0.27, 0.18}, std::round(24 * unit_));
    const double padY = std::round(12 * unit_);
    panel.head(tableRow(pen, cols, {{"事项名称", kText}, {"承诺时限", kText}, {"收费", kText}}, kBold, size * 0.9, padY), kTableHead);
    std::vector<std::string> warnings;
    for (const auto& m : matters) {
        const std::string limit = timeLimitText(m);
        const std::string fee = feeText(m);
        panel.row(tableRow(pen, cols, {{m.name, kText}, {limit.empty() ? "—" : limit, kMuted}, {fee, charged(m) ? kGold : kFree}}, kSans,
                           size, padY));
        if (!feeStated(m)) warnings.push_back("事项“" + m.name + "”没有写明是否收费");
    }
    Segment s = pictured(area, "matter-list", panel.draw(true), pen);
    s.warnings.insert(s.warnings.end(), warnings.begin(), warnings.end());
    return {std::move(s)};
}

std::vector<Segment> TvComposer::feeTable(const std::vector<Matter>& matters, const Area& area) {
    Pen pen;
    Panel panel(area, unit_, "收费标准", pen);
    const double size = std::max(12.0, std::round(30 * unit_));
    const Columns cols(panel.innerWidth(), {0.4, 0.25, 0.35}, std::round(24 * unit_));
    const double padY = std::round(12 * unit_);
    panel.head(tableRow(pen, cols, {{"事项名称", kText}, {"收费", kText}, {"收费依据", kText}}, kBold, size * 0.9, padY), kTableHead);
    std::vector<std::string> warnings;
    for (const auto& m : matters) {
        if (!charged(m)) continue;
        panel.row(tableRow(pen, cols, {{m.name, kText}, {feeText(m), kGold}, {feeBasisText(m), kMuted}}, kSans, size, padY));
        if (feeBasisMissing(m)) warnings.push_back("事项“" + m.name + "”收费，但没有填写收费依据");
    }
    if (panel.empty()) return {};
    Segment s = pictured(area, "fee-table", panel.draw(true), pen);
    s.warnings.insert(s.warnings.end(), warnings.begin(), warnings.end());
    return {std::move(s)};
}

std::vector<Segment> TvComposer::matter(const Matter& m, const Area& area) {
    Pen pen;
    Panel panel(area, unit_, "", pen);
    const double size = std::max(12.0, std::round(34 * unit_));
    const double w = panel.innerWidth();
    auto line = [&](const std::string& text, const char* font, double sz, Color c) {
        RowDraw r;
        r.cells.push_back({0, pen.set(text, font, sz, w, c, Align::Left, 1.35), std::nullopt});
        r.height = r.cells.back().text.height() + std::round(10 * unit_);
        panel.row(std::move(r));
    };
    line(m.name, kBold, size * 1.25, kGold);
    const std::string limit = timeLimitText(m);
    line("承诺时限：" + (limit.empty() ? std::string("—") : limit), kSans, size, kText);
    line("收费：" + feeText(m), kSans, size, kText);
    if (charged(m)) line("收费依据：" + feeBasisText(m), kSans, size * 0.85, kMuted);
    Segment s = pictured(area, "matter " + std::to_string(m.meta.id), panel.draw(false), pen);
    if (!feeStated(m)) s.warnings.push_back("事项“" + m.name + "”没有写明是否收费");
    return {std::move(s)};
}

std::vector<Segment> TvComposer::notices(const std::vector<const Notice*>& list, const Area& area) {
    if (list.empty()) return {};
    Pen pen;
    Panel panel(area, unit_, "公告栏", pen);
    const double size = std::max(12.0, std::round(30 * unit_));
    const double w = panel.innerWidth();
    const double gap = std::round(18 * unit_);
    // A notice longer than a page runs on over pages, its title repeated with （续）.
    const double room = panel.room();
    for (const Notice* n : list) {
        const std::string heading = noticeHeading(*n);
        const Color headColour = n->urgent ? rgb(0xFF8A80) : kGold;
        TextBlock body = pen.set(n->body, kSans, size, w, kText, Align::Left, 1.45);
        const std::size_t lines = isBlankText(n->body) ? 0 : body.lineCount();
        std::size_t first = 0;
        bool more = false;
        do {
            TextBlock h = pen.set(more ? heading + "（续）" : heading, kBold, size * 1.1, w, headColour, Align::Left, 1.3);
            RowDraw r;
            const double headH = h.height();
            r.cells.push_back({0, std::move(h), 0.0});
            const std::size_t fit = static_cast<std::size_t>(std::max(1.0, std::floor((room - headH - gap) / body.pitch)));
            const std::size_t take = std::min(fit, lines - first);
            double height = headH;
            if (take > 0) {
                TextBlock part = body.slice(first, take);
                height += part.height();
                r.cells.push_back({0, std::move(part), headH});
            }
            r.height = height + gap;
            panel.row(std::move(r));
            first += take;
            more = true;
        } while (first < lines);
    }
    return {pictured(area, "notices", panel.draw(false), pen)};
}

std::vector<Segment> TvComposer::windows(const std::vector<const Window*>& list, const std::vector<Staff>& staff,
                                         const std::set<Id>& absentStaff, const Area& area) {
    if (list.empty()) return {};
    Pen pen;
    Panel panel(area, unit_, list.size() == 1 ? "" : "窗口状态", pen);
    const double size = std::max(12.0, std::round((list.size() == 1 ? 44 : 28) * unit_));
    const Columns cols(panel.innerWidth(), {0.19, 0.53, 0.28}, std::round(20 * unit_));
    const double padY = std::round(10 * unit_);
    for (const Window* w : list) {
        const auto groups = windowStatusPhrases(*w, staff, absentStaff);
        const std::vector<std::string>& state = groups[1];
        Color colour = kServing;
        if (w->status == WindowStatus::Paused) colour = kPaused;
        if (w->status == WindowStatus::Away) colour = kAway;
        // The state first (服务中, 暂停服务, 暂离), then who serves or when they are back.
        std::string stateText = state.empty() ? std::string() : state[0];
        std::vector<std::string> rest(state.begin() + (state.empty() ? 0 : 1), state.end());
        // "14:30回" belongs with 暂离, before where and why.
        for (std::size_t i = 0; i < rest.size(); ++i)
            if (rest[i].size() > 3 && rest[i].compare(rest[i].size() - 3, 3, "回") == 0) {
                stateText += " " + rest[i];
                rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
                break;
            }
        RowDraw r;
        Cell label{cols.x[0], pen.set(windowLabel(*w), kBold, size, cols.width[0], kGold, Align::Left, 1.3), std::nullopt};
        std::string middle = w->business;
        const std::string detail = joinPhrases(rest);
        if (!detail.empty()) middle += (middle.empty() ? "" : "\n") + detail;
        Cell business{cols.x[1], pen.set(middle, kSans, size * 0.9, cols.width[1], kText, Align::Left, 1.3), std::nullopt};
        const double stateWidth = std::min(cols.width[2], pen.measure(stateText, kBold, size) + size * 0.2);
        Cell pill{cols.x[2] + std::round(8 * unit_), pen.set(stateText, kBold, size, stateWidth, kText, Align::Left, 1.3), std::nullopt};
        r.height = std::max({label.text.height(), business.text.height(), pill.text.height()}) + 2 * padY;
        r.cells = {std::move(label), std::move(business), std::move(pill)};
        r.pill = colour;
        panel.row(std::move(r));
    }
    const std::string source = list.size() == 1 ? "window " + std::to_string(list.front()->meta.id) : std::string("windows");
    return {pictured(area, source, panel.draw(true), pen)};
}

namespace {

// `text` centred on `background`, as large as the box takes it (at most `largest` pixels).
Segment bigText(const Area& area, double unit, const std::string& text, const char* font, double largest, Color colour, Color background,
                std::string source) {
    Pen pen;
    Canvas c(area.width, area.height, background);
    const double pad = std::round(32 * unit);
    const double w = std::max(1.0, area.width - 2 * pad), h = std::max(1.0, area.height - 2 * pad);
    const double size = pen.fit(text, font, std::min(largest, h / 1.3), 10, w, h, 0, 1.3);
    TextBlock b = pen.set(text, font, size, w, colour, Align::Center, 1.3);
    c.text(pad, std::max(0.0, (area.height - b.height()) / 2), std::move(b));
    return pictured(area, std::move(source), {c.draw()}, pen);
}

} // namespace

std::vector<Segment> TvComposer::welcome(const Centre& centre, const Area& area) {
    std::string text;
    for (const auto& p : welcomePhrases(centre)) text += (text.empty() ? "" : "\n") + p;
    Segment s = bigText(area, unit_, text, kBold, 120 * unit_, kText, kHeader, "welcome");
    if (centre.name.empty()) s.warnings.push_back(msg::centreHasNoName());
    return {std::move(s)};
}

std::vector<Segment> TvComposer::text(const std::string& text, const Area& area) {
    return {bigText(area, unit_, text, kBold, 96 * unit_, kText, kBackground, "text")};
}

std::vector<Segment> TvComposer::broadcast(const std::string& text, const Area& area) {
    return {bigText(area, unit_, text, kBold, 110 * unit_, kText, kAlarm, "broadcast")};
}

ComposedProgram TvComposer::empty() const {
    ComposedProgram p;
    p.width = screen_.width;
    p.height = screen_.height;
    p.colorMode = renderer::ColorMode::Rgb;
    return p;
}

ComposedProgram TvComposer::body(const ComposeRecords& records, const Date& today) {
    ComposedProgram p = empty();
    const int W = screen_.width, H = screen_.height;
    const int top = headerHeight();
    const bool footer = !isBlankText(records.centre.complaintPhone);
    const int footH = footer ? std::max(16, static_cast<int>(std::lround(64 * unit_))) : 0;
    const int gap = std::max(4, static_cast<int>(std::lround(24 * unit_)));
    auto add = [&](std::vector<Segment> segments) {
        for (auto& s : segments) p.segments.push_back(std::move(s));
    };
    if (footer) add(this->footer(records.centre, Area{0, H - footH, W, footH, std::nullopt, 1, 60}));
    std::vector<const Notice*> shown;
    for (const auto& n : records.notices)
        if (publishedOn(n, today)) shown.push_back(&n);
    std::vector<const Window*> windowList;
    for (const auto& w : records.windows) windowList.push_back(&w);

    // Below the header: the table on the left (or on top of a screen standing upright), the
    // windows and the notices beside (or below) it; a part with nothing to show leaves its room.
    const int y0 = top + gap, y1 = H - footH - gap;
    const int x0 = gap, x1 = W - gap;
    const bool side = !windowList.empty() || !shown.empty();
    const bool landscape = W >= H;
    Area table{x0, y0, x1 - x0, y1 - y0, std::nullopt, 1, kTvDwellSeconds};
    Area rest = table;
    if (side && !records.matters.empty()) {
        if (landscape) {
            table.width = static_cast<int>((x1 - x0 - gap) * 0.6);
            rest.x = table.x + table.width + gap;
            rest.width = x1 - rest.x;
        } else {
            table.height = static_cast<int>((y1 - y0 - gap) * 0.55);
            rest.y = table.y + table.height + gap;
            rest.height = y1 - rest.y;
        }
    }
    if (!records.matters.empty()) add(matterTable(records.matters, table));
    if (side) {
        Area win = rest, notes = rest;
        if (!windowList.empty() && !shown.empty()) {
            // Windows take the room their rows need, at most half.
            const int rowH = static_cast<int>(std::lround(76 * unit_));
            const int want = static_cast<int>(std::lround(84 * unit_)) + rowH * static_cast<int>(windowList.size()) + gap;
            win.height = std::min(want, (rest.height - gap) * 11 / 20);
            notes.y = win.y + win.height + gap;
            notes.height = rest.y + rest.height - notes.y;
        }
        if (!windowList.empty()) add(windows(windowList, records.staff, records.absentStaff, win));
        if (!shown.empty()) add(notices(shown, notes));
    }
    return p;
}

ComposedProgram TvComposer::defaultProgram(const ComposeRecords& records, const Date& today) {
    ComposedProgram p = empty();
    p.segments = header(records.centre, Area{0, 0, screen_.width, headerHeight(), std::nullopt, 1, 60});
    for (auto& s : body(records, today).segments) p.segments.push_back(std::move(s));
    return p;
}

ComposedProgram TvComposer::broadcastProgram(const Centre& centre, const std::string& text) {
    ComposedProgram p = empty();
    const int top = headerHeight();
    p.segments = header(centre, Area{0, 0, screen_.width, top, std::nullopt, 1, 60});
    for (auto& s : broadcast(text, Area{0, top, screen_.width, screen_.height - top, std::nullopt, 1, kTvDwellSeconds}))
        p.segments.push_back(std::move(s));
    return p;
}

ComposedProgram TvComposer::urgentProgram(const ComposeRecords& records, const std::vector<Id>& urgent) {
    ComposedProgram p = empty();
    const int top = headerHeight();
    p.segments = header(records.centre, Area{0, 0, screen_.width, top, std::nullopt, 1, 60});
    std::vector<const Notice*> list;
    for (Id id : urgent)
        if (const Notice* n = findById(records.notices, id)) list.push_back(n);
    const int gap = std::max(4, static_cast<int>(std::lround(24 * unit_)));
    const Area area{gap, top + gap, screen_.width - 2 * gap, screen_.height - top - 2 * gap, std::nullopt, 1, kTvDwellSeconds};
    for (auto& s : notices(list, area)) {
        for (auto& id : list) s.source = "notice " + std::to_string(id->meta.id);
        p.segments.push_back(std::move(s));
    }
    return p;
}

namespace {

// An uploaded picture as large as the area takes it, proportions kept, centred on the
// background, scaled smoothly by cairo (no dithering: a television has every colour).
std::vector<Segment> tvPicture(const Picture& picture, const std::string& dataDir, const Area& area, std::vector<std::string>& warnings) {
    const auto rgb = pictureToShow(picture, dataDir, area.width, area.height, warnings);
    if (!rgb) return {};
    const double scale = std::min(static_cast<double>(area.width) / rgb->width(), static_cast<double>(area.height) / rgb->height());
    const double w = rgb->width() * scale, h = rgb->height() * scale;
    Canvas c(area.width, area.height, kBackground);
    c.page.items.push_back(renderer::ImageItem{(area.width - w) / 2, (area.height - h) / 2, w, h, *rgb});
    Pen pen;
    std::vector<Drawn> pages;
    pages.push_back(c.draw());
    return {pictured(area, "image " + std::to_string(picture.id), std::move(pages), pen)};
}

} // namespace

std::vector<Segment> TvComposer::itemSegments(const ProgramItem& item, const ComposeRecords& records, const Date& today, const Area& area,
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
            if (publishedOn(*n, today)) return notices({n}, area);
            warnings.push_back(msg::outsidePublication(what, today));
            return {};
        }
        break;
    case ItemKind::Window:
        if (const Window* w = findById(records.windows, item.recordId)) return windows({w}, records.staff, records.absentStaff, area);
        break;
    case ItemKind::Centre:
        return welcome(records.centre, area);
    case ItemKind::MatterList:
        return matterTable(records.matters, area);
    case ItemKind::FeeTable:
        return feeTable(records.matters, area);
    case ItemKind::NoticeList: {
        std::vector<const Notice*> shown;
        for (const auto& n : records.notices)
            if (publishedOn(n, today)) shown.push_back(&n);
        return notices(shown, area);
    }
    case ItemKind::Text:
        if (!item.text.empty()) return text(item.text, area);
        warnings.push_back(msg::emptyTextItem());
        return {};
    case ItemKind::Image:
        if (const Picture* picture = findPictureById(records.pictures, item.recordId))
            return tvPicture(*picture, records.dataDir, area, warnings);
        break;
    case ItemKind::Clock: {
        std::vector<Segment> out = text(clockText(item.text, today, at_.minute, at_.second), area);
        for (auto& s : out) s.source = "clock";
        return out;
    }
    case ItemKind::Countdown: {
        const Notice* n = item.recordId == 0 ? nullptr : findById(records.notices, item.recordId);
        if (item.recordId != 0 && !n) break;
        const auto wording = countdownWording(n ? n->publishUntil : item.text, n != nullptr, today, warnings);
        if (!wording) return {};
        std::vector<Segment> out = text(*wording, area);
        for (auto& s : out) s.source = "countdown";
        return out;
    }
    case ItemKind::ReviewQr: {
        auto qr = reviewQrPicture(records.centre, area.width, area.height, renderer::ColorMode::Rgb, renderer::Color::white(), warnings);
        if (!qr) return {};
        // Outside the code and its quiet zone (the lit square), the television's background.
        int left = qr->width(), top = qr->height(), right = -1, bottom = -1;
        for (int y = 0; y < qr->height(); ++y)
            for (int x = 0; x < qr->width(); ++x)
                if (qr->lit(x, y)) {
                    left = std::min(left, x);
                    right = std::max(right, x);
                    top = std::min(top, y);
                    bottom = std::max(bottom, y);
                }
        for (int y = 0; y < qr->height(); ++y)
            for (int x = 0; x < qr->width(); ++x)
                if (x < left || x > right || y < top || y > bottom) qr->setPixel(x, y, kBackground);
        return {pictureSegment("review-qr", area, renderer::Color::white(), std::move(*qr))};
    }
    default:
        // A kind a television does not draw yet.
        warnings.push_back(what + "：电视暂不显示这类内容");
        return {};
    }
    warnings.push_back(msg::itemGone(what));
    return {};
}

ComposedProgram TvComposer::program(const Program& program, const ComposeRecords& records, const Date& today) {
    ComposedProgram p = empty();
    composeAreas(program, screen_.width, screen_.height, p, [&](const ProgramArea& a) {
        // Pages flip whatever the area's effect: the player gets whole pictures.
        const Area area{a.x, a.y, a.width, a.height, AreaEffect::Static, 1, std::max(1, a.dwellSeconds)};
        for (const auto& item : a.items)
            for (auto& s : itemSegments(item, records, today, area, p.warnings)) p.segments.push_back(std::move(s));
    });
    return p;
}

namespace {

// The default layout's body of each television as last composed, by screen, with the key it was
// made from less the minute: the header alone is drawn again when only the minute changed.
struct BodyCache {
    std::mutex mutex;
    std::map<Id, std::pair<std::string, std::shared_ptr<const ComposedProgram>>> bodies;
};

BodyCache& bodyCache() {
    static BodyCache cache;
    return cache;
}

std::string withoutMinute(const std::string& key) {
    const auto at = key.find("|t");
    if (at == std::string::npos) return key;
    const auto end = key.find('|', at + 2);
    return key.substr(0, at) + (end == std::string::npos ? "" : key.substr(end));
}

} // namespace

ScreenPlan composeTelevision(const ScreenRecord& screen, const ScreenChoice& choice, const ComposeRecords& records) {
    TvComposer tv(screen, choice.at);
    ScreenPlan plan;
    plan.source = choice.source();
    if (choice.broadcast) {
        plan.urgent = true;
        plan.program = tv.broadcastProgram(records.centre, choice.broadcast->text);
        for (auto& s : plan.program.segments)
            if (s.source != "header") s.source = "broadcast " + std::to_string(choice.broadcast->id);
    } else if (!choice.urgent.empty()) {
        plan.urgent = true;
        plan.program = tv.urgentProgram(records, choice.urgent);
    } else if (choice.program) {
        plan.program = tv.program(*choice.program, records, choice.date);
    } else {
        const std::string key = withoutMinute(choice.key);
        std::shared_ptr<const ComposedProgram> body;
        {
            BodyCache& cache = bodyCache();
            std::lock_guard lock(cache.mutex);
            auto it = cache.bodies.find(screen.meta.id);
            if (it != cache.bodies.end() && it->second.first == key && !key.empty()) body = it->second.second;
        }
        if (!body) {
            body = std::make_shared<const ComposedProgram>(tv.body(records, choice.date));
            BodyCache& cache = bodyCache();
            std::lock_guard lock(cache.mutex);
            cache.bodies[screen.meta.id] = {key, body};
        }
        plan.program.width = screen.width;
        plan.program.height = screen.height;
        plan.program.colorMode = renderer::ColorMode::Rgb;
        plan.program.segments = tv.header(records.centre, Area{0, 0, screen.width, tv.headerHeight(), std::nullopt, 1, 60});
        for (const auto& s : body->segments) plan.program.segments.push_back(s);
        plan.program.warnings = body->warnings;
    }
    return plan;
}

} // namespace gongshi::content
