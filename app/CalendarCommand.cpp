// gongshi calendar: the holiday calendar of a data directory. `import FILE` lays a file of
// "日期,类型,名称" rows over what the centre entered (as the admin page's import does); `show YEAR`
// prints the year's holidays and make-up working days, the State Council's and the centre's, as
// such a file (--csv) or one day a line.
#include "app/Args.h"
#include "app/Commands.h"
#include "app/DataDir.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "common/Parse.h"
#include "records/Database.h"
#include "records/RecordJson.h"
#include "rules/Calendar.h"
#include "server/AuditLog.h"

#include <cstdlib>
#include <iostream>

namespace gongshi::app {

int calendarCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"data-dir", "database", "user"}, {"csv"});
    const auto& pos = args.positional();
    const std::string usage = "gongshi calendar import FILE [--data-dir D] [--user NAME] | show YEAR [--data-dir D] [--csv]";
    if (pos.size() != 2 || (pos[0] != "import" && pos[0] != "show")) throw InputError(msg::cliUsage(usage));
    const auto db = openData(args);

    if (pos[0] == "import") {
        const auto days = content::readCalendarCsv(readTextFile(pos[1]));
        if (days.empty()) throw InputError(msg::calendarFileEmpty());
        const char* envUser = std::getenv("USER");
        const std::string user = args.get("user", envUser && *envUser ? envUser : "cli");
        const auto years = content::importDays(*db, days, [&](content::Connection& s) {
            server::recordAuditEvent(
                s, {"", content::utcNow(), user, "calendar-import", "calendar", 0, "", "{\"days\":" + std::to_string(days.size()) + "}"});
        });
        std::string names;
        for (int y : years) names += (names.empty() ? "" : "、") + std::to_string(y) + "年";
        std::cout << msg::calendarImported(days.size(), names) << "\n";
        return 0;
    }

    const int year = parse::wholeInt(pos[1], {"year", "年份"}, 1900, 2200);
    const auto days = content::calendarOfYear(*db, year);
    if (args.has("csv")) {
        std::cout << content::writeCalendarCsv(days);
    } else {
        for (const auto& d : days)
            std::cout << d.date << " " << content::dayKindChinese(d.kind) << " " << (d.name.empty() ? "-" : d.name) << " "
                      << (d.entered ? "本中心" : "国务院") << "\n";
    }
    std::cout.flush();
    return 0;
}

} // namespace gongshi::app
