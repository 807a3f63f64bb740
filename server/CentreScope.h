#pragma once
// The centre a caller works in, and the one check every route makes with it. A user of one centre
// (users.centre_id) reaches that centre's records only; a county user (no centre) and a machine's
// token reach every centre. What another centre holds is answered as what does not exist (404,
// the same words), so ids do not tell a centre what the others hold.
#include "records/Database.h"
#include "records/RecordStore.h"
#include "server/Exchange.h"

#include <string>

namespace gongshi::server {

// The centre the caller works in; 0: the county (every centre).
content::Id callerCentre(const Exchange& ex);
// Whether the caller reaches what belongs to centre `centreId`.
bool reachesCentre(const Exchange& ex, content::Id centreId);
// Throws NotFoundError(notFound) unless the caller reaches centre `centreId`.
void requireCentre(const Exchange& ex, content::Id centreId, const std::string& notFound);
// The centre a list is narrowed to: a centre user's own (404 when `?centre_id=` names another), a
// county user's `?centre_id=` (0, or absent: every centre).
content::Id listCentre(const Exchange& ex);

// The centre record `id` of `kind` (centre, window, staff, matter, notice, screen, program)
// belongs to: a centre is its own, a program its screen's. 0 when there is no such record.
content::Id centreOf(content::Database& db, const std::string& kind, content::Id id);
template <class T> content::Id centreOf(content::Database& db, const T& r) {
    if constexpr (std::is_same_v<T, content::Centre>) {
        (void)db;
        return r.meta.id;
    } else if constexpr (std::is_same_v<T, content::Program>) {
        return centreOf(db, "screen", r.screenId);
    } else {
        (void)db;
        return r.centreId;
    }
}

// Throws the record's own 404 ("编号为N的事项不存在") unless record `id` of `kind` exists and the
// caller reaches its centre.
void requireRecord(content::Database& db, const Exchange& ex, const std::string& kind, content::Id id);
template <class T> void requireRecord(content::Database& db, const Exchange& ex, content::Id id) {
    requireRecord(db, ex, content::RecordTraits<T>::kind, id);
}
// The record, read, when the caller reaches it; else its 404.
template <class T> T getRecord(content::Database& db, const Exchange& ex, content::Id id) {
    T r = content::RecordStore<T>(db).get(id);
    requireCentre(ex, centreOf(db, r), msg::recordNotFound(content::RecordTraits<T>::label, id));
    return r;
}

} // namespace gongshi::server
