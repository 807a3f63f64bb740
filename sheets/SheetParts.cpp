#include "sheets/SheetParts.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "common/Parse.h"
#include "print/PrintText.h"
#include "records/CentreNaming.h"
#include "rules/Wording.h"

#include <charconv>
#include "records/MatterCsv.h"

namespace gongshi::content::sheets {

TextStyle style(const char* font, double size, Align align, double leading, Color color) {
    TextStyle s;
    s.font = font;
    s.size = size;
    s.align = align;
    s.leading = leading;
    s.color = color;
    return s;
}

SheetSource source(const char* record, Id id, const char* field) { return {record, id, field}; }

// "2026-11-05" -> "2026年11月5日"; other text as it is.
std::string chineseDate(const Date& d) {
    const auto ymd = parse::tryDate(d);
    if (!ymd) return d;
    return std::to_string(static_cast<int>(ymd->year())) + "年" + std::to_string(static_cast<unsigned>(ymd->month())) + "月" +
           std::to_string(static_cast<unsigned>(ymd->day())) + "日";
}

std::string standardName(const Centre& c, SheetFlow& flow) {
    try {
        std::string standard = standardCentreName(c);
        if (!c.name.empty() && c.name != standard)
            flow.warn(source("centre", c.meta.id, "name"), msg::centreNameNotStandard(c.name, standard) + "，印的是规范名称");
        return standard;
    } catch (const ValidationError& e) {
        flow.warn(source("centre", c.meta.id, e.field().c_str()),
                  std::string("无法按附件1组成规范名称（") + e.what() + "），印的是在用名称");
        return c.name;
    }
}

const Matter& findMatter(const ComposeRecords& r, Id id, SheetKind kind) {
    if (id == 0) throw InputError(msg::sheetNeedsMatter(std::string(sheetKindChinese(kind))));
    for (const auto& m : r.matters)
        if (m.meta.id == id) return m;
    throw NotFoundError(msg::notPublishedInCentre("事项", id, r.centre.meta.id));
}

const Notice& findNotice(const ComposeRecords& r, Id id) {
    if (id == 0) throw InputError(msg::sheetNeedsNotice(std::string(sheetKindChinese(SheetKind::Notice))));
    for (const auto& n : r.notices)
        if (n.meta.id == id) return n;
    throw NotFoundError(msg::notPublishedInCentre("公告", id, r.centre.meta.id));
}

// Numbered materials, one a paragraph: "1. 居民身份证（原件及复印件1份）".
std::string numberedMaterials(const Matter& m) {
    std::string out;
    for (std::size_t i = 0; i < m.materials.size(); ++i) {
        if (i) out += "\n";
        out += std::to_string(i + 1) + ". " + materialsText({m.materials[i]});
    }
    return out;
}

// The fee basis as the poster and the guide show it, with a warning where the law wants one.
std::string feeBasis(const Matter& m, SheetFlow& flow) {
    if (!feeStated(m))
        flow.warn(source("matter", m.meta.id, "fees"), "未写明收费标准，印为“收费标准待公布”");
    else if (feeBasisMissing(m))
        flow.warn(source("matter", m.meta.id, "fee_basis"), std::string("收费未写明依据，印为“") + kNotStated + "”");
    return feeBasisText(m);
}

double windowOrder(const std::string& number) {
    double v = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
    return ec == std::errc() && end == number.data() + number.size() ? v : 1e9;
}

void formRow(SheetFlow& flow, const std::vector<FormPart>& parts, const TextStyle& st) {
    const double pitch = st.size * st.leading;
    flow.need(pitch);
    double x = flow.left();
    for (const auto& p : parts) {
        if (p.blank > 0) {
            const double baseline = flow.y + pitch / 2 + st.size * 0.42;
            flow.add(renderer::LineItem{x, baseline, x + p.blank, baseline, renderer::Stroke{Color::black(), 0.5, false}});
            x += p.blank;
        } else {
            const double w = std::max(flow.typesetter().measure(p.text, st) + 1, p.width);
            flow.add(renderer::TextItem{x, flow.y, flow.set(p.text, st, std::max(w, st.size * 1.1))});
            x += w;
        }
    }
    flow.y += pitch;
}

// The title block: the sheet's name, bold and centred, and the centre's name under it.
void heading(Input& in, const std::string& title, const SheetSource& titleSource, double size) {
    SheetFlow& fl = in.flow;
    fl.place(fl.set(title, style("print-sans-bold", size * in.f, Align::Center, 1.3), fl.contentWidth(), titleSource), fl.left());
    fl.gap(mm(1) * in.f);
    fl.place(fl.set(in.centreName, style("print-sans", 12 * in.f, Align::Center), fl.contentWidth(),
                    source("centre", in.records.centre.meta.id, "name")),
             fl.left());
    fl.gap(mm(4) * in.f);
}

// "第1页／共3页" at the right of the footer band, `left` at its left.
SheetFlow::Footer footer(double f, std::string left, bool numbersAlways) {
    return [f, left, numbersAlways](SheetFlow& fl, renderer::PrintPage& page, std::size_t i, std::size_t count) {
        const TextStyle st = style("print-sans", 9 * f, Align::Left, 1.3, kGrey);
        const double y = fl.footerTop() + mm(3) * f;
        if (!left.empty()) page.items.push_back(renderer::TextItem{fl.left(), y, fl.set(left, st, fl.contentWidth() * 0.75)});
        if (count > 1 || numbersAlways) {
            TextStyle right = st;
            right.align = Align::Right;
            const std::string text = "第" + std::to_string(i + 1) + "页／共" + std::to_string(count) + "页";
            page.items.push_back(
                renderer::TextItem{fl.right() - fl.contentWidth() * 0.25, y, fl.set(text, right, fl.contentWidth() * 0.25)});
        }
    };
}

// 服务评价 (好差评): the review address as a QR code and the complaint phone, in a ruled box.
void reviewBlock(Input& in) {
    SheetFlow& fl = in.flow;
    const Centre& c = in.records.centre;
    const double f = in.f, pad = mm(4) * f, qr = mm(26) * f;
    const bool hasUrl = !c.reviewUrl.empty();
    if (!hasUrl) fl.warn(source("centre", c.meta.id, "review_url"), "未设置好差评评价地址，评价栏没有二维码");
    if (c.complaintPhone.empty()) fl.warn(source("centre", c.meta.id, "complaint_phone"), "未设置监督投诉电话");
    const double tx = fl.left() + pad + (hasUrl ? qr + pad : 0);
    const double tw = fl.right() - pad - tx;
    std::vector<TextBlock> lines;
    lines.push_back(fl.set("服务评价（好差评）", style("print-sans-bold", 12 * f), tw));
    lines.push_back(fl.set(hasUrl ? "请用手机扫描二维码，对我们的服务作出评价。" : "好差评评价地址尚未设置，请向窗口工作人员索取评价方式。",
                           style("print-sans", 10.5 * f), tw));
    if (hasUrl)
        lines.push_back(fl.set("评价网址：" + c.reviewUrl, style("print-sans", 9 * f, Align::Left, 1.4, kGrey), tw,
                               source("centre", c.meta.id, "review_url")));
    lines.push_back(fl.set("监督投诉电话：" + (c.complaintPhone.empty() ? std::string("未设置") : c.complaintPhone),
                           style("print-sans", 10.5 * f), tw, source("centre", c.meta.id, "complaint_phone")));
    double textHeight = 0;
    for (const auto& b : lines) textHeight += b.height();
    const double h = std::max(hasUrl ? qr : 0.0, textHeight) + 2 * pad;
    fl.gap(mm(4) * f);
    fl.need(h);
    const double top = fl.y;
    fl.add(renderer::BoxItem{fl.left(), top, fl.contentWidth(), h, std::nullopt, renderer::Stroke{kRuleGrey, 0.75, false}, mm(2)});
    if (hasUrl) fl.add(renderer::QrItem{fl.left() + pad, top + (h - qr) / 2, qr, c.reviewUrl});
    double y = top + (h - textHeight) / 2;
    for (const auto& b : lines) {
        fl.add(renderer::TextItem{tx, y, b});
        y += b.height();
    }
    fl.y = top + h;
}

} // namespace gongshi::content::sheets
