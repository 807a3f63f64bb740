#pragma once
// In-process API tests: a server on 127.0.0.1, port 0, over a data directory of its own (with the
// demo centre loaded unless asked otherwise), and an HTTP client that keeps the session cookie and
// the CSRF token the way the admin page does.
#include "server/HttpServer.h"
#include "tests/support/TestSupport.h" // TempDir

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/NameValueCollection.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace gongshi::test {

struct Response {
    int status = 0;
    Poco::Net::NameValueCollection headers;
    std::string body;

    // Empty when the header is absent.
    std::string header(const std::string& name) const { return headers.get(name, ""); }
    bool hasHeader(const std::string& name) const { return headers.has(name); }
    // The body as a JSON object (a test failure, and an empty object, when it is not one).
    Poco::JSON::Object::Ptr json() const;
    // The "error" and "field" of an error answer.
    std::string error() const;
    std::string field() const;
};

// One keep-alive connection with a cookie jar of one cookie (gongshi_session) and the CSRF token
// the last login answered with; writes carry it unless told not to.
class Client {
public:
    explicit Client(int port, const std::string& host = "127.0.0.1");
    Client(Client&&) noexcept;
    Client& operator=(Client&&) noexcept;
    ~Client();

    // `headers` are added (or, for X-CSRF-Token, replace the stored token's header).
    Response request(const std::string& method, const std::string& target, const std::string& body = "",
                     const std::map<std::string, std::string>& headers = {}, const std::string& contentType = "application/json");
    Response get(const std::string& target) { return request("GET", target); }
    Response post(const std::string& target, const std::string& body) { return request("POST", target, body); }
    Response put(const std::string& target, const std::string& body) { return request("PUT", target, body); }
    Response del(const std::string& target) { return request("DELETE", target); }
    Response post(const std::string& target, const Poco::JSON::Object::Ptr& body);
    Response put(const std::string& target, const Poco::JSON::Object::Ptr& body);

    // POST /api/session; on 200 keeps the csrf token (the cookie is kept by request()).
    Response login(const std::string& username, const std::string& password);

    const std::string& cookie() const { return cookie_; }
    void setCookie(const std::string& token) { cookie_ = token; }
    const std::string& csrf() const { return csrf_; }
    void setCsrf(const std::string& token) { csrf_ = token; }
    // Whether writes carry X-CSRF-Token (default true).
    void sendCsrf(bool on) { sendCsrf_ = on; }
    int port() const { return port_; }
    // The session, for tests of the connection itself.
    Poco::Net::HTTPClientSession& session() { return *session_; }

private:
    int port_;
    std::unique_ptr<Poco::Net::HTTPClientSession> session_;
    std::string cookie_;
    std::string csrf_;
    bool sendCsrf_ = true;
};

// Sends `raw` (a whole request, as bytes) on a new connection and reads the answer until the
// server closes it; for request lines the client classes would normalise. `fromHost` (another
// loopback address, "127.0.0.2") is the address the server sees the request come from.
Response rawRequest(int port, const std::string& raw, const std::string& fromHost = "");

inline constexpr const char* kPassword = "correct-horse-7";
inline constexpr const char* kToday = "2026-11-27"; // a Friday inside most demo notices' periods

struct ServerOptions {
    bool demo = true;               // load the demo centre (centre 1, windows 1..6, 29 matters, ...)
    bool users = true;              // add the users "admin" and "editor" (false, with demo false: a new install)
    std::string host = "127.0.0.1"; // what the server binds
    std::string tlsCert, tlsKey;    // both set: HTTPS only
    std::size_t maxBody = 1u << 20;
    int maxFailures = 5;
    std::string webDir;                                       // empty: a temp dir with index.html and a.js
    bool delivery = true;                                     // drive the screens (delivery/DeviceManager)
    const delivery::Clock* clock = nullptr;                   // the screens' clock (owned by the test); null: the system clock
    std::optional<delivery::DeliveryOptions> deliveryOptions; // unset: the server's defaults
    server::BackupOptions backup{"", 0};                      // no nightly backup unless a test asks
    // Changes the server's configuration last, before the server is made (threads, limits).
    std::function<void(server::ServerConfig&)> configure;
    // Runs after the demo is loaded and before the server starts (e.g. to point screens elsewhere).
    std::function<void(server::HttpServer&)> beforeStart;
};

// The defaults without delivery: no screen is driven (tests of the API alone).
ServerOptions withoutDelivery();

// The server, started, with users "admin" (admin) and "editor" (editor), both kPassword, unless
// options.users is false.
class ServerFixture {
public:
    explicit ServerFixture(ServerOptions options = {});
    ~ServerFixture();

    int port() const { return server->port(); }
    std::string origin() const { return "http://127.0.0.1:" + std::to_string(port()); }
    Client client() const { return Client(port()); }
    // A client logged in as `username` (a test failure when the login is not 200).
    Client login(const std::string& username, const std::string& password = kPassword) const;
    Client admin() const { return login("admin"); }
    Client editor() const { return login("editor"); }
    // Stops the server and starts a new one on the same data directory and configuration (on a new
    // port: clients made before must be made again).
    void restart();

    TempDir data;
    TempDir web;
    server::ServerConfig config;
    std::unique_ptr<server::HttpServer> server;
};

// JSON helpers.
Poco::JSON::Object::Ptr parseObject(const std::string& text);
std::string jsonText(const Poco::JSON::Object::Ptr& o);
// A deep copy (nested objects and arrays too), to change without touching the original.
Poco::JSON::Object::Ptr copyObject(const Poco::JSON::Object::Ptr& o);
std::string str(const Poco::JSON::Object::Ptr& o, const std::string& key);
long long num(const Poco::JSON::Object::Ptr& o, const std::string& key);
Poco::JSON::Array::Ptr items(const Response& r); // r.json()["items"]
Poco::JSON::Object::Ptr item(const Poco::JSON::Array::Ptr& a, std::size_t i);
bool contains(const std::string& haystack, const std::string& needle);
// Writes `bytes` to a temp file and decodes it with renderer::readPng: {width, height}.
std::pair<int, int> pngSize(const std::string& bytes);
// Percent-encodes a query value.
std::string encode(const std::string& s);
// Percent-decoding, as decodeURIComponent in a browser.
std::string decode(const std::string& s);

// Points every screen but the web ones at addresses where nothing answers (UDP discard, TCP port 1,
// a serial device that does not exist), so delivery reaches no device until a test points a screen
// at one.
void parkScreens(content::Database& db);

} // namespace gongshi::test
