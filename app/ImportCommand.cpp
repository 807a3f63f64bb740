// gongshi import / export: matters and notices as CSV sheets, and the demo data set.
#include "app/Args.h"
#include "app/Commands.h"
#include "common/Error.h"
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

std::string centreLabel(const content::Centre& c) { return "centre " + std::to_string(c.meta.id) + " (" + c.name + ")"; }

// --centre ID, or the only centre of the data directory.
content::Centre chooseCentre(content::Database& db, const Args& args, const std::string& dataDir) {
    content::RecordStore<content::Centre> centres(db);
    if (args.has("centre")) {
        auto id = args.getInt("centre", 0, 1, 2147483647);
        auto c = centres.find(id);
        if (!c) throw InputError("there is no centre " + std::to_string(id) + " in " + dataDir);
        return *c;
    }
    std::vector<content::Centre> all = centres.all();
    if (all.empty()) throw InputError("there is no centre in " + dataDir + " yet: load the demo (gongshi import demo) or create one");
    if (all.size() > 1) {
        std::string list;
        for (const auto& c : all) list += (list.empty() ? "" : ", ") + std::to_string(c.meta.id) + " " + c.name;
        throw InputError(dataDir + " has " + std::to_string(all.size()) + " centres (" + list + "): choose one with --centre ID");
    }
    return all.front();
}

// Import and export work on an existing data directory; only the demo makes one.
void requireDatabase(const std::string& dataDir) {
    if (!std::filesystem::exists(std::filesystem::path(dataDir) / "gongshi.db"))
        throw InputError("there is no database in " + dataDir + " (give --data-dir, or load the demo: gongshi import demo)");
}

// "matters" -> "1 matter", "2 matters".
std::string noun(const std::string& plural, std::size_t count) { return count == 1 ? plural.substr(0, plural.size() - 1) : plural; }

std::string defaultUser() {
    const char* user = std::getenv("USER");
    return user && *user ? user : "cli";
}

void printWarnings(const char* command, const std::vector<std::string>& warnings) {
    for (const auto& w : warnings) std::fprintf(stderr, "gongshi %s: warning: %s\n", command, w.c_str());
}

void writeFile(const std::string& path, const std::string& bytes) {
    // Written beside and renamed, so a failed export never leaves half a sheet behind.
    std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << bytes;
        if (!out) throw InputError("cannot write " + path);
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        std::filesystem::remove(tmp);
        throw InputError("cannot write " + path + ": " + ec.message());
    }
}

const char* kindUsage = "give what to import: matters FILE.csv, notices FILE.csv or demo";

} // namespace

int importCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"centre", "data-dir", "user", "demo-dir"}, {});
    const auto& pos = args.positional();
    if (pos.empty()) throw InputError(kindUsage);
    const std::string kind = pos[0];
    const std::string dataDir = args.get("data-dir", "./var");
    const std::string user = args.get("user", defaultUser());

    if (kind == "demo") {
        if (pos.size() != 1) throw InputError("import demo takes no file");
        if (args.has("centre")) throw InputError("import demo creates its own centre: leave out --centre");
        content::Database db(dataDir);
        content::DemoSummary s = content::importDemo(db, args.get("demo-dir", content::demoDataDir()), user);
        printWarnings("import", s.warnings);
        std::printf("imported the demo data set into %s: %zu windows, %zu staff, %zu matters, %zu notices, %zu screens, %zu programs\n",
                    centreLabel(s.centre).c_str(), s.windows, s.staff, s.matters, s.notices, s.screens, s.programs);
        return 0;
    }
    if (kind != "matters" && kind != "notices") throw InputError("unknown kind '" + kind + "': " + kindUsage);
    if (pos.size() != 2) throw InputError("give one file: gongshi import " + kind + " FILE.csv");
    if (args.has("demo-dir")) throw InputError("--demo-dir is only for import demo");
    const std::string bytes = readTextFile(pos[1]);
    requireDatabase(dataDir);
    content::Database db(dataDir);
    content::Centre centre = chooseCentre(db, args, dataDir);
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
        throw InputError(pos[1] + ": " + e.what() + " (nothing was imported)");
    }
    printWarnings("import", warnings);
    std::printf("imported %zu %s into %s\n", count, noun(kind, count).c_str(), centreLabel(centre).c_str());
    return 0;
}

int exportCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"centre", "data-dir"}, {});
    const auto& pos = args.positional();
    if (pos.empty() || (pos[0] != "matters" && pos[0] != "notices"))
        throw InputError("give what to export: matters FILE.csv or notices FILE.csv");
    if (pos.size() != 2) throw InputError("give one file: gongshi export " + pos[0] + " FILE.csv (- for standard output)");
    const std::string kind = pos[0], path = pos[1];
    const std::string dataDir = args.get("data-dir", "./var");
    requireDatabase(dataDir);
    content::Database db(dataDir);
    content::Centre centre = chooseCentre(db, args, dataDir);
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
    std::printf("exported %zu %s of %s to %s\n", count, noun(kind, count).c_str(), centreLabel(centre).c_str(), path.c_str());
    return 0;
}

} // namespace gongshi::app
