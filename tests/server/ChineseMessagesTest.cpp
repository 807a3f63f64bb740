// Every message a person reads is Chinese: a walk over every route the router lists, with bad
// bodies, bad parameters, unknown and malformed ids and stale versions, as an admin, an editor and
// nobody; each refusal's `error` must hold Chinese and no English sentence (three English words in
// a row; codes and field keys, which hold digits, underscores or punctuation, aside).
#include "server/Router.h"
#include "tests/server/ServerFixture.h"

#include <Poco/JSON/Parser.h>

#include <doctest/doctest.h>

#include <set>
#include <sstream>

using namespace gongshi;
using namespace gongshi::test;

namespace {

bool hasChinese(const std::string& s) {
    for (std::size_t i = 0; i + 2 < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0xE4 && c <= 0xE9) return true; // lead byte of U+4E00..U+9FFF
    }
    return false;
}

// A run of three or more words of Latin letters only, separated by spaces.
std::string englishRun(const std::string& s) {
    std::istringstream in(s);
    std::string token, run;
    int words = 0;
    auto isWord = [](std::string t) {
        while (!t.empty() && (t.back() == ',' || t.back() == '.' || t.back() == ':' || t.back() == ';')) t.pop_back();
        if (t.empty()) return false;
        for (char c : t)
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'')) return false;
        return true;
    };
    while (in >> token) {
        if (isWord(token)) {
            run += (run.empty() ? "" : " ") + token;
            if (++words >= 3) return run;
        } else {
            run.clear();
            words = 0;
        }
    }
    return "";
}

struct Walk {
    std::vector<std::string> bad; // "METHOD target body -> status error"
    int refusals = 0;

    void look(const std::string& who, const std::string& method, const std::string& target, const std::string& body, const Response& r) {
        if (r.status < 400) return;
        ++refusals;
        std::string error;
        try {
            Poco::JSON::Parser parser;
            auto o = parser.parse(r.body).extract<Poco::JSON::Object::Ptr>();
            if (o && o->has("error")) error = o->getValue<std::string>("error");
        } catch (const Poco::Exception&) {
            error.clear();
        }
        std::string why;
        if (r.status >= 500)
            why = "a server error";
        else if (error.empty())
            why = "no error text";
        else if (!hasChinese(error))
            why = "no Chinese";
        else if (const std::string run = englishRun(error); !run.empty())
            why = "English \"" + run + "\"";
        if (!why.empty())
            bad.push_back(who + " " + method + " " + target + " " + body.substr(0, 60) + " -> " + std::to_string(r.status) + " " + error +
                          " [" + why + "]");
    }
};

std::string fill(const std::string& pattern, const std::map<std::string, std::string>& values) {
    std::string out;
    for (const auto& part : server::splitPath(pattern)) {
        out += "/";
        if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
            const auto it = values.find(part.substr(1, part.size() - 2));
            out += it == values.end() ? "x" : it->second;
        } else {
            out += part;
        }
    }
    return out;
}

} // namespace

TEST_CASE("every refusal of every route is worded in Chinese, without English sentences") {
    ServerFixture f(withoutDelivery());
    Client admin = f.admin();
    Client editor = f.editor();
    Client nobody = f.client();
    Walk walk;

    // Unknown ids, malformed ids, and the demo's own records (for bad bodies and stale versions).
    const std::vector<std::map<std::string, std::string>> places = {
        {{"id", "999999"}, {"version", "999"}, {"username", "nobody"}, {"file", "nothing.pdf"}},
        {{"id", "abc"}, {"version", "x"}, {"username", "%20"}, {"file", "..%2Fgongshi.db"}},
        {{"id", "1"}, {"version", "1"}, {"username", "editor"}, {"file", "x"}},
    };
    const std::vector<std::string> bodies = {
        "{not json",
        "{",
        "",
        "[1, ",
        R"({"a" 1})",
        R"({"a": })",
        "{\"a\": \"\x01\"}",
        "[1, 2]",
        "\"text\"",
        "{}",
        R"({"version": "x", "id": "x", "record": 5, "decision": 5, "comment": 5, "password": 5, "username": 5, "role": 5,
            "old": 5, "new": 5, "title": 5, "name": 5, "centre_id": "x", "screen_id": "x", "status": 5, "width": "x",
            "height": "x", "matter": 5, "notice": 5, "window": 5, "channel": 5, "matters": 5, "notices": 5})",
        R"({"version": 1})",
        R"({"version": 999, "record": "matter", "id": 1, "decision": "reject"})",
        R"({"version": 1, "width": 64, "height": 0, "record": "screen", "id": 999999, "channel": "fax"})",
    };
    const std::vector<std::string> queries = {"",           "?limit=abc",     "?offset=-1", "?id=abc",        "?page=abc",
                                              "?width=abc", "?centre_id=abc", "?version=x", "?record=x&id=-1"};

    int routes = 0;
    for (const server::Route& route : f.server->router().routes()) {
        ++routes;
        const bool logout = route.method == "DELETE" && route.pattern == "/api/session";
        for (const auto& place : places) {
            const std::string path = fill(route.pattern, place);
            // Removing the demo's users or logging out would end the walk, not test a refusal.
            const bool harmful =
                logout || (route.method == "DELETE" && route.pattern == "/api/users/{username}" && place.at("username") == "editor");
            // Nobody and an editor: 401 and 403 where they may not.
            walk.look("nobody", route.method, path, "", nobody.request(route.method, path, "{}"));
            if (!harmful) walk.look("editor", route.method, path, "{}", editor.request(route.method, path, "{}"));
            if (harmful) continue;
            if (route.body == server::Body::Json) {
                for (const auto& body : bodies) walk.look("admin", route.method, path, body, admin.request(route.method, path, body));
            } else if (route.body == server::Body::Image) {
                walk.look("admin", route.method, path, "text", admin.request(route.method, path, "not a picture", {}, "image/png"));
                walk.look("admin", route.method, path, "text", admin.request(route.method, path, "plain", {}, "text/plain"));
            } else {
                for (const auto& q : queries) walk.look("admin", route.method, path + q, "", admin.request(route.method, path + q));
            }
        }
    }
    // What the router answers itself: an unknown path, a method a path does not take, a write
    // without its CSRF token, a bad Idempotency-Key.
    walk.look("admin", "GET", "/api/nothing", "", admin.get("/api/nothing"));
    walk.look("admin", "PATCH", "/api/matters", "", admin.request("PATCH", "/api/matters", "{}"));
    walk.look("admin", "POST", "/api/matters", "key",
              admin.request("POST", "/api/matters", "{}", {{"Idempotency-Key", std::string(300, 'k')}}));
    walk.look("admin", "POST", "/api/matters", "form",
              admin.request("POST", "/api/matters", "a=b", {}, "application/x-www-form-urlencoded"));
    Client noCsrf = f.admin();
    noCsrf.sendCsrf(false);
    walk.look("admin", "POST", "/api/matters", "no csrf", noCsrf.post("/api/matters", "{}"));
    walk.look("nobody", "POST", "/api/session", "wrong", nobody.post("/api/session", R"({"username": "admin", "password": "wrong-one"})"));

    MESSAGE(routes << " routes, " << walk.refusals << " refusals read");
    CHECK(routes > 50);
    CHECK(walk.refusals > 500);
    for (const auto& b : walk.bad) MESSAGE(b);
    CHECK(walk.bad.empty());
}
