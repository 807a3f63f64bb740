// Alerts: a real webhook receiver (a Poco HTTPServer on port 0) and a real SMTP receiver (a
// Poco TCPServer speaking enough SMTP) take what the server sends; a screen at a closed port
// goes offline and is reported once; the settings are the admin's, kept across restarts.
#include "records/RecordStore.h"
#include "tests/server/ServerFixture.h"
#include "tests/support/Process.h"

#include <doctest/doctest.h>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketStream.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Net/TCPServerConnectionFactory.h>
#include <Poco/StreamCopier.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

using namespace gongshi;
using namespace gongshi::test;
using namespace std::chrono_literals;

namespace {

// What a group robot receives: the bodies of the POSTs, answered {"errcode":0,"errmsg":"ok"}.
class WebhookReceiver {
public:
    WebhookReceiver() : server_(new Factory(*this), Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0)), params()) {
        server_.start();
    }
    ~WebhookReceiver() { server_.stopAll(true); }
    int port() const { return server_.port(); }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port()) + "/cgi-bin/webhook/send?key=secret-key-1"; }
    std::vector<std::string> bodies() {
        std::lock_guard lock(mutex_);
        return bodies_;
    }
    // The texts (text.content) of the messages received.
    std::vector<std::string> texts() {
        std::vector<std::string> out;
        for (const auto& b : bodies()) {
            auto o = Poco::JSON::Parser().parse(b).extract<Poco::JSON::Object::Ptr>();
            out.push_back(o->getObject("text")->getValue<std::string>("content"));
        }
        return out;
    }
    std::vector<std::string> paths() {
        std::lock_guard lock(mutex_);
        return paths_;
    }

private:
    static Poco::Net::HTTPServerParams::Ptr params() {
        auto* p = new Poco::Net::HTTPServerParams;
        p->setMaxThreads(4);
        return p;
    }
    struct Handler : Poco::Net::HTTPRequestHandler {
        explicit Handler(WebhookReceiver& r) : r_(r) {}
        void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
            std::string body;
            Poco::StreamCopier::copyToString(req.stream(), body);
            {
                std::lock_guard lock(r_.mutex_);
                r_.bodies_.push_back(body);
                r_.paths_.push_back(req.getURI());
            }
            resp.setContentType("application/json");
            resp.send() << R"({"errcode":0,"errmsg":"ok"})";
        }
        WebhookReceiver& r_;
    };
    struct Factory : Poco::Net::HTTPRequestHandlerFactory {
        explicit Factory(WebhookReceiver& r) : r_(r) {}
        Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override { return new Handler(r_); }
        WebhookReceiver& r_;
    };

    std::mutex mutex_;
    std::vector<std::string> bodies_, paths_;
    Poco::Net::HTTPServer server_;
};

struct Mail {
    std::string from;
    std::vector<std::string> to;
    std::string data; // as sent, dot-stuffing undone
};

// Enough of an SMTP server: 220, EHLO/HELO, MAIL, RCPT, DATA, QUIT, each line read with a timeout.
class SmtpReceiver {
public:
    SmtpReceiver() : server_(new Factory(*this), Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0))) { server_.start(); }
    ~SmtpReceiver() { server_.stop(); }
    int port() const { return server_.socket().address().port(); }
    std::vector<Mail> mails() {
        std::lock_guard lock(mutex_);
        return mails_;
    }

