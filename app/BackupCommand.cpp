// gongshi backup --data-dir D --out FILE and gongshi restore FILE --data-dir D [--replace]: a data
// directory in one archive while the server keeps serving it, and back, checked before anything
// is written (records/Backup).
#include "app/Args.h"
#include "app/Commands.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "records/Backup.h"
#include "records/Database.h"
#include "records/Migrate.h"

#include <filesystem>
#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace gongshi::app {

int backupCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"data-dir", "database", "out"}, {});
    if (!args.positional().empty()) throw InputError(msg::cliNoArguments("backup", args.positional()[0]));
    if (!args.has("out")) throw InputError(msg::cliRequired("out", "备份文件，如 gongshi-2026-12-05.zip"));
    const auto start = std::chrono::steady_clock::now();
    const std::string dataDir = args.get("data-dir", "./var");
    content::BackupSummary s;
    if (const std::string database = args.get("database", ""); !database.empty()) {
        // PostgreSQL: its records copied, in one read, into an SQLite data directory of the same
        // schema beside the files, and that archived as any data directory is (restore gives a
        // data directory; `gongshi migrate-to` takes it back into PostgreSQL).
        content::parsePostgresAddress(database);
        namespace fs = std::filesystem;
        const fs::path staging = fs::temp_directory_path() / ("gongshi-backup-" + std::to_string(::getpid()));
        struct Remove {
            fs::path p;
            ~Remove() {
                std::error_code ec;
                fs::remove_all(p, ec);
            }
        } removeStaging{staging};
        fs::remove_all(staging);
        {
            content::Database from(dataDir, database);
            content::Database to(staging.string());
            content::copyRecords(from, to);
        }
        if (fs::exists(fs::path(dataDir) / "files")) fs::copy(fs::path(dataDir) / "files", staging / "files", fs::copy_options::recursive);
        s = content::backupDataDir(staging.string(), *args.get("out"));
    } else {
        s = content::backupDataDir(dataDir, *args.get("out"));
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%s\n", msg::backupDone(s.file, s.bytes, s.entries, seconds).c_str());
    return 0;
}

int restoreCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"data-dir"}, {"replace"});
    if (args.positional().size() != 1) throw InputError(msg::cliUsage("gongshi restore 备份文件 --data-dir 数据目录 [--replace]"));
    if (!args.has("data-dir")) throw InputError(msg::cliRequired("data-dir", "恢复到的数据目录"));
    const std::string dir = *args.get("data-dir");
    const content::RestoreSummary s = content::restoreBackup(args.positional()[0], dir, args.has("replace"));
    std::printf("%s\n", msg::restoreDone(dir, s.createdAt, s.entries, s.replacedTo).c_str());
    return 0;
}

} // namespace gongshi::app
