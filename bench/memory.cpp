// bench_memory: the server's memory and start-up time with a large centre. A data directory with
// the demo centre, 10,000 matters and 5,000 notices (imported as staff import them, from CSV, every
// notice published today) is served by `gongshi serve` as a process of its own, driving the demo's
// screens: its four cards emulated by `gongshi emulate` processes on loopback, and the web TV.
// Timed from the server's start until every screen has been given what it plays (GET /api/health:
// each screen says what it shows), then a few list, preview and print requests are made.
// Peak memory is the server's VmHWM from /proc. Target: < 500 MB.
// Prints key=value figures; the last line is ratio_to_target=peak/target.
#include "records/Csv.h"
#include "records/Demo.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using namespace gongshi;
namespace fs = std::filesystem;
using Clk = std::chrono::steady_clock;

namespace {

constexpr int kMatters = 10000;
constexpr int kNotices = 5000;
constexpr double kTargetMb = 500;

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeFile(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary);
    out << bytes;
}

// A child process: argv[0] is the program; stdin from /dev/null unless `input` is given (then a
// pipe it is written to and closed), stdout to `out` (else /dev/null).
struct Child {
    pid_t pid = -1;

    Child(const std::vector<std::string>& argv, const fs::path& out = {}, const std::string* input = nullptr) {
        int in[2] = {-1, -1};
        if (input && pipe(in) != 0) throw std::runtime_error("pipe failed");
        pid = fork();
        if (pid < 0) throw std::runtime_error("fork failed");
        if (pid == 0) {
            if (input) {
                dup2(in[0], 0);
                close(in[0]);
                close(in[1]);
            } else {
                std::freopen("/dev/null", "r", stdin);
            }
            std::freopen(out.empty() ? "/dev/null" : out.c_str(), "w", stdout);
            std::freopen("/dev/null", "w", stderr);
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            execv(args[0], args.data());
            _exit(127);
        }
        if (input) {
            close(in[0]);
            (void)!write(in[1], input->data(), input->size());
            close(in[1]);
        }
    }
    int wait() {
        int status = 0;
        waitpid(pid, &status, 0);
        pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    void stop() {
        if (pid <= 0) return;
        kill(pid, SIGTERM);
        for (int i = 0; i < 100; ++i) {
            if (waitpid(pid, nullptr, WNOHANG) == pid) {
                pid = -1;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        kill(pid, SIGKILL);
        waitpid(pid, nullptr, 0);
        pid = -1;
    }
    ~Child() { stop(); }
};

int run(const std::vector<std::string>& argv, const std::string* input = nullptr) { return Child(argv, {}, input).wait(); }

// The first line of `file` once it has one (an emulator's or server's address), within 10 s.
std::string firstLine(const fs::path& file) {
    for (int i = 0; i < 200; ++i) {
        std::ifstream in(file);
        std::string line;
        if (std::getline(in, line) && !line.empty()) return line;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("nothing written to " + file.string());
}

struct Http {
    explicit Http(int port) : session("127.0.0.1", static_cast<Poco::UInt16>(port)) { session.setTimeout(Poco::Timespan(120, 0)); }
    int send(const std::string& method, const std::string& path, const std::string& body, std::string& text) {
        Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        if (!cookie.empty()) req.set("Cookie", "gongshi_session=" + cookie);
        if (!csrf.empty()) req.set("X-CSRF-Token", csrf);
        req.setContentType("application/json");
        req.setContentLength(static_cast<std::streamsize>(body.size()));
        session.sendRequest(req) << body;
        Poco::Net::HTTPResponse resp;
        text.clear();
        Poco::StreamCopier::copyToString(session.receiveResponse(resp), text);
        if (cookie.empty())
            for (const auto& [name, value] : resp)
                if (name == "Set-Cookie" && value.rfind("gongshi_session=", 0) == 0) cookie = value.substr(16, value.find(';') - 16);
        return static_cast<int>(resp.getStatus());
    }
    Poco::Net::HTTPClientSession session;
    std::string cookie, csrf;
};

long statusKb(pid_t pid, const std::string& key) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key + ":", 0) == 0) return std::atol(line.c_str() + key.size() + 1);
    return 0;
}

// The demo's CSV rows, repeated with numbered codes, names and titles up to `count` rows.
std::string scaledCsv(const fs::path& demoCsv, int count, bool notices) {
    const content::CsvDocument doc = content::readCsv(readFile(demoCsv));
    std::vector<content::CsvRow> rows{doc.rows.front()};
    const std::size_t n = doc.rows.size() - 1;
    for (int i = 0; i < count; ++i) {
        content::CsvRow row = doc.rows[1 + static_cast<std::size_t>(i) % n];
        if (notices) {
            row[1] += "（第" + std::to_string(i + 1) + "期）"; // 标题
            row[3] = "2000-01-01";                             // 公示开始
            row[4] = "2099-12-31";                             // 公示结束
            row[5] = "";                                       // 紧急
        } else {
            row[0] += "-" + std::to_string(i + 1);         // 事项编码
            row[1] += "（" + std::to_string(i + 1) + "）"; // 事项名称
        }
        rows.push_back(std::move(row));
    }
    return content::writeCsv(rows);
}

} // namespace

