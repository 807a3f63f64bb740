#include "server/HttpServer.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "rules/WorkingDays.h"
#include "layout/TextRenderer.h"
#include "server/ApiContext.h"
#include "server/HttpError.h"
#include "records/RecordJson.h"

#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/JSON/Object.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <sstream>

#include <sys/socket.h>
#include <unistd.h>

namespace gongshi::server {

std::string defaultWebDir() {
    if (const char* env = std::getenv("GONGSHI_WEB_DIR"); env && *env) return env;
    return GONGSHI_WEB_DIR;
}

renderer::TextRenderer& threadRenderer() {
    thread_local renderer::TextRenderer renderer;
    return renderer;
}

ApiContext::ApiContext(ServerConfig c)
    : config(std::move(c)), db(config.dataDir), auth(db, config.auth), files(config.dataDir, config.maxUpload) {
    if (config.webDir.empty()) config.webDir = defaultWebDir();
}

std::string ApiContext::today() const { return config.today ? config.today() : content::localToday(); }

namespace {

void sendError(Exchange& ex, int status, const std::string& message, const std::string& field = "") {
    if (ex.sent()) return;
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("error", message);
    o->set("field", field);
    ex.sendJson(status, o);
}

} // namespace

// The Origin a browser sends must be this server as the browser reached it (Host header).
bool originAllowed(const Poco::Net::HTTPServerRequest& req) {
    if (!req.has("Origin")) return true;
    const std::string origin = req.get("Origin");
    try {
        Poco::URI o(origin);
        std::string host = o.getHost();
        if (host.find(':') != std::string::npos) host = "[" + host + "]";
        const bool defaultPort = (o.getScheme() == "http" && o.getPort() == 80) || (o.getScheme() == "https" && o.getPort() == 443);
        const std::string authority = defaultPort ? host : host + ":" + std::to_string(o.getPort());
        return authority == req.getHost() || host == req.getHost();
    } catch (const Poco::Exception&) {
        return false;
    }
}

namespace {

void authorize(ApiContext& ctx, Exchange& ex, const Route& route) {
    if ((isWrite(ex.method()) || route.sameOrigin) && !originAllowed(ex.request))
        throw HttpError(403, msg::otherSite(ex.request.get("Origin")));
    Poco::Net::NameValueCollection cookies;
    ex.request.getCookies(cookies);
    ex.sessionToken = cookies.get("gongshi_session", "");
    if (!ex.sessionToken.empty()) {
        if (auto s = ctx.auth.lookup(ex.sessionToken)) {
            ex.user = s->user;
            ex.csrf = s->csrf;
        }
    }
    if (route.access == Access::Public) return;
    if (!ex.user) throw HttpError(401, "请先登录（未登录或登录已过期）");
    if (route.csrf) {
        const std::string token = ex.request.get("X-CSRF-Token", "");
        if (token.empty() || !Auth::constantTimeEqual(token, ex.csrf)) throw HttpError(403, msg::csrfMissing(), "X-CSRF-Token");
    }
    if (route.access == Access::Editor && !ex.user->canEdit()) throw HttpError(403, "角色“" + ex.user->role + "”无权进行此操作");
    if (route.access == Access::Admin && !ex.user->isAdmin()) throw HttpError(403, "只有管理员可以进行此操作");
}

// On every answer, pages and API alike: the browser takes the declared type, runs only the
// page's own scripts and styles, shows the page in no frame and sends no Referer elsewhere.
void setSecurityHeaders(Poco::Net::HTTPResponse& resp) {
    resp.set("X-Content-Type-Options", "nosniff");
    resp.set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
                                        "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
                                        "frame-ancestors 'none'");
    resp.set("Referrer-Policy", "no-referrer");
    resp.set("X-Frame-Options", "DENY");
}

// What Poco lets through but HTTP does not: a version other than 1.0 and 1.1, a target that
// does not decode, a Content-Length with a sign. Each ends the connection, whose next bytes
// cannot be trusted.
void checkRequestLine(Exchange& ex) {
    const std::string& version = ex.request.getVersion();
    if (version != Poco::Net::HTTPMessage::HTTP_1_1 && version != Poco::Net::HTTPMessage::HTTP_1_0) {
        ex.response.setKeepAlive(false);
        throw HttpError(505, msg::httpVersionNotSupported(version));
    }
    if (!ex.targetError().empty()) {
        ex.response.setKeepAlive(false);
        throw HttpError(400, ex.targetError());
    }
    if (ex.request.has("Content-Length")) {
        const std::string& length = ex.request.get("Content-Length");
        if (length.empty() || length.find_first_not_of("0123456789") != std::string::npos) {
            ex.response.setKeepAlive(false);
            throw HttpError(400, msg::badContentLength(length), "Content-Length");
        }
    }
}

class Dispatcher : public Poco::Net::HTTPRequestHandler {
public:
    explicit Dispatcher(ApiContext& ctx) : ctx_(ctx) {}

    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
        const auto started = std::chrono::steady_clock::now();
        setSecurityHeaders(resp);
        Exchange ex(req, resp, ctx_.config.maxBody);
        handle(ex);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        ctx_.metrics.record(req.getMethod(), routeLabel_, ex.status(), seconds);
        auto& log = Poco::Logger::get("gongshi.http");
        if (log.information()) {
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
            log.information("%s %s %d %.1fms %s", req.getMethod(), req.getURI(), ex.status(), ms,
                            ex.user ? ex.user->username : std::string("-"));
        }
    }

private:
    void handle(Exchange& ex) {
        try {
            checkRequestLine(ex);
            bool pathKnown = false;
            const Route* route = ctx_.router.match(ex.method(), ex.path(), ex.params, pathKnown);
            routeLabel_ = route ? route->pattern : ex.path().rfind("/api", 0) == 0 ? "unknown" : "static";
            if (!route) {
                if (ex.path().rfind("/api/", 0) == 0 || ex.path() == "/api") {
                    if (pathKnown) {
                        ex.response.set("Allow", ctx_.router.allowed(ex.path()));
                        throw HttpError(405, msg::methodNotAllowed(ex.method(), ex.path()));
                    }
                    throw HttpError(404, msg::noSuchApiPath(ex.path()));
                }
                if (ex.method() != "GET" && ex.method() != "HEAD") {
                    ex.response.set("Allow", "GET, HEAD");
                    throw HttpError(405, msg::pagesAreReadOnly());
                }
                serveStatic(ex, ctx_.config.webDir);
                return;
            }
            authorize(ctx_, ex, *route);
            ex.okStatus = route->status;
            if (route->body == Body::Image) {
                ex.imageType(); // 415 before reading a body of another type
                ex.setBodyLimit(ctx_.config.maxUpload);
            }
            route->handler(ex);
            if (route->changesScreens && ex.status() < 300) ctx_.changed();
            return;
        } catch (const HttpError& e) {
            sendError(ex, e.status(), e.what(), e.field());
        } catch (const ValidationError& e) {
            sendError(ex, 400, e.what(), e.field());
        } catch (const ConflictError& e) {
            sendError(ex, 409, e.what(), "version");
        } catch (const NotFoundError& e) {
            sendError(ex, 404, e.what());
        } catch (const InputError& e) {
            sendError(ex, 400, e.what());
        } catch (const StorageFullError& e) {
            // Logged once by the database and reported by the alerts; reads and sessions go on.
            sendError(ex, 507, e.what());
        } catch (const Poco::Net::NetException& e) {
            // The client went away mid-answer: nothing to answer.
            Poco::Logger::get("gongshi.http").warning("%s %s: %s", ex.method(), ex.path(), e.displayText());
        } catch (const Poco::Exception& e) {
            Poco::Logger::get("gongshi.http").error("%s %s: %s", ex.method(), ex.path(), e.displayText());
            sendError(ex, 500, "internal error: " + e.displayText());
        } catch (const std::exception& e) {
            Poco::Logger::get("gongshi.http").error("%s %s: %s", ex.method(), ex.path(), std::string(e.what()));
            sendError(ex, 500, std::string("internal error: ") + e.what());
        }
    }

