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
            schema->set("type", part == "{username}" || part == "{kind}" || part == "{file}" ? "string" : "integer");
            p->set("schema", schema);
            params->add(p);
        }
    if (params->size() > 0) op->set("parameters", params);
    if (r.body != Body::None) {
        Object::Ptr body = obj();
        Object::Ptr content = obj();
        Object::Ptr media = obj();
        Object::Ptr schema = obj();
        const bool bytes = r.body == Body::Image || r.body == Body::Sheet;
        schema->set("type", bytes ? "string" : "object");
        if (bytes) schema->set("format", "binary");
        media->set("schema", schema);
        if (r.body == Body::Sheet) {
            content->set("text/csv", media);
            content->set("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", media);
        } else {
            content->set(r.body == Body::Image ? "image/*" : "application/json", media);
        }
        body->set("content", content);
        body->set("required", true);
        op->set("requestBody", body);
    }
    Object::Ptr responses = obj();
    Object::Ptr ok = response(r.status == 204 ? "done, nothing to answer" : "success: " + r.answers);
    if (r.status != 204) {
        Object::Ptr content = obj();
        for (std::size_t from = 0; from < r.answers.size();) {
            std::size_t comma = r.answers.find(", ", from);
            if (comma == std::string::npos) comma = r.answers.size();
            content->set(r.answers.substr(from, comma - from), obj());
            from = comma + 2;
        }
        ok->set("content", content);
    }
    responses->set(std::to_string(r.status), ok);
    if (r.access != Access::Public) {
        responses->set("401", response("not logged in"));
        responses->set("403",
                       response(r.countyOnly ? "role not allowed, CSRF token missing, or a user of one centre (this spans every centre)"
                                             : "role not allowed, or CSRF token missing"));
    }
    if (r.method != "GET") responses->set("400", response("bad JSON, invalid UTF-8 or a failed validation ({error, field})"));
    if (r.method == "PUT" || r.method == "DELETE") responses->set("409", response("stale version"));
    if (r.body == Body::Image) responses->set("415", response("not a JPEG or PNG picture"));
    if (r.body == Body::Sheet) responses->set("415", response("not a CSV file or an .xlsx workbook"));
    if (r.body != Body::None) responses->set("413", response("body too large"));
    if (r.parts.size() > 2) responses->set("404", response("no such record, or another centre's (for a user of one centre)"));
    op->set("responses", responses);
    if (r.access != Access::Public) {
        Array::Ptr security = new Array;
        Object::Ptr s = obj();
        s->set("session", Array::Ptr(new Array));
        security->add(s);
        if (!r.tokenScope.empty()) { // or a machine's token of that scope
            Object::Ptr t = obj();
            t->set("token_" + r.tokenScope, Array::Ptr(new Array));
            security->add(t);
        }
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
        Object::Ptr calls = obj(); // gongshi token add NAME --scope calls (docs/queue-calls.md)
        calls->set("type", "http");
        calls->set("scheme", "bearer");
        calls->set("description", "A token of scope calls: the queue-calling system's; any other route refuses it (403)");
        schemes->set("token_calls", calls);
        components->set("securitySchemes", schemes);
        root->set("components", components);
        ex.sendJson(200, root);
    });
}

} // namespace gongshi::server
