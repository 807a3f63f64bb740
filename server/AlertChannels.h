#pragma once
// The two ways an alert leaves the server, each bounded by a timeout: a group robot's webhook
// (WeCom and DingTalk both take {"msgtype":"text","text":{"content":...}}; http and https) and
// e-mail through an SMTP server (plain, or STARTTLS; a login when a user is set). A failure
// throws Error with what went wrong in Chinese: connection refused, timeout, HTTP status, the
// robot's error code, the mail server's reply.
#include "server/AlertSettings.h"

#include <string>

namespace gongshi::server {

// The robot's JSON for `text`.
std::string webhookBody(const std::string& text);
void sendWebhook(const std::string& url, const std::string& text, int timeoutSeconds);
// To every address of settings.smtpTo, UTF-8 subject and body.
void sendMail(const AlertSettings& settings, const std::string& subject, const std::string& body, int timeoutSeconds);

} // namespace gongshi::server
