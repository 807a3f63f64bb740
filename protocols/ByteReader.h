#pragma once
// Reads little-endian fields from untrusted bytes. Reading past the end yields zeros, moves to the
// end and makes ok() false for good, so a parser can read a whole structure and check once instead
// of at every field.
#include <cstddef>
#include <cstdint>

namespace gongshi::protocols {

class ByteReader {
public:
    ByteReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    bool ok() const { return ok_; }
    std::size_t pos() const { return pos_; }
    std::size_t remaining() const { return size_ - pos_; }
    const std::uint8_t* here() const { return data_ + pos_; }

    std::uint8_t u8() { return take(1) ? data_[pos_ - 1] : 0; }
    std::uint16_t u16() { return take(2) ? static_cast<std::uint16_t>(data_[pos_ - 2] | (data_[pos_ - 1] << 8)) : 0; }
    std::uint32_t u32() {
        if (!take(4)) return 0;
        const std::uint8_t* p = data_ + pos_ - 4;
        return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) | (static_cast<std::uint32_t>(p[2]) << 16) |
               (static_cast<std::uint32_t>(p[3]) << 24);
    }
    // Moves past n bytes; false (and ok() false) when fewer remain.
    bool skip(std::size_t n) { return take(n); }

private:
    bool take(std::size_t n) {
        if (!ok_ || n > size_ - pos_) {
            ok_ = false;
            pos_ = size_;
            return false;
        }
        pos_ += n;
        return true;
    }

    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
    bool ok_ = true;
};

} // namespace gongshi::protocols
