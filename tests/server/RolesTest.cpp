// What each role may do, window staff's own window, and the users an admin keeps.
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

using namespace gongshi::test;

namespace {

bool hasUser(const Response& list, const std::string& name) {
    auto a = items(list);
    for (std::size_t i = 0; i < a->size(); ++i)
        if (str(item(a, i), "username") == name) return true;
    return false;
}

} // namespace

TEST_CASE("an editor writes records but may not manage users or approve") {
    ServerFixture f;
    Client c = f.editor();
    Response created = c.post("/api/notices", R"({"centre_id": 1, "category": "other", "title": "编辑写的公告"})");
    CHECK(created.status == 201);
    auto matter = c.get("/api/matters/3").json();
    Response saved = c.put("/api/matters/3", matter);
    CHECK(saved.status == 200);
    CHECK(num(saved.json(), "version") == 2);
    CHECK(c.get("/api/approvals").status == 200); // may look at what waits

    Response users = c.get("/api/users");
    CHECK(users.status == 403);
    CHECK(users.field() != "X-CSRF-Token");
    CHECK(!users.error().empty());
    Response approve = c.post("/api/approvals", R"({"record": "notice", "id": 1, "version": 1})");
    CHECK(approve.status == 403);
    CHECK(approve.field() != "X-CSRF-Token");
    Response add = c.post("/api/users", R"({"username": "sneaky", "role": "admin", "password": "long-enough-1"})");
    CHECK(add.status == 403);
    CHECK(c.del("/api/users/admin").status == 403);

    Client a = f.admin();
    CHECK(!hasUser(a.get("/api/users"), "sneaky"));
    CHECK(hasUser(a.get("/api/users"), "admin"));
}

TEST_CASE("window staff read and set only their own window") {
    ServerFixture f;
    f.server->auth().addUser("win1", "window", 1, kPassword, "test");
    Client w = f.login("win1");
    Response session = w.get("/api/session");
    REQUIRE(session.status == 200);
    CHECK(str(session.json()->getObject("user"), "role") == "window");
    CHECK(num(session.json()->getObject("user"), "window_id") == 1);

    Response own = w.get("/api/windows/1");
    REQUIRE(own.status == 200);
    CHECK(str(own.json(), "number") == "1");
    CHECK(str(own.json(), "status") == "serving");
    CHECK(w.get("/api/windows/4").status == 403);
    CHECK(w.get("/api/windows/2").status == 403);
    CHECK(w.get("/api/windows").status == 403);
    CHECK(w.get("/api/matters").status == 403);
    CHECK(w.get("/api/notices/1").status == 403);
    CHECK(w.get("/api/screens/1/preview.png").status == 403);
    CHECK(w.get("/api/audit").status == 403);

    // Away, with the message: in the answer and in a fresh read.
    Response away = w.put("/api/windows/1/status", R"({"status": "away",
        "away": {"where": "石板村三组", "why": "入户核查", "back_at": "14:30", "phone": "0833-6201101"}})");
    REQUIRE_MESSAGE(away.status == 200, away.body);
    CHECK(str(away.json(), "status") == "away");
    auto msg = away.json()->getObject("away");
    REQUIRE(msg);
    CHECK(str(msg, "where") == "石板村三组");
    CHECK(str(msg, "why") == "入户核查");
    CHECK(str(msg, "back_at") == "14:30");
    CHECK(str(msg, "phone") == "0833-6201101");
    CHECK(num(away.json(), "version") == 2);
    CHECK(str(away.json(), "changed_by") == "win1");
    CHECK(str(away.json(), "business") == "社会救助·民政·残联"); // the rest of the window is kept

    Response fresh = w.get("/api/windows/1");
    CHECK(str(fresh.json(), "status") == "away");
    CHECK(str(fresh.json()->getObject("away"), "back_at") == "14:30");
    Client e = f.editor();
    CHECK(str(e.get("/api/windows/1").json(), "status") == "away");

    // The phone page words its own window as the screens do, and nothing else.
    auto ownWindow = parseObject("{}");
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    list->add(fresh.json());
    ownWindow->set("windows", list);
    Response worded = w.post("/api/wording", ownWindow);
    REQUIRE_MESSAGE(worded.status == 200, worded.body);
    CHECK(str(worded.json()->getArray("windows")->getObject(0), "status") ==
          "暂离\u300014:30回\u3000去向：石板村三组\u3000事由：入户核查\u3000电话：0833-6201101");
    Poco::JSON::Array::Ptr otherList = new Poco::JSON::Array;
    otherList->add(e.get("/api/windows/4").json());
    auto otherWindow = parseObject("{}");
    otherWindow->set("windows", otherList);
    Response notOwn = w.post("/api/wording", otherWindow);
    CHECK(notOwn.status == 403);
    CHECK(notOwn.error() == "只能查看和修改本窗口的状态");

    // Back: serving clears the away message.
    Response back = w.put("/api/windows/1/status", R"({"status": "serving"})");
    REQUIRE(back.status == 200);
    CHECK(str(back.json(), "status") == "serving");
    CHECK(str(back.json()->getObject("away"), "where").empty());
    CHECK(str(w.get("/api/windows/1").json(), "status") == "serving");

    // A bad status is a 400 on "status".
    Response bad = w.put("/api/windows/1/status", R"({"status": "asleep"})");
    CHECK(bad.status == 400);
    CHECK(bad.field() == "status");

    // Not another window's status, and no whole-window saves.
    Response other = w.put("/api/windows/4/status", R"({"status": "serving"})");
    CHECK(other.status == 403);
    CHECK(str(e.get("/api/windows/4").json(), "status") == "away");
    auto whole = w.get("/api/windows/1").json();
    CHECK(w.put("/api/windows/1", whole).status == 403);
    // The window status is a write like any other: CSRF applies.
    w.sendCsrf(false);
    CHECK(w.put("/api/windows/1/status", R"({"status": "paused"})").status == 403);
    CHECK(str(e.get("/api/windows/1").json(), "status") == "serving");
    // The revisions keep who set it.
    auto revs = items(e.get("/api/windows/1/revisions"));
    REQUIRE(revs->size() == 3);
    CHECK(str(item(revs, 1), "changed_by") == "win1");
}

