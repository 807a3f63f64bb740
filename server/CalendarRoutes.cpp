// The holiday calendar: a year's days (the State Council's shipped arrangements and what the
// centre entered), saving a year, importing a file, and which program each screen plays on a day.
#include "common/Error.h"
#include "common/Messages.h"
#include "common/Parse.h"
#include "records/RecordJson.h"
#include "records/RecordShape.h"
#include "records/RecordStore.h"
#include "rules/Calendar.h"
#include "rules/WhatPlays.h"
#include "rules/WorkingDays.h"
#include "server/ApiContext.h"
#include "server/CentreScope.h"
#include "server/AuditLog.h"
#include "server/HttpError.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <map>

namespace gongshi::server {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

int yearParam(Exchange& ex) { return parse::wholeInt(ex.params["year"], {"year", "年份"}, 1900, 2200); }

Array::Ptr daysJson(const std::vector<content::CalendarDay>& days, bool withSource = true) {
    Array::Ptr list = new Array;
    for (const auto& d : days) {
        Object::Ptr o = content::newJsonObject();
        o->set("date", d.date);
        o->set("kind", std::string(content::dayKindName(d.kind)));
        o->set("name", d.name);
        if (withSource) o->set("source", d.entered ? "centre" : "state-council");
        list->add(o);
    }
    return list;
}

Object::Ptr yearJson(content::Database& db, int year) {
    Object::Ptr o = content::newJsonObject();
    o->set("year", year);
    const auto years = content::shippedYears();
    o->set("shipped", std::find(years.begin(), years.end(), year) != years.end());
    const auto days = content::calendarOfYear(db, year);
    Array::Ptr list = daysJson(days);
    // A day the centre entered over a shipped one keeps the State Council's beside it.
    std::map<content::Date, const content::CalendarDay*> shipped;
    for (const auto& d : content::shippedDays()) shipped[d.date] = &d;
    for (std::size_t i = 0; i < days.size(); ++i) {
        const auto it = shipped.find(days[i].date);
        if (!days[i].entered || it == shipped.end()) continue;
        Object::Ptr sc = content::newJsonObject();
        sc->set("kind", std::string(content::dayKindName(it->second->kind)));
        sc->set("name", it->second->name);
        list->getObject(static_cast<unsigned>(i))->set("state_council", sc);
    }
    o->set("days", list);
    return o;
}

std::string enteredJson(content::Database& db, int year) {
    Object::Ptr o = content::newJsonObject();
    o->set("year", year);
    o->set("days", daysJson(content::enteredDays(db, year)));
    return content::jsonText(o);
}

// {"days": [{"date", "kind", "name"}]}, the fields named "days[i].date" as the API spells them.
std::vector<content::CalendarDay> readDays(const Object& body) {
    const content::JsonIn in(body);
    const auto v = in.get("days");
    if (!v) content::refuse(in.field("days", "日期"), "未填写");
    Array::Ptr list;
    try {
        list = v->extract<Array::Ptr>();
    } catch (const Poco::BadCastException&) {
        content::refuse(in.field("days", "日期"), "应为列表");
    }
    if (!list) content::refuse(in.field("days", "日期"), "应为列表");
    if (list->size() > 366) content::checkListLength(list->size(), in.field("days", "日期"), 366);
    std::vector<content::CalendarDay> days;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string at = "days[" + std::to_string(i) + "]";
        const Object::Ptr item = list->getObject(static_cast<unsigned>(i));
        if (!item) throw ValidationError(at, msg::bodyElementNotObject("日期", i));
        const content::JsonIn d(*item, at + ".", "第" + std::to_string(i + 1) + "天的");
        content::CalendarDay day;
        day.date = d.text("date", "日期");
        const std::string kind = d.text("kind", "类型");
        if (kind == "holiday")
            day.kind = content::DayKind::Holiday;
        else if (kind == "workday")
            day.kind = content::DayKind::Workday;
        else
            throw ValidationError(at + ".kind", msg::calendarKind(kind));
        day.name = d.text("name", "名称");
        days.push_back(std::move(day));
    }
    return days;
}

void audit(content::Connection& s, const Exchange& ex, int year, const std::string& before, const std::string& after) {
    recordAuditEvent(s, {"", content::utcNow(), ex.user->username, "calendar", "calendar", year, before, after});
}

} // namespace

