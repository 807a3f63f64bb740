// `gongshi probe`: what an installer runs first on a new line. It asks every protocol that can run
// on the link, at every baud rate a card may be set to, "what are you" (the protocol's read-only
// status question, sent to the address every card answers where the protocol has one), and prints
// each card that answered. Nothing is written to a card: safe on a card that is playing.
#include "app/Args.h"
#include "app/Commands.h"
#include "common/Error.h"
#include "common/Parse.h"
#include "protocols/CommandSender.h"
#include "protocols/Protocol.h"
#include "protocols/transport/Address.h"
#include "protocols/transport/Transport.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace gongshi::app {
namespace {

namespace transport = protocols::transport;
using protocols::Bytes;
using protocols::CardStatus;
using protocols::Command;
using Clock = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

// The baud rates BX cards and Alpha signs are set to, most common first for the cards we drive.
const std::vector<int> kBauds = {9600, 19200, 38400, 57600, 115200};

struct Found {
    std::string protocol;
    std::uint16_t address = 0;
    std::optional<int> baud;
    CardStatus status;
};

// One try: a protocol at one address on an open link.
struct Attempt {
    std::string protocol;
    std::shared_ptr<const protocols::Protocol> codec;
    std::uint16_t address = 0;
    bool broadcast = false;
    Millis pauses{0}; // what the device's pauses add to writing the question
};

std::vector<std::string> splitList(const std::string& text) {
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

// The link as the installer named it, with the baud rates left to try for a serial line:
// `serial:/dev/ttyUSB0` (or `@auto`) tries every rate, `serial:/dev/ttyUSB0@9600` only that one.
struct Target {
    transport::Address::Kind kind = transport::Address::Kind::Tcp;
    std::string address;     // a network address as given
    std::string device;      // a serial line's device
    std::string options;     // a serial line's options as given (",8N1,rs485"), with their comma
    bool frameGiven = false; // the options name a frame format
    std::vector<int> bauds;  // a serial line's rates to try, in order

    std::size_t links() const { return kind == transport::Address::Kind::Serial ? bauds.size() : 1; }
    // The address to open for `protocol` at the i-th rate. Alpha signs speak 7E1 (alphasignpy, the
    // signs' factory setting) unless the installer named a frame format.
    std::string link(std::size_t i, const std::string& protocol) const {
        if (kind != transport::Address::Kind::Serial) return address;
        std::string extra = options;
        if (protocol == "alpha" && !frameGiven) extra += ",7E1";
        return "serial:" + device + "@" + std::to_string(bauds[i]) + extra;
    }
};

Target parseTarget(const std::string& to) {
    Target t;
    if (to.rfind("serial:", 0) == 0) {
        t.kind = transport::Address::Kind::Serial;
        std::string rest = to.substr(7);
        auto at = rest.rfind('@');
        t.device = at == std::string::npos ? rest : rest.substr(0, at);
        std::string tail = at == std::string::npos ? "" : rest.substr(at + 1);
        if (auto comma = tail.find(','); comma != std::string::npos) {
            t.options = tail.substr(comma);
            tail = tail.substr(0, comma);
        }
        if (tail.empty() || tail == "auto") {
            t.bauds = kBauds;
        } else {
            t.bauds.push_back(transport::Address::parse(to).serial.baud); // names what is wrong in the address
        }
        // Parsed once to report a malformed device or option before anything is opened.
        transport::Address::parse(t.link(0, ""));
        for (const std::string& option : splitList(t.options)) t.frameGiven = t.frameGiven || (option[0] >= '0' && option[0] <= '9');
        return t;
    }
    t.kind = transport::Address::parse(to).kind;
    t.address = to;
    return t;
}

// Protocols that can run on a link of this kind: DDP is UDP only, the card protocols are stream ones.
std::vector<std::string> protocolsFor(transport::Address::Kind kind, const std::vector<std::string>& asked) {
    std::vector<std::string> out;
    for (const std::string& name : asked) {
        const bool datagram = name == "ddp";
        if (datagram == (kind == transport::Address::Kind::Udp)) out.push_back(name);
    }
    return out;
}

std::vector<std::uint16_t> parseAddresses(const std::string& text) {
    std::vector<std::uint16_t> out;
    for (const std::string& item : splitList(text)) {
        auto dash = item.find('-');
        auto number = [&](const std::string& s) {
            const auto n = parse::tryWholeNumber(s, 0, 65535);
            if (!n) throw InputError("--address 中的 '" + item + "' 不是 0 到 65535 的地址（写作 1 或 1-8，逗号分隔）");
            return static_cast<std::uint16_t>(*n);
        };
        if (dash == std::string::npos) {
            out.push_back(number(item));
            continue;
        }
        std::uint16_t from = number(item.substr(0, dash)), to = number(item.substr(dash + 1));
        if (to < from || to - from > 254) throw InputError("--address 中的范围 '" + item + "' 须由小到大，且至多 255 个地址");
        for (unsigned a = from; a <= to; ++a) out.push_back(static_cast<std::uint16_t>(a));
    }
    if (out.empty()) throw InputError("--address 为空：写作 1 或 1-8，逗号分隔");
    return out;
}

// How long the device's pauses make the status question take to write. Throws InputError for a
// protocol that has no status question.
Millis pausesOf(const protocols::Protocol& protocol, std::uint16_t address) {
    protocols::ScreenSpec spec;
    spec.address = address;
    Command status;
    status.kind = Command::Kind::Status;
    Millis total(0);
    for (const Bytes& packet : protocol.encode(status, spec))
        for (const protocols::PacketPause& p : protocol.pausesIn(packet)) total += p.duration;
    return total;
}

std::vector<Attempt> attemptsFor(const std::vector<std::string>& protocols, const std::vector<std::uint16_t>& addresses,
                                 bool addressesGiven, std::vector<std::string>& skipped) {
    std::vector<Attempt> out;
    for (const std::string& name : protocols) {
        std::shared_ptr<const protocols::Protocol> protocol = protocols::makeProtocol(name);
        Millis pauses(0);
        try {
            pauses = pausesOf(*protocol, addresses.front());
        } catch (const InputError& e) {
            skipped.push_back(name + ": " + e.what()); // a protocol without a status question cannot be probed
            continue;
        }
        // The broadcast every card answers finds a card whatever its address; addresses named on the
        // command line are asked one by one as well (a card that ignores broadcasts still answers).
        if (auto all = protocol->probeAddress()) {
            out.push_back({name, protocol, *all, true, pauses});
            if (!addressesGiven) continue;
        }
        for (std::uint16_t a : addresses) out.push_back({name, protocol, a, false, pauses});
    }
    return out;
}

// Drops what a previous try left on the line (a late answer, line noise) so it is not taken as
// this try's answer.
void drain(transport::Transport& link) {
    for (int i = 0; i < 8; ++i)
        if (link.read(Millis(1)).empty()) return;
}

std::string twoDigits(int v) {
    char b[8];
    std::snprintf(b, sizeof b, "%02d", v);
    return b;
}

std::string describe(const Found& f) {
    std::string line = "found " + f.protocol + " address " + std::to_string(f.address);
    if (f.baud) line += " baud " + std::to_string(*f.baud);
    const CardStatus& s = f.status;
    if (!s.model.empty()) line += " model " + s.model;
    if (s.width && s.height) line += " screen " + std::to_string(*s.width) + "x" + std::to_string(*s.height);
    if (s.screenOn) line += *s.screenOn ? " power on" : " power off";
    if (s.brightness) line += " brightness " + std::to_string(*s.brightness);
    if (s.programs) line += " programs " + std::to_string(*s.programs);
    if (!s.program.empty()) line += " program " + s.program;
    if (s.clock) {
        const auto& c = *s.clock;
        line += " clock " + std::to_string(c.year) + "-" + twoDigits(c.month) + "-" + twoDigits(c.day) + " " + twoDigits(c.hour) + ":" +
                twoDigits(c.minute) + ":" + twoDigits(c.second);
    }
    for (const auto& [k, v] : s.extra) line += " " + k + " " + v;
    return line;
}

} // namespace

int probeCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"to", "timeout-ms", "protocol", "address"}, {});
    if (!args.has("to")) throw InputError("请用 --to 指定线路，例如 --to serial:/dev/ttyUSB0 或 --to tcp:192.168.1.50:5005");
    const std::string to = *args.get("to");
    const Millis timeout(args.getInt("timeout-ms", 500, 50, 10000));
    const std::vector<std::string> asked = args.has("protocol") ? splitList(*args.get("protocol")) : protocols::protocolNames();
    for (const std::string& name : asked) protocols::makeProtocol(name); // names the known ones when wrong
    const bool addressesGiven = args.has("address");
    const std::vector<std::uint16_t> addresses = parseAddresses(args.get("address", "1"));

    Target target = parseTarget(to);
    const std::vector<std::string> protocols = protocolsFor(target.kind, asked);
    if (protocols.empty()) throw InputError("线路 " + to + " 上没有可试的协议：ddp 只走 udp:，bx-k、bx-6、alpha 走 serial: 或 tcp:");
    std::vector<std::string> skipped;
    const std::vector<Attempt> attempts = attemptsFor(protocols, addresses, addressesGiven, skipped);

    // The bound, printed before anything is sent: every try opens its link (at most `timeout`),
    // writes its question with the pauses the device needs, and waits at most `timeout` for the answer.
    Millis perRound(0);
    for (const Attempt& a : attempts) perRound += 2 * timeout + a.pauses;
    const std::size_t tries = attempts.size() * target.links();
    const auto bound = perRound * static_cast<long long>(target.links());
    std::printf("probing %s: %zu protocol(s)", to.c_str(), protocols.size());
    if (target.kind == transport::Address::Kind::Serial) std::printf(", %zu baud rate(s)", target.links());
    std::printf(", %zu tries, at most %.1f s\n", tries, static_cast<double>(bound.count()) / 1000.0);
    for (const std::string& why : skipped) std::printf("skipped %s\n", why.c_str());
    std::fflush(stdout);

    std::vector<Found> found;
    std::vector<std::string> failures;
    transport::Timeouts timeouts;
    timeouts.connect = timeout;
    timeouts.write = timeout;
    timeouts.read = timeout;
    bool linkFailed = false;
    std::size_t linksTried = 0;
    for (std::size_t i = 0; i < target.links() && !linkFailed; ++i) {
        ++linksTried;
        const std::optional<int> baud = target.bauds.empty() ? std::nullopt : std::optional<int>(target.bauds[i]);
        for (const Attempt& a : attempts) {
            const protocols::Protocol& protocol = *a.codec;
            // A stream link is opened afresh for each protocol: what one protocol left half-read
            // (a card's refusal, a partial frame) must not reach the next.
            std::unique_ptr<transport::Transport> link;
            try {
                link = transport::openTransport(target.link(i, a.protocol), timeouts, transport::RetryPolicy{1, Millis(0)});
            } catch (const TransportError& e) {
                // No such port, no permission, nothing listening: no rate or protocol changes that.
                failures.push_back(e.what());
                linkFailed = true;
                break;
            }
            try {
                drain(*link);
                std::optional<CardStatus> status = protocols::askStatus(*link, protocol, a.address, timeout);
                link->close();
                if (!status) continue;
                Found f{a.protocol, status->address.value_or(a.address), baud, *status};
                bool seen = false;
                for (const Found& g : found) seen = seen || (g.protocol == f.protocol && g.address == f.address && g.baud == f.baud);
                if (seen) continue;
                std::printf("%s\n", describe(f).c_str());
                std::fflush(stdout);
                found.push_back(f);
            } catch (const TransportError& e) {
                failures.push_back(a.protocol + " @ " + target.link(i, a.protocol) + ": " + e.what()); // the card hung up: try on
            } catch (const InputError& e) {
                failures.push_back(a.protocol + ": " + e.what());
            }
        }
        // Cards on one line share its baud rate: once something answered, the other rates are noise.
        if (!found.empty()) break;
    }

    if (!found.empty()) {
        std::printf("%zu 块控制卡应答\n", found.size());
        return 0;
    }
    std::string tried;
    for (const std::string& p : protocols) tried += (tried.empty() ? "" : ", ") + p;
    std::fprintf(stderr, "gongshi probe: %s 上无控制卡应答（已试协议 %s", to.c_str(), tried.c_str());
    if (!target.bauds.empty()) {
        std::string rates;
        for (std::size_t i = 0; i < linksTried && i < target.bauds.size(); ++i)
            rates += (rates.empty() ? "" : ", ") + std::to_string(target.bauds[i]);
        std::fprintf(stderr, "；波特率 %s", rates.c_str());
    }
    std::fprintf(stderr, "；每次等待 %lld ms）\n", static_cast<long long>(timeout.count()));
    for (const std::string& f : failures) std::fprintf(stderr, "  %s\n", f.c_str());
    return 5;
}

} // namespace gongshi::app
