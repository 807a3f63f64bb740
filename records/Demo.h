#pragma once
// The demo data set (records/demo/): one township centre, its windows and staff, its matters and
// notices, to try the product and to test it against. The matters and notices are the same CSV
// sheets `gongshi import` reads; the centre, windows and staff are the API's JSON, with windows
// naming their A/B staff by name ("post_a_staff"), programs their screen by name ("screen") and
// window items their window by number ("window"), since ids exist only once stored.
#include "records/Database.h"
#include "records/Records.h"

#include <string>
#include <vector>

namespace gongshi::content {

struct DemoSummary {
    Centre centre;
    std::size_t windows = 0, staff = 0, matters = 0, notices = 0, screens = 0, programs = 0;
    std::vector<std::string> warnings;
};

// Where the demo files are: $GONGSHI_DEMO_DIR, else records/demo of the source tree this was
// built from.
std::string demoDataDir();

// Loads the demo set into a data directory without any centre; throws InputError (nothing
// written) when it already has one or when a demo file is bad.
DemoSummary importDemo(Database& db, const std::string& demoDir, const std::string& user);

} // namespace gongshi::content
