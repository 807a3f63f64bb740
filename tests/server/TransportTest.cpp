// The page files and their path rules, body limits, keep-alive, and concurrent writers.
#include "tests/server/ServerFixture.h"

#include <doctest/doctest.h>

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/String.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

using namespace gongshi::test;
namespace fs = std::filesystem;

TEST_CASE("the page files are served from webDir") {
    ServerFixture f;
    Client c = f.client(); // no login needed for pages
    Response index = c.get("/");
    REQUIRE(index.status == 200);
    CHECK(index.header("Content-Type").rfind("text/html", 0) == 0);
    CHECK(contains(index.body, "gongshi test page"));
    CHECK(index.header("X-Content-Type-Options") == "nosniff");
    CHECK(!index.header("Content-Security-Policy").empty());
    Response same = c.get("/index.html");
    CHECK(same.status == 200);
    CHECK(same.body == index.body);
    Response js = c.get("/a.js");
    REQUIRE(js.status == 200);
    CHECK(js.header("Content-Type").rfind("text/javascript", 0) == 0);
    CHECK(js.body == "export const a = 1;\n");
    Response head = c.request("HEAD", "/a.js");
    CHECK(head.status == 200);
    CHECK(head.body.empty());
    CHECK(c.get("/nothing.js").status == 404);
    CHECK(c.get("/window").status == 404); // no window.html in this webDir
    CHECK(c.post("/a.js", "x").status == 405);
}

TEST_CASE("the admin page and the window page of server/web are served") {
    ServerOptions o;
    o.webDir = gongshi::server::defaultWebDir();
    ServerFixture f(o);
    Client c = f.client();
    Response index = c.get("/");
    REQUIRE(index.status == 200);
    CHECK(index.header("Content-Type").rfind("text/html", 0) == 0);
    CHECK(contains(Poco::toLower(index.body), "<html"));
    Response window = c.get("/window");
    CHECK(window.status == 200);
    CHECK(window.header("Content-Type").rfind("text/html", 0) == 0);
    CHECK(c.get("/app.js").header("Content-Type").rfind("text/javascript", 0) == 0);
}

TEST_CASE("paths that leave webDir are 404, however they are spelled") {
    ServerFixture f;
    // A secret next to webDir, and links inside webDir pointing out of it.
    const fs::path outside = f.web.path().parent_path() / (f.web.path().filename().string() + "-secret.txt");
    std::ofstream(outside) << "top secret\n";
    fs::create_symlink(outside, f.web.path() / "link.txt");
    fs::create_symlink("/etc", f.web.path() / "etc-link");
    fs::create_directories(f.web.path() / "sub");
    std::ofstream(f.web.path() / "sub" / "inner.js") << "inner\n";
    const std::string secretName = outside.filename().string();

    auto get = [&](const std::string& target) {
        return rawRequest(f.port(),
                          "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(f.port()) + "\r\nConnection: close\r\n\r\n");
    };
    // The raw requests work at all.
    Response ok = get("/a.js");
    CHECK(ok.status == 200);
    CHECK(ok.body == "export const a = 1;\n");
    CHECK(get("/sub/inner.js").status == 200);
    CHECK(get("/sub/../a.js").status == 200); // stays inside: fine

    for (const std::string& target : std::vector<std::string>{
             "/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
             "/sub/../../etc/passwd", "/..%5c..%5cetc%5cpasswd", "/../" + secretName, "/%2e%2e/" + secretName, "/link.txt",
             "/etc-link/passwd", "/etc-link/hostname", "//etc/passwd", "/a.js%00.html"}) {
        CAPTURE(target);
        Response r = get(target);
        CHECK(r.status == 404);
        CHECK(!contains(r.body, "root:"));
        CHECK(!contains(r.body, "top secret"));
    }
    fs::remove(outside);
}

TEST_CASE("a body over maxBody is a 413 that closes the connection, and a new one works") {
    ServerOptions o;
    o.maxBody = 4096;
    ServerFixture f(o);
    Client c = f.editor();
    std::string big = R"({"centre_id": 1, "category": "other", "title": "大", "body": ")" + std::string(5000, 'x') + "\"}";
    Response r = c.post("/api/notices", big);
    CHECK(r.status == 413);
    CHECK(!r.error().empty());
    CHECK(Poco::icompare(r.header("Connection"), "close") == 0);
    // Just under the limit is fine, on a new connection.
    Client d = f.client();
    d.setCookie(c.cookie());
    d.setCsrf(c.csrf());
    std::string fits = R"({"centre_id": 1, "category": "other", "title": "小", "body": ")" + std::string(3000, 'x') + "\"}";
    Response ok = d.post("/api/notices", fits);
    CHECK(ok.status == 201);
    CHECK(d.get("/api/session").status == 200);
    // The first client's session object opens a new connection by itself too.
    CHECK(c.get("/api/session").status == 200);
    // Nothing of the large body was stored.
    CHECK(num(d.get("/api/notices?q=" + encode("大")).json(), "total") == 0);
    // Chunked (no Content-Length) bodies are capped as well.
    Client e = f.client();
    e.setCookie(c.cookie());
    e.setCsrf(c.csrf());
    Poco::Net::HTTPRequest req("POST", "/api/notices", Poco::Net::HTTPMessage::HTTP_1_1);
    req.setChunkedTransferEncoding(true);
    req.setContentType("application/json");
    req.setCookies([&] {
        Poco::Net::NameValueCollection n;
        n.add("gongshi_session", c.cookie());
        return n;
    }());
    req.set("X-CSRF-Token", c.csrf());
    e.session().sendRequest(req) << big;
    Poco::Net::HTTPResponse resp;
    std::istream& in = e.session().receiveResponse(resp);
    std::string ignored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(resp.getStatus() == 413);
    CHECK(!resp.getKeepAlive());
}

