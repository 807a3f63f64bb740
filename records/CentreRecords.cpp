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

std::map<Id, ComposeRecords> loadComposeRecords(Database& db, const std::set<Id>& centreIds) {
    std::map<Id, ComposeRecords> out;
    if (centreIds.empty()) return out;
    const auto pictures = listPictures(db);
    for (auto& c : RecordStore<Centre>(db).allOf(centreIds, true)) {
        ComposeRecords& r = out[c.meta.id];
        r.centre = std::move(c);
        r.pictures = pictures;
        r.dataDir = db.dataDir();
    }
    for (auto& w : RecordStore<Window>(db).allOf(centreIds)) out[w.centreId].windows.push_back(std::move(w));
    for (auto& s : RecordStore<Staff>(db).allOf(centreIds)) out[s.centreId].staff.push_back(std::move(s));
    for (auto& m : RecordStore<Matter>(db).allOf(centreIds)) out[m.centreId].matters.push_back(std::move(m));
    for (auto& n : RecordStore<Notice>(db).allOf(centreIds)) out[n.centreId].notices.push_back(std::move(n));
    return out;
}

const Picture* findPictureById(const std::vector<Picture>& pictures, Id id) {
    for (const auto& p : pictures)
        if (p.id == id) return &p;
    return nullptr;
}

} // namespace gongshi::content
