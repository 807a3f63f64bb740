#include "sheets/SheetParts.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "print/PrintText.h"
#include "rules/Wording.h"
#include "records/FileStore.h"
#include "print/ImageDecode.h"

#include <algorithm>
#include <cmath>

namespace gongshi::content::sheets {

namespace {

// One 岗位牌: window and post in a red band, photo, name (and the Party member mark), unit,
// position, phone.
void postCard(Input& in, double x, double y, double cw, double ch, const Window& w, const Staff& s, bool bPost) {
    SheetFlow& fl = in.flow;
    const Id id = s.meta.id;
    const double band = mm(11);
    fl.add(renderer::BoxItem{x, y, cw, ch, Color::white(), renderer::Stroke{Color{0xBB, 0xBB, 0xBB}, 0.3, false}, 0});
    fl.add(renderer::BoxItem{x, y, cw, band, kCardRed, std::nullopt, 0});
    const TextStyle bandStyle = style("print-sans-bold", 11, Align::Left, 1.2, Color::white());
    const std::string post = bPost ? "B岗" : "A岗";
    TextStyle postStyle = bandStyle;
    postStyle.align = Align::Right;
    const double postWidth = mm(12);
    TextBlock label =
        fl.set(windowLabel(w) + "　" + w.business, bandStyle, cw - mm(6) - postWidth, source("window", w.meta.id, "business"));
    if (label.lineCount() > 1) {
        TextStyle small = bandStyle;
        small.size = 8;
        label = fl.set(windowLabel(w) + "　" + w.business, small, cw - mm(6) - postWidth, source("window", w.meta.id, "business"));
    }
    fl.add(renderer::TextItem{x + mm(3), y + (band - label.height()) / 2, label});
    TextBlock postBlock = fl.set(post, postStyle, postWidth);
    fl.add(renderer::TextItem{x + cw - mm(3) - postWidth, y + (band - postBlock.height()) / 2, postBlock});

    const double pw = mm(25), ph = mm(32);
    const double px = x + mm(4.5), py = y + band + (ch - band - ph) / 2;
    bool drawn = false;
    if (!s.photo.empty() && in.files) {
        try {
            // Decoded no larger than the frame takes at twice 300 dpi (what the PDF keeps of it), so a
            // sheet of cards holds small pictures whatever size the photo was kept at.
            const int frameSide = static_cast<int>(std::ceil(std::max(pw, ph) / 72 * 600));
            renderer::Bitmap picture = renderer::decodeImage(in.files->read(s.photo), "of staff " + std::to_string(id), frameSide);
            fl.add(renderer::ImageItem{px, py, pw, ph, std::move(picture)});
            fl.add(renderer::BoxItem{px, py, pw, ph, std::nullopt, renderer::Stroke{Color{0x88, 0x88, 0x88}, 0.3, false}, 0});
            drawn = true;
        } catch (const Error& e) {
            fl.warn(source("staff", id, "photo"), "照片无法读取（" + s.name + "）：" + e.what());
        }
    } else {
        fl.warn(source("staff", id, "photo"), "没有照片（" + s.name + "），岗位牌上留空白照片框");
    }
    if (!drawn) {
        fl.add(renderer::BoxItem{px, py, pw, ph, std::nullopt, renderer::Stroke{kRuleGrey, 0.5, true}, 0});
        TextBlock word = fl.set("照片", style("print-sans", 9, Align::Center, 1.2, kRuleGrey), pw);
        fl.add(renderer::TextItem{px, py + (ph - word.height()) / 2, word});
    }

    const double tx = px + pw + mm(4), tw = x + cw - mm(3.5) - tx;
    double ty = y + band + mm(4.5);
    const TextStyle nameStyle = style("print-sans-bold", 18, Align::Left, 1.25);
    const TextStyle badgeStyle = style("print-sans-bold", 8, Align::Center, 1.25, Color::white());
    const double badgeWidth = s.partyMember ? fl.typesetter().measure("中共党员", badgeStyle) + mm(3) : 0;
    const bool badgeBeside = s.partyMember && fl.typesetter().measure(s.name, nameStyle) + mm(2) + badgeWidth <= tw;
    TextBlock name = fl.set(s.name, nameStyle, badgeBeside ? tw - badgeWidth - mm(2) : tw, source("staff", id, "name"));
    fl.add(renderer::TextItem{tx, ty, name});
    auto badge = [&](double bx, double by) {
        TextBlock word = fl.set("中共党员", badgeStyle, badgeWidth);
        const double bh = word.height() + mm(1);
        fl.add(renderer::BoxItem{bx, by, badgeWidth, bh, kCardRed, std::nullopt, mm(1)});
        fl.add(renderer::TextItem{bx, by + mm(0.5), word});
        return bh;
    };
    if (badgeBeside) badge(tx + name.inkWidth() + mm(2), ty + (name.pitch - (badgeStyle.size * 1.25 + mm(1))) / 2);
    ty += name.height() + mm(1.5);
    if (s.partyMember && !badgeBeside) ty += badge(tx, ty) + mm(1.5);
    const TextStyle info = style("print-sans", 9.5, Align::Left, 1.5);
    auto fact = [&](const std::string& labelText, const std::string& value, const char* field) {
        if (value.empty()) {
            fl.warn(source("staff", id, field), "岗位牌上缺少" + labelText + "（" + s.name + "）");
            return;
        }
        TextBlock b = fl.set(labelText + "：" + value, info, tw, source("staff", id, field));
        fl.add(renderer::TextItem{tx, ty, b});
        ty += b.height();
    };
    fact("单位", s.unit, "unit");
    fact("职务", s.position, "position");
    fact("电话", s.phone, "phone");
}

// Crop marks at a card's corners, in the gutter, clear of the card itself.
void cutMarks(SheetFlow& fl, double x, double y, double w, double h) {
    const double off = mm(1.5), len = mm(3);
    const renderer::Stroke hair{Color::black(), 0.25, false};
    for (double cx : {x, x + w})
        for (double cy : {y, y + h}) {
            const double sx = cx == x ? -1 : 1, sy = cy == y ? -1 : 1;
            fl.add(renderer::LineItem{cx + sx * off, cy, cx + sx * (off + len), cy, hair});
            fl.add(renderer::LineItem{cx, cy + sy * off, cx, cy + sy * (off + len), hair});
        }
}

} // namespace

// 岗位牌: a card for every staff member posted at a window (A post, then B post), as many to a
// page as fit, with cut marks.
SheetFlow::Footer postcards(Input& in) {
    SheetFlow& fl = in.flow;
    const double cw = mm(90), ch = mm(55), gutter = mm(10);
    const int cols = static_cast<int>(std::floor((fl.contentWidth() + gutter) / (cw + gutter)));
    const int rows = static_cast<int>(std::floor((fl.bottom() - fl.top() + gutter) / (ch + gutter)));
    if (cols < 1 || rows < 1) throw InputError(msg::paperTooSmallForPostCard());
    const double gridW = cols * cw + (cols - 1) * gutter, gridH = rows * ch + (rows - 1) * gutter;
    const double x0 = (fl.pageWidth() - gridW) / 2, y0 = (fl.pageHeight() - gridH) / 2;

    std::vector<const Window*> windows;
    for (const auto& w : in.records.windows) windows.push_back(&w);
    std::stable_sort(windows.begin(), windows.end(),
                     [](const Window* a, const Window* b) { return windowOrder(a->number) < windowOrder(b->number); });
    struct Card {
        const Window* window;
        const Staff* staff;
        bool bPost;
    };
    std::vector<Card> cards;
    for (const Window* w : windows)
        for (Id sid : {w->postA, w->postB}) {
            if (sid == 0) continue;
            const Staff* s = nullptr;
            for (const auto& st : in.records.staff)
                if (st.meta.id == sid) s = &st;
            if (!s) {
                fl.warn(source("window", w->meta.id, sid == w->postA ? "post_a" : "post_b"),
                        "岗位上的工作人员（编号 " + std::to_string(sid) + "）不存在");
                continue;
            }
            cards.push_back({w, s, sid == w->postB && sid != w->postA});
        }
    const std::size_t perPage = static_cast<std::size_t>(cols * rows);
    for (std::size_t k = 0; k < cards.size(); ++k) {
        if (k > 0 && k % perPage == 0) fl.newPage();
        const std::size_t at = k % perPage;
        const double x = x0 + static_cast<double>(at % cols) * (cw + gutter);
        const double y = y0 + static_cast<double>(at / cols) * (ch + gutter);
        postCard(in, x, y, cw, ch, *cards[k].window, *cards[k].staff, cards[k].bPost);
        cutMarks(fl, x, y, cw, ch);
    }
    if (cards.empty()) {
        fl.warn(source("centre", in.records.centre.meta.id), "没有窗口安排了工作人员，没有岗位牌可印");
        fl.place(fl.set("尚未为窗口安排人员，没有岗位牌可印。", style("print-sans", 12), fl.contentWidth()), fl.left());
    }
    return nullptr;
}

} // namespace gongshi::content::sheets