TEST_CASE("requests share one keep-alive connection") {
    ServerFixture f;
    Client c = f.editor();
    c.session().setKeepAliveTimeout(Poco::Timespan(4, 0)); // below the server's 5 s, above any pause here
    Response first = c.get("/api/session");
    REQUIRE(first.status == 200);
    const auto port = c.session().socket().address().port();
    Response second = c.get("/api/matters/1");
    CHECK(second.status == 200);
    CHECK(c.session().socket().address().port() == port); // the same connection
    Response third = c.post("/api/notices", R"({"centre_id": 1, "category": "other", "title": "长连接"})");
    CHECK(third.status == 201);
    // After an error answer the client goes on (on this connection or a new one).
    Response bad = c.post("/api/notices", R"({"centre_id": 1, "category": "nonsense", "title": "x"})");
    CHECK(bad.status == 400);
    CHECK(bad.field() == "category");
    CHECK(c.get("/api/session").status == 200);
}

TEST_CASE("a request body no handler read is never taken for the next request") {
    ServerFixture f;
    Client editor = f.editor();
    const std::string host = "Host: 127.0.0.1:" + std::to_string(f.port()) + "\r\n";
    const std::string cookie = "Cookie: gongshi_session=" + editor.cookie() + "\r\n";
    // A GET and a DELETE that carry a body hiding a second request: the answer is to the first
    // request alone, and the connection ends there.
    const std::string hidden = "GET /api/nothing-smuggled HTTP/1.1\r\n" + host + "\r\n";
    Response get = rawRequest(f.port(), "GET /api/openapi.json HTTP/1.1\r\n" + host + "Content-Length: " + std::to_string(hidden.size()) +
                                            "\r\n\r\n" + hidden);
    CHECK(get.status == 200);
    CHECK(!contains(get.body, "nothing-smuggled"));
    CHECK(!contains(get.body, "HTTP/1.1 404"));
    Response created = editor.post("/api/notices", R"({"centre_id": 1, "category": "other", "title": "带正文的删除"})");
    REQUIRE(created.status == 201);
    Response del = rawRequest(f.port(), "DELETE /api/notices/" + std::to_string(num(created.json(), "id")) + "?version=1 HTTP/1.1\r\n" +
                                            host + cookie + "X-CSRF-Token: " + editor.csrf() +
                                            "\r\nContent-Length: " + std::to_string(hidden.size()) + "\r\n\r\n" + hidden);
    CHECK(del.status == 204);
    CHECK(!contains(del.body, "nothing-smuggled"));
    // A page GET with a body too.
    Response page =
        rawRequest(f.port(), "GET /a.js HTTP/1.1\r\n" + host + "Content-Length: " + std::to_string(hidden.size()) + "\r\n\r\n" + hidden);
    CHECK(page.status == 200);
    CHECK(page.body == "export const a = 1;\n");
}

