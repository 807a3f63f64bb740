#include "app/ScreenOptions.h"

#include "common/Error.h"

#include <sstream>

namespace gongshi::app {

protocols::ScreenSpec screenFromArgs(const Args& args) {
    if (!args.has("width") || !args.has("height")) throw InputError("--width and --height are required");
    protocols::ScreenSpec s;
    s.width = args.getInt("width", 0, 1, 4096);
    s.height = args.getInt("height", 0, 1, 4096);
    s.color = renderer::parseColorMode(args.get("color", "mono"));
    s.address = static_cast<std::uint16_t>(args.getInt("address", 1, 0, 0xFFFF));
    if (auto opts = args.get("option")) {
        std::istringstream in(*opts);
        for (std::string kv; std::getline(in, kv, ',');) {
            auto eq = kv.find('=');
            if (eq == std::string::npos || eq == 0) throw InputError("--option expects key=value, got '" + kv + "'");
            s.options[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
    }
    return s;
}

protocols::Effect parseEffect(const std::string& name) {
    if (name == "static") return protocols::Effect::Static;
    if (name == "left") return protocols::Effect::MoveLeft;
    if (name == "up") return protocols::Effect::MoveUp;
    throw InputError("unknown effect '" + name + "' (use static, left or up)");
}

} // namespace gongshi::app
