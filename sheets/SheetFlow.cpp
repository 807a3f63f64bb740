#include "sheets/SheetFlow.h"

#include "common/Error.h"
#include "common/Utf8.h"
#include "common/Messages.h"

#include <algorithm>
#include <cmath>

namespace gongshi::content {

using renderer::TextBlock;

SheetFlow::SheetFlow(renderer::PrintTypesetter& typesetter, double width, double height, double margin, double footer, std::string title)
    : typesetter_(typesetter), width_(width), height_(height), margin_(margin), footer_(footer) {
    if (bottom() - top() < 36 || contentWidth() < 36)
        throw InputError(
            msg::paperTooSmallForMargins(std::lround(width / renderer::kPointsPerMm), std::lround(height / renderer::kPointsPerMm)));
    sheet_.width = width;
    sheet_.height = height;
    sheet_.title = std::move(title);
    sheet_.pages.emplace_back();
    y = pageTop_ = top();
}

std::string SheetWarning::text() const {
    std::string out = source.record.empty() ? std::string("sheet") : source.record;
    if (source.id) out += " " + std::to_string(source.id);
    if (!source.field.empty()) out += " " + source.field;
    return out + ": " + message;
}

TextBlock SheetFlow::set(const std::string& text, const renderer::TextStyle& style, double width, const SheetSource& source) {
    TextBlock b = typesetter_.set(text, style, width);
    for (char32_t cp : b.layout.missing) {
        missing_.insert(cp);
        std::string ch;
        appendUtf8(ch, cp);
        warn(source, "字体 " + style.font + " 中没有 " + codePointName(cp) + "（" + ch + "），印出为方框：请改用通用字或补充字体");
    }
    return b;
}

void SheetFlow::warn(const SheetSource& source, const std::string& message) {
    SheetWarning w{source, message};
    if (warned_.insert(w.text()).second) warnings_.push_back(std::move(w));
}

void SheetFlow::newPage() {
    sheet_.pages.emplace_back();
    y = top();
    if (head_) head_(*this);
    pageTop_ = y;
    headHeight_ = y - top();
}

void SheetFlow::need(double height) {
    if (height > room() && !atPageTop()) newPage();
}

void SheetFlow::add(renderer::PrintItem item) { sheet_.pages.back().items.push_back(std::move(item)); }

void SheetFlow::place(const TextBlock& block, double x) {
    add(renderer::TextItem{x, y, block});
    y += block.height();
}

void SheetFlow::flow(const TextBlock& block, double x) {
    const std::size_t n = block.lineCount();
    for (std::size_t i = 0; i < n;) {
        const auto fit = static_cast<std::size_t>(std::max(0.0, std::floor((room() + 0.01) / block.pitch)));
        if (fit == 0) {
            if (atPageTop()) throw InputError(msg::paperTooSmallForText(block.size));
            newPage();
            continue;
        }
        const std::size_t take = std::min(fit, n - i);
        place(block.slice(i, take), x);
        i += take;
        if (i < n) newPage();
    }
}

renderer::PrintSheet SheetFlow::finish(const Footer& footer) {
    const std::size_t count = sheet_.pages.size();
    if (footer)
        for (std::size_t i = 0; i < count; ++i) footer(*this, sheet_.pages[i], i, count);
    return sheet_;
}

TableFlow::TableFlow(SheetFlow& flow, std::vector<double> widths, std::vector<TableCell> header, Look look)
    : flow_(flow), widths_(std::move(widths)), header_(std::move(header)), look_(look) {}

double TableFlow::rowHeight(const std::vector<TableCell>& cells) const {
    double h = 0;
    for (const auto& c : cells) h = std::max({h, c.text.height(), c.checkbox ? look_.checkbox : 0.0});
    return h + 2 * look_.padding;
}

void TableFlow::draw(const std::vector<TableCell>& cells, double height, bool header, bool centred) {
    double x = flow_.left();
    for (std::size_t i = 0; i < cells.size() && i < widths_.size(); ++i) {
        const double w = widths_[i];
        renderer::BoxItem box{x, flow_.y, w, height, std::nullopt, look_.rule, 0};
        if (header) box.fill = look_.headerFill;
        flow_.add(box);
        const TableCell& c = cells[i];
        if (c.checkbox) {
            const double s = look_.checkbox;
            flow_.add(renderer::BoxItem{x + (w - s) / 2, flow_.y + (height - s) / 2, s, s, std::nullopt,
                                        renderer::Stroke{look_.rule.color, std::max(0.6, look_.rule.width), false}, 0});
        }
        if (c.text.lineCount() > 0) {
            const double ty = centred ? flow_.y + (height - c.text.height()) / 2 : flow_.y + look_.padding;
            flow_.add(renderer::TextItem{x + look_.padding, ty, c.text});
        }
        x += w;
    }
    flow_.y += height;
}

void TableFlow::startPage() {
    headerPage_ = flow_.pageCount() - 1;
    if (!header_.empty()) draw(header_, rowHeight(header_), true, true);
    rowsTop_ = flow_.y;
}

void TableFlow::row(std::vector<TableCell> cells, const SheetSource& source) {
    // Whether the whole row fits on a page of its own under the header; if not it is split, from
    // wherever it starts.
    const bool fitsAPage = rowHeight(cells) <= flow_.freshRoom() - headerHeight() + 0.01;
    double firstLines = 0; // the least of the row worth starting on a page: a line of each cell
    for (const auto& c : cells)
        firstLines = std::max({firstLines, c.text.lineCount() ? c.text.pitch : 0.0, c.checkbox ? look_.checkbox : 0.0});
    if (headerPage_ != flow_.pageCount() - 1) flow_.need(headerHeight() + (fitsAPage ? rowHeight(cells) : firstLines + 2 * look_.padding));
    bool split = false;
    for (;;) {
        if (headerPage_ != flow_.pageCount() - 1) startPage();
        const double h = rowHeight(cells);
        if (h <= flow_.room() + 0.01) {
            draw(cells, h, false, !split);
            return;
        }
        if (fitsAPage && !split) {
            flow_.newPage(); // the whole row on the next page, under the header
            continue;
        }
        // Taller than a page holds below its header: as many lines of each cell as fit here, the
        // rest on the next page.
        const double avail = flow_.room() - 2 * look_.padding;
        std::vector<TableCell> piece(cells.size()), rest(cells.size());
        bool any = false;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const TableCell& c = cells[i];
            piece[i].checkbox = c.checkbox && look_.checkbox <= avail;
            rest[i].checkbox = c.checkbox && !piece[i].checkbox;
            const std::size_t count = c.text.lineCount();
            std::size_t n = 0;
            if (count > 0) n = std::min(count, static_cast<std::size_t>(std::max(0.0, std::floor((avail + 0.01) / c.text.pitch))));
            piece[i].text = c.text.slice(0, n);
            rest[i].text = c.text.slice(n, count - n);
            any = any || n > 0;
        }
        if (!any) {
            if (flow_.y <= rowsTop_ + 0.01) throw InputError(msg::paperTooSmallForTableRow());
            flow_.newPage();
            continue;
        }
        draw(piece, flow_.room(), false, false);
        flow_.warn(source, "这一行比一页还高，分在两页印");
        split = true;
        cells = std::move(rest);
        flow_.newPage();
    }
}

} // namespace gongshi::content
