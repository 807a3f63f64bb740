#include "app/Args.h"
#include "app/Commands.h"
#include "common/Error.h"
#include "fonts/FontProfile.h"

#include <cstdio>

namespace gongshi::app {

int fontsCommand(const std::vector<std::string>& argv) {
    Args args(argv, {}, {});
    int missing = 0;
    for (const auto& p : fonts::allProfiles()) {
        std::printf("%s: %d px, %s\n", p.name.c_str(), p.pixelSize, p.mode == fonts::RenderMode::Mono ? "1-bit" : "anti-aliased");
        for (const auto& f : p.chain) {
            try {
                std::printf("  %-40s %s (face %d)\n", f.label.c_str(), fonts::locateFontFile(f).c_str(), f.index);
            } catch (const EnvironmentError& e) {
                std::printf("  %-40s MISSING: %s\n", f.label.c_str(), e.what());
                ++missing;
            }
        }
        if (!p.overrideFile.empty()) std::printf("  overrides: %s/%s\n", fonts::fontDataDir().c_str(), p.overrideFile.c_str());
    }
    return missing ? 1 : 0;
}

} // namespace gongshi::app
