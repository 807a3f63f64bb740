#include "server/HttpServer.h"
#include "server/ApiTokens.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "common/ShareDir.h"
#include "rules/WorkingDays.h"
#include "layout/TextRenderer.h"
#include "server/ApiContext.h"
#include "server/ConnectionGate.h"
#include "server/HttpError.h"
#include "server/PictureRoutes.h"
#include "server/ProgramRoutes.h"
#include "records/RecordJson.h"

#include <Poco/Environment.h>
#include <unistd.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/JSON/Object.h>
#include <Poco/URI.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <sstream>

#include <openssl/ssl.h>

namespace gongshi::server {

std::string defaultWebDir() {
    if (const char* env = std::getenv("GONGSHI_WEB_DIR"); env && *env) return env;
    if (auto installed = installedShareDir("web"); !installed.empty()) return installed;
    return GONGSHI_WEB_DIR;
}

renderer::TextRenderer& threadRenderer() {
    thread_local renderer::TextRenderer renderer;
    return renderer;
}

ApiContext::ApiContext(ServerConfig c)
    : config(std::move(c)), db(config.dataDir, config.database), auth(db, config.auth), files(config.dataDir, config.maxUpload) {
    if (config.webDir.empty()) config.webDir = defaultWebDir();
    lists = std::make_unique<ListCache>(db);
    // Left by writes a crash cut short; this process is the only writer of the data directory.
    if (const int stale = files.removeStaleParts(); stale > 0)
        Poco::Logger::get("gongshi").information("removed %d unfinished file writes from %s", stale, config.dataDir);
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
    // A machine's token: only the routes of its scope, never as a person's session.
    const std::string authorization = ex.request.get("Authorization", "");
    if (!authorization.empty()) {
        const std::string bearer = "Bearer ";
        if (authorization.compare(0, bearer.size(), bearer) != 0) throw HttpError(401, msg::tokenForm(), "Authorization");
        const auto token = ApiTokens(ctx.db).find(authorization.substr(bearer.size()));
        if (!token) throw HttpError(401, msg::tokenUnknown(), "Authorization");
        if (route.tokenScope.empty() || route.tokenScope != token->scope)
            throw HttpError(403, msg::tokenOutOfScope(token->name, token->scope));
        ex.user.reset();
        ex.tokenName = token->name;
        return;
    }
    if (!ex.user) throw HttpError(401, "请先登录（未登录或登录已过期）");
    if (route.csrf) {
        const std::string token = ex.request.get("X-CSRF-Token", "");
        if (token.empty() || !Auth::constantTimeEqual(token, ex.csrf)) throw HttpError(403, msg::csrfMissing(), "X-CSRF-Token");
    }
    if (route.access == Access::Editor && !ex.user->canEdit()) throw HttpError(403, "角色“" + ex.user->role + "”无权进行此操作");
    if (route.access == Access::Admin && !ex.user->isAdmin()) throw HttpError(403, "只有管理员可以进行此操作");
    if (route.countyOnly && ex.user->centreId) throw HttpError(403, msg::onlyCountyUsers());
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
                            ex.user                ? ex.user->username
                            : ex.tokenName.empty() ? std::string("-")
                                                   : "token:" + ex.tokenName);
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
                ex.imageType(route->imageField); // 415 before reading a body of another type
                ex.setBodyLimit(ctx_.config.maxUpload);
            }
            if (route->body == Body::Sheet) {
                ex.sheetType(); // 415 before reading a body of another type
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

// An error answer as bytes, whole, for a connection that is closed after it: a head Poco cannot
// read, a connection over the per-address cap.
std::string closingAnswer(Poco::Net::HTTPResponse::HTTPStatus status, const std::string& message) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("error", message);
    o->set("field", "");
    const std::string body = content::jsonText(o);
    Poco::Net::HTTPResponse head(Poco::Net::HTTPMessage::HTTP_1_1, status);
    setSecurityHeaders(head);
    head.setContentType("application/json; charset=utf-8");
    head.setContentLength(static_cast<std::streamsize>(body.size()));
    head.setKeepAlive(false);
    if (status == Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE) head.set("Retry-After", "5");
    std::ostringstream out;
    head.write(out);
    out << body;
    return out.str();
}

