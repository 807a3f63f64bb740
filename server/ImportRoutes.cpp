// Matters and notices from and to sheets staff keep in Excel (records/SheetImport): a preview of
// every row, an all-or-nothing commit, and the centre's records as .xlsx or .csv.
#include "common/Error.h"
#include "common/Messages.h"
#include "records/Publication.h"
#include "records/RecordStore.h"
#include "records/SheetImport.h"
#include "server/ApiContext.h"
#include "server/CentreScope.h"
#include "server/HttpError.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace gongshi::server {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

// The centre a sheet is of: one's own, for a user of one centre (another is 404).
content::Id centreParam(const Exchange& ex) {
    if (!ex.hasQuery("centre_id")) throw HttpError(400, msg::sheetCentreMissing(), "centre_id");
    const content::Id centre = ex.queryInt("centre_id", 0, 1, 1 << 30);
    requireCentre(ex, centre, msg::recordNotFound(content::RecordTraits<content::Centre>::label, centre));
    return centre;
}

Object::Ptr reportJson(const content::ImportReport& report) {
    Object::Ptr o = newObject();
    Array::Ptr rows = new Array;
    for (const auto& r : report.rows) {
        Object::Ptr row = newObject();
        row->set("row", static_cast<Poco::UInt64>(r.row));
        row->set("action", std::string(content::rowActionName(r.action)));
        if (r.id)
            row->set("id", r.id);
        else
            row->set("id", Poco::Dynamic::Var());
        Array::Ptr errors = new Array;
        for (const auto& e : r.errors) {
            Object::Ptr error = newObject();
            error->set("column", e.column);
            error->set("message", e.message);
            errors->add(error);
        }
        row->set("errors", errors);
        rows->add(row);
    }
    o->set("rows", rows);
    for (auto action : {content::RowAction::New, content::RowAction::Update, content::RowAction::Unchanged, content::RowAction::Error})
        o->set(std::string(content::rowActionName(action)), static_cast<Poco::UInt64>(report.count(action)));
    Array::Ptr warnings = new Array;
    for (const auto& w : report.warnings) warnings->add(w);
    o->set("warnings", warnings);
    o->set("committed", report.committed);
    return o;
}

} // namespace

void addImportRoutes(ApiContext& ctx) {
    ctx.router
        .add("POST", "/api/import/{kind}", Access::Editor,
             "Matters or notices from a CSV (UTF-8, BOM, GBK) or .xlsx sheet: every row as new, update, unchanged or error; "
             "stored in one transaction unless dry_run=1, nothing stored (400) when any row is an error",
             [&ctx](Exchange& ex) {
                 const auto kind = content::importKindNamed(ex.params.at("kind"));
                 if (!kind) throw HttpError(404, msg::sheetUnknownKind(ex.params.at("kind")));
                 const content::Id centreId = centreParam(ex);
                 const std::string dry = ex.query("dry_run", "0");
                 const bool dryRun = dry == "1" || dry == "true";
                 const std::string& bytes = ex.body();
                 const content::ImportReport report = dryRun ? content::previewImport(ctx.db, *kind, centreId, bytes)
                                                             : content::runImport(ctx.db, *kind, centreId, bytes, ex.user->username);
                 // As a save in the admin page: an admin's is approved as it is made; an editor's
                 // waits when the centre wants approval.
                 if (report.committed) {
                     const auto centre = content::RecordStore<content::Centre>(ctx.db).find(centreId);
                     if (ex.user->isAdmin() || !centre || !centre->publishingNeedsApproval)
                         for (const auto& [id, version] : report.saved)
                             content::approve(ctx.db, *kind == content::ImportKind::Matters ? "matter" : "notice", id, version,
                                              ex.user->username);
                 }
                 Object::Ptr answer = reportJson(report);
                 if (!dryRun && report.hasErrors()) {
                     // "error" is the count, as in every answer of this route; the sentence is "message".
                     answer->set("message", msg::sheetRowsHaveErrors(report.count(content::RowAction::Error)));
                     ex.sendJson(400, answer);
                     return;
                 }
                 ex.reply(answer);
             })
        .takesSheet();

    ctx.router
        .add("GET", "/api/export/{file}", Access::Editor,
             "A centre's matters or notices (matters.xlsx, matters.csv, notices.xlsx, notices.csv) with the headers the import reads",
             [&ctx](Exchange& ex) {
                 const std::string file = ex.params.at("file");
                 const std::size_t dot = file.rfind('.');
                 const auto kind = content::importKindNamed(file.substr(0, dot));
                 const std::string extension = dot == std::string::npos ? "" : file.substr(dot + 1);
                 if (!kind || (extension != "xlsx" && extension != "csv")) throw HttpError(404, msg::sheetUnknownExport(file));
                 const content::Id centreId = centreParam(ex);
                 const auto format = extension == "xlsx" ? content::SheetFormat::Xlsx : content::SheetFormat::Csv;
                 const std::string bytes = content::exportSheet(ctx.db, *kind, centreId, format);
                 const std::string name = std::string(content::importKindKey(*kind)) + "-" + std::to_string(centreId) + "." + extension;
                 ex.response.set("Content-Disposition", "attachment; filename=\"" + name + "\"");
                 ex.response.set("Cache-Control", "no-store");
                 ex.sendBytes(200, format == content::SheetFormat::Xlsx ? kXlsxType : "text/csv; charset=utf-8", bytes);
             })
        .answering(std::string(kXlsxType) + ", text/csv");
}

} // namespace gongshi::server
