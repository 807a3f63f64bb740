// `gongshi probe` against emulated cards run as processes: over a pseudo-terminal with a card set
// to a baud rate and an address the probe does not know, over TCP and UDP, and against a line where
// nothing answers. The probe must find what is there, say what it found in the contract's words,
// stay within the bound it printed first, and write nothing to a card.
#include "protocols/transport/TcpListener.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;
using namespace gongshi;
using test::BackgroundProcess;
using test::gongshiBinary;
using test::runProcess;
using test::TempDir;

namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

std::string listenAddress(const std::string& line) {
    auto at = line.find("listening on ");
    return at == std::string::npos ? "" : line.substr(at + 13);
}

// The bound the probe printed on its first line ("..., at most 12.0 s"), in milliseconds.
long long printedBoundMs(const std::string& out) {
    std::smatch m;
    const std::string first = lines(out).empty() ? "" : lines(out).front();
    if (!std::regex_search(first, m, std::regex("at most ([0-9]+)\\.([0-9]) s"))) return -1;
    return std::stoll(m[1]) * 1000 + std::stoll(m[2]) * 100;
}

// The commands the card saw, from its frames.jsonl.
std::vector<std::string> commandsSeen(const fs::path& dir) {
    std::vector<std::string> out;
    std::ifstream in(dir / "frames.jsonl");
    std::regex cmd("\"cmd\": \"([a-z-]+)\"");
    for (std::string l; std::getline(in, l);) {
        std::smatch m;
        if (std::regex_search(l, m, cmd)) out.push_back(m[1]);
    }
    return out;
}

struct Timed {
    test::ProcessResult result;
    long long ms = 0;
};

Timed probe(const std::vector<std::string>& extra) {
    std::vector<std::string> argv = {gongshiBinary(), "probe"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    auto start = std::chrono::steady_clock::now();
    Timed t;
    t.result = runProcess(argv, 120000);
    t.ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    return t;
}

} // namespace

TEST_CASE("probe finds a bx-k card on a serial line at its baud rate and address, and writes nothing to it") {
    TempDir dir("gongshi-probe");
    BackgroundProcess emu({gongshiBinary(), "emulate", "--protocol", "bx-k", "--width", "128", "--height", "32", "--color", "red-green",
                           "--address", "3", "--pty", "--baud", "38400", "--out-dir", dir.str(), "--max-seconds", "120"});
    const std::string pty = emu.readLine();
    REQUIRE_MESSAGE(pty.rfind("/dev/pts/", 0) == 0, emu.stderrText());
    const std::string screenBefore = test::slurp(dir.path() / "screen.png");

    Timed t = probe({"--to", "serial:" + pty, "--protocol", "bx-k", "--timeout-ms", "300"});
    INFO(t.result.out, t.result.err);
    CHECK(t.result.exitCode == 0);
    auto out = lines(t.result.out);
    REQUIRE(out.size() >= 2);
    CHECK(out[0].rfind("probing serial:" + pty + ": 1 protocol(s), 5 baud rate(s)", 0) == 0);
    // 9600 and 19200 are tried first and heard as line noise; the card answers at 38400 from its address.
    CHECK(out[1].rfind("found bx-k address 3 baud 38400", 0) == 0);
    // What the card said of itself: the K status answer (power, brightness, programs in flash).
    CHECK(out[1].find("power on") != std::string::npos);
    CHECK(out[1].find("brightness 15") != std::string::npos);
    CHECK(out[1].find("programs 0") != std::string::npos);
    const long long bound = printedBoundMs(t.result.out);
    CHECK(bound > 0);
    CHECK(t.ms <= bound + 1500); // the process's own start and exit on top of the bound

    // Safe on a playing card: it heard status questions (and noise at the wrong rates), nothing else.
    for (const std::string& cmd : commandsSeen(dir.path())) {
        CAPTURE(cmd);
        CHECK((cmd == "status" || cmd == "garbage" || cmd == "unknown"));
    }
    CHECK(test::slurp(dir.path() / "screen.png") == screenBefore);
    CHECK(emu.stop() == 0);
}

TEST_CASE("probe names the baud rate given in the address and tries only that one") {
    TempDir dir("gongshi-probe");
    BackgroundProcess emu({gongshiBinary(), "emulate", "--protocol", "bx-k", "--width", "64", "--height", "16", "--pty", "--baud", "9600",
                           "--out-dir", dir.str(), "--max-seconds", "120"});
    const std::string pty = emu.readLine();
    REQUIRE(pty.rfind("/dev/pts/", 0) == 0);
    Timed t = probe({"--to", "serial:" + pty + "@9600", "--protocol", "bx-k", "--timeout-ms", "300"});
    INFO(t.result.out, t.result.err);
    CHECK(t.result.exitCode == 0);
    auto out = lines(t.result.out);
    REQUIRE(out.size() >= 2);
    CHECK(out[0].find("1 baud rate(s)") != std::string::npos);
    CHECK(out[1].rfind("found bx-k address 1 baud 9600", 0) == 0);
    CHECK(emu.stop() == 0);
}