int main() {
    // GONGSHI_BIN: another build's gongshi (to compare), else the one built with this benchmark.
    const char* bin = std::getenv("GONGSHI_BIN");
    const std::string gongshi = bin && *bin ? bin : GONGSHI_BINARY;
    const fs::path home = fs::temp_directory_path() / ("gongshi-bench-memory-" + std::to_string(getpid()));
    fs::remove_all(home);
    fs::create_directories(home);
    const fs::path data = home / "data";
    int code = 0;
    {
        // The demo's four cards, emulated on loopback ports the system picks.
        struct Card {
            const char* name;
            std::vector<std::string> args;
        };
        const std::vector<Card> cards = {
            {"hall-strip",
             {"--protocol", "bx-k", "--width", "256", "--height", "32", "--color", "red-green", "--listen", "tcp:127.0.0.1:0"}},
            {"hall-panel", {"--protocol", "ddp", "--width", "128", "--height", "64", "--color", "rgb", "--listen", "udp:127.0.0.1:0"}},
            {"window-1", {"--protocol", "bx-6", "--width", "64", "--height", "16", "--color", "red-green", "--listen", "tcp:127.0.0.1:0"}},
            {"window-4", {"--protocol", "bx-k", "--width", "64", "--height", "16", "--color", "red-green", "--listen", "tcp:127.0.0.1:0"}},
        };
        std::vector<std::unique_ptr<Child>> emulators;
        std::vector<std::string> addresses;
        for (const auto& c : cards) {
            const fs::path dir = home / "screens" / c.name;
            fs::create_directories(dir);
            std::vector<std::string> argv{gongshi, "emulate"};
            argv.insert(argv.end(), c.args.begin(), c.args.end());
            argv.insert(argv.end(), {"--out-dir", dir.string()});
            emulators.push_back(std::make_unique<Child>(argv, home / "screens" / (std::string(c.name) + ".addr")));
            addresses.push_back(firstLine(home / "screens" / (std::string(c.name) + ".addr")).substr(13)); // "listening on "
        }
        // The demo data set with its screens on those emulators.
        const fs::path demo = home / "demo-set";
        fs::copy(content::demoDataDir(), demo, fs::copy_options::recursive);
        std::string screens = readFile(demo / "screens.json");
        const std::vector<std::string> demoAddresses = {"tcp:127.0.0.1:5005", "udp:127.0.0.1:4048", "tcp:127.0.0.1:5006",
                                                        "serial:/dev/ttyUSB0@9600"};
        for (std::size_t i = 0; i < demoAddresses.size(); ++i)
            screens.replace(screens.find(demoAddresses[i]), demoAddresses[i].size(), addresses[i]);
        writeFile(demo / "screens.json", screens);

        const auto importStart = Clk::now();
        if (run({gongshi, "import", "demo", "--data-dir", data.string(), "--demo-dir", demo.string()}) != 0)
            throw std::runtime_error("gongshi import demo failed");
        writeFile(home / "matters.csv", scaledCsv(demo / "matters.csv", kMatters, false));
        writeFile(home / "notices.csv", scaledCsv(demo / "notices.csv", kNotices, true));
        if (run({gongshi, "import", "matters", (home / "matters.csv").string(), "--data-dir", data.string()}) != 0)
            throw std::runtime_error("gongshi import matters failed");
        if (run({gongshi, "import", "notices", (home / "notices.csv").string(), "--data-dir", data.string()}) != 0)
            throw std::runtime_error("gongshi import notices failed");
        const std::string password = "bench-memory-password\n";
        if (run({gongshi, "user", "add", "bench", "--role", "editor", "--data-dir", data.string()}, &password) != 0)
            throw std::runtime_error("gongshi user add failed");
        const double importSeconds = std::chrono::duration<double>(Clk::now() - importStart).count();

        const auto serveStart = Clk::now();
        Child server({gongshi, "serve", "--port", "0", "--data-dir", data.string(), "--port-file", (home / "port").string()});
        const int port = std::stoi(firstLine(home / "port"));
        Http http(port);
        std::string text;
        if (http.send("POST", "/api/session", "{\"username\": \"bench\", \"password\": \"bench-memory-password\"}", text) != 200)
            throw std::runtime_error("login failed: " + text);
        std::smatch m;
        if (std::regex_search(text, m, std::regex("\"csrf\"\\s*:\\s*\"([^\"]+)\""))) http.csrf = m[1];
        // Every screen given its plan: each says what it shows.
        double startupSeconds = -1;
        int screenCount = 0;
        for (int i = 0; i < 6000 && startupSeconds < 0; ++i) {
            if (http.send("GET", "/api/health", "", text) == 200) {
                const std::regex showing("\"showing\"\\s*:\\s*\"([^\"]*)\"");
                int shown = 0, all = 0;
                for (auto it = std::sregex_iterator(text.begin(), text.end(), showing); it != std::sregex_iterator(); ++it) {
                    ++all;
                    shown += (*it)[1].length() > 0 ? 1 : 0;
                }
                if (all > 0 && shown == all) {
                    startupSeconds = std::chrono::duration<double>(Clk::now() - serveStart).count();
                    screenCount = all;
                }
            }
            if (startupSeconds < 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        const long startupPeakKb = statusKb(server.pid, "VmHWM");
        // What staff do next: lists, previews of the screens, post cards.
        int failed = 0;
        for (const char* path :
             {"/api/matters?limit=200", "/api/notices?limit=200", "/api/matters?limit=1000&offset=5000",
              "/api/screens/1/preview.png?scale=4", "/api/screens/2/preview.png?scale=4", "/api/screens/5/preview.png?scale=2",
              "/api/screens/5/preview.png?page=3&scale=2", "/api/print/postcards.png", "/api/print/poster.json"})
            failed += http.send("GET", path, "", text) == 200 ? 0 : 1;
        std::this_thread::sleep_for(std::chrono::seconds(2));
        const long peakKb = statusKb(server.pid, "VmHWM");
        const long rssKb = statusKb(server.pid, "VmRSS");
        server.stop();
        for (auto& e : emulators) e->stop();

        std::printf("matters=%d\nnotices=%d\nscreens=%d\n", kMatters, kNotices, screenCount);
        std::printf("import_seconds=%.1f\n", importSeconds);
        std::printf("startup_seconds=%.1f\n", startupSeconds);
        std::printf("startup_peak_rss_mb=%.0f\n", startupPeakKb / 1024.0);
        std::printf("requests_failed=%d\n", failed);
        std::printf("rss_mb=%.0f\n", rssKb / 1024.0);
        std::printf("peak_rss_mb=%.0f\n", peakKb / 1024.0);
        std::printf("target_mb=%.0f\n", kTargetMb);
        std::printf("ratio_to_target=%.2f\n", peakKb / 1024.0 / kTargetMb);
        if (startupSeconds < 0) {
            std::fprintf(stderr, "not every screen was given its plan within 10 minutes\n");
            code = 1;
        }
    }
    fs::remove_all(home);
    return code;
}