TEST_CASE("concurrent read-modify-write saves of one notice lose nothing") {
    ServerFixture f;
    Client setup = f.editor();
    Response created = setup.post("/api/notices", R"({"centre_id": 1, "category": "other", "title": "并发公告", "body": ""})");
    REQUIRE(created.status == 201);
    const std::string url = "/api/notices/" + std::to_string(num(created.json(), "id"));

    constexpr int kThreads = 8, kUpdates = 20;
    std::vector<Client> clients;
    for (int t = 0; t < kThreads; ++t) clients.push_back(f.editor());
    std::atomic<int> successes{0}, conflicts{0}, failures{0};
    std::vector<std::string> errors(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            Client& c = clients[static_cast<std::size_t>(t)];
            try {
                int done = 0, attempts = 0;
                while (done < kUpdates && attempts < 2000) {
                    ++attempts;
                    Response got = c.get(url);
                    if (got.status != 200) {
                        ++failures;
                        errors[static_cast<std::size_t>(t)] += "GET " + std::to_string(got.status) + " " + got.body + "\n";
                        continue;
                    }
                    auto n = parseObject(got.body);
                    n->set("body", n->getValue<std::string>("body") + std::to_string(t) + ",");
                    Response put = c.put(url, n);
                    if (put.status == 200) {
                        ++done;
                        ++successes;
                    } else if (put.status == 409) {
                        ++conflicts;
                    } else {
                        ++failures;
                        errors[static_cast<std::size_t>(t)] += "PUT " + std::to_string(put.status) + " " + put.body + "\n";
                    }
                }
            } catch (const std::exception& e) {
                ++failures;
                errors[static_cast<std::size_t>(t)] += std::string("exception: ") + e.what() + "\n";
            }
        });
    }
    for (auto& th : threads) th.join();
    for (const auto& e : errors) CHECK_MESSAGE(e.empty(), e);
    CHECK(failures == 0);
    CHECK(successes == kThreads * kUpdates);
    MESSAGE("conflicts retried: " << conflicts.load());

    Response final = setup.get(url);
    REQUIRE(final.status == 200);
    CHECK(num(final.json(), "version") == 1 + successes.load());
    // Every save is in the body, none overwritten: each thread's mark kThreads times.
    const std::string body = str(final.json(), "body");
    for (int t = 0; t < kThreads; ++t) {
        const std::string mark = std::to_string(t) + ",";
        int count = 0;
        for (std::size_t at = body.find(mark); at != std::string::npos; at = body.find(mark, at + 1)) ++count;
        CHECK(count == kUpdates);
    }
    Response revs = setup.get(url + "/revisions");
    REQUIRE(revs.status == 200);
    CHECK(num(revs.json(), "total") == 1 + successes.load());
    CHECK(items(revs)->size() == static_cast<std::size_t>(1 + successes.load()));
}

TEST_CASE("every answer, page or API or error, carries the browser's security headers") {
    ServerFixture f;
    Client c = f.client();
    const std::string host = "Host: 127.0.0.1:" + std::to_string(f.port()) + "\r\n";
    const std::vector<Response> answers = {c.get("/a.js"),
                                           c.get("/"),
                                           c.get("/api/session"),
                                           c.get("/api/nothing"),
                                           f.editor().get("/api/matters/1"),
                                           rawRequest(f.port(), "GET /a%zz HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")};
    for (std::size_t i = 0; i < answers.size(); ++i) {
        CAPTURE(i);
        const Response& r = answers[i];
        CHECK(r.status != 0);
        CHECK(r.header("X-Content-Type-Options") == "nosniff");
        CHECK(r.header("Content-Security-Policy") ==
              "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; "
              "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
        CHECK(r.header("Referrer-Policy") == "no-referrer");
        CHECK(r.header("X-Frame-Options") == "DENY");
    }
}

TEST_CASE("an HTTP version other than 1.0 and 1.1 is a 505 and a target that does not decode a 400") {
    ServerFixture f;
    const std::string host = "Host: 127.0.0.1:" + std::to_string(f.port()) + "\r\n";
    Response future = rawRequest(f.port(), "GET /a.js HTTP/9.9\r\n" + host + "\r\n");
    CHECK(future.status == 505);
    CHECK(future.error() == "不支持的 HTTP 版本“HTTP/9.9”：请用 HTTP/1.1 或 HTTP/1.0");
    CHECK(!contains(future.body, "export const a"));
    Response old = rawRequest(f.port(), "GET /a.js HTTP/1.0\r\n" + host + "\r\n");
    CHECK(old.status == 200);

    for (const char* target : {"/a%zz.js", "/api/matters%zz", "/a.js?q=%zz", "/%"}) {
        CAPTURE(target);
        Response r = rawRequest(f.port(), "GET " + std::string(target) + " HTTP/1.1\r\n" + host + "\r\n");
        CHECK(r.status == 400);
        CHECK(r.error().rfind("请求地址有误", 0) == 0);
    }
}

TEST_CASE("a Content-Length that is not a whole number is a 400") {
    ServerFixture f;
    const std::string host = "Host: 127.0.0.1:" + std::to_string(f.port()) + "\r\n";
    auto post = [&](const std::string& length) {
        return rawRequest(f.port(), "POST /api/session HTTP/1.1\r\n" + host + "Content-Length: " + length +
                                        "\r\nContent-Type: application/json\r\n\r\n{}");
    };
    // A sign Poco reads as a number: refused by the server.
    Response negative = post("-5");
    CHECK(negative.status == 400);
    CHECK(negative.field() == "Content-Length");
    CHECK(negative.error() == "请求头 Content-Length 应为字节数（不带符号的整数），而不是“-5”");
    CHECK(post("+2").status == 400);
    // What Poco cannot read at all: answered instead of dropped.
    for (const char* length : {"abc", "12x", "99999999999999999999999"}) {
        CAPTURE(length);
        Response r = post(length);
        CHECK(r.status == 400);
        CHECK(r.error().rfind("请求头无法读取（", 0) == 0);
        CHECK(contains(r.error(), length));
        CHECK(r.header("X-Content-Type-Options") == "nosniff");
    }
    CHECK(f.client().get("/a.js").status == 200);
}
