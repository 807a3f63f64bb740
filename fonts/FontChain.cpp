#include "fonts/FontChain.h"

#include <filesystem>

namespace gongshi::fonts {

FontChain::FontChain(const FontProfile& profile, int pixelSize)
    : profile_(profile), pixelSize_(pixelSize > 0 ? pixelSize : profile.pixelSize), bmpSlots_(0x10000, 0) {
    for (const auto& spec : profile.chain) faces_.push_back(std::make_unique<FontFace>(library_.get(), spec, pixelSize_, profile.mode));
    // Override bitmaps are drawn for one size only: the profile's own.
    if (!profile.overrideFile.empty() && pixelSize_ == profile.pixelSize) {
        auto path = (std::filesystem::path(fontDataDir()) / profile.overrideFile).string();
        overrides_ = GlyphOverrides::load(path, pixelSize_);
    }
}

int FontChain::lookup(char32_t cp) const {
    if (overrides_.find(cp)) return kOverride;
    for (std::size_t i = 0; i < faces_.size(); ++i)
        if (faces_[i]->has(cp)) return static_cast<int>(i);
    return kMissing;
}

int FontChain::slotFor(char32_t cp) {
    if (cp < 0x10000) {
        auto& cached = bmpSlots_[cp];
        if (cached == 0) cached = static_cast<std::int8_t>(lookup(cp) + 3);
        return cached - 3;
    }
    auto it = astralSlots_.find(cp);
    if (it != astralSlots_.end()) return it->second;
    int slot = lookup(cp);
    astralSlots_.emplace(cp, slot);
    return slot;
}

} // namespace gongshi::fonts
