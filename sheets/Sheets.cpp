#include "sheets/Sheets.h"
#include "records/MatterCsv.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "common/Parse.h"
#include "records/CentreNaming.h"
#include "rules/Wording.h"
#include "records/FileStore.h"
#include "sheets/SheetFlow.h"
#include "print/ImageDecode.h"
#include "print/PrintText.h"
#include "common/Utf8.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>

namespace gongshi::content {

using renderer::Align;
using renderer::Color;
using renderer::mm;
using renderer::TextBlock;
using renderer::TextStyle;

namespace {

const Color kSignRed{0xCC, 0x00, 0x00};
const Color kCardRed{0xB8, 0x1C, 0x22};
const Color kGrey{0x66, 0x66, 0x66};
const Color kRuleGrey{0x99, 0x99, 0x99};

TextStyle style(const char* font, double size, Align align = Align::Left, double leading = 1.4, Color color = Color::black()) {
    TextStyle s;
    s.font = font;
    s.size = size;
    s.align = align;
    s.leading = leading;
    s.color = color;
    return s;
}

SheetSource source(const char* record, Id id, const char* field = "") { return {record, id, field}; }

// "2026-11-05" -> "2026年11月5日"; other text as it is.
std::string chineseDate(const Date& d) {
    const auto ymd = parse::tryDate(d);
    if (!ymd) return d;
    return std::to_string(static_cast<int>(ymd->year())) + "年" + std::to_string(static_cast<unsigned>(ymd->month())) + "月" +
           std::to_string(static_cast<unsigned>(ymd->day())) + "日";
}

// What every sheet is made with.
struct Input {
    const SheetRequest& request;
    const ComposeRecords& records;
    const FileStore* files;
    SheetFlow& flow;
    double f;               // type scale: 1 on A4, larger for larger paper
    std::string centreName; // Attachment 1's name for the centre
    bool landscape;
};

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

// A line of text parts and blanks to write on ("申请人：______　　联系电话：______").
struct FormPart {
    std::string text; // printed
    double blank = 0; // or a line this wide to write on, points
    double width = 0; // the least room the text takes (labels of rows that line up)
};

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

// 公示栏: every matter as a table row (name, materials, time limits, fee, fee basis), flowing over
// pages under a repeated header row.
SheetFlow::Footer poster(Input& in) {
    SheetFlow& fl = in.flow;
    const double f = in.f;
    heading(in, "服务事项公示", {}, 20);
    fl.y -= mm(2) * f;
    fl.place(fl.set("办理时限以工作日计；“一件事”事项可一次申请、一并办理。", style("print-sans", 8.5 * f, Align::Right, 1.6, kGrey),
                    fl.contentWidth()),
             fl.left());
    const std::string running = in.centreName + "　服务事项公示（续）";
    fl.onNewPage([f, running](SheetFlow& s) {
        s.place(s.set(running, style("print-sans", 9 * f, Align::Left, 1.5, kGrey), s.contentWidth()), s.left());
        s.gap(mm(1.5) * f);
    });
    const std::vector<double> fractions =
        in.landscape ? std::vector<double>{0.05, 0.17, 0.39, 0.12, 0.10, 0.17} : std::vector<double>{0.06, 0.19, 0.31, 0.16, 0.11, 0.17};
    std::vector<double> widths;
    for (double fr : fractions) widths.push_back(fr * fl.contentWidth());
    TableFlow::Look look;
    look.padding = mm(1.6) * f;
    look.rule = renderer::Stroke{Color::black(), 0.5 * f, false};
    const double pad = 2 * look.padding;
    const TextStyle head = style("print-sans-bold", 9.5 * f, Align::Center, 1.3);
    const TextStyle body = style("print-sans", 9 * f, Align::Left, 1.45);
    const TextStyle centred = style("print-sans", 9 * f, Align::Center, 1.45);
    std::vector<TableCell> header;
    const char* titles[] = {"序号", "事项名称", "申请材料", "办理时限", "收费标准", "收费依据"};
    for (std::size_t i = 0; i < widths.size(); ++i) header.push_back({fl.set(titles[i], head, widths[i] - pad), false});
    TableFlow table(fl, widths, header, look);
    std::size_t n = 0;
    for (const Matter& m : in.records.matters) {
        const Id id = m.meta.id;
        std::string name = m.name;
        if (!m.group.empty()) name += "\n【" + m.group + "】";
        std::string materials = numberedMaterials(m);
        if (materials.empty()) {
            fl.warn(source("matter", id, "materials"), "未列出申请材料");
            materials = "未列明";
        }
        std::string limits = timeLimitLines(m);
        if (limits.empty()) {
            fl.warn(source("matter", id, "promised_days"), "未写明办理时限");
            limits = "未载明";
        }
        std::vector<TableCell> row;
        row.push_back({fl.set(std::to_string(++n), centred, widths[0] - pad), false});
        row.push_back({fl.set(name, body, widths[1] - pad, source("matter", id, "name")), false});
        row.push_back({fl.set(materials, body, widths[2] - pad, source("matter", id, "materials")), false});
        row.push_back({fl.set(limits, centred, widths[3] - pad), false});
        row.push_back({fl.set(feeText(m), centred, widths[4] - pad, source("matter", id, "fees")), false});
        row.push_back({fl.set(feeBasis(m, fl), body, widths[5] - pad, source("matter", id, "fee_basis")), false});
        table.row(std::move(row), source("matter", id));
    }
    if (n == 0) {
        fl.warn(source("centre", in.records.centre.meta.id), "没有服务事项可以公示");
        fl.place(fl.set("尚未录入服务事项。", body, fl.contentWidth()), fl.left());
    }
    const Centre& c = in.records.centre;
    std::string left = "监督投诉电话：" + (c.complaintPhone.empty() ? std::string("未设置") : c.complaintPhone);
    if (c.complaintPhone.empty()) fl.warn(source("centre", c.meta.id, "complaint_phone"), "未设置监督投诉电话");
    if (!in.request.today.empty()) left += "　　更新日期：" + chineseDate(in.request.today);
    return footer(f, left, true);
}

std::string windowsText(const Matter& m, const std::vector<Window>& windows) {
    std::string out;
    for (const auto& number : m.windows) {
        if (!out.empty()) out += "、";
        out += number + "号窗口";
        for (const auto& w : windows)
            if (w.number == number && !w.business.empty()) out += "（" + w.business + "）";
    }
    return out;
}

// 办事指南: the matter's facts as a two-column table, then the review block.
SheetFlow::Footer guide(Input& in) {
    const Matter& m = findMatter(in.records, in.request.matter, SheetKind::Guide);
    SheetFlow& fl = in.flow;
    const double f = in.f;
    const Id id = m.meta.id;
    heading(in, m.name + "办事指南", source("matter", id, "name"), 18);
    TableFlow::Look look;
    look.padding = mm(2) * f;
    look.rule = renderer::Stroke{Color::black(), 0.5 * f, false};
    const std::vector<double> widths{fl.contentWidth() * 0.2, fl.contentWidth() * 0.8};
    const double pad = 2 * look.padding;
    TableFlow table(fl, widths, {}, look);
    const TextStyle label = style("print-sans-bold", 10.5 * f, Align::Center, 1.5);
    const TextStyle value = style("print-sans", 10.5 * f, Align::Left, 1.5);
    auto row = [&](const char* name, std::string text, const char* field) {
        if (text.empty()) text = "—";
        table.row({{fl.set(name, label, widths[0] - pad), false},
                   {fl.set(text, value, widths[1] - pad, field ? source("matter", id, field) : SheetSource{}), false}},
                  source("matter", id));
    };
    row("事项名称", m.name, "name");
    if (!m.code.empty()) row("事项编码", m.code, "code");
    row("事项类别", m.category, "category");
    row("实施主体", m.department, "department");
    row("设定依据", m.legalBasis, "legal_basis");
    std::string materials = numberedMaterials(m);
    if (materials.empty()) fl.warn(source("matter", id, "materials"), "未列出申请材料");
    row("申请材料", materials.empty() ? "未列明" : materials, "materials");
    row("法定办结时限", m.statutoryDays ? workingDaysText(*m.statutoryDays) : "", nullptr);
    if (!m.promisedDays) fl.warn(source("matter", id, "promised_days"), "未写明承诺办结时限");
    row("承诺办结时限", m.promisedDays ? workingDaysText(*m.promisedDays) : kNotStated, nullptr);
    row("收费标准", feeText(m), "fees");
    row("收费依据", feeBasis(m, fl), "fee_basis");
    row("办理窗口", windowsText(m, in.records.windows), "windows");
    row("办理地点", in.centreName, nullptr);
    row("咨询电话", m.phone, "phone");
    row("监督投诉电话", in.records.centre.complaintPhone, nullptr);
    if (!m.group.empty()) {
        std::string related;
        for (const auto& other : in.records.matters)
            if (other.group == m.group && other.meta.id != id) related += (related.empty() ? "" : "、") + other.name;
        row("一件事", m.group + (related.empty() ? "" : "：可与" + related + "一并申请、一次办理"), "group");
    }
    reviewBlock(in);
    return footer(f, "", false);
}

// 一次性告知单: every material with a box to tick, lines for what is missing, signatures and dates.
SheetFlow::Footer checklist(Input& in) {
    const Matter& m = findMatter(in.records, in.request.matter, SheetKind::Checklist);
    SheetFlow& fl = in.flow;
    const double f = in.f;
    const Id id = m.meta.id;
    heading(in, "一次性告知单", {}, 20);
    const TextStyle text = style("print-sans", 10.5 * f, Align::Left, 1.6);
    const double w = fl.contentWidth();
    formRow(fl, {{"申请人："}, {"", w * 0.34}, {"　　联系电话："}, {"", w * 0.3}}, text);
    fl.gap(mm(1) * f);
    fl.place(fl.set("申请事项：" + m.name, style("print-sans-bold", 10.5 * f, Align::Left, 1.6), w, source("matter", id, "name")),
             fl.left());
    fl.gap(mm(1) * f);
    TextStyle intro = text;
    intro.align = Align::Justify;
    fl.place(fl.set("　　根据一次性告知制度，现将办理该事项需要提交的全部申请材料一次性告知如下。已提交的材料请在“已提交”栏内打“√”；"
                    "缺少或需要补正的材料，请在表下写明。",
                    intro, w),
             fl.left());
    fl.gap(mm(2) * f);

    TableFlow::Look look;
    look.padding = mm(1.8) * f;
    look.rule = renderer::Stroke{Color::black(), 0.5 * f, false};
    look.checkbox = mm(4) * f;
    const std::vector<double> widths{w * 0.09, w * 0.75, w * 0.16};
    const double pad = 2 * look.padding;
    const TextStyle head = style("print-sans-bold", 10 * f, Align::Center, 1.3);
    const TextStyle cell = style("print-sans", 10 * f, Align::Left, 1.45);
    const TextStyle centred = style("print-sans", 10 * f, Align::Center, 1.45);
    TableFlow table(fl, widths,
                    {{fl.set("序号", head, widths[0] - pad), false},
                     {fl.set("申请材料名称及要求", head, widths[1] - pad), false},
                     {fl.set("已提交", head, widths[2] - pad), false}},
                    look);
    for (std::size_t i = 0; i < m.materials.size(); ++i)
        table.row({{fl.set(std::to_string(i + 1), centred, widths[0] - pad), false},
                   {fl.set(materialsText({m.materials[i]}), cell, widths[1] - pad, source("matter", id, "materials")), false},
                   {TextBlock{}, true}},
                  source("matter", id));
    if (m.materials.empty()) {
        fl.warn(source("matter", id, "materials"), "未列出申请材料");
        table.row({{fl.set("—", centred, widths[0] - pad), false},
                   {fl.set("未列明申请材料，请向窗口咨询。", cell, widths[1] - pad), false},
                   {TextBlock{}, false}},
                  source("matter", id));
    }

    fl.gap(mm(4) * f);
    const double ruled = mm(9) * f;
    fl.need(text.size * text.leading + 4 * ruled);
    fl.place(fl.set("缺少或需要补正的材料：", style("print-sans-bold", 10.5 * f, Align::Left, 1.6), w), fl.left());
    for (int i = 0; i < 4; ++i) {
        fl.y += ruled;
        fl.add(renderer::LineItem{fl.left(), fl.y, fl.right(), fl.y, renderer::Stroke{Color::black(), 0.5, false}});
    }
    fl.gap(mm(4) * f);
    std::string facts = "办理时限：" + (timeLimitText(m).empty() ? std::string("未载明") : timeLimitText(m));
    if (!m.phone.empty()) facts += "　　咨询电话：" + m.phone;
    fl.need(text.size * text.leading * 5);
    fl.place(fl.set(facts, text, w, source("matter", id, "phone")), fl.left());
    fl.gap(mm(6) * f);
    const std::vector<FormPart> date{{"日期："}, {"", w * 0.1}, {"年"}, {"", w * 0.06}, {"月"}, {"", w * 0.06}, {"日"}};
    const double whoWidth = fl.typesetter().measure("窗口工作人员（签字）：", text) + 1;
    auto signature = [&](const char* who) {
        std::vector<FormPart> parts{{who, 0, whoWidth}, {"", w * 0.3}, {"　　"}};
        parts.insert(parts.end(), date.begin(), date.end());
        formRow(fl, parts, text);
        fl.gap(mm(5) * f);
    };
    signature("窗口工作人员（签字）：");
    signature("申请人（签字）：");
    const Centre& c = in.records.centre;
    return footer(f, c.complaintPhone.empty() ? std::string() : "监督投诉电话：" + c.complaintPhone, false);
}

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
            renderer::Bitmap picture = renderer::decodeImage(in.files->read(s.photo), "of staff " + std::to_string(id));
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

// The exterior sign: the centre's standard name in red Song characters on one line, as large as
// the board allows, letter-spaced when the height is what limits it.
SheetFlow::Footer sign(Input& in) {
    SheetFlow& fl = in.flow;
    const double W = fl.pageWidth(), H = fl.pageHeight();
    TextStyle st = style("print-serif-bold", 100, Align::Left, 1.0, kSignRed);
    const std::u32string chars = decodeUtf8(in.centreName);
    if (chars.empty()) throw InputError(msg::centreHasNoNameForSign());
    const double emPerSize = fl.typesetter().measure(in.centreName, st) / st.size;
    st.size = std::min(H * 0.6, W * 0.88 / emPerSize);
    TextBlock b = fl.set(in.centreName, st, W, source("centre", in.records.centre.meta.id, "name"));
    double width = b.inkWidth();
    const std::size_t n = chars.size();
    if (n > 1 && b.lineCount() == 1) {
        // Spacing between the characters, at most 0.35 em, to carry the name across 86% of the board.
        const double gap = std::min(0.35 * st.size, (W * 0.86 - width) / static_cast<double>(n - 1));
        if (gap > 0) {
            const int px = static_cast<int>(std::lround(gap / b.scale()));
            auto& line = b.layout.pages.front().lines.front();
            for (auto& g : line.glyphs) g.x += static_cast<int>(g.cluster) * px;
            line.width += static_cast<int>(n - 1) * px;
            width = b.inkWidth();
        }
    }
    fl.add(renderer::TextItem{(W - width) / 2 - b.lines().front().x * b.scale(), (H - b.height()) / 2, b});
    return nullptr;
}

// 公示: the notice's title and body, its publication period, the centre and date, then the review block.
SheetFlow::Footer notice(Input& in) {
    const Notice& n = findNotice(in.records, in.request.notice);
    SheetFlow& fl = in.flow;
    const double f = in.f;
    const Id id = n.meta.id;
    fl.place(fl.set(n.title, style("print-sans-bold", 18 * f, Align::Center, 1.35), fl.contentWidth(), source("notice", id, "title")),
             fl.left());
    fl.gap(mm(1) * f);
    fl.place(fl.set("【" + std::string(noticeCategoryChinese(n.category)) + "】", style("print-sans", 10.5 * f, Align::Center, 1.4, kGrey),
                    fl.contentWidth()),
             fl.left());
    fl.gap(mm(5) * f);
    std::string body;
    std::size_t start = 0;
    while (start <= n.body.size()) {
        std::size_t end = n.body.find('\n', start);
        if (end == std::string::npos) end = n.body.size();
        std::string para = n.body.substr(start, end - start);
        if (!para.empty() && para.back() == '\r') para.pop_back();
        if (!para.empty()) body += (body.empty() ? "" : "\n") + std::string("　　") + para;
        start = end + 1;
    }
    if (body.empty())
        fl.warn(source("notice", id, "body"), "公示没有正文");
    else
        fl.flow(fl.set(body, style("print-serif", 12 * f, Align::Justify, 1.8), fl.contentWidth(), source("notice", id, "body")),
                fl.left());

    fl.gap(mm(4) * f);
    std::string period;
    if (n.publishFrom.empty() && n.publishUntil.empty()) {
        fl.warn(source("notice", id, "publish_from"), "未设置公示期");
        period = "公示期：未设置";
    } else if (n.publishUntil.empty()) {
        period = "公示期：自" + chineseDate(n.publishFrom) + "起";
    } else {
        period = "公示期：" + (n.publishFrom.empty() ? std::string() : chineseDate(n.publishFrom) + "至") + chineseDate(n.publishUntil);
    }
    const TextStyle text = style("print-serif", 12 * f, Align::Left, 1.8);
    TextStyle right = text;
    right.align = Align::Right;
    fl.need(text.size * text.leading * 4);
    fl.place(fl.set(period, style("print-sans-bold", 12 * f, Align::Left, 1.8), fl.contentWidth()), fl.left());
    fl.gap(mm(6) * f);
    fl.place(fl.set(in.centreName, right, fl.contentWidth(), source("centre", in.records.centre.meta.id, "name")), fl.left());
    if (!n.publishFrom.empty()) fl.place(fl.set(chineseDate(n.publishFrom), right, fl.contentWidth()), fl.left());
    reviewBlock(in);
    return footer(f, "", false);
}

} // namespace

const std::vector<SheetKind>& allSheetKinds() {
    static const std::vector<SheetKind> kinds{SheetKind::Poster,    SheetKind::Guide, SheetKind::Checklist,
                                              SheetKind::Postcards, SheetKind::Sign,  SheetKind::Notice};
    return kinds;
}

std::string_view sheetKindName(SheetKind kind) {
    switch (kind) {
    case SheetKind::Poster:
        return "poster";
    case SheetKind::Guide:
        return "guide";
    case SheetKind::Checklist:
        return "checklist";
    case SheetKind::Postcards:
        return "postcards";
    case SheetKind::Sign:
        return "sign";
    case SheetKind::Notice:
        return "notice";
    }
    return "poster";
}

std::string_view sheetKindChinese(SheetKind kind) {
    switch (kind) {
    case SheetKind::Poster:
        return "服务事项公示栏";
    case SheetKind::Guide:
        return "办事指南";
    case SheetKind::Checklist:
        return "一次性告知单";
    case SheetKind::Postcards:
        return "岗位牌";
    case SheetKind::Sign:
        return "标识牌";
    case SheetKind::Notice:
        return "公示";
    }
    return "";
}

SheetKind parseSheetKind(std::string_view name) {
    for (SheetKind k : allSheetKinds())
        if (sheetKindName(k) == name) return k;
    std::string choices;
    for (SheetKind k : allSheetKinds())
        choices += (choices.empty() ? "" : "、") + std::string(sheetKindName(k)) + "（" + std::string(sheetKindChinese(k)) + "）";
    throw InputError(msg::unknownSheet(std::string(name), choices));
}

std::string defaultPaper(SheetKind kind) { return kind == SheetKind::Sign ? "3000x600mm" : "A4"; }

Paper parsePaper(std::string_view text, bool landscape) {
    Paper p;
    static const std::regex custom(R"((\d+(?:\.\d+)?)[xX×*](\d+(?:\.\d+)?)\s*mm)");
    const std::string t(text);
    std::smatch m;
    if (t == "A4" || t == "a4")
        p = {210, 297, "A4"};
    else if (t == "A3" || t == "a3")
        p = {297, 420, "A3"};
    else if (t == "A2" || t == "a2")
        p = {420, 594, "A2"};
    else if (std::regex_match(t, m, custom)) {
        p.width = std::stod(m[1]);
        p.height = std::stod(m[2]);
        if (p.width < 10 || p.height < 10 || p.width > 5000 || p.height > 5000) throw InputError(msg::paperSideRange(t));
        p.name = t;
    } else {
        throw InputError(msg::unknownPaper(t));
    }
    if (landscape) {
        if (p.width < p.height) std::swap(p.width, p.height);
        p.name += " landscape";
    }
    return p;
}

ComposedSheet composeSheet(const SheetRequest& request, const ComposeRecords& records, renderer::PrintTypesetter& typesetter,
                           const FileStore* files) {
    ComposedSheet out;
    out.paper = parsePaper(request.paper.empty() ? defaultPaper(request.kind) : request.paper, request.landscape);
    const double W = mm(out.paper.width), H = mm(out.paper.height);
    const double f = std::clamp(std::min(out.paper.width, out.paper.height) / 210.0, 0.8, 3.0);
    double margin = mm(std::clamp(15 + 10 * (f - 1), 12.0, 40.0)), footerBand = mm(9) * f;
    if (request.kind == SheetKind::Postcards) margin = mm(10), footerBand = 0;
    if (request.kind == SheetKind::Sign) margin = std::min(W, H) * 0.05, footerBand = 0;
    const std::string title = std::string(sheetKindChinese(request.kind));
    SheetFlow flow(typesetter, W, H, margin, footerBand, title);
    Input in{request, records, files, flow, f, standardName(records.centre, flow), W > H};

    SheetFlow::Footer footer;
    switch (request.kind) {
    case SheetKind::Poster:
        footer = poster(in);
        break;
    case SheetKind::Guide:
        footer = guide(in);
        break;
    case SheetKind::Checklist:
        footer = checklist(in);
        break;
    case SheetKind::Postcards:
        footer = postcards(in);
        break;
    case SheetKind::Sign:
        footer = sign(in);
        break;
    case SheetKind::Notice:
        footer = notice(in);
        break;
    }
    out.sheet = flow.finish(footer);
    out.sheet.title = in.centreName + " " + title;
    out.warnings = flow.warnings();
    out.missing.assign(flow.missing().begin(), flow.missing().end());
    return out;
}

} // namespace gongshi::content