    ApiContext& ctx_;
    std::string routeLabel_ = "unknown"; // the route's pattern, for /metrics
};

class DispatcherFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    explicit DispatcherFactory(ApiContext& ctx) : ctx_(ctx) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override { return new Dispatcher(ctx_); }
    // Tells the connections the server stops (as Poco's HTTPServer does): they end mid-request too.
    void stopping(const void* server) { serverStopped(server, true); }

private:
    ApiContext& ctx_;
};

// Poco reads a request's head before any handler runs, and a head it cannot read as numbers
// (Content-Length: abc) ends the connection without a word: this connection answers 400 then.
// A descriptor of our own, closed when it goes.
struct OwnedDescriptor {
    int fd = -1;
    ~OwnedDescriptor() {
        if (fd >= 0) ::close(fd);
    }
};

class Connection : public Poco::Net::HTTPServerConnection {
public:
    using HTTPServerConnection::HTTPServerConnection;

    void run() override {
        // Poco's session closes the socket as the exception leaves it: a second descriptor keeps
        // the connection open long enough to answer.
        const OwnedDescriptor spare{::dup(socket().impl()->sockfd())};
        try {
            HTTPServerConnection::run();
        } catch (const Poco::SyntaxException& e) {
            Poco::Logger::get("gongshi.http").warning("unreadable request head: %s", e.displayText());
            if (spare.fd >= 0) answerBadHead(spare.fd, e.displayText());
        }
    }

private:
    static void answerBadHead(int fd, const std::string& detail) {
        Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("error", msg::badRequestHead(detail));
        o->set("field", "");
        const std::string body = content::jsonText(o);
        Poco::Net::HTTPResponse head(Poco::Net::HTTPMessage::HTTP_1_1, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST);
        setSecurityHeaders(head);
        head.setContentType("application/json; charset=utf-8");
        head.setContentLength(static_cast<std::streamsize>(body.size()));
        head.setKeepAlive(false);
        std::ostringstream out;
        head.write(out);
        out << body;
        const std::string bytes = out.str();
        for (std::size_t sent = 0; sent < bytes.size();) {
            const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return; // the client is gone: nobody to tell
            sent += static_cast<std::size_t>(n);
        }
    }
};

class ConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
public:
    ConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers)
        : params_(std::move(params)), handlers_(std::move(handlers)) {}
    Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override {
        return new Connection(socket, params_, handlers_);
    }

private:
    Poco::Net::HTTPServerParams::Ptr params_;
    Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
};

} // namespace

struct HttpServer::Impl {
    explicit Impl(ServerConfig c) : ctx(std::move(c)) {
        addAdminRoutes(ctx);
        addRecordRoutes(ctx);
        addPreviewRoutes(ctx);
        addDeliveryRoutes(ctx);
        addPrintRoutes(ctx);
        addBackupRoutes(ctx);
        addMetricsRoute(ctx);
        addAlertRoutes(ctx);
        addOpenApiRoute(ctx);
        if (ctx.config.delivery) ctx.devices = std::make_unique<delivery::DeviceManager>(ctx.db, ctx.clock(), ctx.config.deliveryOptions);
        ctx.backups = std::make_unique<NightlyBackup>(ctx.config.dataDir, ctx.config.backup, ctx.clock());
        ctx.alerts = std::make_unique<Alerts>(ctx.db, ctx.devices.get(), ctx.config.alerts);
    }
    ApiContext ctx;
    std::unique_ptr<Poco::ThreadPool> pool;
    Poco::SharedPtr<DispatcherFactory> handlers;
    std::unique_ptr<Poco::Net::TCPServer> server;
    int port = 0;
    std::string host;
};

HttpServer::HttpServer(ServerConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
    const ServerConfig& c = impl_->ctx.config;
    Poco::Net::ServerSocket socket;
    try {
        // SO_REUSEADDR for a quick restart, never SO_REUSEPORT: a second server must fail, not share the port.
        socket.bind(Poco::Net::SocketAddress(c.host, static_cast<Poco::UInt16>(c.port)), true, false);
        socket.listen(128);
    } catch (const Poco::Exception& e) {
        throw EnvironmentError(msg::cannotListen(c.host, c.port, e.displayText()));
    }
    impl_->port = socket.address().port();
    impl_->host = socket.address().host().toString();
    impl_->pool = std::make_unique<Poco::ThreadPool>(2, c.threads);
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(c.threads);
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(c.keepAliveSeconds, 0));
    params->setMaxKeepAliveRequests(1000);
    params->setTimeout(Poco::Timespan(10, 0));
    const Poco::Net::HTTPServerParams::Ptr shared(params); // owned from here on, by the server and its connections
    impl_->handlers = new DispatcherFactory(impl_->ctx);
    impl_->server = std::make_unique<Poco::Net::TCPServer>(new ConnectionFactory(shared, impl_->handlers), *impl_->pool, socket, shared);
    impl_->server->start();
    if (impl_->ctx.devices) impl_->ctx.devices->start();
    impl_->ctx.backups->start();
    impl_->ctx.alerts->start();
}

void HttpServer::stop() {
    if (!impl_ || !impl_->server) return;
    // The screens' workers first: their live views end, and the HTTP threads holding them with it.
    if (impl_->ctx.devices) impl_->ctx.devices->stop();
    impl_->ctx.backups->stop();
    impl_->ctx.alerts->stop();
    impl_->server->stop();
    impl_->handlers->stopping(impl_->server.get());
    impl_->pool->joinAll();
    impl_->server.reset();
    impl_->pool.reset();
}

int HttpServer::port() const { return impl_->port; }
std::string HttpServer::host() const { return impl_->host; }
content::Database& HttpServer::database() { return impl_->ctx.db; }
NightlyBackup& HttpServer::backups() { return *impl_->ctx.backups; }
Auth& HttpServer::auth() { return impl_->ctx.auth; }
delivery::DeviceManager* HttpServer::devices() { return impl_->ctx.devices.get(); }
const ServerConfig& HttpServer::config() const { return impl_->ctx.config; }
const Router& HttpServer::router() const { return impl_->ctx.router; }

} // namespace gongshi::server
