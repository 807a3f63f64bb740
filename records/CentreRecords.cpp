#include "records/CentreRecords.h"
#include "records/Database.h"
#include "records/RecordStore.h"

#include <filesystem>

namespace gongshi::content {

ComposeRecords loadComposeRecords(Database& db, Id centreId) {
    ComposeRecords r;
    r.centre = RecordStore<Centre>(db).get(centreId);
    r.windows = RecordStore<Window>(db).all(centreId);
    r.staff = RecordStore<Staff>(db).all(centreId);
    r.matters = RecordStore<Matter>(db).all(centreId);
    r.notices = RecordStore<Notice>(db).all(centreId);
    r.pictures = listPictures(db);
    r.dataDir = db.dataDir();
    return r;
}

const Picture* findPictureById(const std::vector<Picture>& pictures, Id id) {
    for (const auto& p : pictures)
        if (p.id == id) return &p;
    return nullptr;
}

} // namespace gongshi::content
