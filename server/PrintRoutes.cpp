// Print: every sheet of sheets/Sheets (poster, guide, checklist, postcards, sign, notice) as
// PNG pages for the admin page's print preview, as the PDF to print, and as JSON saying what a
// person should fix first (warnings, missing characters).
#include "common/Error.h"
#include "common/Messages.h"
#include "common/Json.h"
#include "records/Publication.h"
#include "records/RecordStore.h"
#include "sheets/Sheets.h"
#include "bitmap/ImageIO.h"
#include "print/PrintDocument.h"
#include "print/PrintText.h"
#include "common/Utf8.h"
#include "server/ApiContext.h"
#include "server/CentreScope.h"
#include "server/HttpError.h"
#include "server/PictureLimits.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gongshi::server {
namespace {

// Fonts and ICU iterators belong to one thread: each server thread sets its own text.
renderer::PrintTypesetter& threadTypesetter() {
    thread_local renderer::PrintTypesetter typesetter;
    return typesetter;
}

struct Target {
    content::SheetKind kind;
    std::string format; // png, pdf, json
};

Target parseTarget(const std::string& file) {
    const auto dot = file.rfind('.');
    if (dot != std::string::npos) {
        const std::string format = file.substr(dot + 1);
        if (format == "png" || format == "pdf" || format == "json") {
            try {
                return {content::parseSheetKind(file.substr(0, dot)), format};
            } catch (const InputError& e) {
                throw HttpError(404, e.what(), "sheet");
            }
        }
    }
    throw HttpError(404, msg::noSuchPrintFile(file));
}

content::ComposedSheet compose(ApiContext& ctx, Exchange& ex, content::SheetKind kind) {
    content::SheetRequest request;
    request.kind = kind;
    request.paper = ex.query("paper", "");
    const std::string landscape = ex.query("landscape", "0");
    if (landscape != "0" && landscape != "1" && landscape != "true" && landscape != "false")
        throw HttpError(400, msg::fieldOneOf("横向（landscape）", "1、0、true、false", landscape), "landscape");
    request.landscape = landscape == "1" || landscape == "true";
    request.matter = ex.queryInt("matter", 0, 0, 1 << 30);
    request.notice = ex.queryInt("notice", 0, 0, 1 << 30);
    request.today = ctx.today();
    try {
        content::parsePaper(request.paper.empty() ? content::defaultPaper(kind) : request.paper, request.landscape);
    } catch (const InputError& e) {
        throw HttpError(400, e.what(), "paper");
    }
    content::Id centreId = ex.queryInt("centre", 0, 0, 1 << 30);
    if (centreId == 0) centreId = callerCentre(ex); // a user of one centre prints its sheets
    requireCentre(ex, centreId, msg::recordNotFound(content::RecordTraits<content::Centre>::label, centreId));
    if (request.matter) requireRecord<content::Matter>(ctx.db, ex, request.matter);
    if (request.notice) requireRecord<content::Notice>(ctx.db, ex, request.notice);
    if (centreId == 0) {
        const auto centres = content::RecordStore<content::Centre>(ctx.db).all();
        if (centres.empty()) throw HttpError(404, msg::noCentreToPrint());
        centreId = centres.front().meta.id;
    }
    content::ComposeRecords records = content::loadPublishedRecords(ctx.db, centreId);
    try {
        return content::composeSheet(request, records, threadTypesetter(), &ctx.files);
    } catch (const InputError& e) { // NotFoundError (an unknown matter or notice) passes on as 404
        const bool forMatter = kind == content::SheetKind::Guide || kind == content::SheetKind::Checklist;
        throw HttpError(400, e.what(),
                        forMatter && request.matter == 0                            ? "matter"
                        : kind == content::SheetKind::Notice && request.notice == 0 ? "notice"
                                                                                    : "paper");
    }
}

std::string millimetres(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string codePoints(const std::vector<char32_t>& missing) {
    std::string out;
    for (char32_t cp : missing) out += (out.empty() ? "" : " ") + codePointName(cp);
    return out;
}

// Preview pixels: the dpi asked for, else a screen's 96 dpi, less when the page's long side would
// pass 1,600 pixels (a sign board).
int previewDpi(Exchange& ex, const renderer::PrintSheet& sheet) {
    const double longSide = std::max(sheet.width, sheet.height);
    const int fallback = std::clamp(static_cast<int>(1600 * 72 / longSide), 10, 96);
    return ex.queryInt("dpi", fallback, 10, 300);
}

void describe(Exchange& ex, content::SheetKind kind, const content::ComposedSheet& s) {
    std::string j = "{\"sheet\": \"" + std::string(content::sheetKindName(kind)) + "\", \"title\": \"" +
                    jsonEscape(std::string(content::sheetKindChinese(kind))) + "\", \"pages\": " + std::to_string(s.sheet.pages.size()) +
                    ", \"paper\": {\"name\": \"" + jsonEscape(s.paper.name) + "\", \"width_mm\": " + millimetres(s.paper.width) +
                    ", \"height_mm\": " + millimetres(s.paper.height) + "}, \"warnings\": [";
    for (std::size_t i = 0; i < s.warnings.size(); ++i) {
        const content::SheetWarning& w = s.warnings[i];
        j += std::string(i ? ", " : "") + "{\"record\": \"" + jsonEscape(w.source.record) + "\", \"id\": " + std::to_string(w.source.id) +
             ", \"field\": \"" + jsonEscape(w.source.field) + "\", \"message\": \"" + jsonEscape(w.message) + "\"}";
    }
    j += "], \"missing\": [";
    for (std::size_t i = 0; i < s.missing.size(); ++i) {
        std::string ch;
        appendUtf8(ch, s.missing[i]);
        j += std::string(i ? ", " : "") + "{\"code_point\": \"" + codePointName(s.missing[i]) + "\", \"char\": \"" + jsonEscape(ch) + "\"}";
    }
    j += "]}";
    ex.sendJson(200, j);
}

} // namespace

void addPrintRoutes(ApiContext& ctx) {
    ctx.router
        .add("GET", "/api/print/{file}", Access::Editor,
             "A printed sheet (poster, guide, checklist, postcards, sign, notice) from the records: {sheet}.png is page N as a "
             "preview (page, dpi), {sheet}.pdf the document to print, {sheet}.json its pages and warnings; options matter, "
             "notice, paper (A4, A3, A2, WxHmm), landscape=1, centre",
             [&ctx](Exchange& ex) {
                 const Target target = parseTarget(ex.params.at("file"));
                 const content::ComposedSheet s = compose(ctx, ex, target.kind);
                 ex.response.set("X-Pages", std::to_string(s.sheet.pages.size()));
                 ex.response.set("X-Missing", codePoints(s.missing));
                 ex.response.set("X-Warnings", std::to_string(s.warnings.size()));
                 ex.response.set("Access-Control-Expose-Headers", "X-Pages, X-Missing, X-Warnings, X-Dpi");
                 ex.response.set("Cache-Control", "no-store");
                 if (target.format == "json") {
                     describe(ex, target.kind, s);
                 } else if (target.format == "pdf") {
                     ex.response.set("Content-Disposition",
                                     "attachment; filename=\"gongshi-" + std::string(content::sheetKindName(target.kind)) + ".pdf\"");
                     ex.sendBytes(200, "application/pdf", renderer::renderPdf(s.sheet));
                 } else {
                     const int page = ex.queryInt("page", 0, 0, 1 << 20);
                     if (static_cast<std::size_t>(page) >= s.sheet.pages.size())
                         throw HttpError(400,
                                         "page " + std::to_string(page) + " does not exist: the sheet has " +
                                             std::to_string(s.sheet.pages.size()) + " page(s)",
                                         "page");
                     const int dpi = previewDpi(ex, s.sheet);
                     const auto [width, height] = renderer::pagePixels(s.sheet, dpi);
                     checkPrintPagePixels(width, height, dpi);
                     renderer::Bitmap picture;
                     try {
                         picture = renderer::renderPage(s.sheet, static_cast<std::size_t>(page), dpi);
                     } catch (const InputError& e) {
                         throw HttpError(400, e.what(), "dpi");
                     }
                     ex.response.set("X-Dpi", std::to_string(dpi));
                     ex.sendBytes(200, "image/png", renderer::encodePng(picture, dpi));
                 }
             })
        .answering("image/png, application/pdf, application/json");
}

} // namespace gongshi::server
