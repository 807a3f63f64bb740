// gongshi import / export: matters and notices as CSV or .xlsx sheets, and the demo data set.
#include "app/Args.h"
#include "app/Commands.h"
#include "app/DataDir.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "records/Database.h"
#include "records/Publication.h"
#include "records/Demo.h"
#include "records/MatterCsv.h"
#include "records/NoticeCsv.h"
#include "records/RecordStore.h"
#include "records/SheetImport.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace gongshi::app {
namespace {

std::string defaultUser() {
    const char* user = std::getenv("USER");
    return user && *user ? user : "cli";
}

void printWarnings(const char* command, const std::vector<std::string>& warnings) {
    for (const auto& w : warnings) std::fprintf(stderr, "%s\n", msg::cliWarning(command, w).c_str());
}

void writeFile(const std::string& path, const std::string& bytes) {
    // Written beside and renamed, so a failed export never leaves half a sheet behind.
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << bytes;
        if (!out) throw InputError(msg::cannotWriteFile(path, ""));
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp);
        throw InputError(msg::cannotWriteFile(path, ec.message()));
    }
}

const char* kindUsage = "gongshi import matters|notices 文件.xlsx|文件.csv [--dry-run]，或 gongshi import demo";

} // namespace

int importCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"centre", "data-dir", "database", "user", "demo-dir"}, {"dry-run"});
    const auto& pos = args.positional();
    if (pos.empty()) throw InputError(msg::cliUsage(kindUsage));
    const std::string kind = pos[0];
    const std::string dataDir = args.get("data-dir", "./var");
    const std::string user = args.get("user", defaultUser());

    if (kind == "demo") {
        if (pos.size() != 1) throw InputError(msg::importDemoNoFile());
        if (args.has("centre")) throw InputError(msg::importDemoNoCentre());
        content::Database db(dataDir, args.get("database", ""));
        content::DemoSummary s = content::importDemo(db, args.get("demo-dir", content::demoDataDir()), user);
        printWarnings("import", s.warnings);
        std::printf(
            "%s\n",
            msg::importedDemo(s.centre.meta.id, s.centre.name, s.windows, s.staff, s.matters, s.notices, s.screens, s.programs).c_str());
        return 0;
    }
    const auto sheet = content::importKindNamed(kind);
    if (!sheet) throw InputError(msg::importUnknownKind(kind));
    if (pos.size() != 2) throw InputError(msg::importOneFile("import", kind));
    if (args.has("demo-dir")) throw InputError(msg::cliOnlyFor("demo-dir", " import demo"));
    const bool dryRun = args.has("dry-run");
    const std::string bytes = readTextFile(pos[1]);
    const auto data = openData(dataDir, args.get("database", ""));
    content::Database& db = *data;
    content::Centre centre = chooseCentre(db, centreOption(args), dataDir);
    content::ImportReport report;
    try {
        report = dryRun ? content::previewImport(db, *sheet, centre.meta.id, bytes)
                        : content::runImport(db, *sheet, centre.meta.id, bytes, user);
    } catch (const InputError& e) {
        throw InputError(msg::importNothing(pos[1], e.what()));
    }
    // An import from the command line is the administrator's own act: under approval it is
    // approved as it is made, like an admin's save in the admin page.
    if (report.committed && centre.publishingNeedsApproval)
        for (const auto& [id, version] : report.saved)
            content::approve(db, *sheet == content::ImportKind::Matters ? "matter" : "notice", id, version, user);
    printWarnings("import", report.warnings);
    for (const auto& row : report.rows) {
        std::printf("%s\n", msg::sheetRowLine(row.row, std::string(content::rowActionName(row.action)), row.id).c_str());
        for (const auto& e : row.errors) std::printf("  %s\n", msg::sheetRowError(row.row, e.column, e.message).c_str());
    }
    const std::string summary = msg::sheetSummary(report.count(content::RowAction::New), report.count(content::RowAction::Update),
                                                  report.count(content::RowAction::Unchanged), report.count(content::RowAction::Error));
    if (report.hasErrors() && !dryRun) {
        std::fflush(stdout);
        throw InputError(msg::importFileHasErrors(pos[1], summary, report.count(content::RowAction::Error)));
    }
    std::printf("%s\n", msg::importReported(kind, centre.meta.id, centre.name, summary, dryRun).c_str());
    return report.hasErrors() ? 1 : 0;
}

int exportCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"centre", "data-dir", "database"}, {});
    const auto& pos = args.positional();
    if (pos.empty() || (pos[0] != "matters" && pos[0] != "notices")) throw InputError(msg::importOneFile("export", "matters|notices"));
    if (pos.size() != 2) throw InputError(msg::importOneFile("export", pos[0]));
    const std::string kind = pos[0], path = pos[1];
    const std::string dataDir = args.get("data-dir", "./var");
    const auto data = openData(dataDir, args.get("database", ""));
    content::Database& db = *data;
    content::Centre centre = chooseCentre(db, centreOption(args), dataDir);
    const bool xlsx = path.size() > 5 && path.compare(path.size() - 5, 5, ".xlsx") == 0;
    const auto sheet = *content::importKindNamed(kind);
    const std::string bytes =
        content::exportSheet(db, sheet, centre.meta.id, xlsx ? content::SheetFormat::Xlsx : content::SheetFormat::Csv);
    const std::size_t count = sheet == content::ImportKind::Matters ? content::RecordStore<content::Matter>(db).all(centre.meta.id).size()
                                                                    : content::RecordStore<content::Notice>(db).all(centre.meta.id).size();
    if (path == "-") {
        std::fwrite(bytes.data(), 1, bytes.size(), stdout);
        return 0;
    }
    writeFile(path, bytes);
    std::printf("%s\n", msg::exported(count, kind, centre.meta.id, centre.name, path).c_str());
    return 0;
}

} // namespace gongshi::app