TEST_CASE("probe finds a bx-6 card over TCP and reports its status") {
    TempDir dir("gongshi-probe");
    BackgroundProcess emu({gongshiBinary(), "emulate", "--protocol", "bx-6", "--width", "96", "--height", "32", "--color", "rgb",
                           "--listen", "tcp:127.0.0.1:0", "--out-dir", dir.str(), "--max-seconds", "120"});
    const std::string address = listenAddress(emu.readLine());
    REQUIRE_MESSAGE(!address.empty(), emu.stderrText());
    Timed t = probe({"--to", address, "--timeout-ms", "500"});
    INFO(t.result.out, t.result.err);
    CHECK(t.result.exitCode == 0);
    bool found = false;
    for (const std::string& l : lines(t.result.out)) found = found || l.rfind("found bx-6 address ", 0) == 0;
    CHECK(found);
    CHECK(t.result.out.find("baud") == std::string::npos); // no baud rate on a network link
    CHECK(emu.stop() == 0);
}

TEST_CASE("probe finds an Alpha sign on a serial line (7E1, as signs are set) and a DDP display over UDP") {
    TempDir signDir("gongshi-probe");
    BackgroundProcess sign({gongshiBinary(), "emulate", "--protocol", "alpha", "--width", "80", "--height", "16", "--address", "5", "--pty",
                            "--baud", "9600", "--out-dir", signDir.str(), "--max-seconds", "120"});
    const std::string pty = sign.readLine();
    REQUIRE_MESSAGE(pty.rfind("/dev/pts/", 0) == 0, sign.stderrText());
    Timed t = probe({"--to", "serial:" + pty, "--protocol", "alpha", "--timeout-ms", "300"});
    INFO(t.result.out, t.result.err);
    CHECK(t.result.exitCode == 0);
    auto out = lines(t.result.out);
    REQUIRE(out.size() >= 2);
    // The question goes to every sign (00); the sign answers from its own address.
    CHECK(out[1].rfind("found alpha address 5 baud 9600", 0) == 0);
    CHECK(t.ms <= printedBoundMs(t.result.out) + 1500);
    CHECK(sign.stop() == 0);

    TempDir ddpDir("gongshi-probe");
    BackgroundProcess display({gongshiBinary(), "emulate", "--protocol", "ddp", "--width", "32", "--height", "8", "--color", "rgb",
                               "--listen", "udp:127.0.0.1:0", "--out-dir", ddpDir.str(), "--max-seconds", "120"});
    const std::string address = listenAddress(display.readLine());
    REQUIRE(!address.empty());
    Timed d = probe({"--to", address, "--timeout-ms", "300"});
    INFO(d.result.out, d.result.err);
    CHECK(d.result.exitCode == 0);
    auto dout = lines(d.result.out);
    REQUIRE(dout.size() >= 2);
    CHECK(dout[0].find("1 protocol(s)") != std::string::npos); // only ddp runs on UDP
    CHECK(dout[1].rfind("found ddp address ", 0) == 0);
    CHECK(dout[1].find("model ") != std::string::npos);
    CHECK(display.stop() == 0);
}

TEST_CASE("probe exits 5 within its bound when nothing answers, and says what it tried") {
    // A card that accepts the connection and never says a word.
    protocols::transport::TcpListener silent("127.0.0.1", 0);
    const std::string to = "tcp:127.0.0.1:" + std::to_string(silent.port());
    Timed t = probe({"--to", to, "--protocol", "bx-k,alpha", "--timeout-ms", "200"});
    INFO(t.result.out, t.result.err);
    CHECK(t.result.exitCode == 5);
    const long long bound = printedBoundMs(t.result.out);
    CHECK(bound == 900); // 2 tries x (connect + answer) x 200 ms, and the sign's 100 ms pause after STX
    CHECK(t.ms <= bound + 1500);
    CHECK(t.result.out.find("found") == std::string::npos);
    CHECK(t.result.err.find("无控制卡应答") != std::string::npos);
    CHECK(t.result.err.find("bx-k, alpha") != std::string::npos);
}

TEST_CASE("probe refuses what it cannot try, naming it") {
    auto wrongProtocol = probe({"--to", "udp:127.0.0.1:4048", "--protocol", "bx-k"});
    CHECK(wrongProtocol.result.exitCode == 1);
    CHECK(wrongProtocol.result.err.find("ddp 只走 udp:") != std::string::npos);
    auto badAddress = probe({"--to", "tcp:127.0.0.1:5005", "--address", "9-2"});
    CHECK(badAddress.result.exitCode == 1);
    CHECK(badAddress.result.err.find("'9-2'") != std::string::npos);
    auto noTo = probe({});
    CHECK(noTo.result.exitCode == 1);
    CHECK(noTo.result.err.find("--to") != std::string::npos);
}
