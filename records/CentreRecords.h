#pragma once
// The records of one centre, as plain values: what compositions, sheets, checks and the choice of
// what plays draw on, so none of them needs a database.
#include "records/Pictures.h"
#include "records/Records.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace gongshi::content {

class Database;

// The record with id `id` among `records`, or null.
template <class T> const T* findById(const std::vector<T>& records, Id id) {
    for (const auto& r : records)
        if (r.meta.id == id) return &r;
    return nullptr;
}

// The records of one centre a composition draws on: plain values, so composing needs no database.
struct ComposeRecords {
    Centre centre;
    std::vector<Window> windows;
    std::vector<Staff> staff;
    std::vector<Matter> matters;
    std::vector<Notice> notices;
    // Staff known to be away today (leave, training): a window whose A post is here shows its B post.
    std::set<Id> absentStaff;
    // The uploaded pictures image items show (records/Pictures) and the data directory their files
    // are kept under (the FileStore's).
    std::vector<Picture> pictures;
    std::string dataDir;
};

// Picture `id` among `pictures`, or null.
const Picture* findPictureById(const std::vector<Picture>& pictures, Id id);

// Loads centre `centreId` and its windows, staff, matters and notices. Throws NotFoundError.
ComposeRecords loadComposeRecords(Database& db, Id centreId);
// The same for every centre of `centreIds`, by centre: one statement per kind of record, however
// many centres (what a scheduler driving the screens of a hundred centres reads). A centre that
// does not exist is left out.
std::map<Id, ComposeRecords> loadComposeRecords(Database& db, const std::set<Id>& centreIds);

} // namespace gongshi::content
