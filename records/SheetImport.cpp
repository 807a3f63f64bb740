#include "records/SheetImport.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/MatterCsv.h"
#include "records/NoticeCsv.h"
#include "records/RecordStore.h"
#include "records/Xlsx.h"

#include <map>

namespace gongshi::content {
namespace {

const std::string kMatterCode = "事项编码", kMatterName = "事项名称", kNoticeTitle = "标题";

// What differs between the two kinds: the sheet's columns, its row reader and writer, and how a
// row finds the stored record it names.
template <class T> struct SheetOf;

template <> struct SheetOf<Matter> {
    static constexpr const char* what = "事项";
    static std::string required() { return kMatterName; }
    static const std::vector<CsvColumns::Spec>& columns() { return matterCsvColumns(); }
    static const std::vector<std::string>& header() { return matterCsvHeader(); }
    static void read(const CsvColumns& c, const CsvRow& row, Matter& m, std::vector<SheetCellError>& e) { readMatterRow(c, row, m, e); }
    static CsvRow row(const Matter& m) { return matterCsvRow(m); }

    struct Index {
        std::map<std::string, std::vector<const Matter*>> byCode, byName;
        explicit Index(const std::vector<Matter>& stored) {
            for (const Matter& m : stored) {
                if (!m.code.empty()) byCode[m.code].push_back(&m);
                byName[m.name].push_back(&m);
            }
        }
        // The stored matters `m` names, and the column that names them: by code when both have
        // one, else by name (a stored matter with another code is another matter).
        std::vector<const Matter*> find(const Matter& m, std::string& column) const {
            if (!m.code.empty()) {
                column = kMatterCode;
                if (auto it = byCode.find(m.code); it != byCode.end()) return it->second;
            }
            column = kMatterName;
            std::vector<const Matter*> out;
            if (auto it = byName.find(m.name); it != byName.end())
                for (const Matter* s : it->second)
                    if (s->code.empty() || m.code.empty()) out.push_back(s);
            return out;
        }
    };
    // What makes two new rows the same matter.
    static std::string key(const Matter& m, std::string& column) {
        column = m.code.empty() ? kMatterName : kMatterCode;
        return m.code.empty() ? "name:" + m.name : "code:" + m.code;
    }
    static bool named(const Matter& m) { return !m.name.empty(); }
};

template <> struct SheetOf<Notice> {
    static constexpr const char* what = "公告";
    static std::string required() { return kNoticeTitle; }
    static const std::vector<CsvColumns::Spec>& columns() { return noticeCsvColumns(); }
    static const std::vector<std::string>& header() { return noticeCsvHeader(); }
    static void read(const CsvColumns& c, const CsvRow& row, Notice& n, std::vector<SheetCellError>& e) { readNoticeRow(c, row, n, e); }
    static CsvRow row(const Notice& n) { return noticeCsvRow(n); }

    static std::string key(const Notice& n, std::string& column) {
        column = kNoticeTitle;
        return n.title + '\n' + n.publishFrom;
    }
    struct Index {
        std::map<std::string, std::vector<const Notice*>> byKey;
        explicit Index(const std::vector<Notice>& stored) {
            std::string column;
            for (const Notice& n : stored) byKey[SheetOf<Notice>::key(n, column)].push_back(&n);
        }
        std::vector<const Notice*> find(const Notice& n, std::string& column) const {
            auto it = byKey.find(SheetOf<Notice>::key(n, column));
            return it == byKey.end() ? std::vector<const Notice*>{} : it->second;
        }
    };
    static bool named(const Notice& n) { return !n.title.empty(); }
};

template <class T> struct Classified {
    ImportReport report;
    std::vector<T> created, updated;
    std::vector<std::size_t> createdRow, updatedRow; // index into report.rows
};

template <class T> Classified<T> classify(Database& db, Id centreId, std::string_view bytes) {
    using Sheet = SheetOf<T>;
    RecordStore<Centre>(db).get(centreId);
    const std::vector<CsvRow> rows = readSheetRows(bytes);
    if (rows.empty()) throw InputError(msg::csvEmpty(Sheet::required()));
    const CsvColumns cols(rows.front(), Sheet::columns());
    const std::vector<T> stored = RecordStore<T>(db).all(centreId);
    const typename Sheet::Index index(stored);

    Classified<T> out;
    out.report.warnings = cols.warnings();
    std::map<std::string, std::size_t> firstRowOf; // a record's key -> the row that named it first
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (isBlankRow(rows[r])) continue;
        ImportRow line;
        line.row = r + 1;
        T incoming;
        incoming.centreId = centreId;
        Sheet::read(cols, rows[r], incoming, line.errors);
        std::string column;
        std::vector<const T*> matches;
        if (Sheet::named(incoming)) matches = index.find(incoming, column);
        std::optional<T> record;
        if (matches.size() > 1) {
            std::string ids;
            for (const T* m : matches) ids += (ids.empty() ? "" : "、") + std::to_string(m->meta.id);
            line.errors.push_back({column, msg::sheetSeveralStored(Sheet::what, ids)});
        } else if (matches.size() == 1) {
            // Read again over the stored record: what the sheet does not hold is kept, and the
            // record's rules are checked on what would be saved.
            T merged = *matches.front();
            line.errors.clear();
            Sheet::read(cols, rows[r], merged, line.errors);
            line.id = merged.meta.id;
            record = std::move(merged);
        } else {
            record = std::move(incoming);
        }
        // A row with errors still holds its record's place: fixed, it would be that record.
        if (record && Sheet::named(*record)) {
            std::string keyColumn;
            const std::string key = line.id ? "id:" + std::to_string(line.id) : Sheet::key(*record, keyColumn);
            if (line.id) keyColumn = column;
            if (auto [it, fresh] = firstRowOf.emplace(key, line.row); !fresh)
                line.errors.push_back({keyColumn, msg::sheetSameRecordTwice(Sheet::what, it->second)});
        }
        if (!line.errors.empty()) {
            line.action = RowAction::Error;
        } else if (line.id == 0) {
            line.action = RowAction::New;
            out.created.push_back(std::move(*record));
            out.createdRow.push_back(out.report.rows.size());
        } else if (*record == *matches.front()) {
            line.action = RowAction::Unchanged;
        } else {
            line.action = RowAction::Update;
            out.updated.push_back(std::move(*record));
            out.updatedRow.push_back(out.report.rows.size());
        }
        out.report.rows.push_back(std::move(line));
    }
    return out;
}

template <class T> ImportReport run(Database& db, Id centreId, std::string_view bytes, const std::string* user) {
    Classified<T> c = classify<T>(db, centreId, bytes);
    if (!user || c.report.hasErrors() || (c.created.empty() && c.updated.empty())) return std::move(c.report);
    RecordStore<T>(db).saveAll(c.created, c.updated, *user);
    c.report.committed = true;
    for (std::size_t i = 0; i < c.created.size(); ++i) {
        c.report.rows[c.createdRow[i]].id = c.created[i].meta.id;
        c.report.saved.emplace_back(c.created[i].meta.id, c.created[i].meta.version);
    }
    for (const T& u : c.updated) c.report.saved.emplace_back(u.meta.id, u.meta.version);
    return std::move(c.report);
}

template <class T> std::string exportOf(Database& db, Id centreId, SheetFormat format) {
    RecordStore<Centre>(db).get(centreId);
    std::vector<CsvRow> rows{SheetOf<T>::header()};
    for (const T& r : RecordStore<T>(db).all(centreId)) rows.push_back(SheetOf<T>::row(r));
    return format == SheetFormat::Xlsx ? writeXlsx(rows, SheetOf<T>::what) : writeCsv(rows);
}

} // namespace

