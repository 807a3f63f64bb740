// Session (login, logout), users, approvals, checks and the audit log.
#include "common/Error.h"
#include "common/Messages.h"
#include "content/Checks.h"
#include "content/Publication.h"
#include "content/RecordJson.h"
#include "content/WorkingDays.h"
#include "server/ApiContext.h"
#include "server/AuditLog.h"
#include "server/HttpError.h"

#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPCookie.h>

#include <map>

namespace gongshi::server {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Object::Ptr userJson(const User& u) {
    Object::Ptr o = newObject();
    o->set("username", u.username);
    o->set("role", u.role);
    o->set("window_id", u.windowId ? Poco::Dynamic::Var(u.windowId) : Poco::Dynamic::Var());
    return o;
}

Object::Ptr sessionJson(const User& u, const std::string& csrf) {
    Object::Ptr o = newObject();
    o->set("csrf", csrf);
    o->set("user", userJson(u));
    return o;
}

// The Chinese labels of the fields these routes read (records' fields have theirs in their tables).
std::string fieldLabel(const std::string& key) {
    static const std::map<std::string, std::string> labels = {
        {"username", "用户名"}, {"password", "密码"}, {"role", "角色"}, {"window_id", "所在窗口"},
        {"record", "记录类型"}, {"id", "记录编号"}, {"version", "版本"}};
    const auto it = labels.find(key);
    return it == labels.end() ? key : it->second;
}

std::string text(const Object& o, const std::string& key) {
    if (!o.has(key) || o.get(key).isEmpty()) return "";
    if (!o.get(key).isString()) throw ValidationError(key, msg::fieldNotText(fieldLabel(key)));
    return o.getValue<std::string>(key);
}

void setSessionCookie(Exchange& ex, const std::string& value, int maxAge) {
    Poco::Net::HTTPCookie c("gongshi_session", value);
    c.setPath("/");
    c.setHttpOnly(true);
    c.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
    c.setMaxAge(maxAge);
    ex.response.addCookie(c);
}

Poco::Dynamic::Var jsonOrNull(const std::string& s) {
    if (s.empty()) return {};
    try {
        return content::parseJsonObject(s);
    } catch (const Error&) {
        return s;
    }
}

} // namespace

