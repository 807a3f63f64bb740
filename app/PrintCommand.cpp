// gongshi print: the centre's signage (poster, service guide, checklist, post cards, sign, notice
// sheet) made from the records of a data directory, as PDF, SVG or PNG pages of the paper's size.
#include "app/Args.h"
#include "app/Commands.h"
#include "app/DataDir.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "compose/Composer.h"
#include "records/FileStore.h"
#include "records/Publication.h"
#include "records/NoticeProof.h"
#include "sheets/ProofSheet.h"
#include "sheets/Sheets.h"
#include "rules/WorkingDays.h"
#include "print/PrintDocument.h"
#include "print/PrintText.h"

#include <chrono>
#include <cmath>
#include <cstdio>

namespace gongshi::app {
namespace {

// 公示记录 (proof): a notice's display record from the play record, for the file.
int printProof(const Args& args) {
    if (!args.has("notice")) throw InputError(msg::sheetNeedsNotice("公示记录（proof）"));
    const content::Id id = parseId("notice", *args.get("notice"));
    const std::string out = *args.get("out");
    const renderer::PrintFormat format = renderer::printFormatOf(out);
    const int dpi = args.getInt("dpi", 150, 10, 1200);
    auto db = openData(args);
    const content::NoticeProof proof = content::noticeProof(*db, id, args.get("from", ""), args.get("until", ""));
    renderer::PrintTypesetter typesetter;
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    const content::ComposedSheet sheet = content::composeProofSheet(proof, typesetter, content::localMinuteText(now));
    for (const auto& w : sheet.warnings) std::fprintf(stderr, "gongshi print: %s\n", w.text().c_str());
    const std::vector<std::string> written = renderer::writeSheet(sheet.sheet, out, dpi);
    std::printf("proof（公示记录）：%zu页，%zu块显示屏%s\n", sheet.sheet.pages.size(), proof.screens.size(),
                format == renderer::PrintFormat::Png ? ("，" + std::to_string(dpi) + " dpi").c_str() : "");
    for (const auto& file : written) std::printf("已写出 %s\n", file.c_str());
    return 0;
}

} // namespace

int printCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"sheet", "matter", "notice", "paper", "data-dir", "database", "out", "dpi", "centre", "today", "from", "until"},
              {"landscape", "strict-glyphs"});
    if (!args.positional().empty()) throw InputError(msg::cliNoArguments("print", args.positional()[0]));
    if (!args.has("sheet")) throw InputError(msg::cliRequired("sheet", "印件：poster、guide、checklist、postcards、sign、notice 或 proof"));
    if (!args.has("out")) throw InputError(msg::cliRequired("out", "输出文件：文件.pdf、文件.svg 或 文件.png"));
    if (*args.get("sheet") == "proof") return printProof(args);
    if (args.has("from") || args.has("until")) throw InputError(msg::cliOnlyFor(args.has("from") ? "from" : "until", "公示记录（proof）"));
    content::SheetRequest request;
    request.kind = content::parseSheetKind(*args.get("sheet"));
    const std::string out = *args.get("out");
    const renderer::PrintFormat format = renderer::printFormatOf(out);
    if (args.has("dpi") && format != renderer::PrintFormat::Png) throw InputError(msg::dpiOnlyForPng());
    const int dpi = args.getInt("dpi", 150, 10, 1200);
    const bool forMatter = request.kind == content::SheetKind::Guide || request.kind == content::SheetKind::Checklist;
    if (args.has("matter") && !forMatter) throw InputError(msg::cliOnlyFor("matter", "办事指南（guide）和一次性告知单（checklist）"));
    if (args.has("notice") && request.kind != content::SheetKind::Notice) throw InputError(msg::cliOnlyFor("notice", "公示（notice）"));
    if (forMatter && !args.has("matter")) throw InputError(msg::sheetNeedsMatter(*args.get("sheet")));
    if (request.kind == content::SheetKind::Notice && !args.has("notice")) throw InputError(msg::sheetNeedsNotice("notice"));
    if (auto m = args.get("matter")) request.matter = parseId("matter", *m);
    if (auto n = args.get("notice")) request.notice = parseId("notice", *n);
    request.paper = args.get("paper", "");
    request.landscape = args.has("landscape");
    request.today = args.get("today", content::localToday());
    content::parseDate(request.today);
    content::parsePaper(request.paper.empty() ? content::defaultPaper(request.kind) : request.paper, request.landscape);

    const std::string dataDir = args.get("data-dir", "./var");
    auto db = openData(dataDir, args.get("database", ""));
    const content::Id centreId = chooseCentre(*db, centreOption(args), dataDir).meta.id;
    // Paper is publication too: what needs approval prints as approved.
    content::ComposeRecords records = content::loadPublishedRecords(*db, centreId);
    const content::FileStore files(dataDir);

    const auto start = std::chrono::steady_clock::now();
    renderer::PrintTypesetter typesetter;
    content::ComposedSheet sheet = content::composeSheet(request, records, typesetter, &files);
    for (const auto& w : sheet.warnings) std::fprintf(stderr, "gongshi print: %s\n", w.text().c_str());
    if (args.has("strict-glyphs") && !sheet.missing.empty()) {
        std::fprintf(stderr, "gongshi print：%zu个字符没有字体能显示，未写出文件（--strict-glyphs）\n", sheet.missing.size());
        return 3;
    }
    const std::vector<std::string> written = renderer::writeSheet(sheet.sheet, out, dpi);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();

    std::printf("%s（%s）：%zu页，%s，%gx%g 毫米（%.3f x %.3f pt）%s，%.0f ms\n", std::string(content::sheetKindName(request.kind)).c_str(),
                std::string(content::sheetKindChinese(request.kind)).c_str(), sheet.sheet.pages.size(), sheet.paper.name.c_str(),
                sheet.paper.width, sheet.paper.height, sheet.sheet.width, sheet.sheet.height,
                format == renderer::PrintFormat::Png ? ("，" + std::to_string(dpi) + " dpi").c_str() : "", ms);
    for (const auto& file : written) std::printf("已写出 %s\n", file.c_str());
    if (!sheet.warnings.empty()) std::fprintf(stderr, "gongshi print：%zu个警告\n", sheet.warnings.size());
    return 0;
}

} // namespace gongshi::app
