#include "sheets/ProofSheet.h"

#include "sheets/SheetParts.h"

#include <cmath>
#include <cstdio>

namespace gongshi::content {
namespace {

std::string hoursText(std::int64_t seconds) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(seconds) / 3600.0);
    return buf;
}

} // namespace

ComposedSheet composeProofSheet(const NoticeProof& p, renderer::PrintTypesetter& typesetter, const std::string& generatedAt) {
    using namespace sheets;
    ComposedSheet out;
    out.paper = parsePaper("A4", false);
    SheetFlow fl(typesetter, mm(out.paper.width), mm(out.paper.height), mm(15), mm(9), "公示记录");
    const Id id = p.notice.meta.id;
    const double w = fl.contentWidth();
    fl.place(fl.set("公示记录", style("print-sans-bold", 18, Align::Center, 1.35), w), fl.left());
    fl.gap(mm(3));
    const TextStyle text = style("print-sans", 10.5, Align::Left, 1.6);
    const auto line = [&](const std::string& label, const std::string& value, const SheetSource& src = {}) {
        fl.place(fl.set(label + "：" + value, text, w, src), fl.left());
    };
    line("公示标题", p.notice.title, source("notice", id, "title"));
    line("公示类别", std::string(noticeCategoryChinese(p.notice.category)));
    line("公示期", chineseDate(p.notice.publishFrom) + "至" + chineseDate(p.notice.publishUntil));
    line("服务中心", p.centre, source("centre", p.notice.centreId, "name"));
    line("统计时段", localMinuteText(p.from) + " 至 " + localMinuteText(p.until));
    line("生成时间", generatedAt);
    fl.gap(mm(4));

    TableFlow::Look look;
    look.padding = mm(1.5);
    look.rule = renderer::Stroke{Color::black(), 0.5, false};
    const double pad = 2 * look.padding;
    const TextStyle head = style("print-sans-bold", 10, Align::Center, 1.3);
    const TextStyle cell = style("print-sans", 10, Align::Left, 1.4);
    const TextStyle centred = style("print-sans", 10, Align::Center, 1.4);

    // Per screen: hours shown.
    const std::vector<double> sw{w * 0.5, w * 0.25, w * 0.25};
    TableFlow screens(fl, sw,
                      {{fl.set("显示屏", head, sw[0] - pad), false},
                       {fl.set("展示小时数", head, sw[1] - pad), false},
                       {fl.set("未展示时段数", head, sw[2] - pad), false}},
                      look);
    for (const ScreenProof& s : p.screens)
        screens.row({{fl.set(s.name, cell, sw[0] - pad, source("screen", s.screen, "name")), false},
                     {fl.set(hoursText(s.secondsShown), centred, sw[1] - pad), false},
                     {fl.set(std::to_string(s.gaps.size()), centred, sw[2] - pad), false}},
                    source("screen", s.screen));
    fl.gap(mm(5));
    fl.need(mm(20));
    fl.place(fl.set("未展示时段", style("print-sans-bold", 12, Align::Left, 1.5), w), fl.left());
    fl.gap(mm(1));
    const std::vector<double> gw{w * 0.28, w * 0.22, w * 0.22, w * 0.12, w * 0.16};
    TableFlow gaps(fl, gw,
                   {{fl.set("显示屏", head, gw[0] - pad), false},
                    {fl.set("起", head, gw[1] - pad), false},
                    {fl.set("止", head, gw[2] - pad), false},
                    {fl.set("小时", head, gw[3] - pad), false},
                    {fl.set("原因", head, gw[4] - pad), false}},
                   look);
    bool any = false;
    for (const ScreenProof& s : p.screens)
        for (const ProofGap& g : s.gaps) {
            any = true;
            gaps.row({{fl.set(s.name, cell, gw[0] - pad, source("screen", s.screen, "name")), false},
                      {fl.set(localMinuteText(g.from), centred, gw[1] - pad), false},
                      {fl.set(localMinuteText(g.until), centred, gw[2] - pad), false},
                      {fl.set(hoursText(g.until - g.from), centred, gw[3] - pad), false},
                      {fl.set(gapReasonText(g.reason), centred, gw[4] - pad), false}},
                     source("screen", s.screen));
        }
    if (!any) gaps.row({{fl.set("无", centred, gw[0] - pad), false}, {}, {}, {}, {}}, {});
    out.sheet = fl.finish(footer(1, p.centre + " 公示记录 生成于 " + generatedAt, true));
    out.sheet.title = p.centre + " 公示记录";
    out.warnings = fl.warnings();
    out.missing.assign(fl.missing().begin(), fl.missing().end());
    return out;
}

} // namespace gongshi::content
