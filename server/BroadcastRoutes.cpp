// Emergency broadcasts (紧急插播): started and stopped by an admin, listed for staff. A broadcast
// takes its screens over at once ahead of programs and urgent notices (rules/WhatPlays, through
// delivery/DeviceManager, which the route's write wakes), is kept in the database across restarts
// and is in the audit log when it starts and when it is stopped. Only admins start or stop one: it
// passes by the approval that publishing may need and every screen's schedule.
#include "common/Error.h"
#include "common/Messages.h"
#include "common/Utf8.h"
#include "compose/Composer.h"
#include "layout/TextRenderer.h"
#include "records/Broadcasts.h"
#include "records/RecordJson.h"
#include "records/RecordShape.h"
#include "records/RecordStore.h"
#include "server/ApiContext.h"
#include "server/CentreScope.h"
#include "server/AuditLog.h"
#include "server/HttpError.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace gongshi::server {
namespace {

constexpr std::size_t kMaxChars = 500;
constexpr long long kMaxMinutes = 24 * 60;

std::int64_t nowMillis(const ApiContext& ctx) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(ctx.clock().now().time_since_epoch()).count();
}

std::string isoTime(std::int64_t ms) {
    return Poco::DateTimeFormatter::format(Poco::Timestamp(static_cast<Poco::Timestamp::TimeVal>(ms) * 1000), "%Y-%m-%dT%H:%M:%SZ");
}

Poco::JSON::Object::Ptr broadcastJson(const content::Broadcast& b, std::int64_t nowMs) {
    Poco::JSON::Object::Ptr o = content::newJsonObject();
    o->set("id", b.id);
    o->set("text", b.text);
    if (b.allScreens) {
        o->set("screens", "all");
    } else {
        Poco::JSON::Array::Ptr ids = new Poco::JSON::Array;
        for (content::Id id : b.screens) ids->add(id);
        o->set("screens", ids);
    }
    o->set("centre_id", b.centreId ? Poco::Dynamic::Var(b.centreId) : Poco::Dynamic::Var());
    o->set("minutes", b.endsAt ? Poco::Dynamic::Var((*b.endsAt - b.startedAt) / 60000) : Poco::Dynamic::Var());
    o->set("started_at", isoTime(b.startedAt));
    o->set("ends_at", b.endsAt ? Poco::Dynamic::Var(isoTime(*b.endsAt)) : Poco::Dynamic::Var());
    o->set("stopped_at", b.stoppedAt ? Poco::Dynamic::Var(isoTime(*b.stoppedAt)) : Poco::Dynamic::Var());
    o->set("started_by", b.startedBy);
    o->set("stopped_by", b.stoppedBy.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(b.stoppedBy));
    o->set("active", b.activeAt(nowMs));
    return o;
}

std::string auditJson(const content::Broadcast& b) {
    Poco::JSON::Object::Ptr o = broadcastJson(b, b.startedAt);
    o->remove("active");
    return content::jsonText(o);
}

