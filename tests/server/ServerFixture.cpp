#include "tests/server/ServerFixture.h"

#include "records/Database.h"
#include "records/Demo.h"
#include "records/RecordStore.h"
#include "records/RecordJson.h"
#include "bitmap/ImageIO.h"

#include <doctest/doctest.h>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <fstream>
#include <sstream>
#include <vector>

namespace gongshi::test {

Poco::JSON::Object::Ptr Response::json() const {
    try {
        Poco::Dynamic::Var v = Poco::JSON::Parser().parse(body);
        if (v.type() == typeid(Poco::JSON::Object::Ptr)) return v.extract<Poco::JSON::Object::Ptr>();
    } catch (const Poco::Exception& e) {
        FAIL_CHECK("answer is not JSON (" << e.displayText() << "): " << body);
        return new Poco::JSON::Object;
    }
    FAIL_CHECK("answer is not a JSON object: " << body);
    return new Poco::JSON::Object;
}

std::string Response::error() const {
    auto o = json();
    return o->has("error") ? o->getValue<std::string>("error") : std::string();
}

std::string Response::field() const {
    auto o = json();
    return o->has("field") ? o->getValue<std::string>("field") : std::string();
}

// ---------------------------------------------------------------------------------------------

Client::Client(int port, const std::string& host)
    : port_(port), session_(std::make_unique<Poco::Net::HTTPClientSession>(host, static_cast<Poco::UInt16>(port))) {
    session_->setKeepAlive(true);
    // Shorter than the server's keep-alive (5 s), so an idle connection is opened anew rather
    // than used after the server has closed it.
    session_->setKeepAliveTimeout(Poco::Timespan(2, 0));
    session_->setTimeout(Poco::Timespan(60, 0));
}

Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;
Client::~Client() = default;

Response Client::request(const std::string& method, const std::string& target, const std::string& body,
                         const std::map<std::string, std::string>& headers, const std::string& contentType) {
    Poco::Net::HTTPRequest req(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    req.setKeepAlive(true);
    if (!cookie_.empty()) {
        Poco::Net::NameValueCollection cookies;
        cookies.add("gongshi_session", cookie_);
        req.setCookies(cookies);
    }
    const bool write = method != "GET" && method != "HEAD";
    if (write && sendCsrf_ && !csrf_.empty()) req.set("X-CSRF-Token", csrf_);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || write) {
        req.setContentType(contentType);
        req.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    std::ostream& out = session_->sendRequest(req);
    out.write(body.data(), static_cast<std::streamsize>(body.size()));
    Poco::Net::HTTPResponse resp;
    std::istream& in = session_->receiveResponse(resp);
    Response r;
    r.status = static_cast<int>(resp.getStatus());
    for (const auto& [k, v] : resp) r.headers.add(k, v);
    std::ostringstream s;
    Poco::StreamCopier::copyStream(in, s);
    r.body = s.str();
    std::vector<Poco::Net::HTTPCookie> cookies;
    resp.getCookies(cookies);
    for (const auto& c : cookies)
        if (c.getName() == "gongshi_session") cookie_ = c.getMaxAge() == 0 ? std::string() : c.getValue();
    return r;
}

Response Client::post(const std::string& target, const Poco::JSON::Object::Ptr& body) { return request("POST", target, jsonText(body)); }

Response Client::put(const std::string& target, const Poco::JSON::Object::Ptr& body) { return request("PUT", target, jsonText(body)); }

Response Client::login(const std::string& username, const std::string& password) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    o->set("username", username);
    o->set("password", password);
    Response r = request("POST", "/api/session", jsonText(o));
    if (r.status == 200) csrf_ = str(r.json(), "csrf");
    return r;
}

Response rawRequest(int port, const std::string& raw, const std::string& fromHost) {
    Poco::Net::StreamSocket socket;
    if (!fromHost.empty()) socket.impl()->bind(Poco::Net::SocketAddress(fromHost, 0), false);
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), Poco::Timespan(10, 0));
    socket.setReceiveTimeout(Poco::Timespan(30, 0));
    std::size_t sent = 0;
    while (sent < raw.size()) sent += static_cast<std::size_t>(socket.sendBytes(raw.data() + sent, static_cast<int>(raw.size() - sent)));
    std::string answer;
    char buf[4096];
    for (int n; (n = socket.receiveBytes(buf, sizeof buf)) > 0;) answer.append(buf, static_cast<std::size_t>(n));
    Response r;
    // "HTTP/1.1 404 Not Found\r\nName: value\r\n...\r\n\r\nbody"
    const auto headEnd = answer.find("\r\n\r\n");
    const std::string head = answer.substr(0, headEnd);
    r.body = headEnd == std::string::npos ? std::string() : answer.substr(headEnd + 4);
    std::istringstream lines(head);
    std::string line;
    if (std::getline(lines, line)) {
        const auto sp = line.find(' ');
        if (sp != std::string::npos) r.status = std::atoi(line.c_str() + sp + 1);
    }
    while (std::getline(lines, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        r.headers.add(line.substr(0, colon), value);
    }
    return r;
}