private:
    class Connection : public Poco::Net::TCPServerConnection {
    public:
        Connection(const Poco::Net::StreamSocket& s, SmtpReceiver& r) : TCPServerConnection(s), r_(r) {}
        void run() override {
            socket().setReceiveTimeout(Poco::Timespan(5, 0));
            try {
                say("220 test.local ESMTP ready");
                Mail mail;
                std::string line;
                while (readLine(line)) {
                    const std::string verb = upper(line.substr(0, 4));
                    if (verb == "EHLO") {
                        say("250-test.local\r\n250 8BITMIME");
                    } else if (verb == "HELO") {
                        say("250 test.local");
                    } else if (verb == "MAIL") {
                        mail = {};
                        mail.from = address(line);
                        say("250 OK");
                    } else if (verb == "RCPT") {
                        mail.to.push_back(address(line));
                        say("250 OK");
                    } else if (verb == "DATA") {
                        say("354 end with <CRLF>.<CRLF>");
                        while (readLine(line) && line != ".") mail.data += (line.rfind("..", 0) == 0 ? line.substr(1) : line) + "\r\n";
                        {
                            std::lock_guard lock(r_.mutex_);
                            r_.mails_.push_back(mail);
                        }
                        say("250 queued");
                    } else if (verb == "QUIT") {
                        say("221 bye");
                        return;
                    } else {
                        say("250 OK");
                    }
                }
            } catch (const Poco::Exception&) {
                // the client went away, or said nothing for 5 s
            }
        }

    private:
        static std::string upper(std::string s) {
            for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            return s;
        }
        static std::string address(const std::string& line) {
            const auto a = line.find('<'), b = line.find('>');
            return a == std::string::npos || b == std::string::npos ? "" : line.substr(a + 1, b - a - 1);
        }
        void say(const std::string& s) {
            const std::string out = s + "\r\n";
            socket().sendBytes(out.data(), static_cast<int>(out.size()));
        }
        bool readLine(std::string& line) {
            while (true) {
                const auto end = buffer_.find("\r\n");
                if (end != std::string::npos) {
                    line = buffer_.substr(0, end);
                    buffer_.erase(0, end + 2);
                    return true;
                }
                char chunk[1024];
                const int n = socket().receiveBytes(chunk, sizeof chunk);
                if (n <= 0) return false;
                buffer_.append(chunk, static_cast<std::size_t>(n));
            }
        }
        SmtpReceiver& r_;
        std::string buffer_;
    };
    struct Factory : Poco::Net::TCPServerConnectionFactory {
        explicit Factory(SmtpReceiver& r) : r_(r) {}
        Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& s) override { return new Connection(s, r_); }
        SmtpReceiver& r_;
    };

    std::mutex mutex_;
    std::vector<Mail> mails_;
    Poco::Net::TCPServer server_;
};

// RFC 2047 words as Poco's MailMessage::encodeWord writes them (=?UTF-8?q?...?=, folded), decoded.
std::string decodeWords(const std::string& header) {
    std::string out;
    std::size_t at = 0;
    while (true) {
        const auto start = header.find("=?", at);
        if (start == std::string::npos) break;
        const auto q = header.find("?q?", start);
        const auto end = header.find("?=", q + 3);
        REQUIRE((q != std::string::npos && end != std::string::npos));
        const std::string word = header.substr(q + 3, end - q - 3);
        for (std::size_t i = 0; i < word.size(); ++i) {
            if (word[i] == '_') {
                out += ' ';
            } else if (word[i] == '=' && i + 2 < word.size()) {
                out += static_cast<char>(std::stoi(word.substr(i + 1, 2), nullptr, 16));
                i += 2;
            } else {
                out += word[i];
            }
        }
        at = end + 2;
    }
    return out;
}

// A port where nothing listens: bound, then let go.
int closedPort() {
    Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1", 0));
    const int port = s.address().port();
    s.close();
    return port;
}

Poco::JSON::Object::Ptr settingsBody(const std::map<std::string, Poco::Dynamic::Var>& fields) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
    for (const auto& [k, v] : fields) o->set(k, v);
    return o;
}

std::string centreName(server::HttpServer& s) { return content::RecordStore<content::Centre>(s.database()).get(1).name; }

} // namespace

