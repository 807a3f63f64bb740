#pragma once
// Rendered glyph masks keyed by (face, size, mode, glyph id), bounded in bytes, least recently
// used dropped first.
#include <cstdint>
#include <list>
#include <unordered_map>
#include <vector>

namespace gongshi::renderer {

struct GlyphMask {
    int width = 0;
    int height = 0;
    int left = 0;                       // from the pen position to the mask's left edge
    int top = 0;                        // from the baseline up to the mask's top edge
    std::vector<std::uint8_t> coverage; // width*height, 0..255
    // The same mask as packed bits (coverage >= 128, MSB = left), for fast drawing on 1-bit panels.
    int bitStride = 0;
    std::vector<std::uint8_t> bits;

    void packBits();
};

struct GlyphKey {
    std::uint32_t face = 0;
    std::uint16_t size = 0;
    std::uint8_t mode = 0;
    std::uint32_t glyph = 0;
    friend bool operator==(const GlyphKey&, const GlyphKey&) = default;
};

class GlyphCache {
public:
    explicit GlyphCache(std::size_t capacityBytes = 8u << 20) : capacity_(capacityBytes) {}

    const GlyphMask* find(const GlyphKey& key);
    const GlyphMask& insert(const GlyphKey& key, GlyphMask mask);

    std::size_t bytes() const { return bytes_; }
    std::size_t entries() const { return map_.size(); }
    std::size_t capacity() const { return capacity_; }
    std::uint64_t hits() const { return hits_; }
    std::uint64_t misses() const { return misses_; }

private:
    struct Hash {
        std::size_t operator()(const GlyphKey& k) const {
            std::uint64_t v = (static_cast<std::uint64_t>(k.face) << 40) ^ (static_cast<std::uint64_t>(k.size) << 24) ^
                              (static_cast<std::uint64_t>(k.mode) << 20) ^ k.glyph;
            return std::hash<std::uint64_t>()(v * 0x9E3779B97F4A7C15ull);
        }
    };
    using Entry = std::pair<GlyphKey, GlyphMask>;
    static std::size_t costOf(const GlyphMask& m) { return m.coverage.size() + m.bits.size() + sizeof(Entry) + 32; }

    std::size_t capacity_;
    std::size_t bytes_ = 0;
    std::list<Entry> lru_; // front = most recent
    std::unordered_map<GlyphKey, std::list<Entry>::iterator, Hash> map_;
    std::uint64_t hits_ = 0, misses_ = 0;
};

} // namespace gongshi::renderer
