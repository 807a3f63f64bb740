#include "sheets/SheetParts.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "print/PrintText.h"
#include "rules/Wording.h"

#include <algorithm>
#include <cmath>

namespace gongshi::content::sheets {

namespace {

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

} // namespace

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

} // namespace gongshi::content::sheets
