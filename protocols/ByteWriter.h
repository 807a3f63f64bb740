#pragma once
// Appends little-endian fields, the byte order of every multi-byte field in the Onbon protocols.
#include "protocols/Protocol.h"

#include <cstddef>
#include <cstdint>

namespace gongshi::protocols {

class ByteWriter {
public:
    explicit ByteWriter(Bytes& out) : out_(out) {}
    void u8(unsigned v) { out_.push_back(static_cast<std::uint8_t>(v)); }
    void u16(unsigned v) {
        u8(v & 0xFF);
        u8((v >> 8) & 0xFF);
    }
    void u32(std::uint32_t v) {
        u16(v & 0xFFFF);
        u16(v >> 16);
    }
    void zeros(std::size_t n) { out_.insert(out_.end(), n, 0); }
    void bytes(const Bytes& b) { out_.insert(out_.end(), b.begin(), b.end()); }
    // Overwrites a u32 written earlier, for lengths known only after what they measure.
    void patchU32(std::size_t at, std::uint32_t v) {
        for (int i = 0; i < 4; ++i) out_[at + static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v >> (8 * i));
    }
    std::size_t size() const { return out_.size(); }

private:
    Bytes& out_;
};

} // namespace gongshi::protocols
