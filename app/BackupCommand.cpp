// gongshi backup --data-dir D --out FILE and gongshi restore FILE --data-dir D [--replace]: a data
// directory in one archive while the server keeps serving it, and back, checked before anything
// is written (records/Backup).
#include "app/Args.h"
#include "app/Commands.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "records/Backup.h"

#include <chrono>
#include <cstdio>

namespace gongshi::app {

int backupCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"data-dir", "out"}, {});
    if (!args.positional().empty()) throw InputError(msg::cliNoArguments("backup", args.positional()[0]));
    if (!args.has("out")) throw InputError(msg::cliRequired("out", "备份文件，如 gongshi-2026-12-05.zip"));
    const auto start = std::chrono::steady_clock::now();
    const content::BackupSummary s = content::backupDataDir(args.get("data-dir", "./var"), *args.get("out"));
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
