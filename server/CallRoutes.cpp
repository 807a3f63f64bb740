// Queue calls (叫号): the hall's queue-calling system (with a token of scope "calls", no session,
// no CSRF) or staff (a session with its CSRF token; window staff for their own window) call a
// ticket to a window. The call is logged in `queue_calls`, and the route's write wakes the
// scheduler, which shows "请 A012 号到 3 号窗口" on the screens records/QueueCalls names for the
// seconds asked, then yields back (rules/WhatPlays). docs/queue-calls.md is the vendor's guide.
// Admins make and remove the queue system's tokens here too (server/ApiTokens, as `gongshi token`).
#include "common/Messages.h"
#include "common/Parse.h"
#include "common/Utf8.h"
#include "records/QueueCalls.h"
#include "records/RecordJson.h"
#include "records/RecordShape.h"
#include "records/RecordStore.h"
#include "server/ApiContext.h"
#include "server/CentreScope.h"
#include "server/ApiTokens.h"
#include "server/HttpError.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/Timestamp.h>

#include <cctype>
#include <ctime>

namespace gongshi::server {
namespace {

constexpr std::size_t kMaxTicket = 10;
constexpr long long kMinSeconds = 5, kMaxSeconds = 600, kDefaultSeconds = 30;

std::int64_t nowMillis(const ApiContext& ctx) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(ctx.clock().now().time_since_epoch()).count();
}

std::string isoMillis(std::int64_t ms) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(ms) * 1000), "%Y-%m-%dT%H:%M:%S.%iZ");
}

Poco::JSON::Object::Ptr callJson(const content::QueueCall& c) {
    Poco::JSON::Object::Ptr o = content::newJsonObject();
    o->set("id", c.id);
    o->set("window_id", c.windowId);
    o->set("window_number", c.windowNumber);
    o->set("ticket", c.ticket);
    o->set("seconds", c.seconds);
    o->set("text", content::queueCallText(c));
    o->set("called_at", isoMillis(c.calledAt));
    o->set("ends_at", isoMillis(c.endsAt()));
    o->set("by", c.by);
    o->set("via", c.via);
    return o;
}

// The ticket as asked: letters and digits only, letters in upper case ("a012" is shown "A012").
std::string readTicket(const content::JsonIn& in) {
    const auto v = in.get("ticket");
    if (!v) throw ValidationError("ticket", msg::callTicketEmpty());
    std::string t = v->isString() ? v->toString() : v->isInteger() ? v->toString() : std::string();
    if (v->type() == typeid(bool) || (!v->isString() && !v->isInteger()))
        throw ValidationError("ticket", msg::callTicketCharacters(v->toString()));
    const auto first = t.find_first_not_of(" \t"), last = t.find_last_not_of(" \t");
    t = first == std::string::npos ? "" : t.substr(first, last - first + 1);
    if (t.empty()) throw ValidationError("ticket", msg::callTicketEmpty());
    if (const std::size_t chars = decodeUtf8(t).size(); chars > kMaxTicket)
        throw ValidationError("ticket", msg::callTicketTooLong(chars, kMaxTicket));
    for (char& c : t) {
        if (!std::isalnum(static_cast<unsigned char>(c))) throw ValidationError("ticket", msg::callTicketCharacters(t));
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return t;
}

int readSeconds(const content::JsonIn& in) {
    const auto v = in.get("seconds");
    if (!v) return static_cast<int>(kDefaultSeconds);
    const std::string given = v->toString();
    const auto n = v->isString()    ? parse::tryWholeNumber(given, kMinSeconds, kMaxSeconds)
                   : v->isInteger() ? std::optional<long long>(v->convert<long long>())
                                    : std::nullopt;
    if (!n || *n < kMinSeconds || *n > kMaxSeconds) throw ValidationError("seconds", msg::callSeconds(kMinSeconds, kMaxSeconds, given));
    return static_cast<int>(*n);
}

// The screens that show `c` now (records/QueueCalls: callsFor).
Poco::JSON::Array::Ptr screensShowing(ApiContext& ctx, const content::QueueCall& c) {
    Poco::JSON::Array::Ptr out = new Poco::JSON::Array;
    const auto programs = content::RecordStore<content::Program>(ctx.db).all();
    for (const auto& screen : content::RecordStore<content::ScreenRecord>(ctx.db).all()) {
        std::vector<content::Program> mine;
        for (const auto& p : programs)
            if (p.screenId == screen.meta.id) mine.push_back(p);
        if (!content::callsFor({c}, screen, mine).empty()) out->add(screen.meta.id);
    }
    return out;
}

// Midnight of `date` in the hall's time zone, as milliseconds since 1970.
std::int64_t dayStartMillis(const std::string& date) {
    const auto ymd = parse::date(date, {"from", "起始日期"});
    std::tm tm{};
    tm.tm_year = static_cast<int>(ymd.year()) - 1900;
    tm.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
    tm.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
    tm.tm_isdst = -1;
    return static_cast<std::int64_t>(std::mktime(&tm)) * 1000;
}

Poco::JSON::Object::Ptr tokenJson(const ApiToken& t) {
    Poco::JSON::Object::Ptr o = content::newJsonObject();
    o->set("name", t.name);
    o->set("scope", t.scope);
    o->set("created_at", t.createdAt);
    o->set("last_used_at", t.lastUsedAt.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(t.lastUsedAt));
    return o;
}

} // namespace