std::optional<ImportKind> importKindNamed(std::string_view name) {
    if (name == "matters") return ImportKind::Matters;
    if (name == "notices") return ImportKind::Notices;
    return std::nullopt;
}

std::string_view importKindKey(ImportKind kind) { return kind == ImportKind::Matters ? "matters" : "notices"; }

std::string_view rowActionName(RowAction action) {
    switch (action) {
    case RowAction::New:
        return "new";
    case RowAction::Update:
        return "update";
    case RowAction::Unchanged:
        return "unchanged";
    case RowAction::Error:
        return "error";
    }
    return "error";
}

std::size_t ImportReport::count(RowAction action) const {
    std::size_t n = 0;
    for (const ImportRow& r : rows) n += r.action == action ? 1 : 0;
    return n;
}

std::vector<CsvRow> readSheetRows(std::string_view bytes) {
    if (looksLikeZip(bytes)) return readXlsx(bytes);
    return readCsv(bytes).rows;
}

ImportReport previewImport(Database& db, ImportKind kind, Id centreId, std::string_view bytes) {
    return kind == ImportKind::Matters ? run<Matter>(db, centreId, bytes, nullptr) : run<Notice>(db, centreId, bytes, nullptr);
}

ImportReport runImport(Database& db, ImportKind kind, Id centreId, std::string_view bytes, const std::string& user) {
    return kind == ImportKind::Matters ? run<Matter>(db, centreId, bytes, &user) : run<Notice>(db, centreId, bytes, &user);
}

void throwFirstError(const ImportReport& report) {
    for (const ImportRow& r : report.rows)
        if (!r.errors.empty()) throw ValidationError(r.errors.front().column, sheetErrorText(r.row, r.errors.front()));
}

std::string exportSheet(Database& db, ImportKind kind, Id centreId, SheetFormat format) {
    return kind == ImportKind::Matters ? exportOf<Matter>(db, centreId, format) : exportOf<Notice>(db, centreId, format);
}

std::string sheetFileName(ImportKind kind, SheetFormat format) {
    return std::string(importKindKey(kind)) + (format == SheetFormat::Xlsx ? ".xlsx" : ".csv");
}

} // namespace gongshi::content
