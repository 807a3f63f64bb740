// `gongshi serve` and `gongshi user` run as processes: options from a --config file, the port
// file, the log file, a graceful stop on SIGTERM; users with passwords from standard input.
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <vector>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

using gongshi::test::BackgroundProcess;
using gongshi::test::gongshiBinary;
using gongshi::test::runProcess;
using gongshi::test::slurp;
using gongshi::test::TempDir;

namespace {

// The port the server wrote, waiting at most 30 s for the file.
int waitForPort(const std::string& portFile, BackgroundProcess& server) {
    for (int i = 0; i < 300; ++i) {
        const std::string text = slurp(portFile);
        if (!text.empty()) return std::stoi(text);
        if (!server.running()) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    FAIL("the server wrote no port file: " << server.stderrText());
    return 0;
}

std::pair<int, std::string> get(int port, const std::string& path) {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest req("GET", path, Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(req);
    Poco::Net::HTTPResponse resp;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(resp), body);
    return {static_cast<int>(resp.getStatus()), body};
}

// The local addresses listening on `port` (IPv4, from /proc/net/tcp: "0100007F" is 127.0.0.1).
std::vector<std::string> listeningOn(int port) {
    std::ifstream in("/proc/net/tcp");
    std::string line;
    std::getline(in, line); // the header
    std::vector<std::string> out;
    char hexPort[8];
    std::snprintf(hexPort, sizeof hexPort, "%04X", port);
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string slot, local, remote, state;
        fields >> slot >> local >> remote >> state;
        if (state == "0A" && local.size() == 13 && local.substr(9) == hexPort) out.push_back(local.substr(0, 8));
    }
    return out;
}

} // namespace

TEST_CASE("gongshi serve takes its options from a config file, writes its port and log, and stops on SIGTERM") {
    TempDir dir("gongshi-serve-cli");
    const std::string data = dir / "data";
    REQUIRE(runProcess({gongshiBinary(), "import", "demo", "--data-dir", data}, 120000).exitCode == 0);
    {
        std::ofstream cfg(dir / "serve.properties");
        cfg << "# every option is a key\nport = 0\nhost = 127.0.0.1\ndata-dir = " << data << "\nthreads = 4\n";
    }
    BackgroundProcess server({gongshiBinary(), "serve", "--config", dir / "serve.properties", "--port-file", dir / "port"});
    const int port = waitForPort(dir / "port", server);
    REQUIRE(port > 0);

    auto [status, body] = get(port, "/api/openapi.json");
    CHECK(status == 200);
    CHECK(body.find("\"openapi\":\"3.0.3\"") != std::string::npos);
    CHECK(get(port, "/api/matters").first == 401);

    CHECK(server.stop(10000) == 0); // SIGTERM: a clean exit, not a kill
    const std::string log = slurp(data + "/logs/gongshi.log");
    CHECK(log.find("listening on http://127.0.0.1:" + std::to_string(port)) != std::string::npos);
    CHECK(log.find("GET /api/openapi.json 200") != std::string::npos);
    CHECK(log.find("GET /api/matters 401") != std::string::npos);
    CHECK(log.find("stopping") != std::string::npos);
}

