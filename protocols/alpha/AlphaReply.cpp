#include "protocols/alpha/AlphaReply.h"

#include "protocols/alpha/AlphaCodes.h"
#include "protocols/alpha/AlphaPacket.h"

#include <algorithm>
#include <string>
#include <string_view>

namespace gongshi::protocols::alpha {

std::optional<ReplyResult> readReply(const Bytes& received) {
    std::size_t from = 0;
    while (true) {
        auto soh = std::find(received.begin() + static_cast<std::ptrdiff_t>(from), received.end(), code::SOH);
        if (soh == received.end()) return std::nullopt;
        auto eot = std::find(soh, received.end(), code::EOT);
        if (eot == received.end()) return std::nullopt;
        const std::size_t begin = static_cast<std::size_t>(soh - received.begin());
        const std::size_t end = static_cast<std::size_t>(eot - received.begin()) + 1;
        // SOH type address(2) STX command ... EOT
        if (end - begin < 7 || received[begin + 1] != static_cast<std::uint8_t>(code::TypeResponse) || received[begin + 4] != code::STX) {
            from = end;
            continue;
        }
        ReplyResult r;
        r.consumed = end;
        r.data.assign(received.begin() + static_cast<std::ptrdiff_t>(begin), received.begin() + static_cast<std::ptrdiff_t>(end));
        auto etx = std::find(r.data.begin(), r.data.end(), code::ETX);
        if (etx != r.data.end()) {
            const std::size_t at = static_cast<std::size_t>(etx - r.data.begin());
            std::string_view sum(reinterpret_cast<const char*>(r.data.data()) + at + 1, r.data.size() - at - 2);
            auto sent = parseHex4(sum);
            if (!sent || *sent != checksum(r.data.data() + 4, at - 4 + 1)) {
                r.ok = false;
                r.error = "checksum";
                r.garbled = true;
            }
        }
        return r;
    }
}

std::optional<CardStatus> readStatus(const ReplyResult& reply) {
    const Bytes& d = reply.data;
    if (!reply.ok || d.size() < 7 || d[0] != code::SOH || d[4] != code::STX) return std::nullopt;
    std::string_view text(reinterpret_cast<const char*>(d.data()), d.size());
    auto address = parseHex4("00" + std::string(text.substr(2, 2)));
    if (!address) return std::nullopt;
    CardStatus s;
    s.address = *address;
    s.extra["type"] = std::string(1, static_cast<char>(d[1]));
    std::string_view command =
        text.substr(5, text.find(static_cast<char>(code::ETX)) == std::string_view::npos ? text.size() - 6
                                                                                         : text.find(static_cast<char>(code::ETX)) - 5);
    // 'E', ' ', HHMM: the time of day the sign keeps.
    if (command.size() == 6 && command[0] == code::WriteSpecial && command[1] == code::SetTime &&
        std::all_of(command.begin() + 2, command.end(), [](char c) { return c >= '0' && c <= '9'; }))
        s.extra["time"] = std::string(command.substr(2, 2)) + ":" + std::string(command.substr(4, 2));
    return s;
}

} // namespace gongshi::protocols::alpha
