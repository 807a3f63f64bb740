// Session (login, logout), users, approvals, checks and the audit log.
#include "common/Error.h"
#include "common/Messages.h"
#include "rules/Checks.h"
#include "records/Publication.h"
#include "records/RecordJson.h"
#include "records/RecordShape.h"
#include "rules/WorkingDays.h"
#include "server/ApiContext.h"
#include "server/AuditLog.h"
#include "server/CentreScope.h"
#include "server/FirstRun.h"
#include "server/HttpError.h"

#include <Poco/JSON/Array.h>
#include <Poco/Net/HTTPCookie.h>

#include <limits>
#include <map>
#include <mutex>
#include <string_view>

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
    o->set("centre_id", u.centreId ? Poco::Dynamic::Var(u.centreId) : Poco::Dynamic::Var()); // null: the county
    return o;
}

// An admin of one centre manages its users only: any other user is as unknown as one that is not.
void requireUserInScope(ApiContext& ctx, const Exchange& ex, const std::string& username) {
    if (!callerCentre(ex)) return;
    for (const auto& u : ctx.auth.users())
        if (u.username == username && u.centreId == callerCentre(ex)) return;
    throw NotFoundError(msg::noSuchUser(username));
}

Object::Ptr sessionJson(const User& u, const std::string& csrf) {
    Object::Ptr o = newObject();
    o->set("csrf", csrf);
    o->set("user", userJson(u));
    // The hall's time, so the pages show dates and times as the server and its log do.
    o->set("time_zone", content::hallTimeZone());
    o->set("utc_offset_minutes", content::hallUtcOffsetMinutes());
    o->set("today", content::localToday());
    // The server's clock, so a page on a PC whose clock is off still says the hall's today.
    o->set("now", content::utcNow());
    return o;
}

// A whole number in a request body, refused in Chinese naming the field; `required` refuses an
// absent one, else absent is 0.
long long wholeField(const content::JsonIn& in, const std::string& key, std::string_view label, long long lo, long long hi, bool required) {
    const auto v = in.get(key);
    if (!v) {
        if (required) content::refuse(in.field(key, label), "未填写");
        return 0;
    }
    return content::wholeValue(*v, in.field(key, label), lo, hi);
}

void setSessionCookie(ApiContext& ctx, Exchange& ex, const std::string& value, int maxAge) {
    Poco::Net::HTTPCookie c("gongshi_session", value);
    c.setPath("/");
    c.setHttpOnly(true);
    c.setSecure(ctx.config.secure()); // over HTTPS the browser never sends it in the clear
    c.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
    c.setMaxAge(maxAge);
    ex.response.addCookie(c);
}

Poco::Dynamic::Var jsonOrNull(const std::string& s) {
    if (s.empty()) return {};
    try {
        return content::readJsonObject(s, "审计记录");
    } catch (const Error&) {
        return s;
    }
}

} // namespace

