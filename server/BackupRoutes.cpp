// The nightly backups for admins: the list, and the latest archive to download (server/NightlyBackup).
#include "common/Messages.h"
#include "server/ApiContext.h"
#include "server/HttpError.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <fstream>
#include <sstream>

namespace gongshi::server {

void addBackupRoutes(ApiContext& ctx) {
    ctx.router
        .add("GET", "/api/backups", Access::Admin, "The nightly backups, newest first, and the last failure",
             [&ctx](Exchange& ex) {
                 Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
                 Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
                 for (const auto& b : ctx.backups->list()) {
                     Poco::JSON::Object::Ptr item = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
                     item->set("name", b.name);
                     item->set("bytes", static_cast<Poco::UInt64>(b.bytes));
                     items->add(item);
                 }
                 o->set("items", items);
                 o->set("keep", ctx.config.backup.keep);
                 o->set("last_error", ctx.backups->lastError());
                 ex.reply(o);
             })
        .forCountyOnly(); // a backup holds every centre
    ctx.router
        .add("GET", "/api/backups/latest", Access::Admin, "The newest nightly backup as a zip archive (gongshi restore reads it)",
             [&ctx](Exchange& ex) {
                 const auto latest = ctx.backups->latest();
                 if (!latest) throw HttpError(404, msg::noBackupYet());
                 std::ifstream in(latest->path, std::ios::binary);
                 std::ostringstream bytes;
                 bytes << in.rdbuf();
                 ex.response.set("Content-Disposition", "attachment; filename=\"" + latest->name + "\"");
                 ex.response.set("Cache-Control", "no-store");
                 ex.sendBytes(200, "application/zip", bytes.str());
             })
        .answering("application/zip")
        .forCountyOnly();
}

} // namespace gongshi::server
