// gongshi print: the centre's signage (poster, service guide, checklist, post cards, sign, notice
// sheet) made from the records of a data directory, as PDF, SVG or PNG pages of the paper's size.
#include "app/Args.h"
#include "app/Commands.h"
#include "app/DataDir.h"
#include "common/Error.h"
#include "compose/Composer.h"
#include "records/FileStore.h"
#include "records/Publication.h"
#include "sheets/Sheets.h"
#include "rules/WorkingDays.h"
#include "print/PrintDocument.h"
#include "print/PrintText.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace gongshi::app {

int printCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"sheet", "matter", "notice", "paper", "data-dir", "out", "dpi", "centre", "today"}, {"landscape", "strict-glyphs"});
    if (!args.positional().empty()) throw InputError("print takes no arguments besides options, got '" + args.positional()[0] + "'");
    if (!args.has("sheet")) throw InputError("--sheet is required (poster, guide, checklist, postcards, sign or notice)");
    if (!args.has("out")) throw InputError("--out FILE.pdf|FILE.svg|FILE.png is required");
    content::SheetRequest request;
    request.kind = content::parseSheetKind(*args.get("sheet"));
    const std::string out = *args.get("out");
    const renderer::PrintFormat format = renderer::printFormatOf(out);
    if (args.has("dpi") && format != renderer::PrintFormat::Png) throw InputError("--dpi is for PNG output (--out FILE.png)");
    const int dpi = args.getInt("dpi", 150, 10, 1200);
    const bool forMatter = request.kind == content::SheetKind::Guide || request.kind == content::SheetKind::Checklist;
    if (args.has("matter") && !forMatter) throw InputError("--matter is for the guide and checklist sheets");
    if (args.has("notice") && request.kind != content::SheetKind::Notice) throw InputError("--notice is for the notice sheet");
    if (forMatter && !args.has("matter")) throw InputError("--sheet " + *args.get("sheet") + " is made for one matter: give --matter ID");
    if (request.kind == content::SheetKind::Notice && !args.has("notice"))
        throw InputError("--sheet notice is made for one notice: give --notice ID");
    if (auto m = args.get("matter")) request.matter = parseId("matter", *m);
    if (auto n = args.get("notice")) request.notice = parseId("notice", *n);
    request.paper = args.get("paper", "");
    request.landscape = args.has("landscape");
    request.today = args.get("today", content::localToday());
    content::parseDate(request.today);
    content::parsePaper(request.paper.empty() ? content::defaultPaper(request.kind) : request.paper, request.landscape);

    const std::string dataDir = args.get("data-dir", "./var");
    auto db = openData(dataDir);
    const content::Id centreId = args.has("centre") ? parseId("centre", *args.get("centre")) : onlyCentre(*db);
    // Paper is publication too: what needs approval prints as approved.
    content::ComposeRecords records = content::loadPublishedRecords(*db, centreId);
    const content::FileStore files(dataDir);

    const auto start = std::chrono::steady_clock::now();
    renderer::PrintTypesetter typesetter;
    content::ComposedSheet sheet = content::composeSheet(request, records, typesetter, &files);
    for (const auto& w : sheet.warnings) std::fprintf(stderr, "gongshi print: %s\n", w.text().c_str());
    if (args.has("strict-glyphs") && !sheet.missing.empty()) {
        std::fprintf(stderr, "gongshi print: %zu character(s) no font has; nothing written (--strict-glyphs)\n", sheet.missing.size());
        return 3;
    }
    const std::vector<std::string> written = renderer::writeSheet(sheet.sheet, out, dpi);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    std::printf("%s (%s): %zu page(s) on %s, %gx%g mm (%.3f x %.3f pt)%s, %.0f ms\n",
                std::string(content::sheetKindName(request.kind)).c_str(), std::string(content::sheetKindChinese(request.kind)).c_str(),
                sheet.sheet.pages.size(), sheet.paper.name.c_str(), sheet.paper.width, sheet.paper.height, sheet.sheet.width,
                sheet.sheet.height, format == renderer::PrintFormat::Png ? (" at " + std::to_string(dpi) + " dpi").c_str() : "", ms);
    for (const auto& file : written) std::printf("wrote %s\n", file.c_str());
    if (!sheet.warnings.empty()) std::fprintf(stderr, "gongshi print: %zu warning(s)\n", sheet.warnings.size());
    return 0;
}

} // namespace gongshi::app
