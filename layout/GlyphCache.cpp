#include "layout/GlyphCache.h"

namespace gongshi::renderer {

void GlyphMask::packBits() {
    bitStride = (width + 7) / 8;
    bits.assign(static_cast<std::size_t>(bitStride * height), 0);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            if (coverage[static_cast<std::size_t>(y * width + x)] >= 128)
                bits[static_cast<std::size_t>(y * bitStride + (x >> 3))] |= static_cast<std::uint8_t>(0x80 >> (x & 7));
}

const GlyphMask* GlyphCache::find(const GlyphKey& key) {
    auto it = map_.find(key);
    if (it == map_.end()) {
        ++misses_;
        return nullptr;
    }
    ++hits_;
    if (it->second != lru_.begin()) lru_.splice(lru_.begin(), lru_, it->second);
    return &it->second->second;
}

const GlyphMask& GlyphCache::insert(const GlyphKey& key, GlyphMask mask) {
    if (auto it = map_.find(key); it != map_.end()) return it->second->second;
    std::size_t cost = costOf(mask);
    while (!lru_.empty() && bytes_ + cost > capacity_) {
        bytes_ -= costOf(lru_.back().second);
        map_.erase(lru_.back().first);
        lru_.pop_back();
    }
    lru_.emplace_front(key, std::move(mask));
    map_.emplace(key, lru_.begin());
    bytes_ += cost;
    return lru_.front().second;
}

} // namespace gongshi::renderer
