// bench_delivery: how fast an edit reaches a screen, and what 1,000 screens cost the server.
//  1. Edit-to-screen latency: 20 BX-K window screens emulated on loopback (card decoders in this
//     process, one poll loop); each edit is a window's status changed through the HTTP API, timed
//     until the emulated card's picture changes. Target p95 < 100 ms.
//  2. Steady state with 1,000 BX-K screens: the cards are emulated by a child process (one poll
//     loop); this process is the server alone. CPU over 30 s once every screen is delivered, and
//     resident memory. Targets < 0.5 core, < 200 MB.
// Prints key=value figures: edit_to_screen_p95_ms=, cpu_cores_1000=, rss_mb_1000=.
#include "records/Database.h"
#include "records/Demo.h"
#include "records/RecordJson.h"
#include "records/RecordStore.h"
#include "protocols/Protocol.h"
#include "server/HttpServer.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

using namespace gongshi;
namespace fs = std::filesystem;
using Clk = std::chrono::steady_clock;

namespace {

void raiseFdLimit() {
    rlimit r{};
    getrlimit(RLIMIT_NOFILE, &r);
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
}

protocols::ScreenSpec windowScreen() {
    protocols::ScreenSpec s;
    s.width = 64;
    s.height = 16;
    s.color = renderer::ColorMode::RedGreen;
    return s;
}

// N emulated BX-K cards, each on its own loopback port, served by one poll loop.
class Cards {
public:
    explicit Cards(int n) : protocol_(protocols::makeProtocol("bx-k")) {
        for (int i = 0; i < n; ++i) {
            int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, 4) != 0) {
                std::perror("bench_delivery: listen");
                std::exit(1);
            }
            socklen_t len = sizeof a;
            ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
            listeners_.push_back(fd);
            ports_.push_back(ntohs(a.sin_port));
            changedAt_.emplace_back(Clk::time_point{});
        }
    }

    const std::vector<int>& ports() const { return ports_; }

    // When card i last received a whole picture.
    Clk::time_point changedAt(int i) {
        std::lock_guard lock(mutex_);
        return changedAt_[static_cast<std::size_t>(i)];
    }

    void run(const std::atomic<bool>& stop) {
        struct Conn {
            int card;
            std::unique_ptr<protocols::CardDecoder> decoder;
        };
        std::map<int, Conn> conns;
        std::vector<pollfd> fds;
        std::vector<std::uint8_t> buf(65536);
        // Card i's picture counts as received when its last bitmap frame has come.
        while (!stop) {
            fds.clear();
            for (int fd : listeners_) fds.push_back({fd, POLLIN, 0});
            for (auto& [fd, c] : conns) fds.push_back({fd, POLLIN, 0});
            if (::poll(fds.data(), fds.size(), 200) <= 0) continue;
            for (std::size_t k = 0; k < fds.size(); ++k) {
                if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                const int fd = fds[k].fd;
                if (k < listeners_.size()) {
                    int c = ::accept4(fd, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (c < 0) continue;
                    auto decoder =
                        protocol_->makeCard(windowScreen(), [](const std::string&, int w, int h, renderer::ColorMode m, renderer::Color,
                                                               protocols::HAlign) { return renderer::Bitmap(w, h, m); });
                    conns[c] = Conn{static_cast<int>(k), std::move(decoder)};
                    continue;
                }
                Conn& conn = conns[fd];
                const ssize_t n = ::read(fd, buf.data(), buf.size());
                if (n <= 0) {
                    ::close(fd);
                    conns.erase(fd);
                    continue;
                }
                for (const auto& e : conn.decoder->feed(buf.data(), static_cast<std::size_t>(n))) {
                    if (!e.reply.empty()) (void)!::write(fd, e.reply.data(), e.reply.size());
                    // A new picture has arrived whole (the card shows its first page; the edit may
                    // change a later one).
                    if (e.cmd == "bitmap" && e.ok && e.details.count("area") && e.details.count("blocks")) {
                        std::lock_guard lock(mutex_);
                        changedAt_[static_cast<std::size_t>(conn.card)] = Clk::now();
                    }
                }
            }
        }
        for (auto& [fd, c] : conns) ::close(fd);
        for (int fd : listeners_) ::close(fd);
    }

private:
    std::unique_ptr<protocols::Protocol> protocol_;
    std::vector<int> listeners_;
    std::vector<int> ports_;
    std::mutex mutex_;
    std::vector<Clk::time_point> changedAt_;
};

