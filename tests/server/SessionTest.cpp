// Logging in and out, session rotation, lock-out, and the CSRF and Origin rules for writes.
#include "records/Database.h"
#include "rules/WorkingDays.h"
#include "tests/server/ServerFixture.h"
#include "tests/support/Process.h"

#include <doctest/doctest.h>

#include <Poco/Data/Session.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/String.h>
#include <Poco/Timestamp.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace gongshi::test;

namespace {

int noticeTotal(Client& c) {
    Response r = c.get("/api/notices?limit=1");
    REQUIRE(r.status == 200);
    return static_cast<int>(num(r.json(), "total"));
}

Poco::JSON::Object::Ptr newNotice(const std::string& title) {
    auto o = parseObject(R"({"centre_id": 1, "category": "employment", "body": "测试正文",
                            "publish_from": "2026-11-20", "publish_until": "2026-12-20"})");
    o->set("title", title);
    return o;
}

// A login sent from `fromHost` (a loopback address of its own) on a connection of its own.
int loginFrom(int port, const std::string& fromHost, const std::string& username, const std::string& password) {
    const std::string body = R"({"username": ")" + username + R"(", "password": ")" + password + R"("})";
    return rawRequest(port,
                      "POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n"
                      "Content-Length: " +
                          std::to_string(body.size()) + "\r\n\r\n" + body,
                      fromHost)
        .status;
}

// The seconds left of `username`'s lock-out as the users page reads them (0: not locked).
long long lockedSeconds(Client& admin, const std::string& username) {
    Response r = admin.get("/api/users");
    REQUIRE(r.status == 200);
    auto list = items(r);
    for (std::size_t i = 0; i < list->size(); ++i)
        if (str(item(list, i), "username") == username) return num(item(list, i), "locked_seconds");
    FAIL("no user " << username);
    return -1;
}

} // namespace

TEST_CASE("login answers with the csrf token and an HttpOnly, SameSite=Strict session cookie") {
    ServerFixture f;
    Client c = f.client();
    Response r = c.login("editor", kPassword);
    REQUIRE(r.status == 200);
    auto body = r.json();
    CHECK(str(body, "csrf").size() >= 32);
    auto user = body->getObject("user");
    REQUIRE(user);
    CHECK(str(user, "username") == "editor");
    CHECK(str(user, "role") == "editor");
    CHECK(user->isNull("window_id"));
    // The hall's time for the pages: China's (the tests run in it, as gongshi does by default).
    CHECK(str(body, "time_zone") == "Asia/Shanghai");
    CHECK(body->getValue<int>("utc_offset_minutes") == 480);
    CHECK(str(body, "today") == gongshi::content::localToday());

    const std::string cookie = r.header("Set-Cookie");
    CHECK(contains(cookie, "gongshi_session="));
    CHECK(contains(cookie, "HttpOnly"));
    CHECK(contains(cookie, "SameSite=Strict"));
    INFO("Set-Cookie: " << cookie);
    CHECK(contains(Poco::toLower(cookie), "path=/")); // attribute names are case-insensitive
    CHECK(c.cookie().size() == 64);
    CHECK(!contains(r.body, c.cookie())); // the token is in the cookie only

    // GET /api/session: the same user and the same csrf token while logged in.
    Response s = c.get("/api/session");
    REQUIRE(s.status == 200);
    CHECK(str(s.json(), "csrf") == str(body, "csrf"));
    CHECK(str(s.json()->getObject("user"), "username") == "editor");

    // DELETE /api/session ends it: the cookie is cleared and the old token no longer works.
    const std::string token = c.cookie();
    Response out = c.del("/api/session");
    CHECK(out.status == 204);
    CHECK(c.cookie().empty());
    CHECK(c.get("/api/session").status == 401);
    Client old = f.client();
    old.setCookie(token);
    CHECK(old.get("/api/session").status == 401);
    CHECK(old.get("/api/matters").status == 401);
}