std::string codePoint(char32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

// The broadcast as it is asked for, checked: text, screens (which must exist, and be the centre's
// when a centre is named), minutes. A user of one centre broadcasts to its screens only (its
// centre whether named or not; another centre or its screens: 404); a county user's "all" without
// a centre is every screen of every centre, the county's emergency broadcast.
content::Broadcast readBroadcast(ApiContext& ctx, const Exchange& ex, const Poco::JSON::Object& body,
                                 std::vector<content::ScreenRecord>& covered) {
    content::Broadcast b;
    const content::JsonIn in(body);
    std::string text = in.text("text", "插播内容");
    const auto first = text.find_first_not_of(" \t\r\n"), last = text.find_last_not_of(" \t\r\n");
    text = first == std::string::npos ? "" : text.substr(first, last - first + 1);
    if (text.empty()) throw ValidationError("text", msg::broadcastTextEmpty());
    if (const std::size_t chars = decodeUtf8(text).size(); chars > kMaxChars)
        throw ValidationError("text", msg::broadcastTextTooLong(chars, kMaxChars));
    b.text = text;

    if (auto centre = in.get("centre_id")) {
        b.centreId = content::wholeValue(*centre, {"centre_id", "服务中心"}, 1, 1LL << 40);
        if (!content::RecordStore<content::Centre>(ctx.db).find(b.centreId))
            throw ValidationError("centre_id", msg::recordNotFound("服务中心", b.centreId));
    }
    if (b.centreId) requireCentre(ex, b.centreId, msg::recordNotFound("服务中心", b.centreId));
    if (callerCentre(ex)) b.centreId = callerCentre(ex);
    const auto screens = in.get("screens");
    if (!screens) throw ValidationError("screens", b.centreId ? msg::broadcastNoScreens() : msg::broadcastNoScreens());
    const auto all = content::RecordStore<content::ScreenRecord>(ctx.db).all();
    if (screens->isString()) {
        if (screens->toString() != "all") throw ValidationError("screens", msg::broadcastScreensForm());
        b.allScreens = true;
    } else if (screens->type() == typeid(Poco::JSON::Array::Ptr)) {
        const auto list = screens->extract<Poco::JSON::Array::Ptr>();
        std::set<content::Id> seen;
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string key = "screens[" + std::to_string(i) + "]";
            const content::Id id = content::wholeValue(list->get(static_cast<unsigned>(i)), {key, "屏幕"}, 1, 1LL << 40);
            const auto it = std::find_if(all.begin(), all.end(), [&](const content::ScreenRecord& s) { return s.meta.id == id; });
            if (it == all.end()) throw ValidationError(key, msg::broadcastNoSuchScreen(id));
            requireCentre(ex, it->centreId, msg::recordNotFound("显示屏", id));
            if (b.centreId && it->centreId != b.centreId) throw ValidationError(key, msg::broadcastScreenOfOtherCentre(id, b.centreId));
            if (seen.insert(id).second) b.screens.push_back(id);
        }
    } else {
        throw ValidationError("screens", msg::broadcastScreensForm());
    }
    for (const auto& s : all)
        if (b.covers(s)) covered.push_back(s);
    if (covered.empty()) throw ValidationError("screens", msg::broadcastNoScreens());

    if (auto minutes = in.get("minutes")) {
        const std::string given = minutes->toString();
        const auto n = minutes->isString()    ? parse::tryWholeNumber(given, 1, kMaxMinutes)
                       : minutes->isInteger() ? std::optional<long long>(minutes->convert<long long>())
                                              : std::nullopt;
        if (!n || *n < 1 || *n > kMaxMinutes) throw ValidationError("minutes", msg::broadcastMinutes(1, kMaxMinutes, given));
        b.endsAt = *n * 60000; // from the start, set below
    }
    return b;
}

// Characters some chosen screen's font cannot draw: refused before anything starts, never boxes.
void refuseMissingCharacters(const content::Broadcast& b, const std::vector<content::ScreenRecord>& covered) {
    renderer::TextRenderer& r = threadRenderer();
    std::string report;
    for (const auto& screen : covered) {
        content::Composer composer(r, screen);
        std::set<char32_t> missing;
        for (const auto& seg : composer.broadcast(b.text, composer.screenArea()))
            missing.insert(seg.layout.missing.begin(), seg.layout.missing.end());
        if (missing.empty()) continue;
        std::string chars;
        for (char32_t cp : missing)
            chars += (chars.empty() ? "" : "、") + msg::quoted(encodeUtf8(std::u32string(1, cp))) + "（" + codePoint(cp) + "）";
        report += (report.empty() ? "" : "；") + screen.name + "（" + screen.fontProfile + "）：" + chars;
    }
    if (!report.empty()) throw ValidationError("text", msg::broadcastFontsLack(report));
}

