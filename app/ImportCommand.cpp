// gongshi import / export: matters and notices as CSV sheets, and the demo data set.
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

const char* kindUsage = "gongshi import matters|notices 文件.csv，或 gongshi import demo";

} // namespace

int importCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"centre", "data-dir", "user", "demo-dir"}, {});
    const auto& pos = args.positional();
    if (pos.empty()) throw InputError(msg::cliUsage(kindUsage));
    const std::string kind = pos[0];
    const std::string dataDir = args.get("data-dir", "./var");
    const std::string user = args.get("user", defaultUser());

    if (kind == "demo") {
        if (pos.size() != 1) throw InputError(msg::importDemoNoFile());
        if (args.has("centre")) throw InputError(msg::importDemoNoCentre());
        content::Database db(dataDir);
        content::DemoSummary s = content::importDemo(db, args.get("demo-dir", content::demoDataDir()), user);
        printWarnings("import", s.warnings);
        std::printf(
            "%s\n",
            msg::importedDemo(s.centre.meta.id, s.centre.name, s.windows, s.staff, s.matters, s.notices, s.screens, s.programs).c_str());
        return 0;
    }
    if (kind != "matters" && kind != "notices") throw InputError(msg::importUnknownKind(kind));
    if (pos.size() != 2) throw InputError(msg::importOneFile("import", kind));
    if (args.has("demo-dir")) throw InputError(msg::cliOnlyFor("demo-dir", " import demo"));
    const std::string bytes = readTextFile(pos[1]);
    const auto data = openData(dataDir);
    content::Database& db = *data;
    content::Centre centre = chooseCentre(db, centreOption(args), dataDir);
    std::size_t count = 0;
    std::vector<std::string> warnings;
    try {
        // An import from the command line is the administrator's own act: under approval it
        // is approved as it is made, like an admin's save in the admin page.
        auto approveAll = [&](const char* record, const auto& records) {
            if (!centre.publishingNeedsApproval) return;
            for (const auto& r : records) content::approve(db, record, r.meta.id, r.meta.version, user);
        };
        if (kind == "matters") {
            auto r = content::importMattersCsv(db, centre.meta.id, bytes, user);
            count = r.records.size();
            warnings = r.warnings;
            approveAll("matter", r.records);
        } else {
            auto r = content::importNoticesCsv(db, centre.meta.id, bytes, user);
            count = r.records.size();
            warnings = r.warnings;
            approveAll("notice", r.records);
        }
    } catch (const InputError& e) {
        throw InputError(msg::importNothing(pos[1], e.what()));
    }
    printWarnings("import", warnings);
    std::printf("%s\n", msg::imported(count, kind, centre.meta.id, centre.name).c_str());
    return 0;
}

int exportCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"centre", "data-dir"}, {});
    const auto& pos = args.positional();
    if (pos.empty() || (pos[0] != "matters" && pos[0] != "notices")) throw InputError(msg::importOneFile("export", "matters|notices"));
    if (pos.size() != 2) throw InputError(msg::importOneFile("export", pos[0]));
    const std::string kind = pos[0], path = pos[1];
    const std::string dataDir = args.get("data-dir", "./var");
    const auto data = openData(dataDir);
    content::Database& db = *data;
    content::Centre centre = chooseCentre(db, centreOption(args), dataDir);
    std::string bytes;
    std::size_t count = 0;
    if (kind == "matters") {
        auto all = content::RecordStore<content::Matter>(db).all(centre.meta.id);
        bytes = content::writeMattersCsv(all);
        count = all.size();
    } else {
        auto all = content::RecordStore<content::Notice>(db).all(centre.meta.id);
        bytes = content::writeNoticesCsv(all);
        count = all.size();
    }
    if (path == "-") {
        std::fwrite(bytes.data(), 1, bytes.size(), stdout);
        return 0;
    }
    writeFile(path, bytes);
    std::printf("%s\n", msg::exported(count, kind, centre.meta.id, centre.name, path).c_str());
    return 0;
}

} // namespace gongshi::app