void addCallRoutes(ApiContext& ctx) {
    Router& r = ctx.router;
    r.add("POST", "/api/windows/{id}/call", Access::Session,
          "Call a queue ticket to a window: {ticket: \"A012\" (letters and digits, up to 10), seconds: 5..600 (default 30)}; the "
          "window's screens and the hall strip show \"请 A012 号到 3 号窗口\" within a second, for those seconds. Authorization: "
          "Bearer TOKEN (a token of scope calls, no CSRF) or a staff session with X-CSRF-Token (window staff: their own window)",
          [&ctx](Exchange& ex) {
              const content::Id id = ex.id();
              if (ex.user && !ex.user->canEdit() && !(ex.user->role == "window" && ex.user->windowId == id))
                  throw HttpError(403, msg::onlyOwnWindow());
              const auto window = content::RecordStore<content::Window>(ctx.db).find(id);
              if (!window || !reachesCentre(ex, window->centreId)) throw NotFoundError(msg::recordNotFound("窗口", id));
              const auto body = ex.jsonBody();
              const content::JsonIn in(*body);
              content::QueueCall c;
              c.ticket = readTicket(in);
              c.seconds = readSeconds(in);
              c.windowId = id;
              c.centreId = window->centreId;
              c.windowNumber = window->number;
              c.calledAt = nowMillis(ctx);
              c.by = ex.user ? ex.user->username : ex.tokenName;
              c.via = ex.user ? "session" : "token";
              ctx.db.write([&](content::Connection& s) { c.id = content::insertQueueCall(s, c); });
              ctx.changed(); // at once, before the answer: the screens need not wait for it
              Poco::JSON::Object::Ptr o = callJson(c);
              o->set("screens", screensShowing(ctx, c));
              ex.reply(o);
          })
        .acceptsToken("calls");
    r.add("GET", "/api/calls", Access::Session,
          "Queue calls logged, newest first: ?window=ID, ?from=YYYY-MM-DD (the hall's day), ?limit=1..500 (default 100)",
          [&ctx](Exchange& ex) {
              const content::Id window = ex.hasQuery("window") ? ex.queryInt("window", 0, 1, 1 << 30) : 0;
              if (window) requireRecord<content::Window>(ctx.db, ex, window);
              const std::int64_t from = ex.hasQuery("from") ? dayStartMillis(ex.query("from")) : 0;
              const int limit = ex.queryInt("limit", 100, 1, 500);
              Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
              for (const auto& c : content::recentQueueCalls(ctx.db, window, from, limit, listCentre(ex))) items->add(callJson(c));
              Poco::JSON::Object::Ptr o = content::newJsonObject();
              o->set("items", items);
              ex.reply(o);
          });

    r.add("GET", "/api/tokens", Access::Admin,
          "The queue system's tokens (never the tokens themselves): name, scope, created_at, last_used_at",
          [&ctx](Exchange& ex) {
              Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
              for (const auto& t : ApiTokens(ctx.db).list()) items->add(tokenJson(t));
              Poco::JSON::Object::Ptr o = content::newJsonObject();
              o->set("items", items);
              ex.reply(o);
          })
        .forCountyOnly();
    r.add("POST", "/api/tokens", Access::Admin,
          "A token for the queue system: {name, scope: \"calls\"} -> the token, shown this once (the server keeps its SHA-256 only)",
          [&ctx](Exchange& ex) {
              const auto body = ex.jsonBody();
              const content::JsonIn in(*body);
              const std::string name = in.text("name", "令牌名称");
              const std::string scope = in.get("scope") ? in.text("scope", "用途") : std::string("calls");
              std::string token;
              try {
                  token = ApiTokens(ctx.db).add(name, scope, ex.user->username);
              } catch (const ConflictError& e) {
                  throw HttpError(409, e.what(), "name"); // the name is taken: no version involved
              }
              ApiToken made{name, scope, {}, {}};
              for (const auto& t : ApiTokens(ctx.db).list())
                  if (t.name == name) made = t;
              Poco::JSON::Object::Ptr o = tokenJson(made);
              o->set("token", token);
              ex.reply(o);
          })
        .created()
        .leavesScreens()
        .forCountyOnly();
    r.add("DELETE", "/api/tokens/{name}", Access::Admin, "Remove a token: the queue system using it is refused at once",
          [&ctx](Exchange& ex) {
              ApiTokens(ctx.db).remove(ex.params["name"], ex.user->username);
              ex.replyEmpty();
          })
        .leavesScreens()
        .forCountyOnly()
        .status = 204;
}

} // namespace gongshi::server