TEST_CASE("gongshi serve stops within 10 s of SIGTERM under load, with keep-alive, slow and idle connections open") {
    TempDir dir("gongshi-serve-load");
    const std::string data = dir / "data";
    REQUIRE(runProcess({gongshiBinary(), "import", "demo", "--data-dir", data}, 120000).exitCode == 0);
    BackgroundProcess server({gongshiBinary(), "serve", "--data-dir", data, "--port", "0", "--port-file", dir / "port", "--threads", "8"});
    const int port = waitForPort(dir / "port", server);
    REQUIRE(port > 0);
    // Six clients asking as fast as they are answered, each on its keep-alive connection.
    std::atomic<bool> done{false};
    std::atomic<int> answered{0};
    std::vector<std::thread> clients;
    for (int i = 0; i < 6; ++i)
        clients.emplace_back([&] {
            while (!done) {
                try {
                    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
                    session.setTimeout(Poco::Timespan(5, 0));
                    for (int n = 0; n < 100 && !done; ++n) {
                        Poco::Net::HTTPRequest req("GET", "/api/player/5", Poco::Net::HTTPMessage::HTTP_1_1);
                        session.sendRequest(req);
                        Poco::Net::HTTPResponse resp;
                        std::string body;
                        Poco::StreamCopier::copyToString(session.receiveResponse(resp), body);
                        ++answered;
                    }
                } catch (const Poco::Exception&) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(20)); // stopping: connections refused
                }
            }
        });
    // Beside them, connections that send half a head and stay.
    std::vector<Poco::Net::StreamSocket> slow;
    for (int i = 0; i < 10; ++i) {
        slow.emplace_back(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
        const std::string half = "GET / HTTP/1.1\r\nHost: x\r\n";
        slow.back().sendBytes(half.data(), static_cast<int>(half.size()));
    }
    for (int i = 0; i < 50 && answered < 200; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(answered >= 200);
    const auto t0 = std::chrono::steady_clock::now();
    const int exit = server.stop(15000);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    done = true;
    for (auto& t : clients) t.join();
    MESSAGE("stopped under load in " << seconds << " s, after " << answered.load() << " answers");
    CHECK(exit == 0);
    CHECK(seconds < 10.0);
}

TEST_CASE("gongshi serve without --host listens on loopback only and says so") {
    TempDir dir("gongshi-serve-cli");
    BackgroundProcess server({gongshiBinary(), "serve", "--port", "0", "--data-dir", dir / "data", "--port-file", dir / "port"});
    const int port = waitForPort(dir / "port", server);
    CHECK(listeningOn(port) == std::vector<std::string>{"0100007F"});
    CHECK(get(port, "/api/openapi.json").first == 200);
    CHECK(server.stop(10000) == 0);
    CHECK(slurp(dir / "data/logs/gongshi.log").find("listening on http://127.0.0.1:" + std::to_string(port) + "/") != std::string::npos);

    // Asked for every interface, it says so too.
    BackgroundProcess all(
        {gongshiBinary(), "serve", "--port", "0", "--host", "0.0.0.0", "--data-dir", dir / "data", "--port-file", dir / "port2"});
    const int port2 = waitForPort(dir / "port2", all);
    CHECK(listeningOn(port2) == std::vector<std::string>{"00000000"});
    CHECK(all.stop(10000) == 0);
    CHECK(slurp(dir / "data/logs/gongshi.log").find("listening on http://0.0.0.0:" + std::to_string(port2) + "/") != std::string::npos);
}

TEST_CASE("gongshi serve refuses a bad option value and a port that is taken, saying which") {
    TempDir dir("gongshi-serve-cli");
    auto bad = runProcess({gongshiBinary(), "serve", "--port", "70000", "--data-dir", dir / "data"});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.find("--port“70000”应为0到65535之间的整数") != std::string::npos);

    auto drive = runProcess({gongshiBinary(), "serve", "--drive", "bogus", "--data-dir", dir / "data"});
    CHECK(drive.exitCode == 1);
    CHECK(drive.err.find("--drive 的值“bogus”不对：“bogus”应为 centre=中心编号[,中心编号] 或 tag=标签[,标签]") != std::string::npos);
    // The config file's key is read by the same parser.
    std::ofstream(dir / "drive.properties") << "drive = centre=3;tag=串口;\n";
    auto driveKey = runProcess({gongshiBinary(), "serve", "--config", dir / "drive.properties", "--data-dir", dir / "data"});
    CHECK(driveKey.exitCode == 1);
    CHECK(driveKey.err.find("--drive 的值“centre=3;tag=串口;”不对：“”应为") != std::string::npos);

    auto missing = runProcess({gongshiBinary(), "serve", "--config", dir / "nope.properties"});
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.find("无法读取文件 ") != std::string::npos);

    BackgroundProcess first(
        {gongshiBinary(), "serve", "--port", "0", "--host", "127.0.0.1", "--data-dir", dir / "a", "--port-file", dir / "port"});
    const int port = waitForPort(dir / "port", first);
    auto taken = runProcess({gongshiBinary(), "serve", "--port", std::to_string(port), "--host", "127.0.0.1", "--data-dir", dir / "b"});
    CHECK(taken.exitCode != 0);
    CHECK((taken.out + taken.err).find("无法在 127.0.0.1:" + std::to_string(port) + " 上监听") != std::string::npos);
    CHECK(first.stop(10000) == 0);
}

TEST_CASE("a second gongshi serve on the same data directory is refused, naming the first, and may start once it stops") {
    TempDir dir("gongshi-serve-cli");
    BackgroundProcess first({gongshiBinary(), "serve", "--port", "0", "--data-dir", dir / "data", "--port-file", dir / "port"});
    waitForPort(dir / "port", first);
    auto second = runProcess({gongshiBinary(), "serve", "--port", "0", "--data-dir", dir / "data"});
    CHECK(second.exitCode != 0);
    CHECK((second.out + second.err).find("已由另一个 gongshi serve（进程 " + std::to_string(first.pid()) + "）使用") != std::string::npos);
    CHECK(first.stop(10000) == 0);
    BackgroundProcess again({gongshiBinary(), "serve", "--port", "0", "--data-dir", dir / "data", "--port-file", dir / "port2"});
    CHECK(waitForPort(dir / "port2", again) > 0);
    CHECK(again.stop(10000) == 0);
}

