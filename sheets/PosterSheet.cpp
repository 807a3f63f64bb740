#include "sheets/SheetParts.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "print/PrintText.h"
#include "rules/Wording.h"

#include <algorithm>
#include <cmath>

namespace gongshi::content::sheets {

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

} // namespace gongshi::content::sheets