// ---------------------------------------------------------------------------------------------

ServerFixture::ServerFixture(ServerOptions options) : data("gongshi-srv-data"), web("gongshi-srv-web") {
    std::string webDir = options.webDir;
    if (webDir.empty()) {
        std::ofstream(web / "index.html") << "<!doctype html><title>gongshi test page</title>\n";
        std::ofstream(web / "a.js") << "export const a = 1;\n";
        webDir = web.str();
    }
    server::ServerConfig& c = config;
    c.dataDir = data.str();
    c.database = databaseUrl(data.path());
    c.host = options.host;
    c.tlsCert = options.tlsCert;
    c.tlsKey = options.tlsKey;
    c.port = 0;
    c.threads = 16;
    c.maxBody = options.maxBody;
    c.keepAliveSeconds = 5;
    c.webDir = webDir;
    c.auth.iterations = 1000;
    c.auth.maxFailures = options.maxFailures;
    c.auth.lockSeconds = 600;
    c.auth.idleSeconds = 600;
    c.today = [] { return std::string(kToday); };
    c.delivery = options.delivery;
    c.clock = options.clock;
    if (options.deliveryOptions) c.deliveryOptions = *options.deliveryOptions;
    c.backup = options.backup;
    if (options.configure) options.configure(c);
    server = std::make_unique<server::HttpServer>(c);
    if (options.demo) content::importDemo(server->database(), content::demoDataDir(), "demo");
    if (options.users) {
        server->auth().addUser("admin", "admin", 0, kPassword, "test");
        server->auth().addUser("editor", "editor", 0, kPassword, "test");
    }
    if (options.beforeStart) options.beforeStart(*server);
    server->start();
}

void ServerFixture::restart() {
    server->stop();
    server.reset();
    server = std::make_unique<server::HttpServer>(config);
    server->start();
}

ServerFixture::~ServerFixture() {
    if (server) server->stop();
}

Client ServerFixture::login(const std::string& username, const std::string& password) const {
    Client c(port());
    Response r = c.login(username, password);
    REQUIRE_MESSAGE(r.status == 200, "login of " << username << ": " << r.status << " " << r.body);
    return c;
}

// ---------------------------------------------------------------------------------------------

Poco::JSON::Object::Ptr parseObject(const std::string& text) { return content::readJsonObject(text, "JSON"); }

std::string jsonText(const Poco::JSON::Object::Ptr& o) { return content::jsonText(o); }

Poco::JSON::Object::Ptr copyObject(const Poco::JSON::Object::Ptr& o) { return parseObject(jsonText(o)); }

std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || o->isNull(key)) return {};
    return o->get(key).toString();
}

long long num(const Poco::JSON::Object::Ptr& o, const std::string& key) {
    if (!o || !o->has(key) || o->isNull(key)) return -1;
    return o->getValue<Poco::Int64>(key);
}

Poco::JSON::Array::Ptr items(const Response& r) {
    auto o = r.json();
    if (!o->has("items")) {
        FAIL_CHECK("no items in " << r.body);
        return new Poco::JSON::Array;
    }
    return o->getArray("items");
}

Poco::JSON::Object::Ptr item(const Poco::JSON::Array::Ptr& a, std::size_t i) { return a->getObject(static_cast<unsigned>(i)); }

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

std::pair<int, int> pngSize(const std::string& bytes) {
    TempDir dir("gongshi-srv-png");
    const std::string file = dir / "preview.png";
    std::ofstream(file, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    renderer::Bitmap b = renderer::readPng(file);
    return {b.width(), b.height()};
}

std::string encode(const std::string& s) {
    std::string out;
    Poco::URI::encode(s, "&=+?#/;:%", out);
    return out;
}

std::string decode(const std::string& s) {
    std::string out;
    Poco::URI::decode(s, out);
    return out;
}

ServerOptions withoutDelivery() {
    ServerOptions o;
    o.delivery = false;
    return o;
}

void parkScreens(content::Database& db) {
    content::RecordStore<content::ScreenRecord> screens(db);
    for (auto r : screens.all()) {
        if (r.protocol == "web") continue;
        r.address = r.protocol == "ddp"                  ? "udp:127.0.0.1:9"
                    : r.address.rfind("serial:", 0) == 0 ? "serial:/dev/gongshi-none@9600"
                                                         : "tcp:127.0.0.1:1";
        screens.update(r, "test");
    }
}

} // namespace gongshi::test
