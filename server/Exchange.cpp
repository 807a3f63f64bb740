#include "server/Exchange.h"

#include "common/Parse.h"
#include "common/Messages.h"
#include "records/JsonText.h"
#include "records/RecordJson.h"
#include "server/HttpError.h"

#include <Poco/Exception.h>

#include <istream>
#include <limits>

namespace gongshi::server {
namespace {

// The query parameters as a person reads their names in an error.
std::string queryLabel(const std::string& name) {
    static const std::map<std::string, std::string> labels = {
        {"limit", "每页条数"},     {"offset", "起始条数"}, {"page", "页码"},        {"scale", "放大倍数"},
        {"dpi", "分辨率"},         {"id", "记录编号"},     {"version", "版本号"},   {"centre_id", "中心编号"},
        {"screen_id", "屏幕编号"}, {"owner", "上级编号"},  {"program", "节目编号"},
    };
    auto it = labels.find(name);
    return it == labels.end() ? "参数“" + name + "”" : it->second;
}

} // namespace

Exchange::Exchange(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp, std::size_t maxBody)
    : request(req), response(resp), maxBody_(maxBody) {
    Poco::URI uri;
    try {
        uri = Poco::URI(req.getURI());
        path_ = uri.getPath();
        for (const auto& [k, v] : uri.getQueryParameters()) query_[k] = v;
    } catch (const Poco::SyntaxException& e) {
        targetError_ = msg::badRequestTarget(e.displayText());
    }
}

content::Id Exchange::id(const std::string& name) const {
    auto it = params.find(name);
    const std::string text = it == params.end() ? std::string() : it->second;
    const auto id = parse::tryWholeNumber(text, 1, std::numeric_limits<content::Id>::max());
    if (!id) throw HttpError(404, "没有编号为“" + text + "”的记录");
    return *id;
}

int Exchange::integerParam(const std::string& name) const {
    auto it = params.find(name);
    const std::string text = it == params.end() ? std::string() : it->second;
    const auto n = parse::tryWholeNumber(text, 0, std::numeric_limits<int>::max());
    if (!n) throw HttpError(404, "路径中的“" + text + "”不是编号");
    return static_cast<int>(*n);
}

std::string Exchange::imageType(const std::string& field) const {
    const std::string contentType = request.getContentType();
    const std::string t = contentType.substr(0, contentType.find(';'));
    if (t == "image/jpeg") return "jpg";
    if (t == "image/png") return "png";
    throw HttpError(415, std::string(field == "photo" ? "照片" : "图片") + "应为 JPEG 或 PNG 图片，而不是“" + contentType + "”", field);
}

std::string Exchange::sheetType() const {
    const std::string contentType = request.getContentType();
    const std::string t = contentType.substr(0, contentType.find(';'));
    if (t == "text/csv") return "csv";
    if (t == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") return "xlsx";
    throw HttpError(415, msg::sheetNotCsvOrXlsx(contentType), "file");
}

bool Exchange::hasQuery(const std::string& name) const { return query_.count(name) > 0; }

std::string Exchange::query(const std::string& name, const std::string& fallback) const {
    auto it = query_.find(name);
    return it == query_.end() ? fallback : it->second;
}

int Exchange::queryInt(const std::string& name, int fallback, int min, int max) const {
    auto it = query_.find(name);
    if (it == query_.end() || it->second.empty()) return fallback;
    return parse::wholeInt(it->second, {name, queryLabel(name)}, min, max);
}

const std::string& Exchange::body() {
    if (body_) return *body_;
    if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(maxBody_))
        throw HttpError(413, msg::bodyTooLarge(maxBody_));
    std::string out;
    std::istream& in = request.stream();
    char buf[16384];
    while (in) {
        in.read(buf, sizeof buf);
        out.append(buf, static_cast<std::size_t>(in.gcount()));
        if (out.size() > maxBody_) throw HttpError(413, msg::bodyTooLarge(maxBody_));
    }
    body_ = std::move(out);
    return *body_;
}

Poco::JSON::Object::Ptr Exchange::jsonBody() { return content::readJsonObject(body(), "请求内容"); }

// A request body nobody read would be taken for the next request on this connection (the way
// requests get smuggled past a proxy): such an answer ends the connection.
static void closeIfBodyUnread(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, bool read) {
    if (!read && (request.getContentLength64() > 0 || request.getChunkedTransferEncoding())) response.setKeepAlive(false);
}

void Exchange::sendJson(int status, const std::string& json) {
    startJson(status, json.size()).write(json.data(), static_cast<std::streamsize>(json.size()));
}

std::ostream& Exchange::startJson(int status, std::size_t length) {
    closeIfBodyUnread(request, response, body_.has_value());
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType("application/json; charset=utf-8");
    response.set("Cache-Control", "no-store");
    response.setContentLength(static_cast<std::streamsize>(length));
    return response.send();
}

void Exchange::sendJson(int status, const Poco::JSON::Object::Ptr& object) { sendJson(status, content::jsonText(object)); }

void Exchange::sendBytes(int status, const std::string& contentType, const std::string& bytes) {
    closeIfBodyUnread(request, response, body_.has_value());
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentType(contentType);
    response.setContentLength(static_cast<std::streamsize>(bytes.size()));
    response.send().write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void Exchange::sendEmpty(int status) {
    closeIfBodyUnread(request, response, body_.has_value());
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
    response.setContentLength(0);
    response.send();
}

bool fromThisMachine(const Poco::Net::IPAddress& client) {
    if (client.isLoopback()) return true;
    // An IPv4 loopback address seen through an IPv6 socket (::ffff:127.0.0.1).
    return client.family() == Poco::Net::IPAddress::IPv6 && client.isIPv4Mapped() && client.toString().rfind("::ffff:127.", 0) == 0;
}

bool fromThisMachine(const Poco::Net::HTTPServerRequest& request) {
    for (const char* proxied : {"Forwarded", "X-Forwarded-For", "X-Real-IP"})
        if (request.has(proxied)) return false;
    return fromThisMachine(request.clientAddress().host());
}

} // namespace gongshi::server
