// gongshi migrate-to postgresql://... --data-dir D: an SQLite data directory's records copied into
// PostgreSQL, all or nothing, refused when the target already holds records (records/Migrate).
// The files (photos, pictures) stay in D, which the servers on that database then share.
#include "app/Args.h"
#include "app/Commands.h"
#include "app/DataDir.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "records/Migrate.h"

#include <cstdio>

namespace gongshi::app {

int migrateCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"data-dir"}, {});
    if (args.positional().size() != 1)
        throw InputError(msg::cliUsage("gongshi migrate-to postgresql://用户[:密码]@主机[:端口]/数据库 --data-dir 数据目录"));
    const std::string url = args.positional()[0];
    content::parsePostgresAddress(url);
    const std::string dir = args.get("data-dir", "./var");
    const auto from = openData(dir); // an existing SQLite data directory, never made here
    content::Database to(dir, url);
    const content::CopySummary s = content::copyRecords(*from, to);
    std::printf("%s\n", msg::migrateDone(to.path(), s.total, s.rows.size()).c_str());
    for (const auto& [table, rows] : s.rows) std::printf("  %s\t%lld\n", table.c_str(), rows);
    return 0;
}

} // namespace gongshi::app
