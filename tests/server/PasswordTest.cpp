// Passwords: one's own change (the old one asked for, the other sessions end) and an admin's reset
// of another's (that user's sessions end), with the rules of user creation, in the audit log.
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

using namespace gongshi::test;

namespace {

bool audited(Client& admin, const std::string& actor, const std::string& username) {
    auto log = items(admin.get("/api/audit?record=user&limit=1000"));
    for (std::size_t i = 0; i < log->size(); ++i) {
        auto e = item(log, i);
        if (str(e, "action") == "password" && str(e, "user") == actor && e->getObject("after") &&
            str(e->getObject("after"), "username") == username)
            return true;
    }
    return false;
}

} // namespace

TEST_CASE("a user changes their own password: the old one is asked for, their other sessions end, this one goes on") {
    ServerFixture f(withoutDelivery());
    Client here = f.editor();
    Client elsewhere = f.editor();
    Client admin = f.admin();
    REQUIRE(elsewhere.get("/api/session").status == 200);

    Response wrong = here.post("/api/session/password", R"({"old": "not-the-password", "new": "a-new-password-1"})");
    CHECK(wrong.status == 403);
    CHECK(wrong.field() == "old");
    CHECK(wrong.error() == "原密码不正确");
    Response missing = here.post("/api/session/password", R"({"new": "a-new-password-1"})");
    CHECK(missing.status == 400);
    CHECK(missing.field() == "old");
    Response shortOne = here.post("/api/session/password", std::string(R"({"old": ")") + kPassword + R"(", "new": "short"})");
    CHECK(shortOne.status == 400);
    CHECK(shortOne.field() == "new");
    CHECK(contains(shortOne.error(), "密码至少8位"));
    Response same = here.post("/api/session/password", std::string(R"({"old": ")") + kPassword + R"(", "new": ")" + kPassword + "\"}");
    CHECK(same.status == 400);
    CHECK(contains(same.error(), "不能与原密码相同"));
    Response notText = here.post("/api/session/password", R"({"old": 12345678, "new": "a-new-password-1"})");
    CHECK(notText.status == 400);
    // Nothing refused changed anything: the other session still works.
    CHECK(elsewhere.get("/api/session").status == 200);

    Response changed = here.post("/api/session/password", std::string(R"({"old": ")") + kPassword + R"(", "new": "a-new-password-1"})");
    REQUIRE_MESSAGE(changed.status == 204, changed.body);
    CHECK(here.get("/api/session").status == 200);      // this session goes on
    CHECK(elsewhere.get("/api/session").status == 401); // the other one ended
    CHECK(f.client().login("editor", kPassword).status == 401);
    CHECK(f.client().login("editor", "a-new-password-1").status == 200);
    CHECK(audited(admin, "editor", "editor"));
    // Without a session: 401.
    CHECK(f.client().post("/api/session/password", R"({"old": "x", "new": "y"})").status == 401);
}

TEST_CASE("guessing the old password locks out as failed logins do") {
    ServerFixture f(withoutDelivery());
    Client editor = f.editor();
    for (int i = 0; i < 5; ++i)
        CHECK(editor.post("/api/session/password", R"({"old": "a-guess-123", "new": "a-new-password-1"})").status == 403);
    Response locked = editor.post("/api/session/password", std::string(R"({"old": ")") + kPassword + R"(", "new": "a-new-password-1"})");
    CHECK(locked.status == 429);
    CHECK(contains(locked.error(), "登录"));
    CHECK(f.client().login("editor", kPassword).status == 429); // the same lock as logins from here
    CHECK(f.client().login("editor", "a-new-password-1").status != 200);
}

TEST_CASE("an admin resets another user's password: that user's sessions end, the admin's own goes through the change") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    Client editor = f.editor();
    REQUIRE(editor.get("/api/session").status == 200);

    CHECK(editor.post("/api/users/admin/password", R"({"password": "taken-over-1"})").status == 403); // editors may not
    Response shortOne = admin.post("/api/users/editor/password", R"({"password": "short"})");
    CHECK(shortOne.status == 400);
    CHECK(shortOne.field() == "password");
    CHECK(contains(shortOne.error(), "密码至少8位"));
    Response nobody = admin.post("/api/users/nobody/password", R"({"password": "long-enough-1"})");
    CHECK(nobody.status == 404);
    CHECK(contains(nobody.error(), "用户“nobody”不存在"));
    Response own = admin.post("/api/users/admin/password", R"({"password": "long-enough-1"})");
    CHECK(own.status == 409);
    CHECK(contains(own.error(), "原密码"));
    CHECK(editor.get("/api/session").status == 200);

    Response reset = admin.post("/api/users/editor/password", R"({"password": "given-by-admin-1"})");
    REQUIRE_MESSAGE(reset.status == 204, reset.body);
    CHECK(editor.get("/api/session").status == 401);
    CHECK(admin.get("/api/session").status == 200);
    CHECK(f.client().login("editor", kPassword).status == 401);
    CHECK(f.client().login("editor", "given-by-admin-1").status == 200);
    CHECK(audited(admin, "admin", "editor"));
}
