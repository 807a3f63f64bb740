#include "sheets/SheetParts.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "print/PrintText.h"
#include "records/MatterCsv.h"
#include "rules/Wording.h"

#include <algorithm>
#include <cmath>

namespace gongshi::content::sheets {

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

} // namespace gongshi::content::sheets