TEST_CASE("a wrong password and an unknown user get the same 401") {
    ServerFixture f;
    Client c = f.client();
    Response wrong = c.login("editor", "not-the-password");
    CHECK(wrong.status == 401);
    CHECK(c.cookie().empty());
    CHECK(!wrong.hasHeader("Set-Cookie"));
    Response unknown = c.login("nobody-here", "not-the-password");
    CHECK(unknown.status == 401);
    CHECK(!wrong.error().empty());
    CHECK(unknown.error() == wrong.error());
    CHECK(unknown.field() == wrong.field());
    // Still not logged in.
    CHECK(c.get("/api/session").status == 401);
    // A login without a user name is a 400 naming the field.
    Response empty = c.post("/api/session", R"({"password": "x"})");
    CHECK(empty.status == 400);
    CHECK(empty.field() == "username");
}

TEST_CASE("after maxFailures failed logins the user is locked out with 429, even with the right password") {
    ServerOptions o;
    o.maxFailures = 3;
    ServerFixture f(o);
    Client c = f.client();
    for (int i = 0; i < 3; ++i) CHECK(c.login("editor", "wrong-password").status == 401);
    Response locked = c.login("editor", kPassword);
    CHECK(locked.status == 429);
    CHECK(!locked.error().empty());
    CHECK(c.cookie().empty());
    CHECK(c.get("/api/session").status == 401);
}

TEST_CASE("wrong guesses lock a user out from that address only: not elsewhere, and not other users there") {
    ServerFixture f;
    for (int i = 0; i < 5; ++i) CHECK(loginFrom(f.port(), "127.0.0.1", "admin", "wrong-password") == 401);
    CHECK(loginFrom(f.port(), "127.0.0.1", "admin", kPassword) == 429);
    // The real admin at another desk logs in; a colleague behind the same address too.
    CHECK(loginFrom(f.port(), "127.0.0.2", "admin", kPassword) == 200);
    CHECK(loginFrom(f.port(), "127.0.0.1", "editor", kPassword) == 200);
    // An unknown name guessed at from 127.0.0.3 locks nobody else either.
    for (int i = 0; i < 8; ++i) CHECK(loginFrom(f.port(), "127.0.0.3", "nobody", "wrong-password") != 200);
    CHECK(loginFrom(f.port(), "127.0.0.3", "editor", kPassword) == 200);
}

TEST_CASE("forty wrong logins at once: no more are hashed than the failures allowed, the rest wait") {
    ServerOptions o;
    o.configure = [](gongshi::server::ServerConfig& c) {
        c.auth.iterations = 100000;      // a hash takes a while, as in service
        c.maxConnectionsPerAddress = 64; // forty at once from this address are let in
    };
    ServerFixture f(o);
    std::atomic<int> wrong{0}, waited{0}, other{0};
    std::vector<std::thread> threads;
    for (int i = 0; i < 40; ++i)
        threads.emplace_back([&] {
            try {
                const int status = loginFrom(f.port(), "127.0.0.1", "admin", "wrong-password");
                (status == 401 ? wrong : status == 429 ? waited : other)++;
            } catch (const Poco::Exception&) {
                ++other;
            }
        });
    for (auto& t : threads) t.join();
    MESSAGE(wrong.load() << " hashed and refused, " << waited.load() << " told to wait");
    CHECK(wrong.load() >= 1);
    CHECK(wrong.load() <= 5);
    CHECK(waited.load() == 40 - wrong.load());
    CHECK(other.load() == 0);
}

TEST_CASE("past the allowed failures each one doubles the wait") {
    ServerFixture f;
    Client admin = f.admin();
    Client c = f.client();
    for (int i = 0; i < 5; ++i) CHECK(c.login("editor", "wrong-password").status == 401);
    CHECK(lockedSeconds(admin, "editor") == 1);
    Response early = c.login("editor", kPassword);
    CHECK(early.status == 429);
    CHECK(early.error() == "登录失败次数过多，请1秒后再试（也可请管理员在“用户”页解除锁定）");
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    CHECK(c.login("editor", "wrong-password").status == 401); // the sixth
    CHECK(lockedSeconds(admin, "editor") == 2);
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
    CHECK(c.login("editor", "wrong-password").status == 401); // the seventh
    CHECK(lockedSeconds(admin, "editor") == 4);
    CHECK(c.login("editor", kPassword).status == 429);
    std::this_thread::sleep_for(std::chrono::milliseconds(4100));
    CHECK(c.login("editor", kPassword).status == 200);
    CHECK(lockedSeconds(admin, "editor") == 0);
}