struct Http {
    explicit Http(int port) : session("127.0.0.1", static_cast<Poco::UInt16>(port)) { session.setKeepAlive(true); }
    int request(const std::string& method, const std::string& path, const std::string& body, std::string* out = nullptr) {
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        if (!cookie.empty()) req.set("Cookie", "gongshi_session=" + cookie);
        if (!csrf.empty()) req.set("X-CSRF-Token", csrf);
        req.setContentType("application/json");
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(req) << body;
        Poco::Net::HTTPResponse resp;
        std::string text;
        Poco::StreamCopier::copyToString(session.receiveResponse(resp), text);
        if (out) *out = text;
        return static_cast<int>(resp.getStatus());
    }
    Poco::Net::HTTPClientSession session;
    std::string cookie, csrf;
};

// A data directory with the demo centre and `n` window screens (64x16 BX-K) at the given ports,
// each with a program showing one of the centre's windows, statically, and nothing else.
void prepare(content::Database& db, const std::vector<int>& ports) {
    content::importDemo(db, content::demoDataDir(), "bench");
    content::RecordStore<content::Program> programs(db);
    content::RecordStore<content::ScreenRecord> screens(db);
    for (const auto& p : programs.all()) programs.remove(p.meta.id, p.meta.version, "bench");
    for (const auto& s : screens.all()) screens.remove(s.meta.id, s.meta.version, "bench");
    // The urgent notice would interrupt every screen: made ordinary, the programs show.
    content::RecordStore<content::Notice> notices(db);
    for (auto n : notices.all())
        if (n.urgent) {
            n.urgent = false;
            notices.update(n, "bench");
        }
    const auto windows = content::RecordStore<content::Window>(db).all();
    std::vector<content::ScreenRecord> made;
    for (std::size_t i = 0; i < ports.size(); ++i) {
        content::ScreenRecord s;
        s.centreId = 1;
        s.name = "窗口屏" + std::to_string(i + 1);
        s.width = 64;
        s.height = 16;
        s.color = "red-green";
        s.fontProfile = "led16";
        s.protocol = "bx-k";
        s.address = "tcp:127.0.0.1:" + std::to_string(ports[i]);
        made.push_back(s);
    }
    screens.createAll(made, "bench");
    std::vector<content::Program> progs;
    for (std::size_t i = 0; i < made.size(); ++i) {
        content::Program p;
        p.screenId = made[i].meta.id;
        p.name = "窗口状态";
        content::ProgramArea a;
        a.width = 64;
        a.height = 16;
        a.effect = content::AreaEffect::Static;
        a.items.push_back({content::ItemKind::Window, windows[i % windows.size()].meta.id, ""});
        p.areas.push_back(a);
        progs.push_back(p);
    }
    programs.createAll(progs, "bench");
}

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double rssMb() {
    std::ifstream in("/proc/self/status");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
    return 0;
}

server::ServerConfig config(const fs::path& dir) {
    server::ServerConfig c;
    c.dataDir = dir.string();
    c.host = "127.0.0.1";
    c.port = 0;
    c.deliveryOptions.urgentFor = std::chrono::seconds(0);
    return c;
}

