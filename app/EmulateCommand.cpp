#include "app/Args.h"
#include "app/Commands.h"
#include "app/ScreenOptions.h"
#include "common/Error.h"
#include "delivery/CardFontDrawer.h"
#include "protocols/emulator/DeviceEmulator.h"
#include "protocols/transport/Address.h"
#include "protocols/transport/PortInfo.h"
#include "protocols/transport/PtyPair.h"
#include "protocols/transport/TcpListener.h"
#include "protocols/transport/UdpReceiver.h"

#include <fstream>
#include <atomic>
#include <chrono>
#include <algorithm>
#include <csignal>
#include <cstdio>

namespace gongshi::app {
namespace {

namespace transport = protocols::transport;
using protocols::emulator::DeviceEmulator;
using Millis = std::chrono::milliseconds;

std::atomic<bool> stopRequested{false};

void onSignal(int) { stopRequested = true; }

// Ends the loop after --max-seconds (0 = until a signal), so scripted runs cannot outlive their use.
struct Lifetime {
    std::chrono::steady_clock::time_point end;
    bool bounded;
    explicit Lifetime(int seconds) : end(std::chrono::steady_clock::now() + std::chrono::seconds(seconds)), bounded(seconds > 0) {}
    bool over() const { return stopRequested || (bounded && std::chrono::steady_clock::now() >= end); }
};

// A card set to `baud` (0: any) hears a sender at another rate as framing errors: every byte
// arrives as 0x00, which no protocol takes for a frame, and the card answers nothing.
void servePty(DeviceEmulator& emu, const Lifetime& life, int baud) {
    transport::PtyPair pty;
    std::printf("%s\n", pty.slavePath().c_str());
    std::fflush(stdout);
    while (!life.over()) {
        protocols::Bytes data = pty.readMaster(Millis(100));
        emu.tick();
        if (data.empty()) continue;
        if (baud != 0 && pty.lineBaud() != baud) std::fill(data.begin(), data.end(), std::uint8_t{0});
        protocols::Bytes reply = emu.onBytes(data.data(), data.size());
        if (!reply.empty()) pty.writeMaster(reply);
    }
}

// DIR/connections.json: how many senders connected, and the most at once (two servers driving
// one card would make it 2).
void writeConnections(const std::string& outDir, int accepted, int most) {
    const std::string path = outDir + "/connections.json";
    std::ofstream(path + ".tmp") << "{\"accepted\":" << accepted << ",\"max_concurrent\":" << most << "}\n";
    std::rename((path + ".tmp").c_str(), path.c_str());
}

void serveTcp(DeviceEmulator& emu, const transport::Address& at, const Lifetime& life, const std::string& outDir) {
    transport::TcpListener listener(at.host, at.port);
    std::printf("listening on tcp:%s:%u\n", at.host.c_str(), static_cast<unsigned>(listener.port()));
    std::fflush(stdout);
    int accepted = 0, most = 0;
    writeConnections(outDir, accepted, most);
    std::unique_ptr<transport::TcpTransport> next;
    while (!life.over()) {
        std::unique_ptr<transport::TcpTransport> conn = next ? std::move(next) : listener.accept(Millis(100));
        emu.tick();
        if (!conn) continue;
        writeConnections(outDir, ++accepted, most = std::max(most, 1));
        // One sender at a time, as a card serves one connection; the screen outlives it. A second
        // sender while the first is still connected is counted, then served in its place.
        try {
            while (!life.over()) {
                if ((next = listener.accept(Millis(0)))) {
                    // Concurrent only if the first is still open (a sender that closed and came
                    // straight back may be seen here before its close is).
                    bool open = true;
                    try {
                        protocols::Bytes data = conn->read(Millis(0));
                        if (!data.empty()) emu.onBytes(data.data(), data.size());
                    } catch (const TransportError&) {
                        open = false;
                    }
                    writeConnections(outDir, ++accepted, most = std::max(most, open ? 2 : 1));
                    break;
                }
                protocols::Bytes data = conn->read(Millis(100));
                emu.tick();
                if (data.empty()) continue;
                protocols::Bytes reply = emu.onBytes(data.data(), data.size());
                if (!reply.empty()) conn->write(reply);
            }
        } catch (const TransportError& e) {
            std::fprintf(stderr, "gongshi emulate: connection ended: %s\n", e.what());
        }
    }
}

void serveUdp(DeviceEmulator& emu, const transport::Address& at, const Lifetime& life) {
    transport::UdpReceiver receiver(at.host, at.port);
    std::printf("listening on udp:%s:%u\n", at.host.c_str(), static_cast<unsigned>(receiver.port()));
    std::fflush(stdout);
    while (!life.over()) {
        auto datagram = receiver.receive(Millis(100));
        emu.tick();
        if (!datagram) continue;
        protocols::Bytes reply = emu.onDatagram(datagram->data);
        if (!reply.empty()) receiver.sendTo(reply, datagram->sender);
    }
}

} // namespace

int emulateCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"protocol", "width", "height", "color", "address", "option", "listen", "out-dir", "max-seconds", "baud"}, {"pty"});
    if (!args.has("protocol")) throw InputError("--protocol is required");
    if (!args.has("out-dir")) throw InputError("--out-dir DIR is required");
    if (args.has("listen") == args.has("pty"))
        throw InputError("give exactly one of --listen tcp:HOST:PORT, --listen udp:HOST:PORT or --pty");
    auto protocol = protocols::makeProtocol(*args.get("protocol"));
    protocols::ScreenSpec screen = screenFromArgs(args);
    Lifetime life(args.getInt("max-seconds", 0, 0, 86400 * 365));

    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    DeviceEmulator emu(*protocol, screen, delivery::cardFontDrawer(), *args.get("out-dir"));
    if (args.has("baud") && !args.has("pty")) throw InputError("--baud is the serial line's rate: it goes with --pty");
    if (args.has("pty")) {
        servePty(emu, life, args.getInt("baud", 0, 50, 4000000));
    } else {
        transport::Address at = transport::Address::parseListen(*args.get("listen"));
        if (at.kind == transport::Address::Kind::Tcp)
            serveTcp(emu, at, life, *args.get("out-dir"));
        else if (at.kind == transport::Address::Kind::Udp)
            serveUdp(emu, at, life);
        else
            throw InputError("--listen takes tcp:HOST:PORT or udp:HOST:PORT; use --pty for a serial line");
    }
    std::fprintf(stderr, "gongshi emulate: stopped after %zu frame(s)\n", emu.frames());
    return 0;
}

int portsCommand(const std::vector<std::string>& argv) {
    Args args(argv, {}, {});
    auto ports = transport::listSerialPorts();
    if (ports.empty()) std::printf("no serial ports found\n");
    for (const auto& p : ports) {
        std::printf("%-16s %-9s %s", p.name.c_str(), transport::portKindName(p.kind), p.description.c_str());
        if (!p.usbId().empty()) std::printf(" [USB %s]", p.usbId().c_str());
        std::printf("\n");
    }
    return 0;
}

} // namespace gongshi::app