TEST_CASE("the webhook's test button posts the robot's JSON: msgtype text and the Chinese text under the centre's name") {
    ServerFixture f(withoutDelivery());
    WebhookReceiver robot;
    Client admin = f.admin();
    Response put = admin.put("/api/alerts/settings", settingsBody({{"webhook_url", robot.url()}}));
    REQUIRE_MESSAGE(put.status == 200, put.body);
    CHECK(str(put.json(), "webhook_url") == robot.url());

    Response sent = admin.post("/api/alerts/test", R"({"channel":"webhook"})");
    REQUIRE_MESSAGE(sent.status == 200, sent.body);
    CHECK(str(sent.json(), "result") == "sent");
    REQUIRE(robot.bodies().size() == 1);
    auto o = parseObject(robot.bodies()[0]);
    CHECK(str(o, "msgtype") == "text");
    const std::string text = o->getObject("text")->getValue<std::string>("content");
    CHECK(text == "【" + centreName(*f.server) + "】告警测试：收到这条消息，说明告警通道可用。");
    CHECK(robot.paths()[0] == "/cgi-bin/webhook/send?key=secret-key-1"); // the key travels in the query

    // The latest alerts list the test with its result.
    auto list = items(admin.get("/api/alerts"));
    REQUIRE(list->size() == 1);
    CHECK(str(item(list, 0), "kind") == "test");
    CHECK(str(item(list, 0), "webhook") == "sent");
    // Counted in /metrics.
    const std::string metrics = admin.get("/metrics").body;
    CHECK(contains(metrics, "gongshi_alert_sends_total{channel=\"webhook\",result=\"sent\"} 1\n"));
    CHECK(contains(metrics, "gongshi_alerts_total{kind=\"test\"} 1\n"));
}

TEST_CASE("the mail test button sends to every recipient, the subject and body in Chinese as Poco encodes them") {
    ServerFixture f(withoutDelivery());
    SmtpReceiver smtp;
    Client admin = f.admin();
    Poco::JSON::Array::Ptr to = new Poco::JSON::Array;
    to->add("zhang@example.cn");
    to->add("li@example.cn");
    Response put = admin.put("/api/alerts/settings", settingsBody({{"smtp_host", "127.0.0.1"},
                                                                   {"smtp_port", smtp.port()},
                                                                   {"smtp_from", "gongshi@example.cn"},
                                                                   {"smtp_to", to},
                                                                   {"smtp_password", "s3cret"}}));
    REQUIRE_MESSAGE(put.status == 200, put.body);
    CHECK(!put.json()->has("smtp_password"));
    CHECK(put.json()->getValue<bool>("smtp_password_set"));

    Response sent = admin.post("/api/alerts/test", R"({"channel":"email"})");
    REQUIRE_MESSAGE(sent.status == 200, sent.body);
    const auto mails = smtp.mails();
    REQUIRE(mails.size() == 1);
    CHECK(mails[0].from == "gongshi@example.cn");
    CHECK(mails[0].to == std::vector<std::string>{"zhang@example.cn", "li@example.cn"});
    std::istringstream data(mails[0].data);
    Poco::Net::MailMessage m;
    m.read(data);
    const std::string centre = centreName(*f.server);
    // The Subject header as sent (folded over lines), decoded as RFC 2047 says: the space between
    // two encoded words is not part of the text (MailMessage::read keeps it).
    std::string subject;
    {
        std::istringstream lines(mails[0].data);
        bool in = false;
        for (std::string line; std::getline(lines, line) && line != "\r";) {
            if (line.rfind("Subject:", 0) == 0) {
                in = true;
                subject += line.substr(8);
            } else if (in && (line[0] == ' ' || line[0] == '\t')) {
                subject += line;
            } else {
                in = false;
            }
        }
    }
    CHECK(decodeWords(subject) == "【" + centre + "】告警测试");
    CHECK(contains(m.getContent(), "【" + centre + "】告警测试：收到这条消息，说明告警通道可用。"));
    CHECK(contains(m.getContent(), "时间："));
}

