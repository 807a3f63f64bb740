// End to end: `gongshi send` and `gongshi emulate` as separate processes over TCP, UDP and a
// pseudo-terminal; what the emulated card shows is compared with what the renderer draws.
#include "common/Error.h"
#include "protocols/Protocol.h"
#include "protocols/transport/TcpListener.h"
#include "bitmap/ImageIO.h"
#include "layout/TextRenderer.h"
#include "tests/support/GoldenHex.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

namespace fs = std::filesystem;
using namespace gongshi;
using test::BackgroundProcess;
using test::gongshiBinary;
using test::runProcess;
using test::slurp;
using test::TempDir;
using test::waitFor;

namespace {

std::vector<std::string> frameLog(const fs::path& dir) {
    std::ifstream in(dir / "frames.jsonl");
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

// Waits (bounded) until the card has logged at least `count` frames.
std::vector<std::string> waitForFrames(const fs::path& dir, std::size_t count, int timeoutMs = 5000) {
    std::vector<std::string> lines;
    waitFor(
        [&] {
            lines = frameLog(dir);
            return lines.size() >= count;
        },
        std::chrono::milliseconds(timeoutMs));
    return lines;
}

// Reads the card's screen until it shows `want` or the time is up (cards that do not answer
// finish decoding after the sender has gone).
renderer::Bitmap waitForScreen(const fs::path& dir, const renderer::Bitmap& want, int timeoutMs = 5000) {
    renderer::Bitmap got;
    waitFor(
        [&] {
            if (fs::exists(dir / "screen.png")) got = renderer::readPng((dir / "screen.png").string());
            return got == want;
        },
        std::chrono::milliseconds(timeoutMs));
    return got;
}

renderer::Bitmap expectedText(const std::string& text, int w, int h, renderer::ColorMode mode, renderer::Color color) {
    renderer::TextRenderer r;
    renderer::LayoutOptions o;
    o.width = w;
    o.height = h;
    auto layout = r.layout(text, "led16", o);
    return r.renderPage(layout, 0, mode, color).toRgb();
}

// "listening on tcp:127.0.0.1:40123" -> "tcp:127.0.0.1:40123"
std::string listenAddress(const std::string& line) {
    auto at = line.find("listening on ");
    return at == std::string::npos ? "" : line.substr(at + 13);
}

struct Case {
    const char* protocol;
    const char* listen;
    const char* color;
    int width, height;
    std::size_t framesPerUpdate; // frames the card logs for one text update
};

} // namespace

TEST_CASE("text sent by gongshi send shows on the emulated card exactly as the renderer draws it") {
    const Case cases[] = {
        {"bx-k", "tcp:127.0.0.1:0", "red-green", 96, 32, 2},
        {"bx-6", "tcp:127.0.0.1:0", "red-green", 96, 32, 1},
        {"alpha", "tcp:127.0.0.1:0", "red-green", 80, 16, 3},
        {"ddp", "udp:127.0.0.1:0", "rgb", 96, 32, 7},
    };
    const std::string text = "窗口暂停服务，14:30回";
    for (const Case& c : cases) {
        CAPTURE(std::string(c.protocol));
        TempDir dir("gongshi-e2e");
        BackgroundProcess emu({gongshiBinary(), "emulate", "--protocol", c.protocol, "--width", std::to_string(c.width), "--height",
                               std::to_string(c.height), "--color", c.color, "--listen", c.listen, "--out-dir", dir.str(), "--max-seconds",
                               "60"});
        std::string address = listenAddress(emu.readLine());
        REQUIRE_MESSAGE(!address.empty(), emu.stderrText());
        auto sent = runProcess({gongshiBinary(), "send", "--protocol", c.protocol, "--to", address, "--width", std::to_string(c.width),
                                "--height", std::to_string(c.height), "--color", c.color, "--text", text});
        CHECK_MESSAGE(sent.exitCode == 0, sent.err);
        renderer::ColorMode mode = renderer::parseColorMode(c.color);
        auto want = expectedText(text, c.width, c.height, mode, renderer::Color::red());
        // Cards that answer have written their screen before the sender returned; the others
        // (alpha, ddp) may still be decoding.
        auto got = waitForScreen(dir.path(), want);
        CHECK(got.width() == c.width);
        CHECK(got == want);
        auto log = waitForFrames(dir.path(), c.framesPerUpdate);
        REQUIRE(!log.empty());
        CHECK(log.back().find("\"ok\": true") != std::string::npos);
        CHECK(emu.stop() == 0);
    }
}

TEST_CASE("bx-k over a pseudo-terminal: the emulator prints the pty path first and answers every frame") {
    TempDir dir("gongshi-e2e");
    BackgroundProcess emu({gongshiBinary(), "emulate", "--protocol", "bx-k", "--width", "64", "--height", "16", "--pty", "--out-dir",
                           dir.str(), "--max-seconds", "60"});
    std::string pty = emu.readLine();
    REQUIRE_MESSAGE(pty.rfind("/dev/pts/", 0) == 0, emu.stderrText());
    auto ping = runProcess(
        {gongshiBinary(), "send", "--protocol", "bx-k", "--to", "serial:" + pty + "@9600", "--width", "64", "--height", "16", "--ping"});
    CHECK_MESSAGE(ping.exitCode == 0, ping.err);
    CHECK(ping.out.find("acknowledged") != std::string::npos);
    auto text = runProcess({gongshiBinary(), "send", "--protocol", "bx-k", "--to", "serial:" + pty + "@9600", "--width", "64", "--height",
                            "16", "--text", "一号窗口"});
    CHECK_MESSAGE(text.exitCode == 0, text.err);
    auto log = frameLog(dir.path());
    REQUIRE(log.size() >= 3); // ping, bitmap set-up, bitmap data
    CHECK(log[0].rfind("{\"cmd\": \"ping\", \"ok\": true", 0) == 0);
    auto got = renderer::readPng(dir / "screen.png");
    CHECK(got == expectedText("一号窗口", 64, 16, renderer::ColorMode::Mono, renderer::Color::white()));
}

TEST_CASE("bx-k text for the card's own font is drawn by the emulator with the led16 profile") {
    TempDir dir("gongshi-e2e");
    BackgroundProcess emu({gongshiBinary(), "emulate", "--protocol", "bx-k", "--width", "96", "--height", "16", "--color", "red-green",
                           "--listen", "tcp:127.0.0.1:0", "--out-dir", dir.str(), "--max-seconds", "60"});
    std::string address = listenAddress(emu.readLine());
    REQUIRE(!address.empty());
    auto r = runProcess({gongshiBinary(), "send", "--protocol", "bx-k", "--to", address, "--width", "96", "--height", "16", "--color",
                         "red-green", "--as", "text", "--fg", "green", "--text", "请到二号窗口"});
    CHECK_MESSAGE(r.exitCode == 0, r.err);
    auto log = frameLog(dir.path());
    REQUIRE(!log.empty());
    CHECK(log.back().find("\"cmd\": \"text\"") != std::string::npos);
    CHECK(log.back().find("请到二号窗口") != std::string::npos);
    auto got = renderer::readPng(dir / "screen.png");
    CHECK(got == expectedText("请到二号窗口", 96, 16, renderer::ColorMode::RedGreen, renderer::Color::green()));
}

TEST_CASE("--dump writes the exact bytes and --to dry-run sends nothing: the published BX ping frame") {
    TempDir dir("gongshi-e2e");
    auto r = runProcess({gongshiBinary(), "send", "--protocol", "bx-k", "--to", "dry-run", "--width", "64", "--height", "16", "--ping",
                         "--dump", dir / "ping.bin"});
    CHECK(r.exitCode == 0);
    std::string bytes = slurp(dir / "ping.bin");
    const unsigned char want[] = {0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0xA5, 0x01, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00,
                                  0x00, 0x00, 0x00, 0xFE, 0x02, 0x05, 0x00, 0xA2, 0x00, 0x01, 0x00, 0x00, 0x68, 0xF8, 0x5A};
    CHECK(bytes == std::string(reinterpret_cast<const char*>(want), sizeof want));
}

TEST_CASE("send exits 5 when nothing listens, within its bounded retries") {
    // A port that was just free: bind, note it, close.
    std::uint16_t port = 0;
    {
        protocols::transport::TcpListener l;
        port = l.port();
    }
    auto start = std::chrono::steady_clock::now();
    auto r = runProcess({gongshiBinary(), "send", "--protocol", "bx-k", "--to", "tcp:127.0.0.1:" + std::to_string(port), "--width", "64",
                         "--height", "16", "--ping"});
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    CHECK(r.exitCode == 5);
    CHECK(r.err.find("tcp:127.0.0.1:" + std::to_string(port)) != std::string::npos);
    CHECK(ms < 5000);
}

TEST_CASE("send exits 5 when the card stays silent (another address), after bounded retries") {
    TempDir dir("gongshi-e2e");
    BackgroundProcess emu({gongshiBinary(), "emulate", "--protocol", "bx-k", "--width", "64", "--height", "16", "--address", "2",
                           "--listen", "tcp:127.0.0.1:0", "--out-dir", dir.str(), "--max-seconds", "60"});
    std::string address = listenAddress(emu.readLine());
    REQUIRE(!address.empty());
    auto start = std::chrono::steady_clock::now();
    auto r = runProcess({gongshiBinary(), "send", "--protocol", "bx-k", "--to", address, "--width", "64", "--height", "16", "--ping",
                         "--timeout", "300", "--retries", "2"});
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    CHECK(r.exitCode == 5);
    CHECK(r.err.find("did not answer") != std::string::npos);
    CHECK(ms >= 900);
    CHECK(ms < 4000);
    CHECK(waitForFrames(dir.path(), 3).size() == 3); // three pings arrived, none answered
}

TEST_CASE("send exits 4 and names the card's error when the card refuses a frame") {
    // A card that answers everything with the reply a BX-K card gives to a frame with a bad CRC.
    auto bxk = protocols::makeProtocol("bx-k");
    protocols::ScreenSpec spec;
    spec.width = 64;
    spec.height = 16;
    auto card = bxk->makeCard(spec, nullptr);
    auto frame = bxk->encode(protocols::Command{}, spec).front();
    frame[frame.size() - 3] ^= 0x01; // damage the CRC
    auto events = card->feed(frame.data(), frame.size());
    REQUIRE(events.size() == 1);
    REQUIRE(events[0].error == "crc");
    protocols::Bytes nak = events[0].reply;
    REQUIRE(!nak.empty());

    protocols::transport::TcpListener listener;
    std::thread device([&] {
        try {
            auto conn = listener.accept(std::chrono::milliseconds(5000));
            if (!conn) return;
            auto got = conn->read(std::chrono::milliseconds(3000));
            if (!got.empty()) conn->write(nak);
            conn->read(std::chrono::milliseconds(500));
        } catch (const TransportError&) {
            // The sender hung up after the refusal, as it should.
        }
    });
    auto r = runProcess({gongshiBinary(), "send", "--protocol", "bx-k", "--to", "tcp:127.0.0.1:" + std::to_string(listener.port()),
                         "--width", "64", "--height", "16", "--ping"});
    device.join();
    CHECK(r.exitCode == 4);
    CHECK(r.err.find("crc") != std::string::npos);
}

TEST_CASE("send exits 5 within its timeout when the device closes the link mid-frame") {
    protocols::transport::TcpListener listener;
    std::thread device([&] {
        try {
            auto conn = listener.accept(std::chrono::milliseconds(5000));
            if (!conn) return;
            conn->read(std::chrono::milliseconds(2000)); // part of the first frame, then gone
            conn->close();
        } catch (const TransportError&) {}
    });
    auto start = std::chrono::steady_clock::now();
    auto r = runProcess({gongshiBinary(), "send", "--protocol", "bx-k", "--to", "tcp:127.0.0.1:" + std::to_string(listener.port()),
                         "--width", "192", "--height", "64", "--text", "便民服务中心", "--timeout", "1000"});
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    device.join();
    CHECK(r.exitCode == 5);
    CHECK(r.err.find("gongshi send: ") == 0);
    CHECK(ms < 5000);
}

TEST_CASE("the emulator shows what the sign cycles: playing.png turns to the second page, screen.png keeps what it holds") {
    TempDir dir("gongshi-e2e");
    BackgroundProcess emu({gongshiBinary(), "emulate", "--protocol", "alpha", "--width", "64", "--height", "16", "--listen",
                           "tcp:127.0.0.1:0", "--out-dir", dir.str(), "--max-seconds", "60"});
    std::string address = listenAddress(emu.readLine());
    REQUIRE(!address.empty());
    const std::string text = "窗口暂停服务，十四点三十分回来，请稍候";
    auto sent =
        runProcess({gongshiBinary(), "send", "--protocol", "alpha", "--to", address, "--width", "64", "--height", "16", "--text", text});
    REQUIRE_MESSAGE(sent.exitCode == 0, sent.err);
    renderer::TextRenderer r;
    renderer::LayoutOptions o;
    o.width = 64;
    o.height = 16;
    auto layout = r.layout(text, "led16", o);
    REQUIRE(layout.pages.size() >= 2);
    auto pages = r.renderPages(layout, renderer::ColorMode::Mono, renderer::Color::white());
    const renderer::Bitmap first = pages[0].toRgb(), second = pages[1].toRgb();
    auto shows = [&](const char* file, const renderer::Bitmap& want, int ms) {
        renderer::Bitmap got;
        return waitFor(
            [&] {
                if (fs::exists(dir / file)) got = renderer::readPng(dir / file);
                return got == want;
            },
            std::chrono::milliseconds(ms));
    };
    CHECK(shows("playing.png", first, 5000));
    // The sign holds a page about 5 s, then shows the next.
    CHECK(shows("playing.png", second, 8000));
    CHECK(shows("screen.png", first, 100));
    CHECK(emu.stop() == 0);
}

TEST_CASE("the emulated bx-6 card plays a clock area Onbon's SDK built: set by gongshi send --clock, it ticks in playing.png") {
    TempDir dir("gongshi-e2e");
    // The card powered on with the SDK's program in flash: date, weekday and HH:MM:SS on 128x48.
    fs::create_directories(dir.path() / "flash");
    const auto files = test::readGoldenPackets("bx6-sdk", "time-6e1-date-week-time");
    REQUIRE(files.size() == 2);
    for (const auto& [name, packet] : {std::pair{"P000", files[0]}, std::pair{"D000", files[1]}}) {
        std::ofstream out(dir.path() / "flash" / name, std::ios::binary);
        out.write(reinterpret_cast<const char*>(packet.bytes.data()), static_cast<std::streamsize>(packet.bytes.size()));
    }
    BackgroundProcess emu({gongshiBinary(), "emulate", "--protocol", "bx-6", "--width", "128", "--height", "48", "--color", "red-green",
                           "--option", "device=6E1", "--listen", "tcp:127.0.0.1:0", "--out-dir", dir.str(), "--max-seconds", "60"});
    std::string address = listenAddress(emu.readLine());
    REQUIRE(!address.empty());
    auto sent = runProcess({gongshiBinary(), "send", "--protocol", "bx-6", "--to", address, "--width", "128", "--height", "48", "--color",
                            "red-green", "--option", "device=6E1", "--clock"});
    REQUIRE_MESSAGE(sent.exitCode == 0, sent.err);
    // The seconds change: playing.png shows three different pictures within 3.5 s, each with the
    // date's and the time's digits lit in red.
    std::vector<renderer::Bitmap> seen;
    waitFor(
        [&] {
            if (!fs::exists(dir / "playing.png")) return false;
            renderer::Bitmap now = renderer::readPng(dir / "playing.png");
            if (now.width() == 128 && (seen.empty() || !(seen.back() == now))) seen.push_back(std::move(now));
            return seen.size() >= 3;
        },
        std::chrono::milliseconds(3500));
    REQUIRE(seen.size() >= 3);
    for (const renderer::Bitmap& b : seen) {
        CHECK(b.crop(18, 0, 40, 16).litCount() > 40);  // the year
        CHECK(b.crop(29, 32, 70, 16).litCount() > 60); // HH:MM:SS
        CHECK(b.pixel(20, 5) == renderer::Color::black());
    }
    // Only the time row changes from one second to the next (unless midnight passes).
    CHECK(seen[1].crop(0, 32, 128, 16) != seen[2].crop(0, 32, 128, 16));
    CHECK(emu.stop() == 0);
}