TEST_CASE("gongshi serve keeps the hall's time zone in its log, and refuses one that does not exist") {
    TempDir dir("gongshi-serve-cli");
    // Urumqi: UTC+6 all year, unlike this machine's zone and China's standard time.
    BackgroundProcess server(
        {gongshiBinary(), "serve", "--port", "0", "--data-dir", dir / "data", "--port-file", dir / "port", "--timezone", "Asia/Urumqi"});
    waitForPort(dir / "port", server);
    CHECK(server.stop(10000) == 0);
    const std::string log = slurp(dir / "data/logs/gongshi.log");
    REQUIRE(log.size() > 19);
    std::tm tm{};
    REQUIRE(strptime(log.substr(0, 19).c_str(), "%Y-%m-%d %H:%M:%S", &tm) != nullptr);
    const long logged = static_cast<long>(timegm(&tm)); // the wall clock written, read as if UTC
    const long utcNow = static_cast<long>(std::time(nullptr));
    CHECK(std::labs(logged - (utcNow + 6 * 3600)) < 120);

    auto bad = runProcess({gongshiBinary(), "serve", "--port", "0", "--data-dir", dir / "data", "--timezone", "Mars/Olympus"});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.find("没有时区“Mars/Olympus”") != std::string::npos);
}

TEST_CASE("gongshi user adds users with a password from standard input, lists and removes them") {
    TempDir dir("gongshi-user-cli");
    const std::string data = dir / "data";
    auto add = runProcess({gongshiBinary(), "user", "add", "anna", "--role", "editor", "--data-dir", data}, 30000, "a-long-password\n");
    CHECK(add.exitCode == 0);
    CHECK(add.out == "已添加用户 anna（编辑）\n");

    auto noPassword = runProcess({gongshiBinary(), "user", "add", "bo", "--role", "admin", "--data-dir", data}, 30000, "");
    CHECK(noPassword.exitCode == 1);
    CHECK(noPassword.err.find("请在标准输入给出密码（一行）") != std::string::npos);
    auto shortPassword = runProcess({gongshiBinary(), "user", "add", "bo", "--role", "admin", "--data-dir", data}, 30000, "short\n");
    CHECK(shortPassword.exitCode == 1);
    CHECK(shortPassword.err.find("密码至少8位") != std::string::npos);
    auto badRole = runProcess({gongshiBinary(), "user", "add", "bo", "--role", "boss", "--data-dir", data}, 30000, "long-enough\n");
    CHECK(badRole.exitCode == 1);
    CHECK(badRole.err.find("role") != std::string::npos);
    auto noWindow = runProcess({gongshiBinary(), "user", "add", "w", "--role", "window", "--data-dir", data}, 30000, "long-enough\n");
    CHECK(noWindow.exitCode == 1);
    CHECK(noWindow.err.find("window_id") != std::string::npos);
    auto twice = runProcess({gongshiBinary(), "user", "add", "anna", "--role", "admin", "--data-dir", data}, 30000, "another-password\n");
    CHECK(twice.exitCode == 1);
    CHECK(twice.err.find("用户名“anna”已被占用") != std::string::npos);

    CHECK(runProcess({gongshiBinary(), "user", "list", "--data-dir", data}).out == "anna\teditor\n");
    CHECK(runProcess({gongshiBinary(), "user", "remove", "anna", "--data-dir", data}).exitCode == 0);
    CHECK(runProcess({gongshiBinary(), "user", "list", "--data-dir", data}).out.empty());
    CHECK(runProcess({gongshiBinary(), "user", "remove", "anna", "--data-dir", data}).exitCode == 1);
}

TEST_CASE("gongshi user add --centre makes a user of that centre, and refuses a centre that does not exist") {
    TempDir dir("gongshi-user-centre-cli");
    const std::string data = dir / "data";
    REQUIRE(runProcess({gongshiBinary(), "import", "demo", "--data-dir", data}, 120000).exitCode == 0); // centre 1
    auto add = runProcess({gongshiBinary(), "user", "add", "anna", "--role", "editor", "--centre", "1", "--data-dir", data}, 30000,
                          "a-long-password\n");
    CHECK_MESSAGE(add.exitCode == 0, add.err);
    auto county = runProcess({gongshiBinary(), "user", "add", "bo", "--role", "admin", "--data-dir", data}, 30000, "a-long-password\n");
    CHECK(county.exitCode == 0);
    auto none = runProcess({gongshiBinary(), "user", "add", "cai", "--role", "editor", "--centre", "7", "--data-dir", data}, 30000,
                           "a-long-password\n");
    CHECK(none.exitCode == 1);
    CHECK(none.err.find("编号为7的服务中心不存在") != std::string::npos);
    CHECK(runProcess({gongshiBinary(), "user", "list", "--data-dir", data}).out == "anna\teditor\tcentre 1\nbo\tadmin\n");
}