// A request head Poco cannot read (a line too long, Content-Length: abc) is answered 400 with the
// reason, and the connection closed: its next bytes cannot be trusted.
void answerBadHead(Poco::Net::StreamSocket& socket, const std::string& detail) {
    Poco::Logger::get("gongshi.http").warning("unreadable request head: %s", detail);
    const std::string bytes = closingAnswer(Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, msg::badRequestHead(detail));
    try {
        socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
    } catch (const Poco::Exception&) {
        // The client is gone: nobody to tell.
    }
}

// Poco's session, and whether it read bytes beyond the request it answered (a pipelined next one).
class ServerSession : public Poco::Net::HTTPServerSession {
public:
    using HTTPServerSession::HTTPServerSession;
    bool readAhead() const { return buffered() > 0; }
};

// The requests waiting on a connection the gate found a head on; true to give the connection back
// to the gate for its next request. The socket is never closed here: the gate's worker closes it
// once it no longer counts it as served (see ConnectionGate::stop).
// Over HTTPS (`tls` set) the gate hands the connection over at its first byte (it cannot read a
// head through TLS): the handshake happens here, and the connection stays with this worker between
// its requests (at most keepAliveSeconds idle), never going back to the gate.
bool serveConnection(ApiContext& ctx, Poco::Net::HTTPServerParams::Ptr params, const ConnectionGate& gate, Poco::Net::StreamSocket& socket,
                     const Poco::Net::Context::Ptr& tls) {
    Poco::Net::StreamSocket connection = socket;
    if (tls) {
        try {
            connection = Poco::Net::SecureStreamSocket::attach(socket, tls);
        } catch (const Poco::Exception& e) {
            Poco::Logger::get("gongshi.http").debug("TLS handshake failed: %s", e.displayText());
            return false;
        }
    }
    ServerSession session(connection, params);
    struct Detach {
        ServerSession& session;
        ~Detach() {
            if (session.connected()) session.detachSocket();
        }
    } detach{session};
    while (true) {
        try {
            Poco::Net::HTTPServerResponseImpl response(session);
            Poco::Net::HTTPServerRequestImpl request(response, session, params.get());
            response.setDate(Poco::Timestamp());
            response.setVersion(request.getVersion());
            response.setKeepAlive(params->getKeepAlive() && request.getKeepAlive() && !gate.stopping());
            if (request.getExpectContinue() && response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK) response.sendContinue();
            Dispatcher(ctx).handleRequest(request, response);
            if (!session.connected()) return false; // a WebSocket took the connection, and has closed it
            if (!response.sent() || !response.getKeepAlive() || gate.stopping()) return false;
        } catch (const Poco::Net::NoMessageException&) {
            return false; // closed by the client between requests
        } catch (const Poco::Net::MessageException& e) {
            answerBadHead(connection, e.displayText());
            return false;
        } catch (const Poco::SyntaxException& e) {
            answerBadHead(connection, e.displayText());
            return false;
        } catch (const Poco::Net::SSLException& e) {
            Poco::Logger::get("gongshi.http").debug("TLS connection ended: %s", e.displayText());
            return false;
        }
        if (session.readAhead()) continue;
        if (!tls) return true;
        try {
            if (!connection.poll(params->getKeepAliveTimeout(), Poco::Net::Socket::SELECT_READ)) return false;
        } catch (const Poco::Exception&) {
            return false;
        }
    }
}

