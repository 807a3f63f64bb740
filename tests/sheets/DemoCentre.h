#pragma once
// The demo centre (records/demo) in a data directory of its own, as the records a sheet is made
// from, with the file store its staff photos go into.
#include "compose/Composer.h"
#include "records/Database.h"
#include "records/Demo.h"
#include "records/FileStore.h"
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