// Whether a user of one centre sees broadcast `b`: its centre's, or the county's when it covers a
// screen of the centre.
bool seenBy(ApiContext& ctx, const Exchange& ex, const content::Broadcast& b) {
    const content::Id own = callerCentre(ex);
    if (!own || b.centreId == own) return true;
    if (b.centreId) return false;
    for (const auto& s : content::RecordStore<content::ScreenRecord>(ctx.db).all(own))
        if (b.covers(s)) return true;
    return false;
}

content::Broadcast stop(ApiContext& ctx, Exchange& ex) {
    const content::Id id = ex.id();
    auto b = content::findBroadcast(ctx.db, id);
    if (!b || !seenBy(ctx, ex, *b)) throw NotFoundError(msg::broadcastNotFound(id));
    // The county's broadcast over a centre's screens is the county's to stop.
    if (!reachesCentre(ex, b->centreId)) throw HttpError(403, msg::onlyCountyStopsBroadcast());
    const std::int64_t now = nowMillis(ctx);
    if (!b->activeAt(now)) throw HttpError(409, msg::broadcastEnded(id));
    bool stopped = false;
    ctx.db.write([&](content::Connection& s) {
        stopped = content::stopBroadcast(s, id, now, ex.user->username);
        if (stopped) recordAuditEvent(s, {"", content::utcNow(), ex.user->username, "broadcast-stop", "broadcast", id, auditJson(*b), ""});
    });
    if (!stopped) throw HttpError(409, msg::broadcastEnded(id));
    b->stoppedAt = now;
    b->stoppedBy = ex.user->username;
    return *b;
}

} // namespace

void addBroadcastRoutes(ApiContext& ctx) {
    Router& r = ctx.router;
    r.add("POST", "/api/broadcasts", Access::Admin,
          "Start an emergency broadcast: {text, screens: [ids] | \"all\", centre_id?, minutes? (absent: until stopped)}; 400 naming "
          "the characters a chosen screen's font cannot draw",
          [&ctx](Exchange& ex) {
              const auto body = ex.jsonBody();
              std::vector<content::ScreenRecord> covered;
              content::Broadcast b = readBroadcast(ctx, ex, *body, covered);
              refuseMissingCharacters(b, covered);
              b.startedAt = nowMillis(ctx);
              if (b.endsAt) *b.endsAt += b.startedAt;
              b.startedBy = ex.user->username;
              ctx.db.write([&](content::Connection& s) {
                  b.id = content::insertBroadcast(s, b);
                  recordAuditEvent(s, {"", content::utcNow(), b.startedBy, "broadcast-start", "broadcast", b.id, "", auditJson(b)});
              });
              ex.reply(broadcastJson(b, b.startedAt));
          })
        .created();
    r.add("GET", "/api/broadcasts", Access::Editor, "Emergency broadcasts: the active ones and the latest 50", [&ctx](Exchange& ex) {
        const std::int64_t now = nowMillis(ctx);
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array, active = new Poco::JSON::Array;
        for (const auto& b : content::recentBroadcasts(ctx.db, 50))
            if (seenBy(ctx, ex, b)) items->add(broadcastJson(b, now));
        for (const auto& b : content::activeBroadcasts(ctx.db, now))
            if (seenBy(ctx, ex, b)) active->add(broadcastJson(b, now));
        Poco::JSON::Object::Ptr o = content::newJsonObject();
        o->set("active", active);
        o->set("items", items);
        ex.reply(o);
    });
    r.add("DELETE", "/api/broadcasts/{id}", Access::Admin, "Stop an emergency broadcast at once (409 when it has already ended)",
          [&ctx](Exchange& ex) {
              stop(ctx, ex);
              ex.replyEmpty();
          });
    r.add("POST", "/api/broadcasts/{id}/stop", Access::Admin, "The same as DELETE, answering the broadcast as stopped",
          [&ctx](Exchange& ex) { ex.sendJson(200, broadcastJson(stop(ctx, ex), nowMillis(ctx))); });
}

} // namespace gongshi::server
