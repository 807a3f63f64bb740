// HTTPS: with a certificate and key configured the port speaks TLS only (1.2 and later), the API
// and the admin page answer through it, and the session cookie is Secure. The certificate is made
// here by the openssl command, for 127.0.0.1.
#include "tests/server/ServerFixture.h"
#include "tests/support/Process.h"

#include "common/Error.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/StreamCopier.h>

#include <doctest/doctest.h>

#include <fstream>

using namespace gongshi;
using namespace gongshi::test;

namespace {

struct Certificate {
    TempDir dir{"gongshi-tls"};
    std::string cert = dir / "cert.pem", key = dir / "key.pem";
    Certificate() {
        auto r =
            runProcess({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
                        "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-days", "2", "-keyout", key, "-out", cert});
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
    }
};

// A client that trusts only this certificate and checks the name, as a browser would once the
// centre's certificate is installed on the hall's PCs.
Poco::Net::Context::Ptr clientContext(const std::string& cert, int disabled = 0) {
    Poco::Net::Context::Params p;
    p.caLocation = cert;
    p.verificationMode = Poco::Net::Context::VERIFY_STRICT;
    p.loadDefaultCAs = false;
    Poco::Net::Context::Ptr c = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, p);
    if (disabled) c->disableProtocols(disabled);
    return c;
}

Response send(Poco::Net::HTTPSClientSession& s, const std::string& method, const std::string& target, const std::string& body = "",
              const std::string& cookie = "") {
    Poco::Net::HTTPRequest req(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!body.empty()) {
        req.setContentType("application/json");
        req.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    if (!cookie.empty()) req.set("Cookie", cookie);
    s.sendRequest(req) << body;
    Poco::Net::HTTPResponse res;
    std::istream& in = s.receiveResponse(res);
    Response r;
    r.status = res.getStatus();
    for (const auto& [k, v] : res) r.headers.add(k, v);
    Poco::StreamCopier::copyToString(in, r.body);
    return r;
}

} // namespace

TEST_CASE("https: the API answers over TLS with a Secure session cookie, and plain HTTP gets nothing") {
    Certificate certificate;
    ServerOptions o;
    o.delivery = false;
    o.tlsCert = certificate.cert;
    o.tlsKey = certificate.key;
    ServerFixture f(o);

    Poco::Net::HTTPSClientSession s("127.0.0.1", static_cast<Poco::UInt16>(f.port()), clientContext(certificate.cert));
    s.setTimeout(Poco::Timespan(10, 0));
    auto page = send(s, "GET", "/");
    CHECK(page.status == 200);
    CHECK(contains(page.body, "gongshi test page"));
    auto login = send(s, "POST", "/api/session", R"({"username":"admin","password":")" + std::string(kPassword) + "\"}");
    REQUIRE(login.status == 200);
    const std::string setCookie = login.header("Set-Cookie");
    CHECK(contains(setCookie, "gongshi_session="));
    CHECK(contains(setCookie, "; secure"));
    CHECK(contains(setCookie, "HttpOnly"));
    const std::string token = setCookie.substr(setCookie.find('=') + 1, setCookie.find(';') - setCookie.find('=') - 1);
    auto session = send(s, "GET", "/api/session", "", "gongshi_session=" + token);
    CHECK(session.status == 200);
    CHECK(str(session.json()->getObject("user"), "username") == "admin");

    // TLS 1.1 and older are refused.
    Poco::Net::HTTPSClientSession old(
        "127.0.0.1", static_cast<Poco::UInt16>(f.port()),
        clientContext(certificate.cert, Poco::Net::Context::PROTO_TLSV1_2 | Poco::Net::Context::PROTO_TLSV1_3));
    old.setTimeout(Poco::Timespan(5, 0));
    CHECK_THROWS(send(old, "GET", "/"));

    // Plain HTTP to the HTTPS port: no answer in the clear (the connection ends, or is reset).
    Response plain;
    try {
        plain = rawRequest(f.port(), "GET /api/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    } catch (const Poco::Net::NetException&) {
        plain.status = -1;
    }
    CHECK(plain.status != 200);
    CHECK_FALSE(contains(plain.body, "openapi"));
    // The server goes on answering after it.
    CHECK(send(s, "GET", "/api/session", "", "gongshi_session=" + token).status == 200);
}

TEST_CASE("https: a key that does not belong to the certificate stops the start, naming both files in Chinese") {
    Certificate certificate, other;
    server::ServerConfig c;
    TempDir data("gongshi-tls-data");
    c.dataDir = data.str();
    c.port = 0;
    c.delivery = false;
    c.tlsCert = certificate.cert;
    c.tlsKey = other.key;
    server::HttpServer server(c);
    try {
        server.start();
        FAIL("started with a key of another certificate");
    } catch (const EnvironmentError& e) {
        CHECK(contains(e.what(), "无法使用 HTTPS 证书"));
        CHECK(contains(e.what(), certificate.cert));
        CHECK(contains(e.what(), other.key));
    }
}
