// 公示记录: a notice's proof of display, from the play record the screens keep (records/PlayLog):
// per screen of its centre, the hours shown within the period and the gaps, as JSON for the admin
// page and as the PDF for the file (sheets/ProofSheet). Staff of a window see only their centre's
// notices; another centre's notice answers 404 as if it did not exist.
#include "common/Error.h"
#include "common/Messages.h"
#include "print/PrintDocument.h"
#include "print/PrintText.h"
#include "records/NoticeProof.h"
#include "records/RecordStore.h"
#include "server/ApiContext.h"
#include "server/CentreScope.h"
#include "server/HttpError.h"
#include "sheets/ProofSheet.h"

#include <chrono>

namespace gongshi::server {
namespace {

content::NoticeProof proofOf(ApiContext& ctx, Exchange& ex) {
    const content::Id id = ex.id();
    const auto notice = content::RecordStore<content::Notice>(ctx.db).find(id);
    const auto notFound = [&] { return NotFoundError(msg::recordNotFound("公示", id)); };
    if (!notice || !reachesCentre(ex, notice->centreId)) throw notFound();
    // A window's staff belong to the window's centre; `centre` narrows any user's view.
    if (ex.user && ex.user->windowId != 0) {
        const auto w = content::RecordStore<content::Window>(ctx.db).find(ex.user->windowId);
        if (!w || w->centreId != notice->centreId) throw notFound();
    }
    const content::Id centre = ex.queryInt("centre", 0, 0, 1 << 30);
    if (centre != 0 && centre != notice->centreId) throw notFound();
    return content::noticeProof(ctx.db, id, ex.query("from", ""), ex.query("until", ""));
}

} // namespace

void addProofRoutes(ApiContext& ctx) {
    Router& r = ctx.router;
    r.add("GET", "/api/notices/{id}/proof.json", Access::Session, "公示记录：各显示屏在公示期内的展示小时数与未展示时段",
          [&ctx](Exchange& ex) { ex.reply(content::noticeProofJson(proofOf(ctx, ex))); });
    r.add("GET", "/api/notices/{id}/proof.pdf", Access::Session, "公示记录 PDF（存档）", [&ctx](Exchange& ex) {
         const content::NoticeProof proof = proofOf(ctx, ex);
         thread_local renderer::PrintTypesetter typesetter;
         const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(ctx.clock().now().time_since_epoch()).count();
         const auto sheet = content::composeProofSheet(proof, typesetter, content::localMinuteText(now));
         ex.response.set("Content-Disposition", "attachment; filename=\"proof-" + std::to_string(proof.notice.meta.id) + ".pdf\"");
         ex.sendBytes(200, "application/pdf", renderer::renderPdf(sheet.sheet));
     }).answering("application/pdf");
}

} // namespace gongshi::server
