#include "renderer/LayoutJson.h"

#include "renderer/Utf8.h"

#include <cstdio>

namespace gongshi::renderer {

std::string jsonEscape(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out.push_back(static_cast<char>(c));
            }
        }
    }
    return out;
}

std::string layoutToJson(const Layout& layout) {
    std::string out = "{\"font\": \"" + jsonEscape(layout.font) + "\", \"width\": " + std::to_string(layout.width) +
                      ", \"height\": " + std::to_string(layout.height) + ", \"pages\": [";
    for (std::size_t p = 0; p < layout.pages.size(); ++p) {
        out += p ? ", {\"lines\": [" : "{\"lines\": [";
        const auto& lines = layout.pages[p].lines;
        for (std::size_t l = 0; l < lines.size(); ++l) {
            const Line& line = lines[l];
            out += (l ? ", " : "");
            out += "{\"text\": \"" + jsonEscape(encodeUtf8(line.text)) + "\", \"x\": " + std::to_string(line.x) +
                   ", \"y\": " + std::to_string(line.y) + ", \"width\": " + std::to_string(line.width) + "}";
        }
        out += "]}";
    }
    out += "], \"missing\": [";
    for (std::size_t i = 0; i < layout.missing.size(); ++i)
        out += (i ? ", \"" : "\"") + codePointName(layout.missing[i]) + "\"";
    out += "]}\n";
    return out;
}

} // namespace gongshi::renderer
