#include "server/AuditLog.h"

#include "records/Database.h"

#include <Poco/Data/Statement.h>
#include <Poco/Nullable.h>

using namespace Poco::Data::Keywords;

namespace gongshi::server {
namespace {

// Revisions with the one before them (the record before the write), plus the other events.
constexpr const char* kUnion =
    "SELECT r.changed_at AS at, r.changed_by AS who, r.action AS action, r.kind AS record, r.record_id AS record_id,"
    " CASE WHEN r.action = 'create' THEN NULL ELSE p.content END AS before,"
    " CASE WHEN r.action = 'delete' THEN NULL ELSE r.content END AS after, r.id * 2 AS seq, r.id * 2 AS ord"
    " FROM revisions r LEFT JOIN revisions p ON p.kind = r.kind AND p.record_id = r.record_id AND p.version = r.version - 1"
    " UNION ALL"
    " SELECT at, username, action, record, record_id, before, after, id * 2 + 1, revision_mark * 2 + 1 FROM audit_events";

// An event's record belongs to centre ? (each of the eight ? the same centre).
constexpr const char* kOfCentre =
    "((record = 'centre' AND record_id = ?)"
    " OR (record = 'window' AND record_id IN (SELECT id FROM windows WHERE owner_id = ?))"
    " OR (record = 'staff' AND record_id IN (SELECT id FROM staff WHERE owner_id = ?))"
    " OR (record = 'matter' AND record_id IN (SELECT id FROM matters WHERE owner_id = ?))"
    " OR (record = 'notice' AND record_id IN (SELECT id FROM notices WHERE owner_id = ?))"
    " OR (record = 'screen' AND record_id IN (SELECT id FROM screens WHERE owner_id = ?))"
    " OR (record = 'program' AND record_id IN (SELECT p.id FROM programs p JOIN screens s ON s.id = p.owner_id WHERE s.owner_id = ?))"
    " OR (record = 'broadcast' AND record_id IN (SELECT id FROM broadcasts WHERE centre_id = ?)))";

} // namespace

void recordAuditEvent(content::Connection& s, const AuditEntry& e) {
    AuditEntry v = e; // Poco binds non-const values; the id is the row's own
    Poco::Nullable<std::string> before, after;
    if (!v.before.empty()) before = v.before;
    if (!v.after.empty()) after = v.after;
    s << "INSERT INTO audit_events (at, username, action, record, record_id, before, after, revision_mark)"
         " VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(id), 0) FROM revisions))",
        use(v.at), use(v.user), use(v.action), use(v.record), use(v.recordId), use(before), use(after), now;
}

AuditPage listAudit(content::Database& db, const AuditQuery& q) {
    content::Connection s = db.session();
    std::string record = q.record;
    content::Id id = q.recordId;
    content::Id c = q.centreId;
    std::string where = " WHERE (? = '' OR record = ?) AND (? = 0 OR record_id = ?)";
    if (c) where += std::string(" AND ") + kOfCentre;
    AuditPage page;
    Poco::Data::Statement count(s.poco());
    count << s.dialect(std::string("SELECT COUNT(*) FROM (") + kUnion + ") AS events" + where), use(record), use(record), use(id), use(id),
        into(page.total);
    if (c)
        for (int i = 0; i < 8; ++i) count, use(c);
    count.execute();
    int limit = q.limit, offset = q.offset;
    std::vector<std::string> at, who, action, rec;
    std::vector<content::Id> ids, seqs;
    std::vector<Poco::Nullable<std::string>> before, after;
    Poco::Data::Statement select(s.poco());
    select << s.dialect(std::string("SELECT seq, at, who, action, record, record_id, before, after FROM (") + kUnion + ") AS events" +
                        where + " ORDER BY at DESC, ord DESC, seq DESC LIMIT ? OFFSET ?"),
        use(record), use(record), use(id), use(id);
    if (c)
        for (int i = 0; i < 8; ++i) select, use(c);
    select, use(limit), use(offset), into(seqs), into(at), into(who), into(action), into(rec), into(ids), into(before), into(after);
    select.execute();
    for (std::size_t i = 0; i < at.size(); ++i)
        page.items.push_back({(seqs[i] % 2 ? "e" : "r") + std::to_string(seqs[i] / 2), at[i], who[i], action[i], rec[i], ids[i],
                              before[i].isNull() ? "" : before[i].value(), after[i].isNull() ? "" : after[i].value()});
    return page;
}

} // namespace gongshi::server
