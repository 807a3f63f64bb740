#include "protocols/ddp/DdpStatus.h"

#include "protocols/ddp/DdpHeader.h"

#include <string_view>

namespace gongshi::protocols::ddp {

namespace {

Bytes header(std::uint8_t flags, std::uint8_t id, std::size_t length) {
    DdpHeader h;
    h.flags = flags;
    h.sequence = 0; // not used: the spec's discovery packets leave it 0
    h.dataType = kTypeUndefined;
    h.id = id;
    h.length = static_cast<std::uint16_t>(length);
    Bytes out;
    h.appendTo(out);
    return out;
}

// The value of "key" in flat JSON: a string (simple escapes undone) or a bare word (true, 12).
std::optional<std::string> jsonValue(std::string_view json, std::string_view key) {
    const std::string quoted = "\"" + std::string(key) + "\"";
    std::size_t at = json.find(quoted);
    if (at == std::string_view::npos) return std::nullopt;
    at = json.find(':', at + quoted.size());
    if (at == std::string_view::npos) return std::nullopt;
    ++at;
    while (at < json.size() && (json[at] == ' ' || json[at] == '\t' || json[at] == '\n' || json[at] == '\r')) ++at;
    if (at >= json.size()) return std::nullopt;
    std::string value;
    if (json[at] == '"') {
        for (++at; at < json.size() && json[at] != '"'; ++at) {
            if (json[at] == '\\' && at + 1 < json.size()) ++at;
            value += json[at];
        }
        return value;
    }
    while (at < json.size() && json[at] != ',' && json[at] != '}' && json[at] != ' ') value += json[at++];
    return value;
}

} // namespace

Bytes statusQuery() { return header(kVersion1 | kFlagQuery, kIdStatus, 0); }

Bytes replyPacket(std::uint8_t id, const std::string& json) {
    Bytes out = header(kVersion1 | kFlagReply | kFlagPush, id, json.size());
    out.insert(out.end(), json.begin(), json.end());
    return out;
}

std::optional<ReplyResult> readStatusReply(const Bytes& received) {
    std::size_t at = 0;
    while (at < received.size()) {
        auto h = DdpHeader::parse(received.data() + at, received.size() - at);
        if (!h) return std::nullopt;
        const std::size_t end = at + h->size() + h->length;
        if (end > received.size()) return std::nullopt;
        if ((h->flags & kFlagReply) && h->id == kIdStatus) {
            ReplyResult r;
            r.consumed = end;
            r.data.assign(received.begin() + static_cast<std::ptrdiff_t>(at + h->size()),
                          received.begin() + static_cast<std::ptrdiff_t>(end));
            return r;
        }
        at = end;
    }
    return std::nullopt;
}

std::optional<CardStatus> readStatusJson(const Bytes& data) {
    std::string_view json(reinterpret_cast<const char*>(data.data()), data.size());
    const std::size_t status = json.find("\"status\"");
    if (status == std::string_view::npos) return std::nullopt;
    json = json.substr(status);
    CardStatus s;
    const std::string man = jsonValue(json, "man").value_or(""), mod = jsonValue(json, "mod").value_or("");
    s.model = man + (man.empty() || mod.empty() ? "" : " ") + mod;
    for (const char* key : {"ver", "mac", "push", "ntp", "state"})
        if (auto v = jsonValue(json, key)) s.extra[key] = *v;
    return s;
}

} // namespace gongshi::protocols::ddp
