#pragma once
// What the admin sets for alerts: after how long an offline screen is reported, the group robot's
// webhook and the mail server. Kept in the database (table settings, name "alerts") so they
// survive restarts; read and written as the API's JSON, the SMTP password never read back.
#include "records/Database.h"
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace gongshi::content {
class Database;
}

namespace gongshi::server {

struct AlertSettings {
    int offlineSeconds = 600; // a screen offline this long is reported (default 10 minutes)
    std::string webhookUrl;   // WeCom or DingTalk group robot; empty: no webhook
    std::string smtpHost;     // empty: no mail
    int smtpPort = 25;
    bool smtpStartTls = false;
    std::string smtpFrom;
    std::vector<std::string> smtpTo;
    std::string smtpUser; // empty: no login
    std::string smtpPassword;

    bool webhookOn() const { return !webhookUrl.empty(); }
    bool mailOn() const { return !smtpHost.empty() && !smtpTo.empty(); }
};

// The stored settings, or the defaults when none were saved.
AlertSettings loadAlertSettings(content::Database& db);
// Inside a write transaction: stores `s` and audits the change (the password and the webhook's
// key masked: editors read the audit log).
void saveAlertSettings(content::Connection& session, const AlertSettings& before, const AlertSettings& s, const std::string& user);

// The API's JSON: the password as `smtp_password_set` only.
Poco::JSON::Object::Ptr alertSettingsJson(const AlertSettings& s);
// `current` changed by the fields `body` has (an absent smtp_password keeps the stored one);
// ValidationError naming the field by key and, in Chinese, by label.
AlertSettings readAlertSettings(const Poco::JSON::Object& body, const AlertSettings& current);

} // namespace gongshi::server
