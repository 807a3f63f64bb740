#include "records/Publication.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/Database.h"
#include "records/RecordJson.h"
#include "records/RecordStore.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

using namespace Poco::Data::Keywords;

namespace gongshi::content {
namespace {

std::map<Id, int> approvedVersions(Database& db, const std::string& kind) {
    Connection s = db.session();
    std::string k = kind;
    std::vector<Id> ids;
    std::vector<int> versions;
    s << "SELECT record_id, version FROM approvals WHERE kind = ?", use(k), into(ids), into(versions), now;
    std::map<Id, int> out;
    for (std::size_t i = 0; i < ids.size(); ++i) out[ids[i]] = versions[i];
    return out;
}

template <class T> void keepApproved(Database& db, const std::map<Id, int>& approved, std::vector<T>& records) {
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

// The versions sent back, as (record id, version).
std::set<std::pair<Id, int>> rejectedVersions(Database& db, const std::string& kind) {
    Connection s = db.session();
    std::string k = kind;
    std::vector<Id> ids;
    std::vector<int> versions;
    s << "SELECT record_id, version FROM approval_rejections WHERE kind = ?", use(k), into(ids), into(versions), now;
    std::set<std::pair<Id, int>> out;
    for (std::size_t i = 0; i < ids.size(); ++i) out.emplace(ids[i], versions[i]);
    return out;
}

template <class T> void addPending(Database& db, const std::set<Id>& centres, std::vector<PendingApproval>& out) {
    const auto approved = approvedVersions(db, RecordTraits<T>::kind);
    const auto rejected = rejectedVersions(db, RecordTraits<T>::kind);
    for (const T& r : RecordStore<T>(db).all()) {
        if (!centres.count(r.centreId)) continue;
        auto it = approved.find(r.meta.id);
        const int a = it == approved.end() ? 0 : it->second;
        if (a == r.meta.version || rejected.count({r.meta.id, r.meta.version})) continue;
        out.push_back({RecordTraits<T>::kind, r.meta.id, r.meta.version, a, titleOf(r), r.meta.changedBy, r.meta.changedAt});
    }
}

} // namespace

void approve(Database& db, const std::string& record, Id id, int version, const std::string& user) {
    if (record != "matter" && record != "notice") throw ValidationError("record", msg::notApprovable(record));
    db.write([&](Connection& s) {
        std::string kind = record, at = utcNow(), by = user;
        Id rid = id;
        int v = version, n = 0;
        s << "SELECT COUNT(*) FROM revisions WHERE kind = ? AND record_id = ? AND version = ? AND action <> 'delete'", use(kind), use(rid),
            use(v), into(n), now;
        if (n == 0) throw NotFoundError(msg::noRevision(record == "matter" ? "事项" : "公告", id, version));
        s << "INSERT INTO approvals (kind, record_id, version, approved_by, approved_at) VALUES (?, ?, ?, ?, ?)"
             " ON CONFLICT (kind, record_id) DO UPDATE SET version = excluded.version, approved_by = excluded.approved_by,"
             " approved_at = excluded.approved_at",
            use(kind), use(rid), use(v), use(by), use(at), now;
        s << "DELETE FROM approval_rejections WHERE kind = ? AND record_id = ? AND version = ?", use(kind), use(rid), use(v), now;
    });
}

void reject(Database& db, const std::string& record, Id id, int version, const std::string& user, const std::string& comment) {
    if (record != "matter" && record != "notice") throw ValidationError("record", msg::notApprovable(record));
    if (comment.find_first_not_of(" \t\r\n") == std::string::npos) throw ValidationError("comment", msg::rejectNeedsComment());
    const std::string what = record == "matter" ? "事项" : "公告";
    db.write([&](Connection& s) {
        std::string kind = record, at = utcNow(), by = user, why = comment;
        const std::string table = record == "matter" ? "matters" : "notices";
        Id rid = id;
        int v = version;
        std::vector<int> current, approved;
        s << "SELECT version FROM " + table + " WHERE id = ?", use(rid), into(current), now;
        if (current.empty()) throw NotFoundError(msg::recordNotFound(what, id));
        if (current[0] != version) throw ConflictError(msg::rejectNotWaiting(what, id, version, current[0]));
        s << "SELECT version FROM approvals WHERE kind = ? AND record_id = ?", use(kind), use(rid), into(approved), now;
        if (!approved.empty() && approved[0] == version) throw ConflictError(msg::rejectApproved(what, id, version));
        s << "INSERT INTO approval_rejections (kind, record_id, version, comment, rejected_by, rejected_at)"
             " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (kind, record_id, version) DO UPDATE SET comment = excluded.comment,"
             " rejected_by = excluded.rejected_by, rejected_at = excluded.rejected_at",
            use(kind), use(rid), use(v), use(why), use(by), use(at), now;
    });
}

namespace {

// The centres that publish only what was approved: every centre's, or only those among `among`
// (a list of matters asks about the centres on its page, not a county's every centre). Only the
// centres whose stored JSON (written condensed, records/RecordJson) sets the flag are decoded.
// On the caller's connection: a second one taken while holding the first could wait for ever
// when every request does the same.
std::set<Id> centresNeedingApproval(Connection& s, const std::set<Id>* among = nullptr) {
    std::set<Id> out;
    if (among && among->empty()) return out;
    std::vector<std::string> data;
    s << "SELECT data FROM centres WHERE " + (among ? "id IN (" + sqlIdList(*among) + ") AND " : std::string()) +
             "data LIKE '%\"publishing_needs_approval\":true%'",
        into(data), now;
    for (const auto& d : data)
        if (const Centre c = fromStoredJson<Centre>(*readJsonObject(d, "保存的记录")); c.publishingNeedsApproval) out.insert(c.meta.id);
    return out;
}

// Where each record stands: every record of kind T, or those of `only` when it is not empty.
template <class T> std::map<Id, ApprovalState> statesOf(Database& db, const std::set<Id>& only) {
    std::map<Id, ApprovalState> out;
    // Given back before the revisions are read below (each of those takes a connection).
    std::optional<Connection> connection(db.session());
    Connection& s = *connection;
    std::string kind = RecordTraits<T>::kind;
    const std::string in = sqlIdList(only);
    std::vector<Id> ids, owners;
    std::vector<int> versions;
    std::vector<std::string> changedBy, changedAt;
    s << "SELECT id, owner_id, version, changed_by, changed_at FROM " + std::string(RecordTraits<T>::table) +
             (only.empty() ? std::string() : " WHERE id IN (" + in + ")"),
        into(ids), into(owners), into(versions), into(changedBy), into(changedAt), now;
    const std::set<Id> owning(owners.begin(), owners.end());
    const std::set<Id> centres = centresNeedingApproval(s, only.empty() ? nullptr : &owning);
    if (centres.empty()) return out;
    const std::string which = only.empty() ? std::string() : " AND record_id IN (" + in + ")";
    std::vector<Id> aIds, jIds;
    std::vector<int> aVersions, jVersions;
    std::vector<std::string> aBy, aAt, jComment, jBy, jAt;
    s << "SELECT record_id, version, approved_by, approved_at FROM approvals WHERE kind = ?" + which, use(kind), into(aIds),
        into(aVersions), into(aBy), into(aAt), now;
    s << "SELECT record_id, version, comment, rejected_by, rejected_at FROM approval_rejections WHERE kind = ?" + which, use(kind),
        into(jIds), into(jVersions), into(jComment), into(jBy), into(jAt), now;
    std::map<Id, std::size_t> approvedAt;
    for (std::size_t i = 0; i < aIds.size(); ++i) approvedAt[aIds[i]] = i;
    std::map<std::pair<Id, int>, std::size_t> rejectedAt;
    for (std::size_t i = 0; i < jIds.size(); ++i) rejectedAt[{jIds[i], jVersions[i]}] = i;
    connection.reset();
    RecordStore<T> store(db);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (!centres.count(owners[i])) continue;
        ApprovalState st;
        const auto a = approvedAt.find(ids[i]);
        if (a != approvedAt.end()) st.approvedVersion = aVersions[a->second];
        if (st.approvedVersion == versions[i]) {
            st.state = "approved";
            st.by = aBy[a->second];
            st.at = aAt[a->second];
        } else if (const auto j = rejectedAt.find({ids[i], versions[i]}); j != rejectedAt.end()) {
            st.state = "rejected";
            st.comment = jComment[j->second];
            st.by = jBy[j->second];
            st.at = jAt[j->second];
        } else {
            st.state = "waiting";
            st.by = changedBy[i];
            st.at = changedAt[i];
        }
        if (st.approvedVersion && st.approvedVersion != versions[i])
            if (auto rev = store.revision(ids[i], st.approvedVersion))
                st.shownTitle = titleOf(fromStoredJson<T>(*readJsonObject(rev->content, "保存的记录")));
        out[ids[i]] = std::move(st);
    }
    return out;
}

// A value as a person reads it; nullopt when absent.
std::optional<std::string> shownValue(const Poco::Dynamic::Var& v) {
    if (v.isEmpty()) return std::nullopt;
    if (v.type() == typeid(bool)) return v.extract<bool>() ? "是" : "否";
    if (v.type() == typeid(Poco::JSON::Array::Ptr)) {
        std::string joined;
        for (const auto& e : *v.extract<Poco::JSON::Array::Ptr>()) {
            if (!joined.empty()) joined += "、";
            joined += shownValue(e).value_or("");
        }
        return joined;
    }
    return v.toString();
}

bool isObject(const Poco::Dynamic::Var& v) { return !v.isEmpty() && v.type() == typeid(Poco::JSON::Object::Ptr); }

bool isListOfObjects(const Poco::Dynamic::Var& v) {
    if (v.isEmpty() || v.type() != typeid(Poco::JSON::Array::Ptr)) return false;
    for (const auto& e : *v.extract<Poco::JSON::Array::Ptr>())
        if (isObject(e)) return true;
    return false;
}

Poco::Dynamic::Var member(const Poco::Dynamic::Var& v, const std::string& key) {
    if (!isObject(v)) return {};
    const auto o = v.extract<Poco::JSON::Object::Ptr>();
    return o->has(key) ? o->get(key) : Poco::Dynamic::Var();
}

Poco::Dynamic::Var element(const Poco::Dynamic::Var& v, std::size_t i) {
    if (v.isEmpty() || v.type() != typeid(Poco::JSON::Array::Ptr)) return {};
    const auto a = v.extract<Poco::JSON::Array::Ptr>();
    return i < a->size() ? a->get(static_cast<unsigned>(i)) : Poco::Dynamic::Var();
}

std::size_t lengthOf(const Poco::Dynamic::Var& v) {
    return v.isEmpty() || v.type() != typeid(Poco::JSON::Array::Ptr) ? 0 : v.extract<Poco::JSON::Array::Ptr>()->size();
}

struct Differ {
    // key path without indexes ("materials.copies") -> label, in the order of the fields.
    std::vector<std::pair<std::string, std::string>> labels;
    std::vector<FieldChange> out;

