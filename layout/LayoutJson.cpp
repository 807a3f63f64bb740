#include "layout/LayoutJson.h"

#include "common/Json.h"
#include "common/Utf8.h"

#include <cstdio>

namespace gongshi::renderer {

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
    for (std::size_t i = 0; i < layout.missing.size(); ++i) out += (i ? ", \"" : "\"") + codePointName(layout.missing[i]) + "\"";
    out += "]}\n";
    return out;
}

} // namespace gongshi::renderer