TEST_CASE("an admin's unlock, in the API or with gongshi user unlock, lets a locked-out user in at once") {
    ServerFixture f;
    Client admin = f.admin();
    Client c = f.client();
    for (int i = 0; i < 5; ++i) REQUIRE(c.login("editor", "wrong-password").status == 401);
    CHECK(c.login("editor", kPassword).status == 429);
    CHECK(lockedSeconds(admin, "editor") > 0);

    REQUIRE(loginFrom(f.port(), "127.0.0.2", "editor", kPassword) == 200);
    CHECK(admin.post("/api/users/nobody/unlock", "{}").status == 404);
    Response unlocked = admin.post("/api/users/editor/unlock", "{}");
    REQUIRE(unlocked.status == 200);
    CHECK(num(unlocked.json(), "unlocked_addresses") == 1);
    CHECK(lockedSeconds(admin, "editor") == 0);
    CHECK(c.login("editor", kPassword).status == 200);
    // Only an admin lifts a lock-out.
    CHECK(c.post("/api/users/admin/unlock", "{}").status == 403);

    // From the command line, while the server runs.
    Client d = f.client();
    for (int i = 0; i < 5; ++i) REQUIRE(d.login("editor", "wrong-password").status == 401);
    REQUIRE(d.login("editor", kPassword).status == 429);
    const ProcessResult cli =
        runProcess(withDatabase({gongshiBinary(), "user", "unlock", "editor", "--data-dir", f.data.str()}, f.data.path()));
    CHECK_MESSAGE(cli.exitCode == 0, cli.err);
    CHECK(cli.out == "已解除用户“editor”的登录锁定（1个地址）\n");
    CHECK(d.login("editor", kPassword).status == 200);
    const ProcessResult unknown =
        runProcess(withDatabase({gongshiBinary(), "user", "unlock", "nobody", "--data-dir", f.data.str()}, f.data.path()));
    CHECK(unknown.exitCode != 0);
    // Both unlocks are in the audit log, with who did them.
    const std::string audit = admin.get("/api/audit?limit=50").body;
    CHECK(contains(audit, "\"unlock\""));
    CHECK(contains(audit, "\"cli\""));
}

TEST_CASE("every login gives a new session token and ends the one the browser still had") {
    ServerFixture f;
    Client c = f.client();
    REQUIRE(c.login("editor", kPassword).status == 200);
    const std::string first = c.cookie(), firstCsrf = c.csrf();
    REQUIRE(first.size() == 64);
    // Logging in again with the first cookie still set.
    REQUIRE(c.login("editor", kPassword).status == 200);
    const std::string second = c.cookie();
    CHECK(second.size() == 64);
    CHECK(second != first);
    CHECK(c.csrf() != firstCsrf);
    CHECK(c.get("/api/session").status == 200);
    CHECK(str(c.get("/api/session").json(), "csrf") == c.csrf());

    Client old = f.client();
    old.setCookie(first);
    CHECK(old.get("/api/session").status == 401);
    CHECK(old.get("/api/notices").status == 401);

    // A second login elsewhere (no old cookie) leaves the first session alone.
    Client other = f.login("editor");
    CHECK(other.cookie() != second);
    CHECK(c.get("/api/session").status == 200);
    CHECK(other.get("/api/session").status == 200);
}

TEST_CASE("without a session the API answers 401") {
    ServerFixture f;
    Client c = f.client();
    Response r = c.get("/api/matters");
    CHECK(r.status == 401);
    CHECK(!r.error().empty());
    CHECK(c.get("/api/session").status == 401);
    CHECK(c.get("/api/matters/1").status == 401);
    CHECK(c.post("/api/notices", newNotice("无会话")).status == 401);
    CHECK(c.get("/api/screens/1/preview.png").status == 401);
    // A made-up cookie is no session either.
    c.setCookie(std::string(64, 'a'));
    CHECK(c.get("/api/matters").status == 401);
    // Nothing was written.
    Client e = f.editor();
    CHECK(noticeTotal(e) == 13);
}

