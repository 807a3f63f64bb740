#pragma once
// How sheets fill paper: a cursor moving down a page's content area, new pages when things do
// not fit (with a running head), footers once the page count is known, and tables whose rows
// flow over pages under a repeated header row. Every text is set through here, so a character no
// font has is reported against the record and field it came from.
#include "records/Records.h"
#include "print/PrintDocument.h"
#include "print/PrintText.h"

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace gongshi::content {

// Where a text or a warning comes from: a record and its field, as the API spells them.
struct SheetSource {
    std::string record; // "matter", "notice", "centre", "staff", "window"; empty: the sheet's own words
    Id id = 0;
    std::string field;
};

// Something a person should know before printing, about one record's field.
struct SheetWarning {
    SheetSource source;
    std::string message; // Chinese, says what is wrong and what the paper shows instead

    // "matter 3 name: 字体 print-sans 中没有 U+2A6D7（𪛗），印出为方框"
    std::string text() const;
};

class SheetFlow {
public:
    // Sizes in points. `footer` is the height kept free above the bottom margin for footers.
    SheetFlow(renderer::PrintTypesetter& typesetter, double width, double height, double margin, double footer, std::string title);

    renderer::PrintTypesetter& typesetter() { return typesetter_; }
    // Sets text; each character no font has is a warning against `source`.
    renderer::TextBlock set(const std::string& text, const renderer::TextStyle& style, double width, const SheetSource& source = {});

    double pageWidth() const { return width_; }
    double pageHeight() const { return height_; }
    double left() const { return margin_; }
    double right() const { return width_ - margin_; }
    double top() const { return margin_; }
    double bottom() const { return height_ - margin_ - footer_; } // where content ends
    double footerTop() const { return bottom(); }
    double contentWidth() const { return right() - left(); }

    double y = 0; // where the next thing goes
    double room() const { return bottom() - y; }
    bool atPageTop() const { return y <= pageTop_ + 0.01; }

    std::size_t pageCount() const { return sheet_.pages.size(); }
    void newPage();
    // Called at the top of every page after the first (a running head); it may move y.
    void onNewPage(std::function<void(SheetFlow&)> head) { head_ = std::move(head); }
    // Starts a new page unless `height` fits below the cursor (or the page is still empty).
    void need(double height);
    // Room on a page after the first, below its running head (as measured on the last new page;
    // before one, as if the head took none).
    double freshRoom() const { return bottom() - top() - headHeight_; }

    void add(renderer::PrintItem item);
    // The block at x with its top at the cursor; the cursor moves below it.
    void place(const renderer::TextBlock& block, double x);
    // The block's lines at x, as many as fit on each page, over as many pages as needed.
    void flow(const renderer::TextBlock& block, double x);
    void gap(double height) { y = std::min(bottom(), y + height); }

    void warn(const SheetSource& source, const std::string& message); // once per source and message
    const std::vector<SheetWarning>& warnings() const { return warnings_; }
    const std::set<char32_t>& missing() const { return missing_; }

    // The sheet, with `footer(flow, page, index, count)` run for every page.
    using Footer = std::function<void(SheetFlow&, renderer::PrintPage&, std::size_t, std::size_t)>;
    renderer::PrintSheet finish(const Footer& footer);

private:
    renderer::PrintTypesetter& typesetter_;
    double width_, height_, margin_, footer_;
    double pageTop_ = 0;
    double headHeight_ = 0;
    renderer::PrintSheet sheet_;
    std::function<void(SheetFlow&)> head_;
    std::vector<SheetWarning> warnings_;
    std::set<std::string> warned_;
    std::set<char32_t> missing_;
};

struct TableCell {
    renderer::TextBlock text;
    bool checkbox = false; // an empty box to tick, centred in the cell (the text is then empty)
};

// A ruled table across the content width whose rows never split between pages unless one is
// taller than a whole page.
class TableFlow {
public:
    struct Look {
        double padding = 4;    // points around a cell's text
        renderer::Stroke rule; // cell borders
        renderer::Color headerFill{0xE8, 0xE8, 0xE8};
        double checkbox = 10; // side of a checkbox, points
    };
    // `widths` in points (they should add up to the content width); `header` may be empty.
    TableFlow(SheetFlow& flow, std::vector<double> widths, std::vector<TableCell> header, Look look);

    // Adds a row below the last: on this page when it fits, else on a new page under the repeated
    // header. A row taller than a page is split line by line, with a warning against `source`.
    void row(std::vector<TableCell> cells, const SheetSource& source);

private:
    double rowHeight(const std::vector<TableCell>& cells) const;
    double headerHeight() const { return header_.empty() ? 0 : rowHeight(header_); }
    void draw(const std::vector<TableCell>& cells, double height, bool header, bool centred);
    void startPage();

    SheetFlow& flow_;
    std::vector<double> widths_;
    std::vector<TableCell> header_;
    Look look_;
    std::size_t headerPage_ = static_cast<std::size_t>(-1); // the page the header was last drawn on
    double rowsTop_ = 0;                                    // where that page's rows begin
};

} // namespace gongshi::content
