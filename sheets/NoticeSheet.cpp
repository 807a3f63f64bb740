#include "sheets/SheetParts.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "print/PrintText.h"

#include <algorithm>
#include <cmath>

namespace gongshi::content::sheets {

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

} // namespace gongshi::content::sheets