bool waitDelivered(server::HttpServer& server, std::size_t screens, std::chrono::seconds limit) {
    const auto end = Clk::now() + limit;
    while (Clk::now() < end) {
        std::size_t done = 0;
        for (const auto& h : server.devices()->health()) done += h.online && h.deliveredVersion > 0;
        if (done >= screens) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

std::pair<double, double> latency(const fs::path& dir) {
    const int n = 20, edits = 100;
    Cards cards(n);
    std::atomic<bool> stop{false};
    std::thread loop([&] { cards.run(stop); });
    server::ServerConfig c = config(dir);
    server::HttpServer server(c);
    prepare(server.database(), cards.ports());
    server.auth().addUser("bench", "editor", 0, "bench-password", "bench");
    server.start();
    if (!waitDelivered(server, n, std::chrono::seconds(60))) std::fprintf(stderr, "bench_delivery: not every screen came up\n");

    // An editor's session, made where the server keeps them (HTTPClientSession keeps no cookies).
    Http http(server.port());
    http.cookie = server.auth().login("bench", "bench-password", "127.0.0.1").token;
    http.csrf = server.auth().lookup(http.cookie)->csrf;

    const auto windows = content::RecordStore<content::Window>(server.database()).all();
    std::vector<double> ms;
    for (int i = 0; i < edits; ++i) {
        // Screen i % n shows window (i % n) % windows: every screen of that window changes; time
        // the first screen showing it.
        const int screen = i % static_cast<int>(windows.size());
        const content::Id window = windows[static_cast<std::size_t>(screen)].meta.id;
        char body[256];
        std::snprintf(body, sizeof body, R"({"status":"away","away":{"where":"村委会","why":"入户","back_at":"%02d:%02d","phone":""}})",
                      8 + i / 60, i % 60);
        const auto before = cards.changedAt(screen);
        const auto t0 = Clk::now();
        if (http.request("PUT", "/api/windows/" + std::to_string(window) + "/status", body) != 200) {
            std::fprintf(stderr, "bench_delivery: the edit was refused\n");
            break;
        }
        const auto deadline = t0 + std::chrono::seconds(5);
        while (cards.changedAt(screen) == before && Clk::now() < deadline) std::this_thread::sleep_for(std::chrono::microseconds(200));
        ms.push_back(std::chrono::duration<double, std::milli>(cards.changedAt(screen) - t0).count());
    }
    server.stop();
    stop = true;
    loop.join();
    std::sort(ms.begin(), ms.end());
    auto at = [&](double q) { return ms[static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1))]; };
    return {at(0.5), at(0.95)};
}

std::pair<double, double> steadyState(const fs::path& dir, const char* self) {
    const int n = 1000;
    const fs::path portsFile = dir / "ports.txt";
    fs::create_directories(dir);
    const pid_t child = fork();
    if (child == 0) {
        execl(self, self, "--cards", std::to_string(n).c_str(), portsFile.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    std::vector<int> ports;
    for (int i = 0; i < 600 && ports.size() < static_cast<std::size_t>(n); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::ifstream in(portsFile);
        ports.clear();
        for (int p; in >> p;) ports.push_back(p);
    }
    server::ServerConfig c = config(dir / "data");
    server::HttpServer server(c);
    prepare(server.database(), ports);
    server.start();
    const auto t0 = Clk::now();
    const bool up = ports.size() == static_cast<std::size_t>(n) && waitDelivered(server, ports.size(), std::chrono::seconds(300));
    std::printf("screens_1000=%zu\n", server.devices()->health().size());
    std::printf("screens_1000_up_seconds=%.1f%s\n", std::chrono::duration<double>(Clk::now() - t0).count(), up ? "" : " (not all)");
    const double cpu0 = cpuSeconds();
    const auto w0 = Clk::now();
    std::this_thread::sleep_for(std::chrono::seconds(30));
    const double cores = (cpuSeconds() - cpu0) / std::chrono::duration<double>(Clk::now() - w0).count();
    const double rss = rssMb();
    server.stop();
    kill(child, SIGTERM);
    waitpid(child, nullptr, 0);
    return {cores, rss};
}

} // namespace

int main(int argc, char** argv) {
    raiseFdLimit();
    if (argc == 4 && std::string(argv[1]) == "--cards") {
        // The child: the cards, until told to stop.
        Cards cards(std::atoi(argv[2]));
        {
            std::ofstream out(std::string(argv[3]) + ".tmp");
            for (int p : cards.ports()) out << p << "\n";
        }
        fs::rename(std::string(argv[3]) + ".tmp", argv[3]);
        static std::atomic<bool> stop{false};
        signal(SIGTERM, [](int) { stop = true; });
        cards.run(stop);
        return 0;
    }
    const fs::path dir = fs::temp_directory_path() / ("gongshi-bench-delivery-" + std::to_string(getpid()));
    fs::remove_all(dir);
    auto [p50, p95] = latency(dir / "latency");
    std::printf("edit_to_screen_p50_ms=%.1f\nedit_to_screen_p95_ms=%.1f\nedit_to_screen_p95_vs_target=%.2f\n", p50, p95, p95 / 100.0);
    std::fflush(stdout);
    auto [cores, rss] = steadyState(dir / "steady", argv[0]);
    fs::remove_all(dir);
    std::printf("cpu_cores_1000=%.3f\ncpu_vs_target=%.2f\nrss_mb_1000=%.1f\nrss_vs_target=%.2f\n", cores, cores / 0.5, rss, rss / 200.0);
    return 0;
}
