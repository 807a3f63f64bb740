#include "records/Publication.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/Database.h"
#include "records/RecordJson.h"
#include "records/RecordStore.h"

#include <map>

using namespace Poco::Data::Keywords;

namespace gongshi::content {
namespace {

std::map<Id, int> approvedVersions(Database& db, const std::string& kind) {
    Poco::Data::Session s = db.session();
    std::string k = kind;
    std::vector<Id> ids;
    std::vector<int> versions;
    s << "SELECT record_id, version FROM approvals WHERE kind = ?", use(k), into(ids), into(versions), now;
    std::map<Id, int> out;
    for (std::size_t i = 0; i < ids.size(); ++i) out[ids[i]] = versions[i];
    return out;
}

template <class T> void keepApproved(Database& db, std::vector<T>& records) {
    const auto approved = approvedVersions(db, RecordTraits<T>::kind);
    std::vector<T> out;
    RecordStore<T> store(db);
    for (auto& r : records) {
        auto it = approved.find(r.meta.id);
        if (it == approved.end()) continue;
        if (it->second == r.meta.version) {
            out.push_back(std::move(r));
            continue;
        }
        if (auto rev = store.revision(r.meta.id, it->second)) out.push_back(fromStoredJson<T>(*readJsonObject(rev->content, "保存的记录")));
    }
    records = std::move(out);
}

template <class T> void addPending(Database& db, const std::set<Id>& centres, std::vector<PendingApproval>& out) {
    const auto approved = approvedVersions(db, RecordTraits<T>::kind);
    for (const T& r : RecordStore<T>(db).all()) {
        if (!centres.count(r.centreId)) continue;
        auto it = approved.find(r.meta.id);
        const int a = it == approved.end() ? 0 : it->second;
        if (a == r.meta.version) continue;
        out.push_back({RecordTraits<T>::kind, r.meta.id, r.meta.version, a, titleOf(r), r.meta.changedBy, r.meta.changedAt});
    }
}

} // namespace

void approve(Database& db, const std::string& record, Id id, int version, const std::string& user) {
    if (record != "matter" && record != "notice") throw ValidationError("record", msg::notApprovable(record));
    db.write([&](Poco::Data::Session& s) {
        std::string kind = record, at = utcNow(), by = user;
        Id rid = id;
        int v = version, n = 0;
        s << "SELECT COUNT(*) FROM revisions WHERE kind = ? AND record_id = ? AND version = ? AND action <> 'delete'", use(kind), use(rid),
            use(v), into(n), now;
        if (n == 0) throw NotFoundError(msg::noRevision(record == "matter" ? "事项" : "公告", id, version));
        s << "INSERT OR REPLACE INTO approvals (kind, record_id, version, approved_by, approved_at) VALUES (?, ?, ?, ?, ?)", use(kind),
            use(rid), use(v), use(by), use(at), now;
    });
}

namespace {

template <class T> void approveAllOf(Poco::Data::Session& s, Id centreId, const std::string& user) {
    std::string kind = RecordTraits<T>::kind, by = user, at = utcNow();
    Id centre = centreId;
    s << "INSERT OR REPLACE INTO approvals (kind, record_id, version, approved_by, approved_at)"
         " SELECT ?, id, version, ?, ? FROM " +
             std::string(RecordTraits<T>::table) + " WHERE owner_id = ?",
        use(kind), use(by), use(at), use(centre), now;
}

} // namespace

void approveCurrent(Database& db, Id centreId, const std::string& user) {
    db.write([&](Poco::Data::Session& s) {
        approveAllOf<Matter>(s, centreId, user);
        approveAllOf<Notice>(s, centreId, user);
    });
}

std::vector<PendingApproval> pendingApprovals(Database& db) {
    std::set<Id> centres;
    for (const Centre& c : RecordStore<Centre>(db).all())
        if (c.publishingNeedsApproval) centres.insert(c.meta.id);
    std::vector<PendingApproval> out;
    if (centres.empty()) return out;
    addPending<Matter>(db, centres, out);
    addPending<Notice>(db, centres, out);
    return out;
}

void applyApprovals(Database& db, ComposeRecords& records) {
    if (!records.centre.publishingNeedsApproval) return;
    keepApproved(db, records.matters);
    keepApproved(db, records.notices);
}

ComposeRecords loadPublishedRecords(Database& db, Id centreId) {
    ComposeRecords records = loadComposeRecords(db, centreId);
    applyApprovals(db, records);
    return records;
}

} // namespace gongshi::content