TEST_CASE("a test to a closed port answers 502 saying in Chinese that the connection was refused; an unset channel 409") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    Response none = admin.post("/api/alerts/test", R"({"channel":"webhook"})");
    CHECK(none.status == 409);
    CHECK(contains(none.error(), "未设置"));
    CHECK(admin.post("/api/alerts/test", R"({"channel":"sms"})").status == 400);

    const int port = closedPort();
    REQUIRE(admin
                .put("/api/alerts/settings", settingsBody({{"webhook_url", "http://127.0.0.1:" + std::to_string(port) + "/send"},
                                                           {"smtp_host", "127.0.0.1"},
                                                           {"smtp_port", port},
                                                           {"smtp_from", "gongshi@example.cn"},
                                                           {"smtp_to", Poco::JSON::Array::Ptr(new Poco::JSON::Array)}}))
                .status == 200);
    Response web = admin.post("/api/alerts/test", R"({"channel":"webhook"})");
    CHECK(web.status == 502);
    CHECK(web.error() == "连接被拒绝（127.0.0.1:" + std::to_string(port) + "）：对方没有在这个端口上服务");
    Poco::JSON::Array::Ptr to = new Poco::JSON::Array;
    to->add("zhang@example.cn");
    REQUIRE(admin.put("/api/alerts/settings", settingsBody({{"smtp_to", to}})).status == 200);
    Response mail = admin.post("/api/alerts/test", R"({"channel":"email"})");
    CHECK(mail.status == 502);
    CHECK(contains(mail.error(), "连接被拒绝"));
    CHECK(contains(admin.get("/metrics").body, "gongshi_alert_sends_total{channel=\"email\",result=\"failed\"} 1\n"));
}

