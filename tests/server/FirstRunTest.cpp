// A new install's first run through the admin page's API: while there is neither a centre nor a
// user, a browser on the server's machine makes the centre (its standard name) and the first admin,
// who is logged in at once; afterwards, and from any other machine, the route refuses.
#include "tests/server/ServerFixture.h"

#include <Poco/Net/NetworkInterface.h>

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::test;

namespace {

ServerOptions newInstall() {
    ServerOptions o;
    o.demo = false;
    o.users = false;
    o.delivery = false;
    return o;
}

std::string setupBody(const std::string& township, const std::string& password, const std::string& name = "") {
    std::string body =
        R"({"kind":"township-centre","county":"临江县","township":")" + township + R"(","admin":"chief","password":")" + password + "\"";
    if (!name.empty()) body += R"(,"name":")" + name + "\"";
    return body + "}";
}

} // namespace

TEST_CASE("first run: the admin page makes the centre with its standard name and logs its admin in") {
    ServerFixture f(newInstall());
    Client c = f.client();
    auto state = c.get("/api/setup");
    REQUIRE(state.status == 200);
    CHECK(state.json()->getValue<bool>("open"));
    CHECK(state.json()->getValue<bool>("local"));

    // Nothing is written while something is wrong, and each refusal names its field in Chinese.
    auto r = c.post("/api/setup", setupBody("柳树", "long-enough-1"));
    CHECK(r.status == 400);
    CHECK(r.field() == "township");
    CHECK(contains(r.error(), "乡"));
    r = c.post("/api/setup", setupBody("柳树镇", "short"));
    CHECK(r.status == 400);
    CHECK(r.field() == "password");
    r = c.post("/api/setup", setupBody("柳树镇", "long-enough-1", "柳树镇便民中心"));
    CHECK(r.status == 400);
    CHECK(r.field() == "name");
    CHECK(contains(r.error(), "柳树镇人民政府便民服务中心"));
    CHECK(c.get("/api/setup").json()->getValue<bool>("open"));

    r = c.post("/api/setup", setupBody("柳树镇", "long-enough-1"));
    REQUIRE(r.status == 201);
    CHECK(str(r.json(), "centre") == "柳树镇人民政府便民服务中心");
    const long long centreId = num(r.json(), "centre_id");
    CHECK(centreId > 0);
    // The same client is now the admin: its session and CSRF token work for the next write.
    c.setCsrf(str(r.json(), "csrf"));
    auto session = c.get("/api/session");
    REQUIRE(session.status == 200);
    CHECK(str(session.json()->getObject("user"), "username") == "chief");
    CHECK(str(session.json()->getObject("user"), "role") == "admin");
    auto centre = c.get("/api/centres/" + std::to_string(centreId));
    REQUIRE(centre.status == 200);
    CHECK(str(centre.json(), "name") == "柳树镇人民政府便民服务中心");
    CHECK(str(centre.json(), "township") == "柳树镇");
    // Another login with the password set works too.
    CHECK(f.client().login("chief", "long-enough-1").status == 200);

    // Done once: closed for everyone after.
    CHECK_FALSE(f.client().get("/api/setup").json()->getValue<bool>("open"));
    r = f.client().post("/api/setup", setupBody("白沙镇", "long-enough-2"));
    CHECK(r.status == 409);
    CHECK(contains(r.error(), "已经设置过"));
    CHECK(items(c.get("/api/centres")).get()->size() == 1);
}

TEST_CASE("first run: closed when users exist, even without a centre") {
    ServerOptions o = newInstall();
    o.users = true;
    ServerFixture f(o);
    CHECK_FALSE(f.client().get("/api/setup").json()->getValue<bool>("open"));
    auto r = f.client().post("/api/setup", setupBody("柳树镇", "long-enough-1"));
    CHECK(r.status == 409);
    CHECK(f.admin().get("/api/centres").status == 200);
    CHECK(items(f.admin().get("/api/centres"))->size() == 0);
}

TEST_CASE("first run: refused through a reverse proxy on this machine, and so is /metrics") {
    ServerFixture f(newInstall());
    for (const std::string header : {"X-Forwarded-For", "X-Real-IP", "Forwarded"}) {
        CAPTURE(header);
        const std::map<std::string, std::string> proxied = {{header, header == "Forwarded" ? "for=203.0.113.9" : "203.0.113.9"}};
        Client c = f.client();
        auto state = c.request("GET", "/api/setup", "", proxied);
        REQUIRE(state.status == 200);
        CHECK_FALSE(state.json()->getValue<bool>("local"));
        auto r = c.request("POST", "/api/setup", setupBody("柳树镇", "long-enough-1"), proxied);
        CHECK(r.status == 403);
        CHECK(contains(r.error(), "服务器所在的电脑"));
        CHECK(c.request("GET", "/metrics", "", proxied).status == 403);
    }
    CHECK(f.client().get("/metrics").status == 200);
    CHECK(f.client().get("/api/setup").json()->getValue<bool>("open"));
}

TEST_CASE("first run: refused to a browser on another machine") {
    // The server on every interface, reached through this machine's own non-loopback address: the
    // request arrives from that address, not from loopback.
    std::string address;
    for (const auto& nic : Poco::Net::NetworkInterface::list()) {
        const auto& ip = nic.address();
        if (ip.family() == Poco::Net::IPAddress::IPv4 && !ip.isLoopback() && !ip.isWildcard()) {
            address = ip.toString();
            break;
        }
    }
    if (address.empty()) {
        MESSAGE("no non-loopback IPv4 address on this machine: skipped");
        return;
    }
    ServerOptions o = newInstall();
    o.host = "0.0.0.0";
    ServerFixture f(o);
    Client far(f.port(), address);
    auto state = far.get("/api/setup");
    REQUIRE(state.status == 200);
    CHECK(state.json()->getValue<bool>("open"));
    CHECK_FALSE(state.json()->getValue<bool>("local"));
    auto r = far.post("/api/setup", setupBody("柳树镇", "long-enough-1"));
    CHECK(r.status == 403);
    CHECK(contains(r.error(), "服务器所在的电脑"));
    CHECK(f.client().get("/api/setup").json()->getValue<bool>("open"));
}
