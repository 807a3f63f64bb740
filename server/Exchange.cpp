#include "server/Exchange.h"

#include "content/RecordJson.h"
#include "server/HttpError.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Exception.h>

#include <istream>

namespace gongshi::server {
namespace {

// The byte offset of the first byte that is not well-formed UTF-8, or npos.
std::size_t invalidUtf8At(const std::string& s) {
    std::size_t i = 0;
    const auto* b = reinterpret_cast<const unsigned char*>(s.data());
    while (i < s.size()) {
        unsigned char c = b[i];
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || c == 0xC0 || c == 0xC1 || c > 0xF4 || i + n > s.size()) return i;
        for (std::size_t k = 1; k < n; ++k)
            if ((b[i + k] & 0xC0) != 0x80) return i;
        if (n == 3) {
            const unsigned cp = ((c & 0x0Fu) << 12) | ((b[i + 1] & 0x3Fu) << 6);
            if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return i; // overlong or a surrogate
        }
        if (n == 4) {
            const unsigned cp = ((c & 0x07u) << 18) | ((b[i + 1] & 0x3Fu) << 12);
            if (cp < 0x10000 || cp > 0x10FFFF) return i;
        }
        i += n;
    }
    return std::string::npos;
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
        throw HttpError(400, "bad request address: " + e.displayText());
    }
}

content::Id Exchange::id(const std::string& name) const {
    auto it = params.find(name);
    if (it == params.end() || it->second.empty() || it->second.size() > 18 ||
        it->second.find_first_not_of("0123456789") != std::string::npos || it->second == "0")
        throw HttpError(404, "no record " + (it == params.end() ? std::string() : it->second));
    return std::stoll(it->second);
}

int Exchange::integerParam(const std::string& name) const {
    auto it = params.find(name);
    if (it == params.end() || it->second.empty() || it->second.size() > 9 ||
        it->second.find_first_not_of("0123456789") != std::string::npos)
        throw HttpError(404, name + " '" + (it == params.end() ? std::string() : it->second) + "' is not a number");
    return std::stoi(it->second);
}

bool Exchange::hasQuery(const std::string& name) const { return query_.count(name) > 0; }

std::string Exchange::query(const std::string& name, const std::string& fallback) const {
    auto it = query_.find(name);
    return it == query_.end() ? fallback : it->second;
}

int Exchange::queryInt(const std::string& name, int fallback, int min, int max) const {
    auto it = query_.find(name);
    if (it == query_.end() || it->second.empty()) return fallback;
    const std::string& v = it->second;
    bool digits = v.size() <= 10 && v.find_first_not_of("-0123456789") == std::string::npos &&
                  v.find('-', 1) == std::string::npos && v != "-";
    long long n = digits ? std::stoll(v) : 0;
    if (!digits || n < min || n > max)
        throw HttpError(400, name + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max) +
                                 ", not '" + v + "'",
                        name);
    return static_cast<int>(n);
}

const std::string& Exchange::body() {
    if (body_) return *body_;
    if (request.hasContentLength() && request.getContentLength64() > static_cast<Poco::Int64>(maxBody_))
        throw HttpError(413, "request body of " + std::to_string(request.getContentLength64()) +
                                 " bytes is larger than the limit of " + std::to_string(maxBody_) + " bytes");
    std::string out;
    std::istream& in = request.stream();
    char buf[16384];
    while (in) {
        in.read(buf, sizeof buf);
        out.append(buf, static_cast<std::size_t>(in.gcount()));
        if (out.size() > maxBody_)
            throw HttpError(413, "request body is larger than the limit of " + std::to_string(maxBody_) + " bytes");
    }
    body_ = std::move(out);
    return *body_;
}

Poco::JSON::Object::Ptr Exchange::jsonBody() {
    const std::string& text = body();
    if (auto at = invalidUtf8At(text); at != std::string::npos)
        throw HttpError(400, "request body is not valid UTF-8 at byte offset " + std::to_string(at));
    Poco::Dynamic::Var v;
    try {
        v = Poco::JSON::Parser().parse(text);
    } catch (const Poco::Exception& e) {
        throw HttpError(400, "request body is not JSON: " + e.displayText());
    }
    if (v.type() != typeid(Poco::JSON::Object::Ptr)) throw HttpError(400, "request body must be a JSON object");
    return v.extract<Poco::JSON::Object::Ptr>();
}

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

} // namespace gongshi::server