TEST_CASE(
    "alert settings are the admin's: 403 for an editor; refusals name the field; kept across a restart, audited with the key masked") {
    ServerFixture f(withoutDelivery());
    Client editor = f.editor();
    CHECK(editor.get("/api/alerts/settings").status == 403);
    CHECK(editor.put("/api/alerts/settings", R"({"offline_seconds":60})").status == 403);
    CHECK(editor.post("/api/alerts/test", R"({"channel":"webhook"})").status == 403);
    CHECK(editor.get("/api/alerts").status == 403);

    Client admin = f.admin();
    auto defaults = admin.get("/api/alerts/settings").json();
    CHECK(num(defaults, "offline_seconds") == 600);
    Response bad = admin.put("/api/alerts/settings", R"({"webhook_url":"ftp://example.cn/x"})");
    CHECK(bad.status == 400);
    CHECK(bad.field() == "webhook_url");
    CHECK(contains(bad.error(), "http://"));
    Response badMail = admin.put("/api/alerts/settings", R"({"smtp_host":"mail.example.cn","smtp_from":"gongshi","smtp_to":["a@b.cn"]})");
    CHECK(badMail.status == 400);
    CHECK(badMail.field() == "smtp_from");
    CHECK(admin.put("/api/alerts/settings", R"({"offline_seconds":0})").status == 400);

    REQUIRE(admin
                .put("/api/alerts/settings",
                     R"({"offline_seconds":900,"webhook_url":"https://oapi.dingtalk.com/robot/send?access_token=abc123"})")
                .status == 200);
    f.restart();
    admin = f.admin();
    auto kept = admin.get("/api/alerts/settings").json();
    CHECK(num(kept, "offline_seconds") == 900);
    CHECK(str(kept, "webhook_url") == "https://oapi.dingtalk.com/robot/send?access_token=abc123");

    // Editors read the audit log: it says who changed the alerts, never the robot's token.
    editor = f.editor();
    Response audit = editor.get("/api/audit?record=alert_settings");
    REQUIRE(audit.status == 200);
    CHECK(contains(audit.body, "access_token=***"));
    CHECK(!contains(audit.body, "abc123"));
    CHECK(contains(audit.body, "\"user\":\"admin\""));
}

TEST_CASE("a screen at a closed port goes offline and, past the threshold, gives exactly one alert naming the centre and the screen") {
    ServerOptions o;
    o.beforeStart = [](server::HttpServer& s) { parkScreens(s.database()); }; // screen 1 at tcp:127.0.0.1:1
    ServerFixture f(o);
    WebhookReceiver robot;
    Client admin = f.admin();
    REQUIRE(admin.put("/api/alerts/settings", settingsBody({{"webhook_url", robot.url()}, {"offline_seconds", 1}})).status == 200);
    const auto screen = content::RecordStore<content::ScreenRecord>(f.server->database()).get(1);
    const std::string head = "【" + centreName(*f.server) + "】屏幕“" + screen.name + "”(1号)已离线";
    auto aboutScreen1 = [&] {
        std::size_t n = 0;
        for (const auto& t : robot.texts()) n += t.rfind(head, 0) == 0;
        return n;
    };
    REQUIRE(waitFor([&] { return aboutScreen1() >= 1; }, 15s));
    // Still offline three checks later: no second alert.
    std::this_thread::sleep_for(3500ms);
    CHECK(aboutScreen1() == 1);
    std::string text;
    for (const auto& t : robot.texts())
        if (t.rfind(head, 0) == 0) text = t;
    CHECK(contains(text, "秒（自"));
    CHECK(contains(text, "起）"));
    bool listed = false;
    for (std::size_t i = 0; i < items(admin.get("/api/alerts"))->size(); ++i) {
        auto a = item(items(admin.get("/api/alerts")), i);
        if (str(a, "kind") == "offline" && num(a, "screen_id") == 1) listed = str(a, "webhook") == "sent";
    }
    CHECK(listed);
    CHECK(contains(admin.get("/metrics").body, "gongshi_alerts_total{kind=\"offline\"}"));
}

TEST_CASE("a card that refuses the program file gives one alert naming the refusal, not one per retry") {
    ServerOptions o;
    delivery::DeliveryOptions d;
    d.pingEvery = 300ms;
    d.replyTimeout = 300ms;
    d.connectTimeout = 500ms;
    d.firstBackoff = 100ms;
    d.maxBackoff = 500ms; // many retries within the test
    o.deliveryOptions = d;
    o.beforeStart = [](server::HttpServer& s) { parkScreens(s.database()); };
    ServerFixture f(o);
    WebhookReceiver robot;
    Client admin = f.admin();
    REQUIRE(admin.put("/api/alerts/settings", settingsBody({{"webhook_url", robot.url()}})).status == 200);

    // A K card half as wide as screen 3's record: the program's area is off its screen, and it
    // refuses the file (error 4).
    TempDir card("gongshi-card");
    BackgroundProcess emulator({gongshiBinary(), "emulate", "--protocol", "bx-k", "--width", "32", "--height", "16", "--color", "red-green",
                                "--out-dir", card.str(), "--max-seconds", "120", "--listen", "tcp:127.0.0.1:0"});
    const std::string line = emulator.readLine(20000);
    REQUIRE_MESSAGE(line.rfind("listening on ", 0) == 0, line << emulator.stderrText());
    Response got = admin.get("/api/screens/3");
    REQUIRE(got.status == 200);
    auto screen = copyObject(got.json());
    screen->set("protocol", "bx-k");
    screen->set("width", 64);
    screen->set("height", 16);
    screen->set("address", line.substr(std::string("listening on ").size()));
    REQUIRE(admin.put("/api/screens/3", screen).status == 200);

    const std::string head = "【" + centreName(*f.server) + "】屏幕“" + str(screen, "name") + "”(3号)节目写入失败：";
    auto about = [&] {
        std::size_t n = 0;
        for (const auto& t : robot.texts()) n += t.rfind(head, 0) == 0;
        return n;
    };
    REQUIRE(waitFor([&] { return about() >= 1; }, 20s));
    REQUIRE(waitFor([&] { return f.server->devices()->health(3)->programFailures >= 3; }, 15s)); // retried, refused again
    std::this_thread::sleep_for(1500ms);                                                         // past the next look
    CHECK(about() == 1);
    for (const auto& t : robot.texts())
        if (t.rfind(head, 0) == 0) CHECK_MESSAGE(contains(t, "out-of-memory"), t);
    CHECK(f.server->devices()->health(3)->programsWritten == 0);
}
