#include "records/CentreRecords.h"
#include "records/Database.h"
#include "records/RecordStore.h"

namespace gongshi::content {

ComposeRecords loadComposeRecords(Database& db, Id centreId) {
    ComposeRecords r;
    r.centre = RecordStore<Centre>(db).get(centreId);
    r.windows = RecordStore<Window>(db).all(centreId);
    r.staff = RecordStore<Staff>(db).all(centreId);
    r.matters = RecordStore<Matter>(db).all(centreId);
    r.notices = RecordStore<Notice>(db).all(centreId);
    return r;
}

} // namespace gongshi::content
