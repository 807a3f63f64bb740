#include "protocols/onbon/OnbonFlash.h"

#include "common/Parse.h"

#include <algorithm>

namespace gongshi::protocols::onbon {

namespace {
constexpr long long kMaxFlashKb = 1024 * 1024;
}

std::size_t flashCapacity(const ScreenSpec& screen) {
    auto it = screen.options.find("flash_kb");
    if (it == screen.options.end()) return 1024 * 1024;
    const long long kb = parse::wholeNumber(it->second, {"options.flash_kb", "控制卡闪存容量（KB）"}, 1, kMaxFlashKb);
    return static_cast<std::size_t>(kb) * 1024;
}

OnbonFlash::OnbonFlash(FileLayout layout, std::size_t capacity, std::string onlyName)
    : layout_(layout), capacity_(capacity), onlyName_(std::move(onlyName)) {}

FlashResult OnbonFlash::refuse(FlashResult result, std::string reason) {
    reason_ = std::move(reason);
    return result;
}

std::size_t OnbonFlash::freeFor(const std::string& name) const {
    std::size_t taken = 0;
    for (const auto& [other, bytes] : files_)
        if (other != name) taken += bytes.size();
    return taken >= capacity_ ? 0 : capacity_ - taken;
}

FlashResult OnbonFlash::start(const std::uint8_t* p, std::size_t n) {
    open_ = complete_ = false;
    data_.clear();
    nextBlock_ = 0;
    expected_ = 0;
    crc_ = 0;
    std::string why;
    const auto s = parseFileStart(layout_, p, n, why);
    if (!s) return refuse(FlashResult::Malformed, why);
    name_ = s->name;
    expected_ = s->length;
    if (!onlyName_.empty() ? name_ != onlyName_ : name_.size() != kFileNameLength)
        return refuse(FlashResult::BadName,
                      "file name '" + name_ + "' is not " + (onlyName_.empty() ? "4 characters" : "a program file name"));
    const std::size_t room = freeFor(name_);
    if (expected_ < smallestFile(layout_) || expected_ > room)
        return refuse(FlashResult::BadSize, "file of " + std::to_string(expected_) + " bytes; the card's flash holds " +
                                                std::to_string(capacity_) + ", " + std::to_string(room) + " of them free");
    crc_ = s->crc;
    data_.reserve(expected_);
    open_ = true;
    return FlashResult::Ok;
}

FlashResult OnbonFlash::block(const std::uint8_t* p, std::size_t n) {
    complete_ = false;
    std::string why;
    const auto b = parseFileBlock(layout_, p, n, why);
    if (!b) return refuse(FlashResult::Malformed, why);
    if (!open_) return refuse(FlashResult::NoStart, "file block before a start of file write");
    if (b->name != name_) return refuse(FlashResult::BadName, "block of file '" + b->name + "' while '" + name_ + "' is being written");
    // A block sent again (its reply was lost) is taken again; anything else must follow the last.
    const bool repeat = b->size > 0 && b->offset + b->size == data_.size() && (!b->number || *b->number == nextBlock_ - 1);
    if (!repeat && (b->offset != data_.size() || (b->number && *b->number != nextBlock_)))
        return refuse(FlashResult::OutOfOrder,
                      b->number ? "block " + std::to_string(*b->number) + " at " + std::to_string(b->offset) + " where block " +
                                      std::to_string(nextBlock_) + " at " + std::to_string(data_.size()) + " was due"
                                : "block at " + std::to_string(b->offset) + " where " + std::to_string(data_.size()) + " was due");
    if (b->offset + b->size > expected_)
        return refuse(FlashResult::BadSize, "block ends at " + std::to_string(b->offset + b->size) + ", past the " +
                                                std::to_string(expected_) + " bytes announced");
    if (repeat) {
        std::copy(b->data, b->data + b->size, data_.begin() + static_cast<std::ptrdiff_t>(b->offset));
    } else {
        data_.insert(data_.end(), b->data, b->data + b->size);
        ++nextBlock_;
    }
    if (!b->last) return FlashResult::Ok;
    open_ = false;
    if (data_.size() != expected_)
        return refuse(FlashResult::Incomplete,
                      "last block arrived with " + std::to_string(data_.size()) + " of " + std::to_string(expected_) + " bytes");
    if (layout_ == FileLayout::Bx6 && !endsInCrc(data_, crc_))
        return refuse(FlashResult::BadCrc, "file of " + std::to_string(data_.size()) + " bytes does not end in the CRC-32 announced");
    complete_ = true;
    return FlashResult::Complete;
}

void OnbonFlash::keepReceived() {
    if (complete_) files_[name_] = data_;
}

void OnbonFlash::restore(std::map<std::string, Bytes> files) {
    files_ = std::move(files);
    open_ = complete_ = false;
    data_.clear();
    nextBlock_ = 0;
}

} // namespace gongshi::protocols::onbon
