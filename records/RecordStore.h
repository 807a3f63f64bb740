#pragma once
// Stores one kind of record: create, read, list, update with optimistic concurrency, delete, and
// a revision (who, when, full content) for every save, which can be listed and restored.
//
// Each record is a row: id, owner (centre or screen), version, a title for search, timestamps,
// who changed it, and the record's JSON. Writes run in BEGIN IMMEDIATE transactions, so a save
// either happens whole with its revision or not at all.
#include "common/Error.h"
#include "common/Messages.h"
#include "records/Database.h"
#include "records/RecordJson.h"

#include <Poco/Data/Statement.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

namespace gongshi::content {

struct Revision {
    std::string kind;
    Id recordId = 0;
    int version = 0;
    std::string action; // create, update, delete, restore
    std::string changedAt;
    std::string changedBy;
    std::string content; // the record's JSON as saved
};

struct ListQuery {
    Id ownerId = 0;   // 0: every owner
    Id centreId = 0;  // 0: every centre; else the records of this centre (a program: of its screens)
    std::string text; // matched against the title
    int limit = 100;
    int offset = 0;
};

// `ids` as an SQL list, "1,2,3", for `IN (...)` (numbers only: nothing to quote).
inline std::string sqlIdList(const std::set<Id>& ids) {
    std::string in;
    for (Id id : ids) in += (in.empty() ? "" : ",") + std::to_string(id);
    return in;
}

template <class T> struct ListPage {
    std::vector<T> items;
    std::vector<Id> ids; // the items' ids (listJson)
    int total = 0;
};

template <class T> class RecordStore {
public:
    using Traits = RecordTraits<T>;

    explicit RecordStore(Database& db) : db_(db) {}

    // Saves a new record as version 1 and returns it with its id and timestamps.
    T create(T record, const std::string& user) {
        db_.write([&](Connection& s) { createIn(s, record, user, "create"); });
        return record;
    }

    // Saves every record as new in one transaction (an import): all of them are stored, with
    // their ids and timestamps filled in, or, when one fails, none.
    void createAll(std::vector<T>& records, const std::string& user) {
        db_.write([&](Connection& s) {
            for (T& record : records) createIn(s, record, user, "create");
        });
    }

    // An import: `created` saved as new and `updated` over the stored records (each at the
    // version it was read at, else ConflictError) in one transaction, each with its revision:
    // all of them or, when one fails, none.
    void saveAll(std::vector<T>& created, std::vector<T>& updated, const std::string& user) {
        db_.write([&](Connection& s) {
            for (T& record : created) createIn(s, record, user, "create");
            for (T& record : updated) updateIn(s, record, user, "update");
        });
    }

    std::optional<T> find(Id id) {
        Connection s = db_.session();
        std::vector<std::string> data;
        s << "SELECT data FROM " + table() + " WHERE id = ?", Poco::Data::Keywords::use(id), Poco::Data::Keywords::into(data),
            Poco::Data::Keywords::now;
        if (data.empty()) return std::nullopt;
        return decode(data.front());
    }

    T get(Id id) {
        auto r = find(id);
        if (!r) throw NotFoundError(msg::recordNotFound(Traits::label, id));
        return *r;
    }

    ListPage<T> list(const ListQuery& q) {
        ListPage<std::string> raw = listJson(q);
        ListPage<T> page;
        page.total = raw.total;
        page.ids = raw.ids;
        for (const auto& d : raw.items) page.items.push_back(decode(d));
        return page;
    }

    // The same page with each record as its stored JSON text (what the API sends), undecoded.
    ListPage<std::string> listJson(const ListQuery& q) {
        Connection s = db_.session();
        // Only the conditions asked for (ids written as numbers): a search for nothing is no LIKE
        // on every row, which on PostgreSQL cost more than the rest of a list.
        std::string where = " WHERE 1 = 1";
        if (q.ownerId) where += " AND owner_id = " + std::to_string(q.ownerId);
        if (q.centreId) where += " AND " + centreCondition(q.centreId);
        // The search text is matched as written: % and _ in it are not wildcards.
        std::string like = "%";
        for (char c : q.text) {
            if (c == '%' || c == '_' || c == '\\') like += '\\';
            like += c;
        }
        like += "%";
        const bool search = !q.text.empty();
        if (search) where += " AND title LIKE ? ESCAPE '\\'";
        ListPage<std::string> page;
        // The page and the count in one statement (the count, an uncorrelated subquery, is
        // computed once); only an empty page (past the end, or no room) asks for the count alone.
        int limit = q.limit, offset = q.offset;
        std::vector<Poco::Int64> totals;
        Poco::Data::Statement st = s.statement("SELECT id, data, (SELECT COUNT(*) FROM " + table() + where + ") FROM " + table() + where +
                                               " ORDER BY id LIMIT ? OFFSET ?");
        if (search) st, Poco::Data::Keywords::use(like), Poco::Data::Keywords::use(like);
        st, Poco::Data::Keywords::use(limit), Poco::Data::Keywords::use(offset), Poco::Data::Keywords::into(page.ids),
            Poco::Data::Keywords::into(page.items), Poco::Data::Keywords::into(totals);
        st.execute();
        if (!totals.empty()) {
            page.total = static_cast<int>(totals.front());
        } else if (offset > 0 || limit <= 0) {
            Poco::Data::Statement count = s.statement("SELECT COUNT(*) FROM " + table() + where);
            if (search) count, Poco::Data::Keywords::use(like);
            count, Poco::Data::Keywords::into(page.total);
            count.execute();
        }
        return page;
    }

    // Every record (of owner `ownerId` when not 0), in id order: one statement, no count.
    std::vector<T> all(Id ownerId = 0) {
        Connection s = db_.session();
        std::vector<std::string> data;
        s << "SELECT data FROM " + table() + (ownerId ? " WHERE owner_id = " + std::to_string(ownerId) : std::string()) + " ORDER BY id",
            Poco::Data::Keywords::into(data), Poco::Data::Keywords::now;
        return decodeAll(data);
    }

    // The records whose id (`byId`) or owner is one of `keys`, in id order: one statement for
    // any number of them (a scheduler's centres).
    std::vector<T> allOf(const std::set<Id>& keys, bool byId = false) {
        if (keys.empty()) return {};
        Connection s = db_.session();
        std::vector<std::string> data;
        s << "SELECT data FROM " + table() + (byId ? " WHERE id IN (" : " WHERE owner_id IN (") + sqlIdList(keys) + ") ORDER BY id",
            Poco::Data::Keywords::into(data), Poco::Data::Keywords::now;
        return decodeAll(data);
    }

    // Saves `record` over the stored one if record.meta.version is still the stored version;
    // otherwise throws ConflictError and writes nothing.
    T update(T record, const std::string& user) {
        db_.write([&](Connection& s) { updateIn(s, record, user, "update"); });
        return record;
    }

    // Deletes the record if `version` is still current; its last content stays in the revisions.
    void remove(Id id, int version, const std::string& user) {
        db_.write([&](Connection& s) {
            T current = currentIn(s, id);
            requireVersion(current, version);
            Poco::Data::Statement del(s.poco());
            del << s.dialect("DELETE FROM " + table() + " WHERE id = ?"), Poco::Data::Keywords::use(id);
            del.execute();
            current.meta.version = version + 1;
            current.meta.changedAt = utcNow();
            current.meta.changedBy = user;
            keepRevision(s, current, "delete");
        });
    }

    std::vector<Revision> revisions(Id id) { return revisionsOf(id, 0); }
    // Revision `version` of record `id`; nullopt when there is none.
    std::optional<Revision> revision(Id id, int version) {
        if (version < 1) return std::nullopt; // versions count from 1
        auto found = revisionsOf(id, version);
        if (found.empty()) return std::nullopt;
        return std::move(found.front());
    }

    // Brings back the content of revision `revisionVersion` as a new version, if `currentVersion`
    // is still current (a deleted record comes back under its old id).
    T restore(Id id, int revisionVersion, int currentVersion, const std::string& user) {
        T result;
        db_.write([&](Connection& s) {
            std::string kind = Traits::kind;
            std::vector<std::string> content;
            s << "SELECT content FROM revisions WHERE kind = ? AND record_id = ? AND version = ?", Poco::Data::Keywords::use(kind),
                Poco::Data::Keywords::use(id), Poco::Data::Keywords::use(revisionVersion), Poco::Data::Keywords::into(content),
                Poco::Data::Keywords::now;
            if (content.empty()) throw NotFoundError(msg::noRevision(Traits::label, id, revisionVersion));
            T old = decode(content.front());
            if (existsIn(s, id)) {
                old.meta.version = currentVersion;
                updateIn(s, old, user, "restore");
            } else {
                int last = lastRevisionIn(s, id);
                if (currentVersion != last) throw ConflictError(msg::deletedSince(Traits::label, id, last, currentVersion));
                old.meta.id = id;
                old.meta.version = last;
                insertRowIn(s, old, user, "restore");
            }
            result = old;
        });
        return result;
    }

    static std::string table() { return Traits::table; }
    // The condition "the row belongs to centre `centre`" (ListQuery::centreId).
    static std::string centreCondition(Id centre) {
        const std::string id = std::to_string(centre);
        if constexpr (std::is_same_v<T, Centre>)
            return "id = " + id;
        else if constexpr (std::is_same_v<T, Program>)
            return "owner_id IN (SELECT id FROM screens WHERE owner_id = " + id + ")";
        else
            return "owner_id = " + id;
    }

private:
    // Every revision of record `id` in order, or only `version` when it is not 0.
    std::vector<Revision> revisionsOf(Id id, int version) {
        Connection s = db_.session();
        std::string kind = Traits::kind;
        std::vector<int> versions;
        std::vector<std::string> actions, at, by, content;
        s << "SELECT version, action, changed_at, changed_by, content FROM revisions WHERE kind = ? AND record_id = ?"
             " AND (? = 0 OR version = ?) ORDER BY version",
            Poco::Data::Keywords::use(kind), Poco::Data::Keywords::use(id), Poco::Data::Keywords::use(version),
            Poco::Data::Keywords::use(version), Poco::Data::Keywords::into(versions), Poco::Data::Keywords::into(actions),
            Poco::Data::Keywords::into(at), Poco::Data::Keywords::into(by), Poco::Data::Keywords::into(content), Poco::Data::Keywords::now;
        std::vector<Revision> out;
        for (std::size_t i = 0; i < versions.size(); ++i) out.push_back({kind, id, versions[i], actions[i], at[i], by[i], content[i]});
        return out;
    }

    static T decode(const std::string& json) { return fromStoredJson<T>(*readJsonObject(json, "保存的记录")); }
    static std::vector<T> decodeAll(const std::vector<std::string>& data) {
        std::vector<T> out;
        out.reserve(data.size());
        for (const auto& d : data) out.push_back(decode(d));
        return out;
    }

    bool existsIn(Connection& s, Id id) {
        int n = 0;
        s << "SELECT COUNT(*) FROM " + table() + " WHERE id = ?", Poco::Data::Keywords::use(id), Poco::Data::Keywords::into(n),
            Poco::Data::Keywords::now;
        return n > 0;
    }

    int lastRevisionIn(Connection& s, Id id) {
        std::string kind = Traits::kind;
        int v = 0;
        s << "SELECT COALESCE(MAX(version), 0) FROM revisions WHERE kind = ? AND record_id = ?", Poco::Data::Keywords::use(kind),
            Poco::Data::Keywords::use(id), Poco::Data::Keywords::into(v), Poco::Data::Keywords::now;
        return v;
    }

    T currentIn(Connection& s, Id id) {
        std::vector<std::string> data;
        s << "SELECT data FROM " + table() + " WHERE id = ?", Poco::Data::Keywords::use(id), Poco::Data::Keywords::into(data),
            Poco::Data::Keywords::now;
        if (data.empty()) throw NotFoundError(msg::recordNotFound(Traits::label, id));
        return decode(data.front());
    }

    static void requireVersion(const T& stored, int version) {
        if (stored.meta.version != version)
            throw ConflictError(msg::changedSince(Traits::label, stored.meta.id, stored.meta.changedBy, stored.meta.changedAt,
                                                  stored.meta.version, version));
    }

    void createIn(Connection& s, T& record, const std::string& user, const std::string& action) {
        record.meta.id = 0;
        record.meta.version = 0;
        insertRowIn(s, record, user, action);
    }

    // Inserts the row (with a new id unless record.meta.id is set) as version meta.version + 1.
    void insertRowIn(Connection& s, T& record, const std::string& user, const std::string& action) {
        const std::string at = utcNow();
        record.meta.version += 1;
        if (record.meta.createdAt.empty() || action == "create") record.meta.createdAt = at;
        record.meta.changedAt = at;
        record.meta.changedBy = user;
        Id owner = ownerOf(record);
        std::string title = titleOf(record);
        std::string placeholder = "{}";
        int version = record.meta.version;
        if (record.meta.id == 0) {
            // A new id is never one a deleted record had: its revisions keep that id, and a
            // restore brings the deleted record back under it.
            std::string kind = Traits::kind;
            s << "SELECT COALESCE(MAX(m), 0) + 1 FROM (SELECT MAX(id) AS m FROM " + table() +
                     " UNION ALL SELECT MAX(record_id) FROM revisions WHERE kind = ?) AS ids",
                Poco::Data::Keywords::use(kind), Poco::Data::Keywords::into(record.meta.id), Poco::Data::Keywords::now;
        }
        Id id = record.meta.id;
        s << "INSERT INTO " + table() +
                 " (id, owner_id, version, title, created_at, changed_at, changed_by, data) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?)",
            Poco::Data::Keywords::use(id), Poco::Data::Keywords::use(owner), Poco::Data::Keywords::use(version),
            Poco::Data::Keywords::use(title), Poco::Data::Keywords::use(record.meta.createdAt),
            Poco::Data::Keywords::use(record.meta.changedAt), Poco::Data::Keywords::use(record.meta.changedBy),
            Poco::Data::Keywords::use(placeholder), Poco::Data::Keywords::now;
        // The JSON holds the id, which exists only now.
        std::string data = jsonText(toJson(record));
        s << "UPDATE " + table() + " SET data = ? WHERE id = ?", Poco::Data::Keywords::use(data), Poco::Data::Keywords::use(id),
            Poco::Data::Keywords::now;
        extraColumnsIn(s, record);
        keepRevision(s, record, action);
    }

    void updateIn(Connection& s, T& record, const std::string& user, const std::string& action) {
        int based = record.meta.version; // bound below: Poco binds only non-const values
        T stored = currentIn(s, record.meta.id);
        requireVersion(stored, based);
        record.meta.createdAt = stored.meta.createdAt;
        record.meta.version = based + 1;
        record.meta.changedAt = utcNow();
        record.meta.changedBy = user;
        Id owner = ownerOf(record), id = record.meta.id;
        std::string title = titleOf(record), data = jsonText(toJson(record));
        int version = record.meta.version;
        Poco::Data::Statement st(s.poco());
        st << s.dialect("UPDATE " + table() +
                        " SET owner_id = NULLIF(?, 0), version = ?, title = ?, changed_at = ?, changed_by = ?, data = ?"
                        " WHERE id = ? AND version = ?"),
            Poco::Data::Keywords::use(owner), Poco::Data::Keywords::use(version), Poco::Data::Keywords::use(title),
            Poco::Data::Keywords::use(record.meta.changedAt), Poco::Data::Keywords::use(record.meta.changedBy),
            Poco::Data::Keywords::use(data), Poco::Data::Keywords::use(id), Poco::Data::Keywords::use(based);
        if (st.execute() != 1) requireVersion(currentIn(s, id), based); // raced: report it
        extraColumnsIn(s, record);
        keepRevision(s, record, action);
    }

    void extraColumnsIn(Connection& s, const T& record) {
        if constexpr (std::is_same_v<T, Notice>) {
            Id id = record.meta.id;
            std::string from = record.publishFrom, until = record.publishUntil;
            s << "UPDATE notices SET publish_from = ?, publish_until = ? WHERE id = ?", Poco::Data::Keywords::use(from),
                Poco::Data::Keywords::use(until), Poco::Data::Keywords::use(id), Poco::Data::Keywords::now;
        } else {
            (void)s;
            (void)record;
        }
    }

    void keepRevision(Connection& s, const T& record, const std::string& action) {
        std::string kind = Traits::kind, content = jsonText(toJson(record)), act = action;
        Id id = record.meta.id;
        int version = record.meta.version;
        std::string at = record.meta.changedAt, by = record.meta.changedBy;
        s << "INSERT INTO revisions (kind, record_id, version, action, changed_at, changed_by, content)"
             " VALUES (?, ?, ?, ?, ?, ?, ?)",
            Poco::Data::Keywords::use(kind), Poco::Data::Keywords::use(id), Poco::Data::Keywords::use(version),
            Poco::Data::Keywords::use(act), Poco::Data::Keywords::use(at), Poco::Data::Keywords::use(by),
            Poco::Data::Keywords::use(content), Poco::Data::Keywords::now;
    }

    Database& db_;
};

} // namespace gongshi::content
