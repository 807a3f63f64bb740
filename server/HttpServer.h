#pragma once
// The content server as an object: the JSON API, previews and the admin page on one port, with
// its own workers, a cap on request bodies and a short keep-alive. Connections wait in a
// ConnectionGate (no thread) until a request head has arrived whole. Tests start it in-process
// on port 0 and read the port back; `gongshi serve` wraps it in a Poco ServerApplication.
#include "delivery/Clock.h"
#include "delivery/DeviceManager.h"
#include "server/Alerts.h"
#include "server/Auth.h"
#include "server/NightlyBackup.h"

#include <functional>
#include <memory>
#include <string>

namespace gongshi::content {
class Database;
}

namespace gongshi::server {

struct ServerConfig {
    std::string dataDir = "./var";
    std::string database;              // postgresql://...: the records there, dataDir holding only local files; "": SQLite in dataDir
    std::string host = "127.0.0.1";    // loopback unless told otherwise
    int port = 8080;                   // 0: any free port (see HttpServer::port)
    int threads = 32;                  // requests answered at once; a live view or web player holds one while open
    std::size_t maxBody = 1u << 20;    // JSON bodies
    std::size_t maxUpload = 8u << 20;  // photos
    int keepAliveSeconds = 5;          // an idle connection between requests (it holds no thread)
    int headSeconds = 10;              // a request head, from its first byte to its end, however it trickles
    int maxConnectionsPerAddress = 32; // more from one address are answered 503 (raise it behind a proxy)
    std::string webDir;                // empty: $GONGSHI_WEB_DIR, else PREFIX/share/gongshi/web beside an installed binary, else server/web
    AuthOptions auth;
    std::function<std::string()> today;     // "YYYY-MM-DD" for checks and previews; empty: local date
    bool delivery = true;                   // drive the screens (delivery/DeviceManager)
    const delivery::Clock* clock = nullptr; // for the screens' schedules; null: the system clock
    delivery::DeliveryOptions deliveryOptions;
    int maxWebSockets = 12;   // live views and web players; kept well under `threads`
    int staffLiveViews = 4;   // of those, kept for signed-in staff: anonymous web players never take them
    BackupOptions backup;     // the nightly backup (keep 0: none)
    bool metricsOpen = false; // GET /metrics without a session from anywhere, not only this machine
    AlertOptions alerts;      // how often screens are looked at, send timeouts and retries
    // PEM files of the server's certificate (its chain after it) and private key: both set, the
    // port speaks HTTPS only (TLS 1.2 and later) and session cookies are Secure.
    std::string tlsCert, tlsKey;
    bool secure() const { return !tlsCert.empty(); }
};

class Router;
class ListCache;

class HttpServer {
public:
    explicit HttpServer(ServerConfig config);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds and starts answering; throws EnvironmentError when the port cannot be bound.
    void start();
    // Stops taking connections, closes the idle ones, gives requests under way a few seconds, then
    // cuts their connections and joins the threads: bounded, however busy.
    void stop();
    int port() const;
    // The address bound, as the socket has it ("127.0.0.1", "::1", "0.0.0.0").
    std::string host() const;

    content::Database& database();
    // Record lists kept until the records change (PostgreSQL).
    const ListCache& lists() const;
    Auth& auth();
    // Null when delivery is off.
    delivery::DeviceManager* devices();
    NightlyBackup& backups();
    const ServerConfig& config() const;
    // The routes and their properties (what the dispatcher and the OpenAPI description read).
    const Router& router() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// Where the admin page's files are when none is configured.
std::string defaultWebDir();

} // namespace gongshi::server
