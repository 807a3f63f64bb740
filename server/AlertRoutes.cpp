// Alerts for admins: the settings (offline time, robot webhook, mail server), a test message per
// channel, the latest alerts.
#include "common/Error.h"
#include "common/Messages.h"
#include "records/RecordShape.h"
#include "server/Alerts.h"
#include "server/ApiContext.h"
#include "server/HttpError.h"

#include <Poco/JSON/Array.h>

namespace gongshi::server {

void addAlertRoutes(ApiContext& ctx) {
    Router& r = ctx.router;
    r.add("GET", "/api/alerts/settings", Access::Admin, "Alert settings: offline time, webhook, mail server (no password)",
          [&ctx](Exchange& ex) { ex.sendJson(200, alertSettingsJson(ctx.alerts->settings())); })
        .forCountyOnly();
    r.add("PUT", "/api/alerts/settings", Access::Admin,
          "Change alert settings: {offline_seconds, webhook_url, smtp_host, smtp_port, smtp_starttls, smtp_from, smtp_to, smtp_user, "
          "smtp_password}; absent fields are kept",
          [&ctx](Exchange& ex) {
              const auto body = ex.jsonBody();
              ex.reply(alertSettingsJson(ctx.alerts->update(*body, ex.user->username)));
          })
        .leavesScreens()
        .forCountyOnly();
    r.add("POST", "/api/alerts/test", Access::Admin,
          "Send a test message now: {channel: webhook | email}; 502 with the reason when it fails",
          [&ctx](Exchange& ex) {
              const auto body = ex.jsonBody();
              const content::JsonIn in(*body);
              const std::string channel = in.text("channel", "告警通道");
              if (channel != "webhook" && channel != "email")
                  throw ValidationError("channel", msg::fieldOneOf("告警通道", "webhook、email", channel));
              try {
                  ctx.alerts->test(channel);
              } catch (const InputError& e) {
                  throw HttpError(409, e.what(), channel == "webhook" ? "webhook_url" : "smtp_host");
              } catch (const Error& e) {
                  throw HttpError(502, e.what(), "channel");
              }
              Poco::JSON::Object::Ptr o = content::newJsonObject();
              o->set("channel", channel);
              o->set("result", "sent");
              ex.sendJson(200, o);
          })
        .leavesScreens()
        .forCountyOnly();
    r.add("GET", "/api/alerts", Access::Admin, "The latest alerts (at most 100), newest first", [&ctx](Exchange& ex) {
         Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
         const auto alerts = ctx.alerts->recent();
         for (const auto& a : alerts) {
             Poco::JSON::Object::Ptr o = content::newJsonObject();
             o->set("at", a.at);
             o->set("kind", a.kind);
             o->set("screen_id", a.screen ? Poco::Dynamic::Var(a.screen) : Poco::Dynamic::Var());
             o->set("text", a.text);
             o->set("webhook", a.webhook);
             o->set("email", a.mail);
             items->add(o);
         }
         Poco::JSON::Object::Ptr o = content::newJsonObject();
         o->set("items", items);
         o->set("total", static_cast<int>(alerts.size()));
         ex.sendJson(200, o);
     }).forCountyOnly();
}

} // namespace gongshi::server