void addAdminRoutes(ApiContext& ctx) {
    Router& r = ctx.router;
    r.add("POST", "/api/session", Access::Public, "Log in: {username, password} -> {csrf, user} and the session cookie",
          [&ctx](Exchange& ex) {
              auto body = ex.jsonBody();
              const std::string username = text(*body, "username"), password = text(*body, "password");
              if (username.empty()) throw ValidationError("username", "请输入用户名");
              const std::string address = ex.request.clientAddress().host().toString();
              LoginResult login = ctx.auth.login(username, password, address, ex.sessionToken);
              setSessionCookie(ex, login.token, -1);
              ex.reply(sessionJson(login.user, login.csrf));
          })
        .withoutCsrf()
        .leavesScreens();
    r.add("GET", "/api/session", Access::Session, "The logged-in user and the CSRF token",
          [](Exchange& ex) { ex.sendJson(200, sessionJson(*ex.user, ex.csrf)); });
    r.add("DELETE", "/api/session", Access::Session, "Log out", [&ctx](Exchange& ex) {
        ctx.auth.logout(ex.sessionToken);
        setSessionCookie(ex, "", 0);
        ex.replyEmpty();
    }).leavesScreens();

    r.add("GET", "/api/users", Access::Admin, "List users", [&ctx](Exchange& ex) {
        Array::Ptr items = new Array;
        const auto users = ctx.auth.users();
        for (const auto& u : users) items->add(userJson(u));
        Object::Ptr o = newObject();
        o->set("items", items);
        o->set("total", static_cast<int>(users.size()));
        ex.sendJson(200, o);
    });
    r.add("POST", "/api/users", Access::Admin, "Add a user: {username, role, window_id, password}", [&ctx](Exchange& ex) {
        auto body = ex.jsonBody();
        content::Id window = 0;
        if (body->has("window_id") && !body->get("window_id").isEmpty()) {
            try {
                window = body->getValue<content::Id>("window_id");
            } catch (const Poco::Exception&) {
                throw ValidationError("window_id", msg::fieldNotWholeNumber(fieldLabel("window_id")));
            }
        }
        const std::string username = text(*body, "username"), role = text(*body, "role");
        try {
            ctx.auth.addUser(username, role, window, text(*body, "password"), ex.user->username);
        } catch (const ConflictError& e) {
            throw HttpError(409, e.what(), "username"); // the name is taken: no version involved
        }
        ex.reply(userJson({username, role, role == "window" ? window : 0}));
    })
        .created()
        .leavesScreens();
    r.add("DELETE", "/api/users/{username}", Access::Admin, "Remove a user", [&ctx](Exchange& ex) {
        const std::string name = ex.params["username"];
        if (name == ex.user->username) throw HttpError(409, "不能删除自己的账号", "username");
        ctx.auth.removeUser(name, ex.user->username);
        ex.replyEmpty();
    }).leavesScreens();

    r.add("GET", "/api/approvals", Access::Editor, "Matters and notices waiting for approval", [&ctx](Exchange& ex) {
        Array::Ptr items = new Array;
        const auto pending = content::pendingApprovals(ctx.db);
        for (const auto& p : pending) {
            Object::Ptr o = newObject();
            o->set("record", p.record);
            o->set("id", p.id);
            o->set("version", p.version);
            o->set("approved_version", p.approvedVersion ? Poco::Dynamic::Var(p.approvedVersion) : Poco::Dynamic::Var());
            o->set("title", p.title);
            o->set("changed_by", p.changedBy);
            o->set("changed_at", p.changedAt);
            items->add(o);
        }
        Object::Ptr o = newObject();
        o->set("items", items);
        o->set("total", static_cast<int>(pending.size()));
        ex.sendJson(200, o);
    });
    r.add("POST", "/api/approvals", Access::Admin, "Approve a version of a matter or notice: {record, id, version}",
          [&ctx](Exchange& ex) {
              auto body = ex.jsonBody();
              const std::string record = text(*body, "record");
              content::Id id = 0;
              int version = 0;
              try {
                  id = body->getValue<content::Id>("id");
                  version = body->getValue<int>("version");
              } catch (const Poco::Exception&) {
                  throw ValidationError(body->has("id") ? "version" : "id", msg::fieldNotWholeNumber(fieldLabel(body->has("id") ? "version" : "id")));
              }
              content::approve(ctx.db, record, id, version, ex.user->username);
              ctx.db.write([&](Poco::Data::Session& s) {
                  recordAuditEvent(s, {"", content::utcNow(), ex.user->username, "approve", record, id, "",
                                       "{\"version\":" + std::to_string(version) + "}"});
              });
              Object::Ptr o = newObject();
              o->set("record", record);
              o->set("id", id);
              o->set("version", version);
              o->set("approved_by", ex.user->username);
              ex.sendJson(200, o);
          });

    r.add("GET", "/api/checks", Access::Editor, "Check findings (record, id to narrow)", [&ctx](Exchange& ex) {
        const std::string record = ex.query("record");
        const content::Id id = ex.queryInt("id", 0, 0, 1 << 30);
        const auto records = content::loadCheckRecords(ctx.db);
        const auto calendar = content::WorkingDays::load(ctx.db);
        const auto findings = content::runChecks(records, calendar, ctx.today(), threadRenderer());
std::vector<content::Finding> shown;
        for (const auto& f : findings)
            if ((record.empty() || f.record == record) && (id == 0 || f.id == id)) shown.push_back(f);
        ex.sendJson(200, content::findingsJson(shown));
    });

    r.add("GET", "/api/audit", Access::Editor, "The audit log, newest first (record, id, limit, offset)", [&ctx](Exchange& ex) {
        AuditQuery q;
        q.record = ex.query("record");
        q.recordId = ex.queryInt("id", 0, 0, 1 << 30);
        q.limit = ex.queryInt("limit", 100, 1, 1000);
        q.offset = ex.queryInt("offset", 0, 0, 1 << 30);
        AuditPage page = listAudit(ctx.db, q);
        Array::Ptr items = new Array;
        for (const auto& e : page.items) {
            Object::Ptr o = newObject();
            o->set("id", e.id);
            o->set("at", e.at);
            o->set("user", e.user);
            o->set("action", e.action);
            o->set("record", e.record);
            o->set("record_id", e.recordId);
            o->set("before", jsonOrNull(e.before));
            o->set("after", jsonOrNull(e.after));
            items->add(o);
        }
        Object::Ptr o = newObject();
        o->set("items", items);
        o->set("total", page.total);
        ex.sendJson(200, o);
    });
}

} // namespace gongshi::server
