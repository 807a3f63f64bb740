// Route properties are declared with the route: the dispatcher (CSRF, Origin, body type, waking
// the scheduler, the status of success) and the OpenAPI description both read them there.
#include "server/Router.h"
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::test;
using gongshi::server::Body;
using gongshi::server::Route;

namespace {

const Route& routeOf(const server::HttpServer& s, const std::string& method, const std::string& pattern) {
    for (const Route& r : s.router().routes())
        if (r.method == method && r.pattern == pattern) return r;
    FAIL("no route " << method << " " << pattern);
    throw;
}

} // namespace

TEST_CASE("a route takes its properties from its method until it declares otherwise") {
    server::Router router;
    auto noop = [](server::Exchange&) {};
    const Route& get = router.add("GET", "/api/x", server::Access::Editor, "read", noop);
    CHECK(get.status == 200);
    CHECK(get.body == Body::None);
    CHECK(!get.csrf);
    CHECK(!get.changesScreens);
    const Route& post = router.add("POST", "/api/x", server::Access::Editor, "write", noop);
    CHECK(post.status == 200);
    CHECK(post.body == Body::Json);
    CHECK(post.csrf);
    CHECK(post.changesScreens);
    const Route& del = router.add("DELETE", "/api/x/{id}", server::Access::Editor, "remove", noop);
    CHECK(del.status == 204);
    CHECK(del.body == Body::None);
    const Route& created = router.add("POST", "/api/y", server::Access::Editor, "create", noop).created().leavesScreens();
    CHECK(created.status == 201);
    CHECK(!created.changesScreens);
    // The references add() handed out stay valid as routes are added.
    CHECK(get.summary == "read");
    CHECK(router.routes().size() == 4);
}

TEST_CASE("the server declares login, uploads, renders and live views as routes unlike their method") {
    ServerFixture f;
    const auto& s = *f.server;
    const Route& login = routeOf(s, "POST", "/api/session");
    CHECK(!login.csrf);
    CHECK(!login.changesScreens);
    CHECK(!routeOf(s, "DELETE", "/api/session").changesScreens);
    CHECK(!routeOf(s, "POST", "/api/users").changesScreens);
    CHECK(routeOf(s, "POST", "/api/users").status == 201);
    CHECK(routeOf(s, "POST", "/api/matters").status == 201);
    CHECK(routeOf(s, "POST", "/api/matters").changesScreens);
    CHECK(routeOf(s, "POST", "/api/approvals").status == 200);
    CHECK(routeOf(s, "POST", "/api/approvals").changesScreens);
    CHECK(routeOf(s, "PUT", "/api/staff/{id}/photo").body == Body::Image);
    CHECK(!routeOf(s, "POST", "/api/render.png").changesScreens);
    CHECK(routeOf(s, "POST", "/api/render.png").answers == "image/png");
    CHECK(routeOf(s, "GET", "/api/screens/{id}/live").sameOrigin);
}

TEST_CASE("the OpenAPI description gives every route the success status the route declares") {
    ServerFixture f;
    Client c = f.client();
    auto paths = c.get("/api/openapi.json").json()->getObject("paths");
    REQUIRE(paths);
    std::size_t checked = 0;
    for (const Route& r : f.server->router().routes()) {
        CAPTURE(r.method);
        CAPTURE(r.pattern);
        std::string method = r.method;
        for (auto& ch : method) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        auto op = paths->getObject(r.pattern)->getObject(method);
        REQUIRE(op);
        CHECK(op->getObject("responses")->has(std::to_string(r.status)));
        CHECK(op->has("requestBody") == (r.body != Body::None));
        ++checked;
    }
    CHECK(checked == f.server->router().routes().size());
    CHECK(checked > 40);
    auto photo = paths->getObject("/api/staff/{id}/photo")->getObject("put")->getObject("requestBody");
    CHECK(photo->getObject("content")->has("image/*"));
}

TEST_CASE("routes answer with the status they declare") {
    ServerFixture f;
    Client admin = f.admin();
    Response created = admin.post("/api/users", R"({"username":"clerk","role":"editor","password":"a-long-passphrase-9"})");
    CHECK(created.status == routeOf(*f.server, "POST", "/api/users").status);
    CHECK(created.status == 201);
    Response removed = admin.del("/api/users/clerk");
    CHECK(removed.status == 204);
    // A photo of another type is refused by the route's body type, before the body is read.
    Response text = admin.request("PUT", "/api/staff/1/photo", "not a picture", {}, "text/plain");
    CHECK(text.status == 415);
    CHECK(text.field() == "photo");
}

TEST_CASE("a login needs no CSRF token but every other write does") {
    ServerFixture f;
    Client c = f.client();
    c.sendCsrf(false);
    CHECK(c.login("admin", kPassword).status == 200);
    Response write = c.post("/api/render.png", R"({"text":"a","width":16,"height":16})");
    CHECK(write.status == 403);
    CHECK(write.field() == "X-CSRF-Token");
}

TEST_CASE("query numbers are read by the parse module and named in Chinese") {
    ServerFixture f;
    Client c = f.editor();
    Response bad = c.get("/api/matters?limit=abc");
    CHECK(bad.status == 400);
    CHECK(bad.field() == "limit");
    CHECK(bad.error() == "每页条数“abc”应为1到1000之间的整数");
    CHECK(c.get("/api/matters?limit=-5").status == 400);
    CHECK(c.get("/api/matters/abc").status == 404);
    CHECK(c.get("/api/matters/0").status == 404);
}