void addAdminRoutes(ApiContext& ctx) {
    Router& r = ctx.router;
    r.add("POST", "/api/session", Access::Public, "Log in: {username, password} -> {csrf, user} and the session cookie",
          [&ctx](Exchange& ex) {
              const auto body = ex.jsonBody();
              const content::JsonIn in(*body);
              const std::string username = in.text("username", "用户名"), password = in.text("password", "密码");
              if (username.empty()) throw ValidationError("username", "请输入用户名");
              const std::string address = ex.request.clientAddress().host().toString();
              LoginResult login = ctx.auth.login(username, password, address, ex.sessionToken);
              setSessionCookie(ctx, ex, login.token, -1);
              ex.reply(sessionJson(login.user, login.csrf));
          })
        .withoutCsrf()
        .leavesScreens();
    // A new install's first run: while there is neither a centre nor a user, the admin page offers
    // to make the centre and its first admin, to a browser on the server's own machine only.
    r.add("GET", "/api/setup", Access::Public, "Whether this install still waits for its first run, and whether this client may do it",
          [&ctx](Exchange& ex) {
              Object::Ptr o = newObject();
              o->set("open", firstRunOpen(ctx.db));
              o->set("local", fromThisMachine(ex.request));
              ex.sendJson(200, o);
          });
    r.add("POST", "/api/setup", Access::Public,
          "First run: {kind, county, township, street, station, village, name, admin, password} -> the centre made, and its admin "
          "logged in as POST /api/session does",
          [&ctx](Exchange& ex) {
              if (!fromThisMachine(ex.request)) throw HttpError(403, msg::firstRunNotLocal());
              const auto body = ex.jsonBody();
              const content::JsonIn in(*body);
              FirstRunInput input;
              input.places.kind = content::parseCentreKind(in.text("kind", "类型"));
              input.places.county = in.text("county", "县（市、区）");
              input.places.township = in.text("township", "乡镇");
              input.places.street = in.text("street", "街道");
              input.places.station = in.text("station", "撤并乡镇（街道）");
              input.places.village = in.text("village", "村（社区）");
              if (const std::string name = in.text("name", "名称"); !name.empty()) input.name = name;
              input.admin = in.text("admin", "管理员用户名");
              input.password = in.text("password", "密码");
              static std::mutex once; // two first runs at once: the second finds the first's centre
              content::Centre made;
              {
                  const std::lock_guard lock(once);
                  if (!firstRunOpen(ctx.db)) throw HttpError(409, msg::firstRunClosed());
                  made = runFirstRun(ctx.db, input, input.admin);
              }
              LoginResult login = ctx.auth.login(input.admin, input.password, ex.request.clientAddress().host().toString());
              setSessionCookie(ctx, ex, login.token, -1);
              Object::Ptr o = sessionJson(login.user, login.csrf);
              o->set("centre", made.name);
              o->set("centre_id", made.meta.id);
              ex.sendJson(201, o);
          })
        .withoutCsrf();
    r.add("GET", "/api/session", Access::Session, "The logged-in user and the CSRF token",
          [](Exchange& ex) { ex.sendJson(200, sessionJson(*ex.user, ex.csrf)); });
    r.add("DELETE", "/api/session", Access::Session, "Log out", [&ctx](Exchange& ex) {
         ctx.auth.logout(ex.sessionToken);
         setSessionCookie(ctx, ex, "", 0);
         ex.replyEmpty();
     }).leavesScreens();

    r.add("POST", "/api/session/password", Access::Session,
          "Change one's own password: {old, new}; the user's other sessions end, this one goes on",
          [&ctx](Exchange& ex) {
              const auto body = ex.jsonBody();
              const content::JsonIn in(*body);
              const std::string oldPassword = in.text("old", "原密码"), newPassword = in.text("new", "新密码");
              if (oldPassword.empty()) throw ValidationError("old", "请输入原密码");
              ctx.auth.changePassword(ex.user->username, oldPassword, newPassword, ex.sessionToken,
                                      ex.request.clientAddress().host().toString());
              ex.replyEmpty();
          })
        .leavesScreens()
        .status = 204;
    r.add("GET", "/api/users", Access::Admin, "List users", [&ctx](Exchange& ex) {
        Array::Ptr items = new Array;
        const auto users = ctx.auth.users();
        const auto locked = ctx.auth.lockedUsers();
        int shown = 0;
        for (const auto& u : users) {
            if (callerCentre(ex) && u.centreId != callerCentre(ex)) continue;
            ++shown;
            Object::Ptr o = userJson(u);
            const auto it = locked.find(u.username);
            o->set("locked_seconds", it == locked.end() ? 0 : it->second); // 0: may log in
            items->add(o);
        }
        Object::Ptr o = newObject();
        o->set("items", items);
        o->set("total", shown);
        ex.sendJson(200, o);
    });
    r.add("POST", "/api/users", Access::Admin,
          "Add a user: {username, role, window_id, password, centre_id (null or absent: the county; a centre's admin: their own)}",
          [&ctx](Exchange& ex) {
              const auto body = ex.jsonBody();
              const content::JsonIn in(*body);
              const content::Id window = wholeField(in, "window_id", "所在窗口", 0, std::numeric_limits<int>::max(), false);
              content::Id centre = wholeField(in, "centre_id", "服务中心", 0, std::numeric_limits<int>::max(), false);
              if (callerCentre(ex)) {
                  requireCentre(ex, centre ? centre : callerCentre(ex), msg::recordNotFound("服务中心", centre));
                  centre = callerCentre(ex); // a centre's admin adds users of that centre
              }
              const std::string username = in.text("username", "用户名"), role = in.text("role", "角色");
              try {
                  ctx.auth.addUser(username, role, window, in.text("password", "密码"), ex.user->username, centre);
              } catch (const ConflictError& e) {
                  throw HttpError(409, e.what(), "username"); // the name is taken: no version involved
              }
              ex.reply(userJson({username, role, role == "window" ? window : 0, centre}));
          })
        .created()
        .leavesScreens();
    r.add("DELETE", "/api/users/{username}", Access::Admin, "Remove a user", [&ctx](Exchange& ex) {
         const std::string name = ex.params["username"];
         requireUserInScope(ctx, ex, name);
         if (name == ex.user->username) throw HttpError(409, "不能删除自己的账号", "username");
         ctx.auth.removeUser(name, ex.user->username);
         ex.replyEmpty();
     }).leavesScreens();

    r.add("POST", "/api/users/{username}/password", Access::Admin, "Set another user's password: {password}; that user's sessions end",
          [&ctx](Exchange& ex) {
              const auto body = ex.jsonBody();
              const content::JsonIn in(*body);
              const std::string name = ex.params["username"];
              requireUserInScope(ctx, ex, name);
              // One's own goes through POST /api/session/password, which asks for the old one.
              if (name == ex.user->username) throw HttpError(409, msg::resetOwnPassword(), "username");
              ctx.auth.setPassword(name, in.text("password", "密码"), ex.user->username);
              ex.replyEmpty();
          })
        .leavesScreens()
        .status = 204;
    r.add("POST", "/api/users/{username}/unlock", Access::Admin,
          "Lift a user's lock-out after failed logins, from every address: {unlocked_addresses}",
          [&ctx](Exchange& ex) {
              requireUserInScope(ctx, ex, ex.params["username"]);
              Object::Ptr o = newObject();
              o->set("unlocked_addresses", ctx.auth.unlock(ex.params["username"], ex.user->username));
              ex.sendJson(200, o);
          })
        .leavesScreens();

    r.add("GET", "/api/approvals", Access::Editor, "Matters and notices waiting for approval", [&ctx](Exchange& ex) {
        Array::Ptr items = new Array;
        const auto pending = content::pendingApprovals(ctx.db);
        const content::Id centre = listCentre(ex);
        int shown = 0;
        for (const auto& p : pending) {
            if (centre && centreOf(ctx.db, p.record, p.id) != centre) continue;
            ++shown;
            Object::Ptr o = newObject();
            o->set("record", p.record);
            o->set("id", p.id);
            o->set("version", p.version);
            o->set("approved_version", p.approvedVersion ? Poco::Dynamic::Var(p.approvedVersion) : Poco::Dynamic::Var());
            o->set("title", p.title);
            o->set("changed_by", p.changedBy);
            o->set("changed_at", p.changedAt);
            // Field by field, what approving it would change on the screens.
            Array::Ptr changes = new Array;
            for (const auto& c : content::approvalChanges(ctx.db, p.record, p.id)) {
                Object::Ptr change = newObject();
                change->set("field", c.field);
                change->set("label", c.label);
                change->set("before", c.before ? Poco::Dynamic::Var(*c.before) : Poco::Dynamic::Var());
                change->set("after", c.after ? Poco::Dynamic::Var(*c.after) : Poco::Dynamic::Var());
                changes->add(change);
            }
            o->set("changes", changes);
            items->add(o);
        }
        Object::Ptr o = newObject();
        o->set("items", items);
        o->set("total", shown);
        ex.sendJson(200, o);
    });
    r.add("POST", "/api/approvals", Access::Admin,
          "Approve a version of a matter or notice, or send it back with a comment: {record, id, version, decision: approve|reject, "
          "comment}",
          [&ctx](Exchange& ex) {
              const auto body = ex.jsonBody();
              const content::JsonIn in(*body);
              const std::string record = in.text("record", "记录类型");
              const content::Id id = wholeField(in, "id", "记录编号", 1, std::numeric_limits<content::Id>::max(), true);
              const int version = static_cast<int>(wholeField(in, "version", "版本", 1, std::numeric_limits<int>::max(), true));
              // Clients from before sending back send no decision: they approve.
              const std::string decision = in.get("decision") ? in.text("decision", "审批决定") : "approve";
              const std::string comment = in.text("comment", "审批意见");
              if (decision != "approve" && decision != "reject")
                  throw ValidationError("decision", msg::fieldOneOf("审批决定", "approve（批准）、reject（退回）", decision));
              if (callerCentre(ex)) requireRecord(ctx.db, ex, record, id);
              Object::Ptr after = newObject();
              after->set("version", version);
              if (decision == "approve") {
                  content::approve(ctx.db, record, id, version, ex.user->username);
              } else {
                  content::reject(ctx.db, record, id, version, ex.user->username, comment);
                  after->set("comment", comment);
              }
              ctx.db.write([&](content::Connection& s) {
                  recordAuditEvent(s, {"", content::utcNow(), ex.user->username, decision, record, id, "", content::jsonText(after)});
              });
              Object::Ptr o = newObject();
              o->set("record", record);
              o->set("id", id);
              o->set("version", version);
              o->set("decision", decision);
              if (decision == "approve")
                  o->set("approved_by", ex.user->username);
              else
                  o->set("rejected_by", ex.user->username);
              o->set("comment", comment);
              ex.sendJson(200, o);
          });

    r.add("GET", "/api/checks", Access::Editor, "Check findings (record, id, centre_id to narrow)", [&ctx](Exchange& ex) {
        const std::string record = ex.query("record");
        const content::Id id = ex.queryInt("id", 0, 0, 1 << 30);
        const content::Id centre = listCentre(ex);
        std::map<std::pair<std::string, content::Id>, content::Id> centres; // a record's centre, looked up once
        const auto records = content::loadCheckRecords(ctx.db);
        const auto calendar = content::WorkingDays::load(ctx.db);
        const auto findings = content::runChecks(records, calendar, ctx.today(), threadRenderer());
        std::vector<content::Finding> shown;
        for (const auto& f : findings)
            if ((record.empty() || f.record == record) && (id == 0 || f.id == id)) {
                if (centre) {
                    const auto key = std::make_pair(f.record, f.id);
                    auto it = centres.find(key);
                    if (it == centres.end()) it = centres.emplace(key, centreOf(ctx.db, f.record, f.id)).first;
                    if (it->second != centre) continue;
                }
                shown.push_back(f);
            }
        ex.sendJson(200, content::findingsJson(shown));
    });

    r.add("GET", "/api/audit", Access::Editor, "The audit log, newest first (record, id, centre_id, limit, offset)", [&ctx](Exchange& ex) {
        AuditQuery q;
        q.centreId = listCentre(ex);
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