void addCalendarRoutes(ApiContext& ctx) {
    Router& r = ctx.router;
    r.add("GET", "/api/calendar/{year}", Access::Editor,
          "A year's holidays and make-up working days: {year, shipped, days: [{date, kind: holiday | workday, name, source: "
          "state-council | centre}]}, the State Council's arrangements with what the centre entered, entered days winning",
          [&ctx](Exchange& ex) { ex.sendJson(200, yearJson(ctx.db, yearParam(ex))); });
    r.add("PUT", "/api/calendar/{year}", Access::Admin,
          "Save a year: {days: [{date, kind, name}]} as GET gives them; the days that differ from the State Council's replace what "
          "was entered for the year. 400 naming the day for a date outside the year, a date twice, a workday on Monday to "
          "Friday or a holiday on a weekend that the arrangements do not make otherwise",
          [&ctx](Exchange& ex) {
              const int year = yearParam(ex);
              const auto body = ex.jsonBody();
              if (const auto given = content::JsonIn(*body).get("year"); given) {
                  const int inBody = static_cast<int>(content::wholeValue(*given, {"year", "年份"}, 1900, 2200));
                  if (inBody != year) throw ValidationError("year", msg::calendarYearMismatch(year, inBody));
              }
              const auto days = readDays(*body);
              const std::string before = enteredJson(ctx.db, year);
              Object::Ptr sent = content::newJsonObject();
              sent->set("year", year);
              sent->set("days", daysJson(days, false));
              content::replaceYear(ctx.db, year, days,
                                   [&](content::Connection& s) { audit(s, ex, year, before, content::jsonText(sent)); });
              ex.reply(yearJson(ctx.db, year));
          })
        .forCountyOnly();
    r.add("POST", "/api/calendar/import", Access::Admin,
          "Import a file of days: {text: \"日期,类型,名称\" rows (类型 放假 | 上班)}, laid over what was entered for their years -> "
          "{years, days, message}; 400 naming the row and column of a bad cell",
          [&ctx](Exchange& ex) {
              const auto body = ex.jsonBody();
              const content::JsonIn in(*body);
              const std::string text = in.text("text", "文件内容");
              std::vector<content::CalendarDay> days;
              try {
                  days = content::readCalendarCsv(text);
              } catch (const ValidationError& e) {
                  throw ValidationError("text", e.what());
              }
              if (days.empty()) throw ValidationError("text", msg::calendarFileEmpty());
              const auto years = content::importDays(ctx.db, days, [&](content::Connection& s) {
                  recordAuditEvent(s, {"", content::utcNow(), ex.user->username, "calendar-import", "calendar", 0, "",
                                       "{\"days\":" + std::to_string(days.size()) + "}"});
              });
              Array::Ptr ys = new Array;
              std::string names;
              for (int y : years) {
                  ys->add(y);
                  names += (names.empty() ? "" : "、") + std::to_string(y) + "年";
              }
              Object::Ptr o = content::newJsonObject();
              o->set("years", ys);
              o->set("days", static_cast<int>(days.size()));
              o->set("message", msg::calendarImported(days.size(), names));
              ex.sendJson(200, o);
          })
        .forCountyOnly();
    r.add("GET", "/api/plays", Access::Editor,
          "Which program each screen's schedule plays on a day: ?date=YYYY-MM-DD&time=HH:MM (default 10:00) -> {date, time, "
          "working_day, day_name, screens: [{screen_id, screen, program_id, program}]} (program_id null: the default program)",
          [&ctx](Exchange& ex) {
              const content::Date date = ex.query("date", ctx.today());
              content::parseDate(date);
              const std::string time = ex.query("time", "10:00");
              const int minute = parse::clockMinutes(time, {"time", "时间"});
              const content::LocalTime t = content::localTimeAt(date, minute);
              const content::WorkingDays calendar = content::WorkingDays::load(ctx.db);
              std::string dayName;
              const int year = std::stoi(date.substr(0, 4));
              for (const auto& d : content::calendarOfYear(ctx.db, year))
                  if (d.date == date) dayName = d.name;
              Array::Ptr screens = new Array;
              content::RecordStore<content::Program> programs(ctx.db);
              for (const auto& s : content::RecordStore<content::ScreenRecord>(ctx.db).all(listCentre(ex))) {
                  const auto chosen = content::chooseProgram(programs.all(s.meta.id), t, calendar);
                  Object::Ptr o = content::newJsonObject();
                  o->set("screen_id", s.meta.id);
                  o->set("screen", s.name);
                  o->set("program_id", chosen ? Poco::Dynamic::Var(chosen->meta.id) : Poco::Dynamic::Var());
                  o->set("program", chosen ? chosen->name : std::string());
                  screens->add(o);
              }
              Object::Ptr o = content::newJsonObject();
              o->set("date", date);
              o->set("time", time);
              o->set("working_day", calendar.isWorkingDay(date));
              o->set("day_name", dayName);
              o->set("screens", screens);
              ex.sendJson(200, o);
          });
}

} // namespace gongshi::server
