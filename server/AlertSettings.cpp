#include "server/AlertSettings.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/Database.h"
#include "records/JsonText.h"
#include "records/RecordJson.h"
#include "records/RecordShape.h"
#include "server/AuditLog.h"

#include <Poco/JSON/Array.h>

using namespace Poco::Data::Keywords;

namespace gongshi::server {
namespace {

constexpr const char* kName = "alerts";

// Everything but the password, as the API shows it; `withSecret` adds it (for storing).
Poco::JSON::Object::Ptr toJson(const AlertSettings& s, bool withSecret) {
    Poco::JSON::Object::Ptr o = content::newJsonObject();
    o->set("offline_seconds", s.offlineSeconds);
    o->set("webhook_url", s.webhookUrl);
    o->set("smtp_host", s.smtpHost);
    o->set("smtp_port", s.smtpPort);
    o->set("smtp_starttls", s.smtpStartTls);
    o->set("smtp_from", s.smtpFrom);
    Poco::JSON::Array::Ptr to = new Poco::JSON::Array;
    for (const auto& a : s.smtpTo) to->add(a);
    o->set("smtp_to", to);
    o->set("smtp_user", s.smtpUser);
    if (withSecret)
        o->set("smtp_password", s.smtpPassword);
    else
        o->set("smtp_password_set", !s.smtpPassword.empty());
    return o;
}

// The webhook's query values (WeCom's key, DingTalk's access_token) hidden.
std::string maskedUrl(const std::string& url) {
    const auto q = url.find('?');
    if (q == std::string::npos) return url;
    std::string out = url.substr(0, q + 1);
    bool inValue = false;
    for (std::size_t i = q + 1; i < url.size(); ++i) {
        const char c = url[i];
        if (c == '&') {
            inValue = false;
            out += c;
        } else if (c == '=' && !inValue) {
            inValue = true;
            out += "=***";
        } else if (!inValue) {
            out += c;
        }
    }
    return out;
}

std::string auditText(const AlertSettings& s) {
    AlertSettings shown = s;
    shown.webhookUrl = maskedUrl(s.webhookUrl);
    return content::jsonText(toJson(shown, false));
}

bool plausibleMail(const std::string& a) {
    const auto at = a.find('@');
    return at != std::string::npos && at > 0 && at + 1 < a.size() && a.find_first_of(" \t\r\n<>,;") == std::string::npos;
}

} // namespace

AlertSettings loadAlertSettings(content::Database& db) {
    content::Connection s = db.session();
    std::vector<std::string> values;
    std::string name = kName;
    s << "SELECT value FROM settings WHERE name = ?", use(name), into(values), now;
    AlertSettings out;
    if (values.empty()) return out;
    const auto o = content::readJsonObject(values[0], "告警设置");
    out = readAlertSettings(*o, out);
    return out;
}

void saveAlertSettings(content::Connection& session, const AlertSettings& before, const AlertSettings& s, const std::string& user) {
    std::string name = kName, value = content::jsonText(toJson(s, true)), at = content::utcNow(), by = user;
    session << "INSERT INTO settings (name, value, changed_at, changed_by) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET"
               " value = excluded.value, changed_at = excluded.changed_at, changed_by = excluded.changed_by",
        use(name), use(value), use(at), use(by), now;
    recordAuditEvent(session, {"", at, user, "update", "alert_settings", 0, auditText(before), auditText(s)});
}

Poco::JSON::Object::Ptr alertSettingsJson(const AlertSettings& s) { return toJson(s, false); }

AlertSettings readAlertSettings(const Poco::JSON::Object& body, const AlertSettings& current) {
    const content::JsonIn in(body);
    AlertSettings s = current;
    if (auto v = in.get("offline_seconds"))
        s.offlineSeconds = static_cast<int>(content::wholeValue(*v, in.field("offline_seconds", "离线告警时间"), 1, 7 * 86400));
    if (in.get("webhook_url")) {
        s.webhookUrl = in.text("webhook_url", "机器人地址");
        if (!s.webhookUrl.empty() && s.webhookUrl.rfind("http://", 0) != 0 && s.webhookUrl.rfind("https://", 0) != 0)
            throw ValidationError("webhook_url", msg::alertWebhookUrl(s.webhookUrl));
    }
    if (in.get("smtp_host")) s.smtpHost = in.text("smtp_host", "邮件服务器");
    if (auto v = in.get("smtp_port")) s.smtpPort = static_cast<int>(content::wholeValue(*v, in.field("smtp_port", "端口"), 1, 65535));
    if (auto v = in.get("smtp_starttls")) s.smtpStartTls = content::flagValue(*v, in.field("smtp_starttls", "STARTTLS 加密"));
    if (in.get("smtp_from")) {
        s.smtpFrom = in.text("smtp_from", "发件人");
        if (!s.smtpFrom.empty() && !plausibleMail(s.smtpFrom))
            throw ValidationError("smtp_from", msg::alertMailAddress("发件人", s.smtpFrom));
    }
    if (auto v = in.get("smtp_to")) {
        const auto field = in.field("smtp_to", "收件人");
        const auto list = content::arrayValue(*v, field);
        s.smtpTo.clear();
        for (std::size_t i = 0; i < list->size(); ++i) {
            const std::string a = content::textValue(list->get(static_cast<unsigned>(i)), content::elementOf(field, i));
            if (a.empty()) continue;
            if (!plausibleMail(a)) throw ValidationError(content::elementOf(field, i).key, msg::alertMailAddress("收件人", a));
            s.smtpTo.push_back(a);
        }
    }
    if (in.get("smtp_user")) s.smtpUser = in.text("smtp_user", "登录用户名");
    if (in.get("smtp_password")) s.smtpPassword = in.text("smtp_password", "登录密码");
    if (!s.smtpHost.empty() && s.smtpFrom.empty()) throw ValidationError("smtp_from", "发件人必须填写（设置了邮件服务器时）");
    return s;
}

} // namespace gongshi::server
