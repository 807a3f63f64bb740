#include "renderer/GlyphCache.h"

namespace gongshi::renderer {

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
