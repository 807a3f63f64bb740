// gongshi check: every check of rules/Checks.h over a data directory, one finding a line (or as
// JSON). Exit status 0 when no finding is an error, 2 when one is (1 stays for bad input).
#include "app/Args.h"
#include "app/Commands.h"
#include "app/DataDir.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "rules/Checks.h"
#include "records/Database.h"
#include "records/RecordJson.h"
#include "rules/WorkingDays.h"

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace gongshi::app {

int checkCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"data-dir", "database", "today"}, {"json"});
    if (!args.positional().empty()) throw InputError(msg::cliNoArguments("check", args.positional()[0]));
    const std::string dataDir = args.get("data-dir", "./var");
    const std::string today = args.get("today", content::localToday());
    try {
        content::parseDate(today);
    } catch (const InputError&) {
        throw InputError(msg::cliNotDate("today", today));
    }
    const auto db = openData(dataDir, args.get("database", ""));
    const std::vector<content::Finding> findings = content::runChecks(*db, today);
    const auto errors = std::count_if(findings.begin(), findings.end(), [](const auto& f) { return f.isError(); });

    if (args.has("json")) {
        std::cout << content::jsonText(content::findingsJson(findings)) << "\n";
    } else {
        for (const auto& f : findings)
            std::cout << (f.isError() ? "错误" : "警告") << " " << f.record << " " << f.id << " " << f.field << ": " << f.message << "\n";
        std::cerr << "gongshi check：" << msg::checkSummary(errors, findings.size() - errors) << "\n";
    }
    std::cout.flush();
    return errors > 0 ? 2 : 0;
}

} // namespace gongshi::app