// The TLS side of an HTTPS port: the configured certificate and key, TLS 1.2 and later, strong
// ciphers, no client certificates. Throws EnvironmentError naming the files when they do not load.
Poco::Net::Context::Ptr tlsContext(const ServerConfig& c) {
    static std::once_flag once;
    std::call_once(once, [] { Poco::Net::initializeSSL(); });
    try {
        Poco::Net::Context::Params p;
        p.certificateFile = c.tlsCert;
        p.privateKeyFile = c.tlsKey;
        p.verificationMode = Poco::Net::Context::VERIFY_NONE;
        p.loadDefaultCAs = false;
        p.cipherList = "HIGH:!aNULL:!eNULL:!MD5:!RC4:!3DES";
        Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, p);
        context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 | Poco::Net::Context::PROTO_TLSV1 |
                                  Poco::Net::Context::PROTO_TLSV1_1);
        context->preferServerCiphers();
        // OpenSSL drops a key that does not match the certificate without a word: ask.
        if (SSL_CTX_check_private_key(context->sslContext()) != 1)
            throw Poco::Net::SSLContextException("the private key does not belong to the certificate");
        return context;
    } catch (const Poco::Exception& e) {
        throw EnvironmentError(msg::cannotUseCertificate(c.tlsCert, c.tlsKey, e.displayText()));
    }
}

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
        addProgramRoutes(ctx);
        addImportRoutes(ctx);
        addCalendarRoutes(ctx);
        addBroadcastRoutes(ctx);
        addCallRoutes(ctx);
        addScreenLinkRoutes(ctx);
        addProofRoutes(ctx);
        addPictureRoutes(ctx);
        addOpenApiRoute(ctx);
        // On PostgreSQL other servers may share the screens: each is driven through a lease, by
        // this server's name (its host and process unless named).
        if ((ctx.db.postgres() || !ctx.config.deliveryOptions.drive.empty()) && ctx.config.deliveryOptions.instance.empty())
            ctx.config.deliveryOptions.instance = Poco::Environment::nodeName() + "-" + std::to_string(::getpid());
        if (ctx.config.delivery) ctx.devices = std::make_unique<delivery::DeviceManager>(ctx.db, ctx.clock(), ctx.config.deliveryOptions);
        // PostgreSQL is backed up where it runs (pg_dump, the county's own routine); `gongshi backup
        // --database` takes a snapshot on demand. The nightly archive is the SQLite data directory's.
        if (ctx.db.postgres()) ctx.config.backup.keep = 0;
        ctx.backups = std::make_unique<NightlyBackup>(ctx.config.dataDir, ctx.config.backup, ctx.clock());
        ctx.alerts = std::make_unique<Alerts>(ctx.db, ctx.devices.get(), ctx.config.alerts);
    }
    ApiContext ctx;
    Poco::Net::HTTPServerParams::Ptr params;
    Poco::Net::Context::Ptr tls; // null: plain HTTP
    std::unique_ptr<ConnectionGate> gate;
    int port = 0;
    std::string host;
};

HttpServer::HttpServer(ServerConfig config) : impl_(std::make_unique<Impl>(std::move(config))) {}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
    const ServerConfig& c = impl_->ctx.config;
    impl_->tls = c.secure() ? tlsContext(c) : nullptr;
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
    auto* params = new Poco::Net::HTTPServerParams;
    params->setKeepAlive(true);
    params->setKeepAliveTimeout(Poco::Timespan(c.keepAliveSeconds, 0));
    params->setTimeout(Poco::Timespan(10, 0)); // each read of a body, each write of an answer
    impl_->params = params;                    // owned from here on
    GateOptions gate;
    gate.workers = c.threads;
    gate.headSeconds = c.headSeconds;
    gate.keepAliveSeconds = c.keepAliveSeconds;
    gate.maxPerAddress = c.maxConnectionsPerAddress;
    gate.anyByte = c.secure();
    gate.busyAnswer = closingAnswer(Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE, msg::tooManyConnections(c.maxConnectionsPerAddress));
    Impl& impl = *impl_;
    impl_->gate = std::make_unique<ConnectionGate>(std::move(socket), gate, [&impl](Poco::Net::StreamSocket& s) {
        return serveConnection(impl.ctx, impl.params, *impl.gate, s, impl.tls);
    });
    impl_->gate->start();
    if (impl_->ctx.devices) impl_->ctx.devices->start();
    impl_->ctx.backups->start();
    impl_->ctx.alerts->start();
}

void HttpServer::stop() {
    if (!impl_ || !impl_->gate) return;
    // The screens' workers first: their live views end, and the HTTP threads holding them with it.
    if (impl_->ctx.devices) impl_->ctx.devices->stop();
    impl_->ctx.backups->stop();
    impl_->ctx.alerts->stop();
    impl_->gate->stop(); // requests under way get a moment to finish, then their connections are cut
    impl_->gate.reset();
}

int HttpServer::port() const { return impl_->port; }
std::string HttpServer::host() const { return impl_->host; }
content::Database& HttpServer::database() { return impl_->ctx.db; }
const ListCache& HttpServer::lists() const { return *impl_->ctx.lists; }
NightlyBackup& HttpServer::backups() { return *impl_->ctx.backups; }
Auth& HttpServer::auth() { return impl_->ctx.auth; }
delivery::DeviceManager* HttpServer::devices() { return impl_->ctx.devices.get(); }
const ServerConfig& HttpServer::config() const { return impl_->ctx.config; }
const Router& HttpServer::router() const { return impl_->ctx.router; }

} // namespace gongshi::server
