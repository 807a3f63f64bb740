#pragma once
// The demo centre (content/demo) in a data directory of its own, as the records a sheet is made
// from, with the file store its staff photos go into.
#include "content/Composer.h"
#include "content/Database.h"
#include "content/Demo.h"
#include "content/FileStore.h"
#include "tests/support/TestSupport.h"

namespace gongshi::test {

struct DemoCentre {
    TempDir dir{"gongshi-print"};
    content::Database db{dir.str()};
    content::FileStore files{dir.str()};
    content::ComposeRecords records;

    DemoCentre() {
        content::importDemo(db, content::demoDataDir(), "test");
        records = content::loadComposeRecords(db, 1);
    }
};

} // namespace gongshi::test
