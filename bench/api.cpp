// bench_api: requests per second and p99 latency of the content server for the two requests
// staff make most: listing 200 matters, and a screen preview PNG. The server runs in this process
// as `gongshi serve` runs it (its own thread pool, keep-alive, every request logged to a file);
// the load comes from wrk when it is installed, else from a built-in keep-alive client.
// Prints key=value figures; the last line is list_rps=N (target: 3,000 on 2 cores).
#include "records/Database.h"
#include "records/Demo.h"
#include "records/RecordStore.h"
#include "server/HttpServer.h"

#include <Poco/AutoPtr.h>
#include <Poco/FileChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/PatternFormatter.h>
#include <Poco/StreamCopier.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <regex>
#include <thread>
#include <unistd.h>

using namespace gongshi;
namespace fs = std::filesystem;

namespace {

struct Figures {
    double rps = 0;
    double p99ms = 0;
    long errors = 0;
};

std::string run(const std::string& command) {
    std::string out;
    if (FILE* p = popen(command.c_str(), "r")) {
        char buf[4096];
        while (std::size_t n = fread(buf, 1, sizeof buf, p)) out.append(buf, n);
        pclose(p);
    }
    return out;
}

double wrkMillis(const std::string& value, const std::string& unit) {
    double v = std::stod(value);
    if (unit == "us") return v / 1000;
    if (unit == "s") return v * 1000;
    return v;
}

// wrk with 2 threads and 32 connections for `seconds`.
Figures withWrk(const std::string& url, const std::string& cookie, int seconds) {
    const std::string out = run("wrk -t2 -c32 -d" + std::to_string(seconds) + "s --latency -H 'Cookie: " + cookie + "' '" + url + "' 2>&1");
    Figures f;
    std::smatch m;
    if (std::regex_search(out, m, std::regex(R"(Requests/sec:\s+([0-9.]+))"))) f.rps = std::stod(m[1]);
    if (std::regex_search(out, m, std::regex(R"(99%\s+([0-9.]+)(us|ms|s))"))) f.p99ms = wrkMillis(m[1], m[2]);
    if (std::regex_search(out, m, std::regex(R"(Non-2xx or 3xx responses:\s+(\d+))"))) f.errors = std::stol(m[1]);
    if (f.rps == 0) std::fprintf(stderr, "wrk said:\n%s\n", out.c_str());
    return f;
}

// The same load without wrk: 32 keep-alive connections on 2 threads' worth of clients.
Figures withClient(int port, const std::string& path, const std::string& cookie, int seconds) {
    std::atomic<bool> stop{false};
    std::atomic<long> errors{0};
    std::vector<std::vector<double>> latencies(32);
    std::vector<std::thread> clients;
    for (int c = 0; c < 32; ++c)
        clients.emplace_back([&, c] {
            Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
            session.setKeepAlive(true);
            while (!stop) {
                const auto t0 = std::chrono::steady_clock::now();
                Poco::Net::HTTPRequest req("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
                req.set("Cookie", cookie);
                session.sendRequest(req);
                Poco::Net::HTTPResponse resp;
                std::istream& in = session.receiveResponse(resp);
                std::string body;
                Poco::StreamCopier::copyToString(in, body);
                if (resp.getStatus() != 200) ++errors;
                latencies[c].push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            }
        });
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : clients) t.join();
    std::vector<double> all;
    for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    Figures f;
    f.rps = static_cast<double>(all.size()) / seconds;
    f.p99ms = all.empty() ? 0 : all[static_cast<std::size_t>(0.99 * static_cast<double>(all.size() - 1))];
    f.errors = errors;
    return f;
}

} // namespace

int main() {
    const fs::path dir = fs::temp_directory_path() / ("gongshi-bench-api-" + std::to_string(getpid()));
    fs::remove_all(dir);
    const int seconds = 10;

    // The demo centre, with its matter list grown to 200 by copies of its own matters.
    server::ServerConfig config;
    config.dataDir = dir.string();
    config.port = 0;
    config.host = "127.0.0.1";
    config.today = [] { return std::string("2026-11-27"); };
    server::HttpServer server(config);
    content::Database& db = server.database();
    content::importDemo(db, content::demoDataDir(), "bench");
    content::RecordStore<content::Matter> matters(db);
    auto existing = matters.all();
    std::vector<content::Matter> more;
    for (std::size_t i = 0; existing.size() + more.size() < 200; ++i) {
        content::Matter m = existing[i % existing.size()];
        m.name += "（" + std::to_string(i + 1) + "）";
        more.push_back(m);
    }
    matters.createAll(more, "bench");
    server.auth().addUser("bench", "editor", 0, "bench-password", "bench");

    // Every request logged to a file, as `gongshi serve` does.
    Poco::AutoPtr<Poco::FileChannel> file(new Poco::FileChannel((dir / "serve.log").string()));
    Poco::AutoPtr<Poco::FormattingChannel> channel(
        new Poco::FormattingChannel(new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S %p %s: %t"), file));
    Poco::Logger::get("gongshi.http").setChannel(channel);
    Poco::Logger::get("gongshi.http").setLevel(Poco::Message::PRIO_INFORMATION);

    server.start();
    const int port = server.port();
    const std::string cookie = "gongshi_session=" + server.auth().login("bench", "bench-password", "127.0.0.1").token;
    const std::string base = "http://127.0.0.1:" + std::to_string(port);
    const std::string listPath = "/api/matters?limit=200";
    const std::string previewPath = "/api/screens/1/preview.png?page=0";

    const bool wrk = std::system("command -v wrk >/dev/null 2>&1") == 0;
    auto measure = [&](const std::string& path) {
        return wrk ? withWrk(base + path, cookie, seconds) : withClient(port, path, cookie, seconds);
    };
    // One warm-up pass each: fonts opened, pages cached by the OS.
    wrk ? withWrk(base + listPath, cookie, 1) : withClient(port, listPath, cookie, 1);
    const Figures preview = measure(previewPath);
    const Figures list = measure(listPath);
    server.stop();
    fs::remove_all(dir);

    std::printf("load=%s, 32 connections, %d s each\n", wrk ? "wrk -t2 -c32" : "built-in client", seconds);
    std::printf("preview_rps=%.0f\npreview_p99_ms=%.2f\npreview_errors=%ld\n", preview.rps, preview.p99ms, preview.errors);
    std::printf("list_p99_ms=%.2f\nlist_errors=%ld\nlist_vs_target=%.2f\n", list.p99ms, list.errors, list.rps / 3000.0);
    std::printf("list_rps=%.0f\n", list.rps);
    return list.errors == 0 && preview.errors == 0 ? 0 : 1;
}