TEST_CASE("a write without the X-CSRF-Token header, or with a wrong one, is refused and writes nothing") {
    ServerFixture f;
    Client c = f.editor();
    const int before = noticeTotal(c);
    CHECK(before == 13);

    c.sendCsrf(false);
    Response none = c.post("/api/notices", newNotice("无令牌"));
    CHECK(none.status == 403);
    CHECK(none.field() == "X-CSRF-Token");
    CHECK(none.error() == "页面已过期或请求缺少校验码（X-CSRF-Token），请刷新页面后重试");
    Response put = c.put("/api/notices/1", R"({"version": 1, "centre_id": 1, "category": "other", "title": "改"})");
    CHECK(put.status == 403);
    CHECK(c.del("/api/notices/1?version=1").status == 403);
    CHECK(c.del("/api/session").status == 403); // logging out is a write too
    c.sendCsrf(true);

    Response wrong = c.request("POST", "/api/notices", jsonText(newNotice("错令牌")), {{"X-CSRF-Token", std::string(64, '0')}});
    CHECK(wrong.status == 403);
    CHECK(wrong.field() == "X-CSRF-Token");
    // Another session's token is a wrong token here.
    Client other = f.editor();
    Response foreign = c.request("POST", "/api/notices", jsonText(newNotice("别人的令牌")), {{"X-CSRF-Token", other.csrf()}});
    CHECK(foreign.status == 403);

    CHECK(noticeTotal(c) == before);
    Response stored = c.get("/api/notices/1");
    REQUIRE(stored.status == 200);
    CHECK(num(stored.json(), "version") == 1);
    CHECK(c.get("/api/notices?q=" + encode("令牌")).json()->getValue<int>("total") == 0);

    // With the token it goes through, and the session is still there after all the refusals.
    Response ok = c.post("/api/notices", newNotice("有令牌"));
    CHECK(ok.status == 201);
    CHECK(noticeTotal(c) == before + 1);
}

TEST_CASE("a write with the Origin of another site is refused but the server's own origin is fine") {
    ServerFixture f;
    Client c = f.editor();
    const int before = noticeTotal(c);
    Response evil = c.request("POST", "/api/notices", jsonText(newNotice("跨站")), {{"Origin", "http://evil.example"}});
    CHECK(evil.status == 403);
    CHECK(evil.error() == "拒绝来自其他网站（http://evil.example）的请求");
    Response evilPort =
        c.request("POST", "/api/notices", jsonText(newNotice("跨站")), {{"Origin", "http://127.0.0.1:" + std::to_string(f.port() + 1)}});
    CHECK(evilPort.status == 403);
    CHECK(noticeTotal(c) == before);
    // A login from another site's page is refused too.
    Client fresh = f.client();
    Response login = fresh.request("POST", "/api/session", "{\"username\": \"editor\", \"password\": \"" + std::string(kPassword) + "\"}",
                                   {{"Origin", "http://evil.example"}});
    CHECK(login.status == 403);
    CHECK(fresh.cookie().empty());

    Response own = c.request("POST", "/api/notices", jsonText(newNotice("同源")), {{"Origin", f.origin()}});
    CHECK(own.status == 201);
    CHECK(str(own.json(), "title") == "同源");
    CHECK(noticeTotal(c) == before + 1);
    // Reads may come from anywhere (the CSRF rules are for writes).
    CHECK(c.request("GET", "/api/notices/1", "", {{"Origin", "http://evil.example"}}).status == 200);
}

TEST_CASE("a session ends twelve hours after its login, however busy it is") {
    ServerFixture f;
    Client c = f.editor();
    REQUIRE(c.get("/api/session").status == 200);
    // The session's login moved back in time, as if it had been used all along.
    auto loggedInAgo = [&](int seconds) {
        Poco::Timestamp t;
        t -= static_cast<Poco::Timestamp::TimeDiff>(seconds) * Poco::Timestamp::resolution();
        std::string at = Poco::DateTimeFormatter::format(t, "%Y-%m-%dT%H:%M:%SZ");
        gongshi::content::Connection s = f.server->database().session();
        s << "UPDATE sessions SET created_at = ?", Poco::Data::Keywords::use(at), Poco::Data::Keywords::now;
        f.server->auth().forgetCachedSessions();
    };
    loggedInAgo(11 * 3600);
    CHECK(c.get("/api/session").status == 200);
    loggedInAgo(12 * 3600 + 60);
    Response expired = c.get("/api/session");
    CHECK(expired.status == 401);
    CHECK(c.get("/api/notices").status == 401);
    // A new login works as ever.
    REQUIRE(c.login("editor", kPassword).status == 200);
    CHECK(c.get("/api/notices").status == 200);
}
