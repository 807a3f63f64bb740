#pragma once
// One import for matters and for notices, from a CSV sheet (UTF-8, UTF-8 with a BOM or GBK) or an
// Excel workbook (.xlsx), told apart by their bytes. Every row is read and every error collected
// (the row as staff see it in the sheet, the column by its Chinese header, the message in
// Chinese); each row is classified against what the centre keeps:
//   matters  the same 事项编码 when the row and the stored matter both have one, else the same
//            事项名称 in the centre;
//   notices  the same 标题 and 公示开始 in the centre;
// a match is updated (only the columns the sheet has; "unchanged" when nothing differs), any
// other row is new. The commit is one transaction: nothing is stored when any row is an error.
#include "records/Csv.h"
#include "records/Database.h"
#include "records/Records.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongshi::content {

enum class ImportKind { Matters, Notices };
enum class SheetFormat { Csv, Xlsx };
enum class RowAction { New, Update, Unchanged, Error };

// "matters" / "notices"; nullopt for anything else.
std::optional<ImportKind> importKindNamed(std::string_view name);
std::string_view importKindKey(ImportKind kind);
std::string_view rowActionName(RowAction action); // new, update, unchanged, error

struct ImportRow {
    std::size_t row = 0; // as Excel numbers it: the header is row 1
    RowAction action = RowAction::New;
    Id id = 0; // the stored record (after a commit, the new one's too); 0 for a new row not stored
    std::vector<SheetCellError> errors;
};

struct ImportReport {
    std::vector<ImportRow> rows;           // the sheet's rows in order, blank rows left out
    std::vector<std::string> warnings;     // columns not known, ignored
    bool committed = false;                // stored (only when no row is an error, never in a preview)
    std::vector<std::pair<Id, int>> saved; // id and version of each record stored

    std::size_t count(RowAction action) const;
    bool hasErrors() const { return count(RowAction::Error) > 0; }
};

// The sheet's rows (CSV or .xlsx, by the bytes). Throws InputError when the file is neither or
// cannot be read at all.
std::vector<CsvRow> readSheetRows(std::string_view bytes);

// Reads and classifies every row against the centre's records; stores nothing. Throws
// NotFoundError when the centre does not exist, InputError when the file is not a sheet or its
// header lacks a required column.
ImportReport previewImport(Database& db, ImportKind kind, Id centreId, std::string_view bytes);
// previewImport, then, when no row is an error, the new and changed records stored in one
// transaction with their revisions, by `user`.
ImportReport runImport(Database& db, ImportKind kind, Id centreId, std::string_view bytes, const std::string& user);
// Throws ValidationError with the first error of the report ("第3行“法定办结时限”：..."), if any.
void throwFirstError(const ImportReport& report);

// The centre's records as a sheet with the headers the import reads, in the order of their ids.
std::string exportSheet(Database& db, ImportKind kind, Id centreId, SheetFormat format);
// "matters.xlsx", "notices.csv", ...
std::string sheetFileName(ImportKind kind, SheetFormat format);

} // namespace gongshi::content
