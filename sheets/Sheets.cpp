// The sheets' kinds, papers and the one entry, composeSheet; each sheet is a file of its own
// (PosterSheet.cpp, GuideSheet.cpp, ...), what they share is in SheetParts.
#include "sheets/Sheets.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "print/PrintText.h"
#include "sheets/SheetParts.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>

namespace gongshi::content {

using renderer::mm;

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
    sheets::Input in{request, records, files, flow, f, sheets::standardName(records.centre, flow), W > H};

    SheetFlow::Footer footer;
    switch (request.kind) {
    case SheetKind::Poster:
        footer = sheets::poster(in);
        break;
    case SheetKind::Guide:
        footer = sheets::guide(in);
        break;
    case SheetKind::Checklist:
        footer = sheets::checklist(in);
        break;
    case SheetKind::Postcards:
        footer = sheets::postcards(in);
        break;
    case SheetKind::Sign:
        footer = sheets::sign(in);
        break;
    case SheetKind::Notice:
        footer = sheets::notice(in);
        break;
    }
    out.sheet = flow.finish(footer);
    out.sheet.title = in.centreName + " " + title;
    out.warnings = flow.warnings();
    out.missing.assign(flow.missing().begin(), flow.missing().end());
    return out;
}

} // namespace gongshi::content