    std::string labelOf(const std::string& keyPath) const {
        for (const auto& [k, l] : labels)
            if (k == keyPath) return l;
        const auto dot = keyPath.rfind('.');
        return dot == std::string::npos ? keyPath : keyPath.substr(dot + 1);
    }

    // The keys below `keyPath` of either object, known fields first in their order.
    std::vector<std::string> keysOf(const std::string& keyPath, const Poco::Dynamic::Var& a, const Poco::Dynamic::Var& b) const {
        std::vector<std::string> keys;
        auto add = [&](const std::string& k) {
            if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
        };
        const std::string prefix = keyPath.empty() ? "" : keyPath + ".";
        for (const auto& [k, l] : labels)
            if (k.size() > prefix.size() && k.compare(0, prefix.size(), prefix) == 0 && k.find('.', prefix.size()) == std::string::npos)
                add(k.substr(prefix.size()));
        for (const auto* v : {&a, &b})
            if (isObject(*v)) {
                std::vector<std::string> names;
                v->extract<Poco::JSON::Object::Ptr>()->getNames(names);
                for (const auto& n : names) add(n);
            }
        return keys;
    }

    void compare(const std::string& field, const std::string& keyPath, const std::string& label, const Poco::Dynamic::Var& before,
                 const Poco::Dynamic::Var& after) {
        if (isListOfObjects(before) || isListOfObjects(after)) {
            const std::size_t n = std::max(lengthOf(before), lengthOf(after));
            for (std::size_t i = 0; i < n; ++i)
                compare(field + "[" + std::to_string(i) + "]", keyPath, label + "第" + std::to_string(i + 1) + "项", element(before, i),
                        element(after, i));
            return;
        }
        if (isObject(before) || isObject(after)) {
            for (const auto& key : keysOf(keyPath, before, after)) {
                const std::string childPath = keyPath.empty() ? key : keyPath + "." + key;
                compare(field.empty() ? key : field + "." + key, childPath,
                        label.empty() ? labelOf(childPath) : label + "·" + labelOf(childPath), member(before, key), member(after, key));
            }
            return;
        }
        auto b = shownValue(before), a = shownValue(after);
        if (b != a) out.push_back({field, label, std::move(b), std::move(a)});
    }
};

template <class T> std::vector<FieldChange> changesOf(Database& db, Id id) {
    RecordStore<T> store(db);
    const T current = store.get(id);
    const auto approved = approvedVersions(db, RecordTraits<T>::kind);
    Poco::JSON::Object::Ptr before;
    if (const auto it = approved.find(id); it != approved.end())
        if (auto rev = store.revision(id, it->second)) before = readJsonObject(rev->content, "保存的记录");
    const Poco::JSON::Object::Ptr after = toJson(current);
    Differ d;
    for (const auto& [key, label] : shapeLabels(RecordTraits<T>::shape()))
        if (key != "id" && key != "version" && key != "created_at" && key != "changed_at" && key != "changed_by")
            d.labels.emplace_back(key, label);
    for (const auto& [key, label] : d.labels) {
        if (key.find('.') != std::string::npos) continue;
        d.compare(key, key, label, before && before->has(key) ? before->get(key) : Poco::Dynamic::Var(),
                  after->has(key) ? after->get(key) : Poco::Dynamic::Var());
    }
    return d.out;
}

} // namespace

std::map<Id, ApprovalState> approvalStates(Database& db, const std::string& record, const std::set<Id>& only) {
    if (record == "matter") return statesOf<Matter>(db, only);
    if (record == "notice") return statesOf<Notice>(db, only);
    return {};
}

std::map<Id, ApprovalState> approvalStates(Database& db, const std::string& record, Id only) {
    return approvalStates(db, record, only ? std::set<Id>{only} : std::set<Id>{});
}

std::vector<FieldChange> approvalChanges(Database& db, const std::string& record, Id id) {
    if (record == "matter") return changesOf<Matter>(db, id);
    if (record == "notice") return changesOf<Notice>(db, id);
    throw ValidationError("record", msg::notApprovable(record));
}

namespace {

template <class T> void approveAllOf(Connection& s, Id centreId, const std::string& user) {
    std::string kind = RecordTraits<T>::kind, by = user, at = utcNow();
    Id centre = centreId;
    s << "INSERT INTO approvals (kind, record_id, version, approved_by, approved_at)"
         " SELECT ?, id, version, ?, ? FROM " +
             std::string(RecordTraits<T>::table) +
             " WHERE owner_id = ? ON CONFLICT (kind, record_id) DO UPDATE SET version = excluded.version,"
             " approved_by = excluded.approved_by, approved_at = excluded.approved_at",
        use(kind), use(by), use(at), use(centre), now;
}

} // namespace

void approveCurrent(Database& db, Id centreId, const std::string& user) {
    db.write([&](Connection& s) {
        approveAllOf<Matter>(s, centreId, user);
        approveAllOf<Notice>(s, centreId, user);
    });
}

std::vector<PendingApproval> pendingApprovals(Database& db) {
    const std::set<Id> centres = [&] {
        Connection s = db.session();
        return centresNeedingApproval(s);
    }();
    std::vector<PendingApproval> out;
    if (centres.empty()) return out;
    addPending<Matter>(db, centres, out);
    addPending<Notice>(db, centres, out);
    return out;
}

void applyApprovals(Database& db, ComposeRecords& records) {
    if (!records.centre.publishingNeedsApproval) return;
    keepApproved(db, approvedVersions(db, RecordTraits<Matter>::kind), records.matters);
    keepApproved(db, approvedVersions(db, RecordTraits<Notice>::kind), records.notices);
}

ComposeRecords loadPublishedRecords(Database& db, Id centreId) {
    ComposeRecords records = loadComposeRecords(db, centreId);
    applyApprovals(db, records);
    return records;
}

std::map<Id, ComposeRecords> loadPublishedRecords(Database& db, const std::set<Id>& centreIds) {
    auto all = loadComposeRecords(db, centreIds);
    std::optional<std::map<Id, int>> matters, notices; // read once, when a centre needs them
    for (auto& [id, records] : all) {
        if (!records.centre.publishingNeedsApproval) continue;
        if (!matters) matters = approvedVersions(db, RecordTraits<Matter>::kind);
        if (!notices) notices = approvedVersions(db, RecordTraits<Notice>::kind);
        keepApproved(db, *matters, records.matters);
        keepApproved(db, *notices, records.notices);
    }
    return all;
}

} // namespace gongshi::content
