#pragma once
// The audit log: who wrote what, when, with the record before and after. Saves of records are
// already kept whole in the revisions table (every create, update, delete and restore); other
// writes (users, approvals, window status by window staff is a record save too) go to
// audit_events. The log is the two read together, newest first.
#include "records/Records.h"

#include "records/Database.h"

#include <string>
#include <vector>

namespace gongshi::content {
class Database;
}

namespace gongshi::server {

struct AuditEntry {
    std::string id; // "r12" (revision 12) or "e3" (event 3): stable, for links and paging
    std::string at;
    std::string user;
    std::string action; // create, update, delete, restore, approve, user-add, user-remove, password
    std::string record; // matter, notice, ..., user, approval
    content::Id recordId = 0;
    std::string before; // JSON, or empty
    std::string after;
};

struct AuditQuery {
    std::string record; // empty: all
    content::Id recordId = 0;
    content::Id centreId = 0; // not 0: the events of this centre's records (as they are now) and broadcasts
    int limit = 100;
    int offset = 0;
};

// Inside a write transaction (Database::write).
void recordAuditEvent(content::Connection& s, const AuditEntry& e);

struct AuditPage {
    std::vector<AuditEntry> items;
    int total = 0;
};
AuditPage listAudit(content::Database& db, const AuditQuery& q);

} // namespace gongshi::server
