#pragma once
// What every handler reaches: the database, users and sessions, stored files, the configuration.
#include "records/Database.h"
#include "records/FileStore.h"
#include "server/Alerts.h"
#include "server/Auth.h"
#include "server/HttpServer.h"
#include "server/ListCache.h"
#include "server/Metrics.h"
#include "server/Router.h"

#include <Poco/Logger.h>

#include <atomic>
#include <memory>

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
    delivery::SystemClock systemClock;
    std::unique_ptr<delivery::DeviceManager> devices; // null when delivery is off
    std::unique_ptr<NightlyBackup> backups;
    std::unique_ptr<Alerts> alerts;
    HttpMetrics metrics;
    std::unique_ptr<ListCache> lists; // record lists kept until the records change (PostgreSQL)
    std::atomic<int> webSockets{0};   // live views and web players open
    std::atomic<int> webPlayers{0};   // of those, web players (anonymous)

    explicit ApiContext(ServerConfig c);
    std::string today() const;
    const delivery::Clock& clock() const { return config.clock ? *config.clock : systemClock; }
    // Records were written: the screens look again.
    void changed() {
        if (devices) devices->notifyChanged();
    }
};

// A TextRenderer for the calling thread (fonts and ICU iterators are not shared between threads).
renderer::TextRenderer& threadRenderer();

void addRecordRoutes(ApiContext& ctx);  // collections, revisions, window status, photos
void addAdminRoutes(ApiContext& ctx);   // session, users, approvals, checks, audit
void addPreviewRoutes(ApiContext& ctx); // screen previews, ad-hoc render
void addOpenApiRoute(ApiContext& ctx);
void addDeliveryRoutes(ApiContext& ctx); // health, live views, the web player's frames
void addPrintRoutes(ApiContext& ctx);    // printed sheets: PNG previews, PDF downloads
void addBackupRoutes(ApiContext& ctx);   // the nightly backups, for admins to download
void addMetricsRoute(ApiContext& ctx);   // GET /metrics for Prometheus
void addAlertRoutes(ApiContext& ctx);    // alert settings, a test message, the latest alerts
void addImportRoutes(ApiContext& ctx);   // matters and notices from and to CSV and .xlsx sheets
void addCalendarRoutes(ApiContext& ctx); // the holiday calendar by year, its import, what plays on a day

// Emergency broadcasts: start, list, stop.
void addBroadcastRoutes(ApiContext& ctx);
// Queue calls (叫号) to a window, by the queue system's token or staff; the calls' log.
void addCallRoutes(ApiContext& ctx);
// The serial ports, a screen's link tested.
void addScreenLinkRoutes(ApiContext& ctx);
// A notice's 公示记录 as JSON and PDF (ProofRoutes.cpp).
void addProofRoutes(ApiContext& ctx);

// Whether a browser's Origin header (when sent) names this server as it was reached.
bool originAllowed(const Poco::Net::HTTPServerRequest& req);
// Serves a file of the admin page for GET/HEAD `path`; 404 for anything outside webDir.
void serveStatic(Exchange& ex, const std::string& webDir);

} // namespace gongshi::server
