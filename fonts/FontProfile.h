#pragma once
// Named font profiles: an ordered fallback chain of Debian font files, a pixel size and a
// render mode. LED profiles draw 1-bit glyphs; print profiles draw anti-aliased ones.
#include <string>
#include <string_view>
#include <vector>

namespace gongshi::fonts {

enum class RenderMode { Mono, Gray };

struct FaceSpec {
    std::string label;   // human name, e.g. "WenQuanYi Bitmap Song 12pt"
    std::string file;    // file name, searched for in the font directories
    int index = 0;       // face index inside a TTC (Noto CJK SC is 2)
    std::string package; // the Debian package that ships the file
};

struct FontProfile {
    std::string name;
    int pixelSize = 16;
    RenderMode mode = RenderMode::Mono;
    std::vector<FaceSpec> chain;
    std::string overrideFile; // per-code-point bitmaps, relative to the font data dir; may be empty
};

// Throws InputError naming the known profiles when `name` is unknown.
const FontProfile& profileByName(std::string_view name);
const std::vector<FontProfile>& allProfiles();
// LED profiles from the largest pixel size to the smallest: the order auto-fit tries them in.
std::vector<const FontProfile*> ledProfilesLargestFirst();

// Directories searched for font files, in order. GONGSHI_FONT_DIRS (colon-separated) comes first.
std::vector<std::string> fontSearchDirs();
// Full path of a face's file; throws EnvironmentError naming the Debian package when absent.
std::string locateFontFile(const FaceSpec& face);
// Directory of the project's own font data (override bitmaps). GONGSHI_FONT_DATA overrides.
std::string fontDataDir();

} // namespace gongshi::fonts
