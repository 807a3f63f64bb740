// gongshi call --window ID --ticket A012 [--seconds N] [--to URL] [--token T] [--data-dir D]: a
// queue call through a running server's API, as the queue-calling system makes it (for scripts
// and for trying a screen). The token comes from --token or $GONGSHI_TOKEN; the server from --to,
// else the address `gongshi serve` wrote to DATA_DIR/serve.url, else http://127.0.0.1:8080.
// Exit 0: called; 1: refused (the server's message, in Chinese) or no server.
#include "app/Args.h"
#include "app/Commands.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "records/JsonText.h"
#include "records/RecordJson.h"
#include "records/RecordShape.h"

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace gongshi::app {
namespace {

std::string serverUrl(const Args& args) {
    if (auto to = args.get("to")) return *to;
    const auto file = std::filesystem::path(args.get("data-dir", "./var")) / "serve.url";
    std::ifstream in(file);
    std::string url;
    if (in && std::getline(in, url) && !url.empty()) return url;
    return "http://127.0.0.1:8080";
}

} // namespace

int callCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"window", "ticket", "seconds", "to", "token", "data-dir"}, {});
    const std::string usage =
        "gongshi call --window 窗口ID --ticket 号码 [--seconds 秒数] [--to http://主机:端口] [--token 令牌] [--data-dir D]";
    if (!args.positional().empty() || !args.has("window") || !args.has("ticket")) throw InputError(msg::cliUsage(usage));
    const int window = args.getInt("window", 0, 1, 1 << 30);
    std::string token = args.get("token", "");
    if (token.empty())
        if (const char* env = std::getenv("GONGSHI_TOKEN")) token = env;
    if (token.empty())
        throw InputError("缺少叫号令牌：用 --token 或环境变量 GONGSHI_TOKEN 给出（gongshi token add 名称 --scope calls 创建）");

    const std::string url = serverUrl(args);
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& e) {
        throw InputError("服务器地址“" + url + "”无法识别：" + e.displayText());
    }
    if (uri.getScheme() != "http" || uri.getHost().empty())
        throw InputError("服务器地址“" + url + "”应写作 http://主机:端口（本命令只用 http；HTTPS 请用 curl，见 docs/queue-calls.md）");

    Poco::JSON::Object::Ptr body = content::newJsonObject();
    body->set("ticket", *args.get("ticket"));
    if (auto s = args.get("seconds")) {
        const auto n = std::strtoll(s->c_str(), nullptr, 10);
        if (std::to_string(n) == *s)
            body->set("seconds", n);
        else
            body->set("seconds", *s); // the server says what is wrong with it
    }
    const std::string text = content::jsonText(body);

    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest req(Poco::Net::HTTPRequest::HTTP_POST, "/api/windows/" + std::to_string(window) + "/call",
                               Poco::Net::HTTPMessage::HTTP_1_1);
    req.set("Authorization", "Bearer " + token);
    req.setContentType("application/json");
    req.setContentLength(static_cast<std::streamsize>(text.size()));
    std::string answer;
    Poco::Net::HTTPResponse res;
    try {
        session.sendRequest(req) << text;
        Poco::StreamCopier::copyToString(session.receiveResponse(res), answer);
    } catch (const Poco::Exception& e) {
        throw EnvironmentError("连不上服务器 " + url + "：" + e.displayText());
    }
    Poco::JSON::Object::Ptr o;
    try {
        o = content::readJsonObject(answer, "answer");
    } catch (const Error&) {
        throw EnvironmentError("服务器 " + url + " 的回答不是 JSON（HTTP " + std::to_string(res.getStatus()) + "）");
    }
    if (res.getStatus() != Poco::Net::HTTPResponse::HTTP_OK) {
        const std::string field = o->optValue<std::string>("field", "");
        throw InputError("叫号被拒绝（HTTP " + std::to_string(res.getStatus()) + "）：" + o->optValue<std::string>("error", answer) +
                         (field.empty() ? "" : "（" + field + "）"));
    }
    std::printf("已叫号：%s，显示 %d 秒（记录 %lld）\n", o->getValue<std::string>("text").c_str(), o->getValue<int>("seconds"),
                static_cast<long long>(o->getValue<long long>("id")));
    return 0;
}

} // namespace gongshi::app
