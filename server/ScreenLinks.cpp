#include "server/ScreenLinks.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "protocols/CommandSender.h"
#include "protocols/Protocol.h"
#include "protocols/transport/Address.h"
#include "protocols/transport/Transport.h"
#include "records/ScreenOptions.h"

#include <algorithm>
#include <cctype>

namespace gongshi::server {
namespace {

using Millis = std::chrono::milliseconds;
namespace transport = protocols::transport;

std::string trimmed(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

[[noreturn]] void refuse(const std::string& message) { throw ValidationError("address", message); }

// What comes before the first colon looks like a host (an IP address, a name with dots) rather than
// a transport's name: the person typed the card's address without saying how to reach it.
bool looksLikeHost(const std::string& s) {
    return !s.empty() &&
           (s.find('.') != std::string::npos || std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); }) ||
            s.front() == '[' || s.front() == '/');
}

} // namespace

void checkScreenAddress(const content::ScreenRecord& screen) {
    const std::string address = trimmed(screen.address);
    const bool web = screen.protocol == protocols::kWebPlayer;
    if (address.empty()) return;
    if (web) {
        if (lower(address) != "web:") refuse(msg::addressWebNeedsWeb(address));
        return;
    }
    const auto colon = address.find(':');
    if (colon == std::string::npos) refuse(msg::addressNoTransport(address));
    const std::string scheme = lower(address.substr(0, colon)), rest = address.substr(colon + 1);
    if (scheme == "web") refuse(msg::addressWebOnlyForWeb(address));
    if (scheme != "serial" && scheme != "tcp" && scheme != "udp") {
        // "10.0.0.5:5005", "localhost:5005": a host and a port, the transport left out.
        const bool portAfter = !rest.empty() && std::all_of(rest.begin(), rest.end(), [](unsigned char c) { return std::isdigit(c); });
        if (looksLikeHost(scheme) || portAfter) refuse(msg::addressNoTransport(address));
        refuse(msg::addressUnknownTransport(address.substr(0, colon), address));
    }
    if (scheme == "serial") {
        if (rest.empty() || rest.front() != '/') refuse(msg::addressSerialDevice(address));
        if (rest.find('@') == std::string::npos) refuse(msg::addressSerialBaud(address));
    } else {
        const auto last = rest.rfind(':');
        if (rest.empty() || last == std::string::npos || last == 0 || last + 1 == rest.size()) refuse(msg::addressHostPort(address));
    }
    try {
        transport::Address::parse(address);
    } catch (const ValidationError&) {
        throw; // a baud rate or port out of range, already in Chinese naming `address`
    } catch (const InputError&) {
        refuse(scheme == "serial" ? msg::addressNotReadable(address) : msg::addressHost(address));
    }
}

LinkTest testScreenLink(const content::ScreenRecord& screen, Millis timeout) {
    if (screen.protocol == protocols::kWebPlayer) throw ValidationError("protocol", msg::probeNotForWeb());
    checkScreenAddress(screen);
    if (trimmed(screen.address).empty()) refuse(msg::addressNoTransport(""));
    std::unique_ptr<protocols::Protocol> protocol;
    try {
        protocol = protocols::makeProtocol(screen.protocol);
    } catch (const InputError& e) {
        throw ValidationError("protocol", e.what());
    }
    std::uint16_t cardAddress = 1;
    if (auto a = content::cardAddress(screen))
        cardAddress = *a;
    else if (auto all = protocol->probeAddress())
        cardAddress = *all;

    const auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - started).count(); };
    transport::Timeouts t;
    t.connect = timeout;
    t.write = timeout;
    t.read = timeout;
    LinkTest out;
    std::unique_ptr<transport::Transport> link;
    try {
        link = transport::openTransport(trimmed(screen.address), t, transport::RetryPolicy{1, Millis(0)});
    } catch (const Error& e) {
        out.message = msg::probeCannotOpen(screen.address, e.what());
        out.millis = elapsed();
        return out;
    }
    std::optional<protocols::CardStatus> status;
    try {
        status = protocols::askStatus(*link, *protocol, cardAddress, timeout);
    } catch (const InputError&) {
        throw ValidationError("protocol", msg::probeNoStatusQuestion(screen.protocol));
    } catch (const Error& e) {
        link->close();
        out.message = msg::probeCannotOpen(screen.address, e.what());
        out.millis = elapsed();
        return out;
    }
    link->close();
    out.millis = elapsed();
    if (!status) {
        out.message = msg::probeNoAnswer(screen.address, timeout.count());
        return out;
    }
    out.answered = true;
    std::string detail;
    auto add = [&](const std::string& part) { detail += (detail.empty() ? "" : "，") + part; };
    if (!status->model.empty()) add("型号 " + status->model);
    if (status->width && status->height) add("屏幕 " + std::to_string(*status->width) + "×" + std::to_string(*status->height));
    if (status->screenOn) add(*status->screenOn ? "已开屏" : "已关屏");
    if (status->brightness) add("亮度 " + std::to_string(*status->brightness));
    if (auto refused = status->extra.find("refused"); refused != status->extra.end())
        add("控制卡拒绝了查询（" + refused->second + "），但线路是通的");
    out.message = msg::probeAnswered(screen.protocol, detail, out.millis);
    return out;
}

} // namespace gongshi::server
