#pragma once
// Reads little-endian fields from untrusted bytes. Reading past the end yields zeros and marks the
// reader failed, so a parser can read a whole structure and check once, instead of at every field.
#include <cstddef>
#include <cstdint>

namespace gongshi::protocols::bx6 {

class LeReader {
public:
    LeReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    std::uint8_t u8() { return take(1) ? data_[pos_ - 1] : 0; }
    std::uint16_t u16() {
        if (!take(2)) return 0;
        return static_cast<std::uint16_t>(data_[pos_ - 2] | (data_[pos_ - 1] << 8));
    }
    std::uint32_t u32() {
        if (!take(4)) return 0;
        const std::uint8_t* p = data_ + pos_ - 4;
        return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
               (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
    }
    void skip(std::size_t n) { take(n); }
    std::size_t pos() const { return pos_; }
    std::size_t remaining() const { return size_ - pos_; }
    bool failed() const { return failed_; }

private:
    bool take(std::size_t n) {
        if (failed_ || n > size_ - pos_) {
            failed_ = true;
            pos_ = size_;
            return false;
        }
        pos_ += n;
        return true;
    }
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
    bool failed_ = false;
};

} // namespace gongshi::protocols::bx6
