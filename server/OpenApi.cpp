// /api/openapi.json: the OpenAPI 3 description, made from the route table so it cannot drift
// from what the server answers.
#include "server/ApiContext.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cctype>

namespace gongshi::server {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr obj() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Object::Ptr response(const std::string& description) {
    Object::Ptr o = obj();
    o->set("description", description);
    return o;
}

Object::Ptr operation(const Route& r) {
    Object::Ptr op = obj();
    op->set("summary", r.summary);
    std::string id = r.method;
    for (char c : r.pattern) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    op->set("operationId", id);
    Array::Ptr params = new Array;
    for (const auto& part : r.parts)
        if (part.size() > 2 && part.front() == '{') {
            Object::Ptr p = obj();
            p->set("name", part.substr(1, part.size() - 2));
            p->set("in", "path");
            p->set("required", true);
            Object::Ptr schema = obj();
            schema->set("type", part == "{username}" ? "string" : "integer");
            p->set("schema", schema);
            params->add(p);
        }
    if (params->size() > 0) op->set("parameters", params);
    if (r.method == "POST" || r.method == "PUT") {
        Object::Ptr body = obj();
        Object::Ptr content = obj();
        Object::Ptr media = obj();
        Object::Ptr schema = obj();
        schema->set("type", "object");
        media->set("schema", schema);
        const bool image = r.pattern.find("/photo") != std::string::npos;
        content->set(image ? "image/*" : "application/json", media);
        body->set("content", content);
        body->set("required", true);
        op->set("requestBody", body);
    }
    Object::Ptr responses = obj();
    const bool png = r.pattern.find(".png") != std::string::npos;
    responses->set(r.method == "POST" && r.pattern.find("/restore") == std::string::npos && r.pattern != "/api/session" &&
                           r.pattern != "/api/approvals" && !png
                       ? "201"
                   : r.method == "DELETE" ? "204"
                                          : "200",
                   response(png ? "a PNG image" : "success"));
    if (r.access != Access::Public) {
        responses->set("401", response("not logged in"));
        responses->set("403", response("role not allowed, or CSRF token missing"));
    }
    if (r.method != "GET") responses->set("400", response("bad JSON, invalid UTF-8 or a failed validation ({error, field})"));
    if (r.method == "PUT" || r.method == "DELETE") responses->set("409", response("stale version"));
    if (r.method == "POST" || r.method == "PUT") responses->set("413", response("body too large"));
    if (r.parts.size() > 2) responses->set("404", response("no such record"));
    op->set("responses", responses);
    if (r.access != Access::Public) {
        Array::Ptr security = new Array;
        Object::Ptr s = obj();
        s->set("session", Array::Ptr(new Array));
        security->add(s);
        op->set("security", security);
    }
    return op;
}

} // namespace

void addOpenApiRoute(ApiContext& ctx) {
    ctx.router.add("GET", "/api/openapi.json", Access::Public, "This description", [&ctx](Exchange& ex) {
        Object::Ptr root = obj();
        root->set("openapi", "3.0.3");
        Object::Ptr info = obj();
        info->set("title", "gongshi content server");
        info->set("version", "1");
        info->set("description", "Records of a township service centre, their checks, previews and the audit log. "
                                 "Writes need the session cookie and the X-CSRF-Token header.");
        root->set("info", info);
        Object::Ptr paths = obj();
        for (const Route& r : ctx.router.routes()) {
            Object::Ptr item = paths->has(r.pattern) ? paths->getObject(r.pattern) : obj();
            std::string method = r.method;
            std::transform(method.begin(), method.end(), method.begin(), [](unsigned char c) { return std::tolower(c); });
            item->set(method, operation(r));
            paths->set(r.pattern, item);
        }
        root->set("paths", paths);
        Object::Ptr components = obj();
        Object::Ptr schemes = obj();
        Object::Ptr cookie = obj();
        cookie->set("type", "apiKey");
        cookie->set("in", "cookie");
        cookie->set("name", "gongshi_session");
        schemes->set("session", cookie);
        components->set("securitySchemes", schemes);
        root->set("components", components);
        ex.sendJson(200, root);
    });
}

} // namespace gongshi::server
