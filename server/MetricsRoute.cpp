// GET /metrics: the Prometheus text format (server/Metrics), from this machine without a session,
// from elsewhere with an admin's session (or when metrics-open is set).
#include "common/Messages.h"
#include "server/ApiContext.h"
#include "server/HttpError.h"

namespace gongshi::server {

namespace {

void family(std::string& out, const char* name, const char* type, const char* help) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

} // namespace

void addMetricsRoute(ApiContext& ctx) {
    ctx.router
        .add("GET", "/metrics", Access::Public, "Prometheus metrics (text format), from loopback or with an admin session",
             [&ctx](Exchange& ex) {
                 const bool admin = ex.user && ex.user->isAdmin();
                 if (!admin && !metricsAllowedFrom(ex.request, ctx.config.metricsOpen)) throw HttpError(403, msg::metricsLoopbackOnly());
                 std::string out = ctx.metrics.text();
                 if (ctx.devices) {
                     const auto screens = ctx.devices->health();
                     int online = 0;
                     for (const auto& s : screens) online += s.online ? 1 : 0;
                     family(out, "gongshi_screens", "gauge", "Screens the server drives, by state.");
                     out += "gongshi_screens{state=\"online\"} " + std::to_string(online) + "\n";
                     out += "gongshi_screens{state=\"offline\"} " + std::to_string(screens.size() - online) + "\n";
                     auto perScreen = [&](const char* name, const char* type, const char* help, auto value) {
                         family(out, name, type, help);
                         for (const auto& s : screens)
                             out += std::string(name) + "{screen=\"" + std::to_string(s.screenId) + "\",protocol=\"" +
                                    metricLabel(s.protocol) + "\"} " + std::to_string(value(s)) + "\n";
                     };
                     perScreen("gongshi_screen_online", "gauge", "1 when the screen answers (or takes frames).",
                               [](const delivery::ScreenHealth& s) { return s.online ? 1 : 0; });
                     perScreen("gongshi_screen_bytes_sent_total", "counter", "Bytes sent to the screen.",
                               [](const delivery::ScreenHealth& s) { return s.bytesSent; });
                     perScreen("gongshi_screen_commands_sent_total", "counter", "Commands sent to the screen's card.",
                               [](const delivery::ScreenHealth& s) { return s.commandsSent; });
                     perScreen("gongshi_screen_frames_sent_total", "counter", "Frames sent to frame devices and web players.",
                               [](const delivery::ScreenHealth& s) { return s.framesSent; });
                     perScreen("gongshi_screen_flash_writes_total", "counter", "Program files written to the card's flash.",
                               [](const delivery::ScreenHealth& s) { return s.programsWritten; });
                     perScreen("gongshi_screen_watchers", "gauge", "Live views and web players watching the screen.",
                               [](const delivery::ScreenHealth& s) { return s.watchers; });
                 }
                 out += ctx.alerts->metricsText();
                 const auto writes = ctx.db.writeStats();
                 family(out, "gongshi_database_writes_total", "counter", "Write transactions.");
                 out += "gongshi_database_writes_total " + std::to_string(writes.count) + "\n";
                 family(out, "gongshi_database_write_seconds_total", "counter",
                        "Time in write transactions, waiting for the lock included.");
                 char buf[40];
                 std::snprintf(buf, sizeof buf, "%.6f", writes.seconds);
                 out += std::string("gongshi_database_write_seconds_total ") + buf + "\n";
                 ex.response.set("Cache-Control", "no-store");
                 ex.sendBytes(200, "text/plain; version=0.0.4; charset=utf-8", out);
             })
        .answering("text/plain");
}

} // namespace gongshi::server