TEST_CASE("an admin adds, lists and removes users") {
    ServerFixture f;
    Client a = f.admin();
    Response list = a.get("/api/users");
    REQUIRE(list.status == 200);
    CHECK(num(list.json(), "total") == 2);
    CHECK(hasUser(list, "admin"));
    CHECK(hasUser(list, "editor"));

    Response added = a.post("/api/users", R"({"username": "zhang.li", "role": "editor", "password": "a-long-password"})");
    REQUIRE_MESSAGE(added.status == 201, added.body);
    CHECK(str(added.json(), "username") == "zhang.li");
    CHECK(str(added.json(), "role") == "editor");
    CHECK(!contains(added.body, "a-long-password"));
    Response win = a.post("/api/users", R"({"username": "win4", "role": "window", "window_id": 4, "password": "a-long-password"})");
    REQUIRE(win.status == 201);
    CHECK(num(win.json(), "window_id") == 4);

    Response after = a.get("/api/users");
    CHECK(num(after.json(), "total") == 4);
    CHECK(hasUser(after, "zhang.li"));
    CHECK(!contains(after.body, "hash"));
    CHECK(!contains(after.body, "salt"));
    // The new users can log in.
    Client z = f.login("zhang.li", "a-long-password");
    CHECK(z.get("/api/matters/1").status == 200);
    Client w4 = f.login("win4", "a-long-password");
    CHECK(w4.get("/api/windows/4").status == 200);

    // A name taken: 409; a short password: 400 on password; a window user without a window: 400.
    Response dup = a.post("/api/users", R"({"username": "zhang.li", "role": "admin", "password": "another-password"})");
    CHECK(dup.status == 409);
    CHECK(dup.field() == "username");
    CHECK(contains(dup.error(), "zhang.li"));
    Response shortPw = a.post("/api/users", R"({"username": "li.si", "role": "editor", "password": "short"})");
    CHECK(shortPw.status == 400);
    CHECK(shortPw.field() == "password");
    Response noWindow = a.post("/api/users", R"({"username": "win9", "role": "window", "password": "a-long-password"})");
    CHECK(noWindow.status == 400);
    CHECK(noWindow.field() == "window_id");
    Response badWindow = a.post("/api/users", R"({"username": "win9", "role": "window", "window_id": 99, "password": "a-long-password"})");
    CHECK(badWindow.status == 400);
    CHECK(badWindow.field() == "window_id");
    Response badRole = a.post("/api/users", R"({"username": "boss", "role": "root", "password": "a-long-password"})");
    CHECK(badRole.status == 400);
    CHECK(badRole.field() == "role");
    Response badName = a.post("/api/users", R"({"username": "has space", "role": "editor", "password": "a-long-password"})");
    CHECK(badName.status == 400);
    CHECK(badName.field() == "username");
    CHECK(num(a.get("/api/users").json(), "total") == 4);

    // Removing a user ends their sessions.
    Response removed = a.del("/api/users/zhang.li");
    CHECK(removed.status == 204);
    CHECK(!hasUser(a.get("/api/users"), "zhang.li"));
    CHECK(z.get("/api/matters/1").status == 401);
    CHECK(z.login("zhang.li", "a-long-password").status == 401);
    CHECK(a.del("/api/users/zhang.li").status == 404);
    // Not oneself.
    CHECK(a.del("/api/users/admin").status == 409);
    CHECK(hasUser(a.get("/api/users"), "admin"));
}
