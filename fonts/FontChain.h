#pragma once
// A profile's fallback chain opened at one pixel size: which face draws each code point.
#include "fonts/FontFace.h"
#include "fonts/FontProfile.h"
#include "fonts/GlyphOverrides.h"

#include <memory>
#include <unordered_map>
#include <vector>

namespace gongshi::fonts {

class FontChain {
public:
    // Slots: 0..faceCount()-1 are faces in chain order; these two are not faces.
    static constexpr int kOverride = -1; // drawn from the profile's override bitmaps
    static constexpr int kMissing = -2;  // no face has it: reported and drawn as a placeholder

    // pixelSize 0 means the profile's own size. Throws EnvironmentError for a missing font file.
    explicit FontChain(const FontProfile& profile, int pixelSize = 0);

    const FontProfile& profile() const { return profile_; }
    int pixelSize() const { return pixelSize_; }
    RenderMode mode() const { return profile_.mode; }

    // Which slot draws `cp` (override first, then the faces in order). Cached.
    int slotFor(char32_t cp);
    FontFace& face(int slot) { return *faces_[static_cast<std::size_t>(slot)]; }
    int faceCount() const { return static_cast<int>(faces_.size()); }
    const GlyphOverrides& overrides() const { return overrides_; }
    // Baseline of the row for glyphs that are not from a face (overrides, placeholders).
    int baseline() const { return faces_.front()->baseline(); }

private:
    int lookup(char32_t cp) const;

    const FontProfile& profile_;
    int pixelSize_;
    FreeTypeLibrary library_;
    std::vector<std::unique_ptr<FontFace>> faces_;
    GlyphOverrides overrides_;
    std::vector<std::int8_t> bmpSlots_; // BMP code point -> slot + 3, 0 = not looked up yet
    std::unordered_map<char32_t, int> astralSlots_;
};

} // namespace gongshi::fonts
