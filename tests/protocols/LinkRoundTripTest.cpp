// Every protocol's bytes over every link it can use (a memory pipe, a pty pair, TCP and UDP
// loopback) into the card emulator on the far side: the screen ends identical to the picture.
#include "common/Error.h"
#include "protocols/Protocol.h"
#include "protocols/emulator/DeviceEmulator.h"
#include "protocols/transport/PtyPair.h"
#include "protocols/transport/TcpListener.h"
#include "protocols/transport/Transport.h"
#include "protocols/transport/UdpReceiver.h"
#include "layout/TextRenderer.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <atomic>
#include <functional>
#include <thread>

using namespace gongshi;
using namespace gongshi::protocols;
using Millis = std::chrono::milliseconds;
using test::TempDir;

namespace {

renderer::Bitmap picture(int w, int h, renderer::ColorMode mode) {
    renderer::TextRenderer r;
    renderer::LayoutOptions o;
    o.width = w;
    o.height = h;
    auto layout = r.layout("公示：低保名单，监督电话0838-1234567。", "led16", o);
    return r.renderPage(layout, 0, mode, renderer::Color::yellow());
}

// Sends every packet, waiting for the card's reply where the protocol has one.
void push(const Protocol& p, const Command& c, const ScreenSpec& spec, transport::Transport& link) {
    for (const auto& packet : p.encode(c, spec)) {
        link.write(packet);
        if (!p.expectsReply(c)) continue;
        Bytes got;
        std::optional<ReplyResult> reply;
        auto until = std::chrono::steady_clock::now() + Millis(3000);
        while (!reply && std::chrono::steady_clock::now() < until) {
            Bytes chunk = link.read(Millis(200));
            got.insert(got.end(), chunk.begin(), chunk.end());
            if (!got.empty()) reply = p.parseReply(got);
        }
        REQUIRE(reply.has_value());
        REQUIRE(reply->ok);
    }
}

// Waits (bounded) until the card shows `want`, for protocols that do not answer.
bool shows(const emulator::DeviceEmulator& emu, const renderer::Bitmap& want) {
    return test::waitFor([&] { return emu.screen().toRgb() == want.toRgb(); }, Millis(3000), Millis(5));
}

struct Setup {
    std::string protocol;
    renderer::ColorMode mode;
    int width, height;
};

const Setup kStreamProtocols[] = {
    {"bx-k", renderer::ColorMode::RedGreen, 100, 32},
    {"bx-6", renderer::ColorMode::RedGreen, 100, 32},
    {"alpha", renderer::ColorMode::RedGreen, 100, 16},
};

ScreenSpec specOf(const Setup& s) {
    ScreenSpec spec;
    spec.width = s.width;
    spec.height = s.height;
    spec.color = s.mode;
    return spec;
}

Command bitmapCommand(const renderer::Bitmap& pic) {
    Command c;
    c.kind = Command::Kind::Bitmap;
    c.pages = {pic};
    return c;
}

} // namespace

TEST_CASE("round trip over a memory pipe for every protocol, in one chunk and byte by byte") {
    for (const std::string name : {"bx-k", "bx-6", "alpha", "ddp"}) {
        CAPTURE(name);
        auto p = makeProtocol(name);
        Setup s{name, name == "ddp" ? renderer::ColorMode::Rgb : renderer::ColorMode::RedGreen, 100, name == "alpha" ? 16 : 32};
        ScreenSpec spec = specOf(s);
        auto pic = picture(s.width, s.height, s.mode);
        auto packets = p->encode(bitmapCommand(pic), spec);
        auto whole = p->makeCard(spec, nullptr);
        auto bytewise = p->makeCard(spec, nullptr);
        for (const auto& packet : packets) {
            whole->feedDatagram(packet);
            if (name != "ddp")
                for (std::uint8_t b : packet) bytewise->feed(&b, 1);
        }
        CHECK(whole->screen().toRgb() == pic.toRgb());
        if (name != "ddp") CHECK(bytewise->screen().toRgb() == pic.toRgb());
    }
}

TEST_CASE("round trip over a pty pair for the serial protocols") {
    for (const Setup& s : kStreamProtocols) {
        CAPTURE(s.protocol);
        auto p = makeProtocol(s.protocol);
        ScreenSpec spec = specOf(s);
        auto pic = picture(s.width, s.height, s.mode);
        TempDir dir("gongshi-link-pty-" + s.protocol);
        emulator::DeviceEmulator emu(*p, spec, nullptr, dir.str());
        transport::PtyPair pty;
        std::atomic<bool> done{false};
        std::thread card([&] {
            while (!done) {
                Bytes data = pty.readMaster(Millis(50));
                if (data.empty()) continue;
                Bytes reply = emu.onBytes(data.data(), data.size());
                if (!reply.empty()) pty.writeMaster(reply);
            }
        });
        auto link = transport::openTransport("serial:" + pty.slavePath() + "@115200");
        push(*p, bitmapCommand(pic), spec, *link);
        CHECK(shows(emu, pic));
        done = true;
        card.join();
    }
}

TEST_CASE("round trip over TCP loopback for the network-capable protocols") {
    for (const Setup& s : kStreamProtocols) {
        CAPTURE(s.protocol);
        auto p = makeProtocol(s.protocol);
        ScreenSpec spec = specOf(s);
        auto pic = picture(s.width, s.height, s.mode);
        TempDir dir("gongshi-link-tcp-" + s.protocol);
        emulator::DeviceEmulator emu(*p, spec, nullptr, dir.str());
        transport::TcpListener listener;
        std::atomic<bool> done{false};
        std::thread card([&] {
            auto conn = listener.accept(Millis(3000));
            if (!conn) return;
            try {
                while (!done) {
                    Bytes data = conn->read(Millis(50));
                    if (data.empty()) continue;
                    Bytes reply = emu.onBytes(data.data(), data.size());
                    if (!reply.empty()) conn->write(reply);
                }
            } catch (const TransportError&) {}
        });
        auto link = transport::openTransport("tcp:127.0.0.1:" + std::to_string(listener.port()));
        push(*p, bitmapCommand(pic), spec, *link);
        CHECK(shows(emu, pic));
        done = true;
        link->close();
        card.join();
    }
}

TEST_CASE("round trip over UDP loopback, DDP and the BX cards") {
    const Setup setups[] = {{"ddp", renderer::ColorMode::Rgb, 192, 64},
                            {"bx-k", renderer::ColorMode::Mono, 96, 16},
                            {"bx-6", renderer::ColorMode::Mono, 96, 16}};
    for (const Setup& s : setups) {
        CAPTURE(s.protocol);
        auto p = makeProtocol(s.protocol);
        ScreenSpec spec = specOf(s);
        auto pic = picture(s.width, s.height, s.mode);
        TempDir dir("gongshi-link-udp-" + s.protocol);
        emulator::DeviceEmulator emu(*p, spec, nullptr, dir.str());
        transport::UdpReceiver receiver;
        std::atomic<bool> done{false};
        std::thread card([&] {
            while (!done) {
                auto d = receiver.receive(Millis(50));
                if (!d) continue;
                Bytes reply = emu.onDatagram(d->data);
                if (!reply.empty()) receiver.sendTo(reply, d->sender);
            }
        });
        auto link = transport::openTransport("udp:127.0.0.1:" + std::to_string(receiver.port()));
        CHECK(link->isDatagram());
        push(*p, bitmapCommand(pic), spec, *link);
        CHECK(shows(emu, pic));
        done = true;
        card.join();
    }
}
