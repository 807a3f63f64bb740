#include "server/AlertChannels.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/JsonText.h"
#include "records/RecordJson.h"
#include "records/RecordShape.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/MailRecipient.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <memory>
#include <mutex>
#include <sstream>

namespace gongshi::server {
namespace {

Poco::Net::Context::Ptr clientTls() {
    static std::once_flag once;
    static Poco::Net::Context::Ptr context;
    std::call_once(once, [] {
        Poco::Net::initializeSSL();
        Poco::Net::Context::Params p;
        p.verificationMode = Poco::Net::Context::VERIFY_RELAXED; // the system's CAs check the robot's certificate
        p.loadDefaultCAs = true;
        context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, p);
    });
    return context;
}

// What a network failure means to the admin, in Chinese.
[[noreturn]] void fail(const Poco::Exception& e, const std::string& host, int port, int timeoutSeconds) {
    const std::string where = host + ":" + std::to_string(port);
    if (dynamic_cast<const Poco::Net::ConnectionRefusedException*>(&e)) throw Error(msg::alertConnectionRefused(where));
    if (dynamic_cast<const Poco::TimeoutException*>(&e)) throw Error(msg::alertTimeout(where, timeoutSeconds));
    if (dynamic_cast<const Poco::Net::HostNotFoundException*>(&e) || dynamic_cast<const Poco::Net::NoAddressFoundException*>(&e))
        throw Error(msg::alertHostNotFound(host));
    if (dynamic_cast<const Poco::Net::SSLException*>(&e)) throw Error(msg::alertTlsFailed(e.displayText()));
    if (dynamic_cast<const Poco::Net::SMTPException*>(&e)) throw Error(msg::alertSmtpRefused(e.message()));
    throw Error(msg::alertNetwork(where, e.displayText()));
}

} // namespace

std::string webhookBody(const std::string& text) {
    Poco::JSON::Object::Ptr body = content::newJsonObject();
    body->set("msgtype", "text");
    Poco::JSON::Object::Ptr t = content::newJsonObject();
    t->set("content", text);
    body->set("text", t);
    return content::jsonText(body);
}

void sendWebhook(const std::string& url, const std::string& text, int timeoutSeconds) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::SyntaxException&) {
        throw Error(msg::alertWebhookUrl(url));
    }
    const bool https = uri.getScheme() == "https";
    if ((!https && uri.getScheme() != "http") || uri.getHost().empty()) throw Error(msg::alertWebhookUrl(url));
    try {
        std::unique_ptr<Poco::Net::HTTPClientSession> session;
        if (https)
            session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), clientTls());
        else
            session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
        const Poco::Timespan timeout(timeoutSeconds, 0);
        session->setTimeout(timeout, timeout, timeout);
        Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery().empty() ? "/" : uri.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
        const std::string body = webhookBody(text);
        req.setContentType("application/json; charset=utf-8");
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        session->sendRequest(req) << body;
        Poco::Net::HTTPResponse res;
        std::istream& in = session->receiveResponse(res);
        std::string answer;
        Poco::StreamCopier::copyToString(in, answer, 8192);
        if (res.getStatus() < 200 || res.getStatus() >= 300) throw Error(msg::alertHttpStatus(res.getStatus(), res.getReason()));
        // Both robots answer 200 with {"errcode":0,"errmsg":"ok"}; another code is a refusal (a
        // wrong key, DingTalk's keyword missing from the text).
        try {
            const auto o = content::readJsonObject(answer, "机器人的答复");
            if (o->has("errcode") && o->get("errcode").toString() != "0")
                throw Error(msg::alertRobotRefused(o->get("errcode").toString(), o->optValue<std::string>("errmsg", "")));
        } catch (const InputError&) {
            // Not JSON: a relay or another receiver that said 2xx has taken it.
        }
    } catch (const Poco::Exception& e) {
        fail(e, uri.getHost(), uri.getPort(), timeoutSeconds);
    }
}

void sendMail(const AlertSettings& s, const std::string& subject, const std::string& body, int timeoutSeconds) {
    if (!s.mailOn()) throw Error(msg::alertChannelOff("邮件"));
    try {
        const Poco::Timespan timeout(timeoutSeconds, 0);
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress(s.smtpHost, static_cast<Poco::UInt16>(s.smtpPort)), timeout);
        socket.setReceiveTimeout(timeout);
        socket.setSendTimeout(timeout);
        Poco::Net::SecureSMTPClientSession session(socket);
        session.setTimeout(timeout);
        session.login(); // EHLO (HELO when the server does not take it)
        if (s.smtpStartTls && !session.startTLS(clientTls())) throw Error(msg::alertTlsFailed("邮件服务器不支持 STARTTLS"));
        if (!s.smtpUser.empty()) session.login(Poco::Net::SMTPClientSession::AUTH_LOGIN, s.smtpUser, s.smtpPassword);
        Poco::Net::MailMessage m;
        m.setSender(s.smtpFrom);
        for (const auto& to : s.smtpTo) m.addRecipient(Poco::Net::MailRecipient(Poco::Net::MailRecipient::PRIMARY_RECIPIENT, to));
        m.setSubject(Poco::Net::MailMessage::encodeWord(subject, "UTF-8"));
        m.setContentType("text/plain; charset=UTF-8");
        m.setContent(body, Poco::Net::MailMessage::ENCODING_QUOTED_PRINTABLE);
        session.sendMessage(m);
        session.close();
    } catch (const Poco::Exception& e) {
        fail(e, s.smtpHost, s.smtpPort, timeoutSeconds);
    }
}

} // namespace gongshi::server
