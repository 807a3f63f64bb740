#include "fonts/FontProfile.h"

#include "common/Error.h"
#include "common/ShareDir.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace gongshi::fonts {
namespace {

const FaceSpec kWqy9pt{"WenQuanYi Bitmap Song 9pt (12 px)", "wenquanyi_9pt.pcf", 0, "xfonts-wqy"};
const FaceSpec kWqy12pt{"WenQuanYi Bitmap Song 12pt (16 px)", "wenquanyi_12pt.pcf", 0, "xfonts-wqy"};
const FaceSpec kUnifont{"GNU Unifont", "unifont.otf", 0, "fonts-unifont"};
const FaceSpec kZenHeiSharp{"WenQuanYi Zen Hei Sharp", "wqy-zenhei.ttc", 2, "fonts-wqy-zenhei"};
const FaceSpec kNotoSansSC{"Noto Sans CJK SC", "NotoSansCJK-Regular.ttc", 2, "fonts-noto-cjk"};
const FaceSpec kNotoSerifSC{"Noto Serif CJK SC", "NotoSerifCJK-Regular.ttc", 2, "fonts-noto-cjk"};
const FaceSpec kHanaMinB{"HanaMinB (CJK Ext B and beyond)", "HanaMinB.ttf", 0, "fonts-hanazono"};

std::vector<FontProfile> makeProfiles() {
    return {
        {"led12", 12, RenderMode::Mono, {kWqy9pt, kZenHeiSharp, kNotoSansSC, kHanaMinB}, "overrides/led12.hex"},
        {"led16", 16, RenderMode::Mono, {kWqy12pt, kUnifont, kZenHeiSharp, kNotoSansSC, kHanaMinB}, "overrides/led16.hex"},
        {"led24", 24, RenderMode::Mono, {kNotoSansSC, kHanaMinB}, ""},
        {"led32", 32, RenderMode::Mono, {kNotoSansSC, kHanaMinB}, ""},
        {"print-sans", 32, RenderMode::Gray, {kNotoSansSC, kHanaMinB}, ""},
        {"print-serif", 32, RenderMode::Gray, {kNotoSerifSC, kHanaMinB}, ""},
    };
}

} // namespace

const std::vector<FontProfile>& allProfiles() {
    static const std::vector<FontProfile> profiles = makeProfiles();
    return profiles;
}

const FontProfile& profileByName(std::string_view name) {
    for (const auto& p : allProfiles())
        if (p.name == name) return p;
    std::ostringstream msg;
    msg << "unknown font profile '" << name << "' (known:";
    for (const auto& p : allProfiles()) msg << ' ' << p.name;
    msg << ')';
    throw InputError(msg.str());
}

std::vector<const FontProfile*> ledProfilesLargestFirst() {
    std::vector<const FontProfile*> led;
    for (const auto& p : allProfiles())
        if (p.mode == RenderMode::Mono) led.push_back(&p);
    std::sort(led.begin(), led.end(), [](auto* a, auto* b) { return a->pixelSize > b->pixelSize; });
    return led;
}

std::vector<std::string> fontSearchDirs() {
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("GONGSHI_FONT_DIRS")) {
        std::istringstream in(env);
        for (std::string d; std::getline(in, d, ':');)
            if (!d.empty()) dirs.push_back(d);
    }
    for (const char* d : {"/usr/share/fonts/X11/misc", "/usr/share/fonts/opentype/noto", "/usr/share/fonts/opentype/unifont",
                          "/usr/share/fonts/truetype/wqy", "/usr/share/fonts/truetype/hanazono", "/usr/local/share/fonts"})
        dirs.emplace_back(d);
    return dirs;
}

std::string locateFontFile(const FaceSpec& face) {
    namespace fs = std::filesystem;
    for (const auto& dir : fontSearchDirs()) {
        fs::path p = fs::path(dir) / face.file;
        std::error_code ec;
        if (fs::is_regular_file(p, ec)) return p.string();
    }
    throw EnvironmentError("font file " + face.file + " (" + face.label + ") not found; install the Debian package " + face.package +
                           " (apt-get install " + face.package + ")");
}

std::string fontDataDir() {
    if (const char* env = std::getenv("GONGSHI_FONT_DATA")) return env;
    if (auto installed = installedShareDir("fonts"); !installed.empty()) return installed;
#ifdef GONGSHI_FONT_DATA_DIR
    return GONGSHI_FONT_DATA_DIR;
#else
    return "fonts";
#endif
}

} // namespace gongshi::fonts
