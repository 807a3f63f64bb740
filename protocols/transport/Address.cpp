#include "protocols/transport/Address.h"

#include "common/Error.h"
#include "common/Parse.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace gongshi::protocols::transport {
namespace {

constexpr const char* kForms = "serial:/dev/ttyUSB0@9600, tcp:HOST:PORT or udp:HOST:PORT";
constexpr long long kMinBaud = 50;
constexpr long long kMaxBaud = 4000000;

std::string_view trim(std::string_view s) {
    auto isSpace = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
    while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// A number in the address, named for people by the address it stands in and for the API by the
// screen's field "address".
long long number(std::string_view text, const std::string& where, const char* what, long long min, long long max) {
    return parse::wholeNumber(text, {"address", "地址“" + where + "”中的" + what}, min, max);
}

[[noreturn]] void fail(const std::string& message) { throw InputError(message); }

void parseFrameFormat(std::string_view frame, const std::string& where, SerialSettings& out) {
    if (frame.size() != 3)
        fail("frame format '" + std::string(frame) + "' in " + where + " is not like 8N1 (data bits 5-8, parity N/E/O, stop bits 1/2)");
    char bits = frame[0];
    char parity = static_cast<char>(std::toupper(static_cast<unsigned char>(frame[1])));
    char stop = frame[2];
    if (bits < '5' || bits > '8') fail("data bits '" + std::string(1, bits) + "' in " + where + " must be 5, 6, 7 or 8");
    if (parity != 'N' && parity != 'E' && parity != 'O')
        fail("parity '" + std::string(1, frame[1]) + "' in " + where + " must be N, E or O");
    if (stop != '1' && stop != '2') fail("stop bits '" + std::string(1, stop) + "' in " + where + " must be 1 or 2");
    out.dataBits = bits - '0';
    out.parity = parity == 'N' ? Parity::None : parity == 'E' ? Parity::Even : Parity::Odd;
    out.stopBits = stop - '0';
}

SerialSettings parseSerial(std::string_view rest, const std::string& where) {
    SerialSettings s;
    auto at = rest.rfind('@');
    std::string_view device = at == std::string_view::npos ? rest : rest.substr(0, at);
    if (device.empty()) fail("device is missing in " + where + ": write serial:/dev/ttyUSB0@9600");
    if (device.front() != '/') fail("device '" + std::string(device) + "' in " + where + " is not a path like /dev/ttyUSB0");
    s.device = std::string(device);
    if (at == std::string_view::npos) fail("baud rate is missing in " + where + ": write serial:" + s.device + "@9600");

    std::string_view tail = rest.substr(at + 1);
    auto comma = tail.find(',');
    std::string_view baud = tail.substr(0, comma);
    if (baud.empty()) fail("baud rate is missing in " + where + ": write serial:" + s.device + "@9600");
    s.baud = static_cast<int>(number(baud, where, "波特率", kMinBaud, kMaxBaud));

    bool haveFrame = false;
    while (comma != std::string_view::npos) {
        tail.remove_prefix(comma + 1);
        comma = tail.find(',');
        std::string_view option = tail.substr(0, comma);
        if (option.empty()) fail("an option in " + where + " is empty (two commas, or a comma at the end)");
        if (lower(option) == "paced") {
            if (s.paced) fail("paced is given twice in " + where);
            s.paced = true;
            continue;
        }
        if (lower(option) == "rs485") {
            if (s.rs485) fail("rs485 is given twice in " + where);
            s.rs485 = true;
        } else if (std::isdigit(static_cast<unsigned char>(option.front()))) {
            if (haveFrame) fail("frame format is given twice in " + where);
            parseFrameFormat(option, where, s);
            haveFrame = true;
        } else {
            fail("option '" + std::string(option) + "' in " + where + " is neither a frame format like 8N1 nor rs485 nor paced");
        }
    }
    return s;
}

bool validHostName(std::string_view host) {
    return std::all_of(host.begin(), host.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_'; });
}

bool validIpv6(std::string_view host) {
    // Hex groups, colons, an embedded IPv4 tail, and a %zone (an interface name).
    return host.find(':') != std::string_view::npos && std::all_of(host.begin(), host.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == ':' || c == '.' || c == '%' || c == '-' || c == '_';
           });
}

void parseHostPort(std::string_view rest, const std::string& scheme, const std::string& where, Address& out) {
    if (rest.empty()) fail("host and port are missing in " + where + ": write " + scheme + ":HOST:PORT");
    std::string_view host;
    std::string_view afterHost;
    bool bracketed = rest.front() == '[';
    if (bracketed) {
        auto close = rest.find(']');
        if (close == std::string_view::npos) fail("host '" + std::string(rest) + "' in " + where + " has no closing bracket");
        host = rest.substr(1, close - 1);
        afterHost = rest.substr(close + 1);
        if (!afterHost.empty() && afterHost.front() != ':')
            fail("'" + std::string(afterHost) + "' after the host in " + where + " should be :PORT");
    } else {
        auto colon = rest.rfind(':');
        host = rest.substr(0, colon);
        afterHost = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon);
        if (host.find(':') != std::string_view::npos)
            fail("IPv6 host '" + std::string(host) + "' in " + where + " must be in brackets, like " + scheme + ":[::1]:5005");
    }
    if (host.empty()) fail("host is missing in " + where + ": write " + scheme + ":HOST:PORT");
    if (bracketed ? !validIpv6(host) : !validHostName(host))
        fail("host '" + std::string(host) + "' in " + where + " is not a host name or IP address");
    out.host = std::string(host);

    std::string_view port = afterHost.empty() ? afterHost : afterHost.substr(1);
    if (port.empty())
        fail("port is missing in " + where + ": write " + scheme + ":" + std::string(rest.substr(0, rest.size() - afterHost.size())) +
             ":PORT");
    out.port = static_cast<std::uint16_t>(number(port, where, "端口", out.listening ? 0 : 1, 65535));
}

} // namespace

Address Address::parseListen(std::string_view text) { return parse(text, true); }

Address Address::parse(std::string_view text, bool listening) {
    std::string_view t = trim(text);
    const std::string where(t);
    if (t.empty()) fail(std::string("the transport address is empty: write ") + kForms);
    auto colon = t.find(':');
    if (colon == std::string_view::npos) fail("address '" + where + "' does not say its transport: write " + kForms);
    std::string scheme = lower(t.substr(0, colon));
    std::string_view rest = t.substr(colon + 1);

    Address a;
    a.listening = listening;
    if (scheme == "serial") {
        a.kind = Kind::Serial;
        a.serial = parseSerial(rest, where);
    } else if (scheme == "tcp" || scheme == "udp") {
        a.kind = scheme == "tcp" ? Kind::Tcp : Kind::Udp;
        parseHostPort(rest, scheme, where, a);
    } else {
        fail("transport '" + std::string(t.substr(0, colon)) + "' in " + where + " is not serial, tcp or udp");
    }
    return a;
}

std::string Address::toString() const {
    if (kind == Kind::Serial) return serial.toString();
    std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return std::string(kind == Kind::Tcp ? "tcp:" : "udp:") + h + ":" + std::to_string(port);
}

} // namespace gongshi::protocols::transport
