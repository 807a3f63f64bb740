#pragma once
// What every handler reaches: the database, users and sessions, stored files, the configuration.
#include "content/Database.h"
#include "content/FileStore.h"
#include "server/Auth.h"
#include "server/HttpServer.h"
#include "server/Router.h"

#include <Poco/Logger.h>

namespace gongshi::renderer {
class TextRenderer;
}

namespace gongshi::server {

struct ApiContext {
    ServerConfig config;
    content::Database db;
    Auth auth;
    content::FileStore files;
    Router router;

    explicit ApiContext(ServerConfig c);
    std::string today() const;
};

// A TextRenderer for the calling thread (fonts and ICU iterators are not shared between threads).
renderer::TextRenderer& threadRenderer();

void addRecordRoutes(ApiContext& ctx);  // collections, revisions, window status, photos
void addAdminRoutes(ApiContext& ctx);   // session, users, approvals, checks, audit
void addPreviewRoutes(ApiContext& ctx); // screen previews, ad-hoc render
void addOpenApiRoute(ApiContext& ctx);
// Serves a file of the admin page for GET/HEAD `path`; 404 for anything outside webDir.
void serveStatic(Exchange& ex, const std::string& webDir);

} // namespace gongshi::server
