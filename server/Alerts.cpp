#include "server/Alerts.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "delivery/DeviceManager.h"
#include "protocols/Protocol.h"
#include "records/Database.h"
#include "records/RecordStore.h"
#include "server/AlertChannels.h"

#include <Poco/Logger.h>

#include <ctime>

namespace gongshi::server {
namespace {

using SysClock = std::chrono::system_clock;

std::string localText(SysClock::time_point t, const char* format) {
    const std::time_t tt = SysClock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[48];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

// "10:02" today, "11月26日 10:02" on another day (the hall's time zone: the server sets TZ).
std::string sinceText(SysClock::time_point since) {
    if (localText(since, "%Y-%m-%d") == localText(SysClock::now(), "%Y-%m-%d")) return localText(since, "%H:%M");
    std::string day = localText(since, "%m月%d日 %H:%M");
    if (day[0] == '0') day.erase(0, 1);
    return day;
}

long long secondsSince(SysClock::time_point t) {
    return std::max<long long>(0, std::chrono::duration_cast<std::chrono::seconds>(SysClock::now() - t).count());
}

Alert newAlert(std::string kind, long long screen, std::string title, std::string text) {
    Alert a;
    a.kind = std::move(kind);
    a.screen = screen;
    a.title = std::move(title);
    a.text = std::move(text);
    return a;
}

bool webPlayer(const std::string& protocol) {
    try {
        return protocols::deviceKindOf(protocol) == protocols::DeviceKind::WebPlayer;
    } catch (const InputError&) {
        return false; // a screen that cannot be driven is as dark as an offline one
    }
}

} // namespace

Alerts::Alerts(content::Database& db, delivery::DeviceManager* devices, AlertOptions options)
    : db_(db), devices_(devices), options_(options) {
    try {
        settings_ = loadAlertSettings(db_);
    } catch (const Error& e) {
        Poco::Logger::get("gongshi.alerts").error("alert settings unreadable, using the defaults: %s", std::string(e.what()));
    }
    for (const char* kind : {"offline", "online", "program", "disk", "test"}) raised_[kind] = 0;
    for (const char* channel : {"webhook", "email"})
        for (const char* result : {"sent", "failed"}) sends_[{channel, result}] = 0;
}

Alerts::~Alerts() { stop(); }

void Alerts::start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void Alerts::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

AlertSettings Alerts::settings() {
    std::lock_guard lock(mutex_);
    return settings_;
}

AlertSettings Alerts::update(const Poco::JSON::Object& body, const std::string& user) {
    const AlertSettings before = settings();
    const AlertSettings after = readAlertSettings(body, before);
    db_.write([&](content::Connection& s) { saveAlertSettings(s, before, after, user); });
    std::lock_guard lock(mutex_);
    settings_ = after;
    return after;
}

std::string Alerts::centreName() {
    try {
        const auto centres = content::RecordStore<content::Centre>(db_).all();
        if (!centres.empty() && !centres.front().name.empty()) return centres.front().name;
    } catch (const std::exception&) {
        // The database unreadable: the alert goes out under the product's name.
    }
    return "便民服务中心信息公示";
}

void Alerts::test(const std::string& channel) {
    const AlertSettings s = settings();
    Alert a;
    a.kind = "test";
    a.text = msg::alertTest(centreName());
    a.title = "【" + centreName() + "】告警测试";
    a.at = localText(SysClock::now(), "%Y-%m-%d %H:%M:%S");
    std::string* result = channel == "webhook" ? &a.webhook : &a.mail;
    try {
        if (channel == "webhook") {
            if (!s.webhookOn()) throw InputError(msg::alertChannelOff("机器人地址"));
            sendWebhook(s.webhookUrl, a.text, options_.timeoutSeconds);
        } else {
            if (!s.mailOn()) throw InputError(msg::alertChannelOff("邮件服务器和收件人"));
            sendMail(s, a.title, a.text + "\n\n时间：" + a.at, options_.timeoutSeconds);
        }
        *result = "sent";
    } catch (const InputError&) {
        throw;
    } catch (const Error& e) {
        *result = std::string("failed: ") + e.what();
        std::lock_guard lock(mutex_);
        ++raised_["test"];
        ++sends_[{channel, "failed"}];
        recent_.push_front(a);
        if (recent_.size() > 100) recent_.pop_back();
        throw;
    }
    std::lock_guard lock(mutex_);
    ++raised_["test"];
    ++sends_[{channel, "sent"}];
    recent_.push_front(a);
    if (recent_.size() > 100) recent_.pop_back();
}

std::vector<Alert> Alerts::recent() {
    std::lock_guard lock(mutex_);
    return {recent_.begin(), recent_.end()};
}

std::string Alerts::metricsText() {
    std::lock_guard lock(mutex_);
    std::string out = "# HELP gongshi_alerts_total Alerts raised, by kind.\n# TYPE gongshi_alerts_total counter\n";
    for (const auto& [kind, n] : raised_) out += "gongshi_alerts_total{kind=\"" + kind + "\"} " + std::to_string(n) + "\n";
    out += "# HELP gongshi_alert_sends_total Alerts sent to a channel (webhook, email), by result after retries.\n"
           "# TYPE gongshi_alert_sends_total counter\n";
    for (const auto& [key, n] : sends_)
        out += "gongshi_alert_sends_total{channel=\"" + key.first + "\",result=\"" + key.second + "\"} " + std::to_string(n) + "\n";
    out += "# HELP gongshi_alerts_dropped_total Alerts not sent because the queue was full.\n# TYPE gongshi_alerts_dropped_total counter\n";
    out += "gongshi_alerts_dropped_total " + std::to_string(dropped_) + "\n";
    return out;
}

void Alerts::run() {
    auto nextCheck = std::chrono::steady_clock::now();
    while (true) {
        std::optional<Alert> next;
        {
            std::unique_lock lock(mutex_);
            cv_.wait_until(lock, nextCheck, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            if (!queue_.empty()) {
                next = std::move(queue_.front());
                queue_.pop_front();
            }
        }
        if (std::chrono::steady_clock::now() >= nextCheck) {
            try {
                check();
            } catch (const std::exception& e) {
                Poco::Logger::get("gongshi.alerts").error("watching screens: %s", std::string(e.what()));
            }
            nextCheck = std::chrono::steady_clock::now() + options_.checkEvery;
        }
        if (next) deliver(*next);
    }
}

void Alerts::check() {
    const AlertSettings s = settings();
    if (devices_) {
        std::map<long long, ScreenState> kept;
        for (const auto& h : devices_->health()) {
            if (webPlayer(h.protocol)) continue; // online only while a browser shows it
            ScreenState st = screens_[h.screenId];
            auto screenPart = [&] {
                try {
                    const auto screen = content::RecordStore<content::ScreenRecord>(db_).get(h.screenId);
                    const auto centre = content::RecordStore<content::Centre>(db_).get(screen.centreId);
                    return msg::alertScreen(centre.name, screen.name, h.screenId);
                } catch (const std::exception&) {
                    return msg::alertScreen(centreName(), "", h.screenId);
                }
            };
            if (h.offlineSince) {
                // One outage from the first look that finds it offline until a look finds it online,
                // whatever the worker restarts in between.
                if (!st.offline) {
                    st.offline = true;
                    st.offlineSince = *h.offlineSince;
                    st.offlineAlerted = false;
                }
                const long long gone = secondsSince(st.offlineSince);
                if (!st.offlineAlerted && gone >= s.offlineSeconds) {
                    st.offlineAlerted = true;
                    const std::string part = screenPart();
                    raise(newAlert("offline", h.screenId, part + "离线",
                                   msg::alertOffline(part, msg::duration(gone), sinceText(st.offlineSince))));
                }
            } else {
                if (st.offline && st.offlineAlerted) {
                    const std::string part = screenPart();
                    raise(newAlert("online", h.screenId, part + "恢复在线",
                                   msg::alertBackOnline(part, msg::duration(secondsSince(st.offlineSince)))));
                }
                st.offline = false;
                st.offlineAlerted = false;
            }
            // Counters start again with a new worker (the screen's record changed).
            if (h.programFailures < st.programFailures || h.programsWritten < st.programsWritten)
                st.programFailures = st.programsWritten = 0;
            if (h.programsWritten > st.programsWritten) st.programFailing = false;
            if (h.programFailures > st.programFailures) {
                const auto now = std::chrono::steady_clock::now();
                const bool quiet =
                    st.lastProgramAlert == std::chrono::steady_clock::time_point{} || now - st.lastProgramAlert >= options_.programGap;
                if (!st.programFailing && quiet) {
                    st.lastProgramAlert = now;
                    const std::string part = screenPart();
                    raise(newAlert("program", h.screenId, part + "节目写入失败", msg::alertProgramFailed(part, h.lastProgramError)));
                }
                st.programFailing = true;
            }
            st.programFailures = h.programFailures;
            st.programsWritten = h.programsWritten;
            kept[h.screenId] = st;
        }
        screens_.swap(kept);
    }
    // Refused writes, not the last write's state: a small write that fits may succeed in between.
    const std::uint64_t refusals = db_.fullRefusals();
    const auto now = std::chrono::steady_clock::now();
    if (refusals > diskRefusals_ &&
        (lastDiskAlert_ == std::chrono::steady_clock::time_point{} || now - lastDiskAlert_ >= options_.diskGap)) {
        lastDiskAlert_ = now;
        const std::string centre = centreName();
        raise(newAlert("disk", 0, "【" + centre + "】服务器磁盘已满", msg::alertDiskFull(centre)));
    }
    diskRefusals_ = refusals;
}

void Alerts::raise(Alert a) {
    a.at = localText(SysClock::now(), "%Y-%m-%d %H:%M:%S");
    Poco::Logger::get("gongshi.alerts").warning("alert: %s", a.text);
    const AlertSettings s = settings();
    std::lock_guard lock(mutex_);
    ++raised_[a.kind];
    a.id = ++lastId_;
    if (s.webhookOn()) a.webhook = "pending";
    if (s.mailOn()) a.mail = "pending";
    if (s.webhookOn() || s.mailOn()) {
        if (queue_.size() >= options_.queue) {
            ++dropped_;
            a.webhook = a.webhook.empty() ? "" : "failed: queue full";
            a.mail = a.mail.empty() ? "" : "failed: queue full";
        } else {
            queue_.push_back(a);
        }
    }
    recent_.push_front(a);
    if (recent_.size() > 100) recent_.pop_back();
    cv_.notify_all();
}

void Alerts::deliver(Alert& a) {
    const AlertSettings s = settings();
    auto attempt = [&](const char* channel, const std::function<void()>& send) {
        std::string last;
        for (int i = 0; i < options_.attempts; ++i) {
            try {
                send();
                return std::string("sent");
            } catch (const Error& e) {
                last = e.what();
            }
            if (i + 1 == options_.attempts) break;
            std::unique_lock lock(mutex_);
            if (cv_.wait_for(lock, options_.retryWait * (1 << i), [&] { return stopping_; })) break;
        }
        Poco::Logger::get("gongshi.alerts").error("alert not sent by %s: %s", std::string(channel), last);
        return "failed: " + last;
    };
    std::string webhook = a.webhook, mail = a.mail;
    if (!a.webhook.empty() && s.webhookOn())
        webhook = attempt("webhook", [&] { sendWebhook(s.webhookUrl, a.text, options_.timeoutSeconds); });
    if (!a.mail.empty() && s.mailOn())
        mail = attempt("email", [&] { sendMail(s, a.title, a.text + "\n\n时间：" + a.at, options_.timeoutSeconds); });
    std::lock_guard lock(mutex_);
    auto count = [&](const char* channel, const std::string& result) {
        if (result == "sent")
            ++sends_[{channel, "sent"}];
        else if (result.rfind("failed", 0) == 0)
            ++sends_[{channel, "failed"}];
    };
    count("webhook", webhook);
    count("email", mail);
    for (auto& r : recent_)
        if (r.id == a.id) {
            r.webhook = webhook;
            r.mail = mail;
        }
}

} // namespace gongshi::server
