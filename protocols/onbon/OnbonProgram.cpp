#include "protocols/onbon/OnbonProgram.h"

#include "common/Error.h"
#include "protocols/ByteReader.h"
#include "protocols/ByteWriter.h"
#include "protocols/onbon/OnbonFraming.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace gongshi::protocols::onbon {

namespace {
constexpr std::size_t kNameLength = 4;

void writeName(ByteWriter& w, const std::string& name) {
    for (std::size_t i = 0; i < kNameLength; ++i) w.u8(i < name.size() ? static_cast<unsigned char>(name[i]) : 0);
}

std::string readName(const std::uint8_t* p) {
    std::string s;
    for (std::size_t i = 0; i < kNameLength && p[i] != 0; ++i) s.push_back(static_cast<char>(p[i]));
    return s;
}
} // namespace

std::uint8_t displayModeOf(Effect effect) {
    switch (effect) {
    case Effect::Static: return kModeStatic;
    case Effect::MoveLeft: return kModeMoveLeft;
    case Effect::MoveUp: return kModeMoveUp;
    }
    return kModeStatic;
}

const char* displayModeName(std::uint8_t mode) {
    switch (mode) {
    case kModeStatic: return "static";
    case kModeMoveLeft: return "move-left";
    case kModeMoveUp: return "move-up";
    }
    return "other";
}

Bytes startFilePayload(const Bytes& file) {
    Bytes p;
    ByteWriter w(p);
    w.u8(1); // overwrite the file the card has under this name
    writeName(w, kProgramName);
    w.u32(static_cast<std::uint32_t>(file.size()));
    return p;
}

std::vector<Bytes> fileBlockPayloads(const Bytes& file, std::size_t blockData) {
    std::vector<Bytes> out;
    blockData = std::clamp<std::size_t>(blockData, 1, 0xFFFF);
    unsigned number = 0;
    for (std::size_t at = 0; at < file.size(); at += blockData) {
        const std::size_t n = std::min(blockData, file.size() - at);
        Bytes p;
        ByteWriter w(p);
        writeName(w, kProgramName);
        w.u8(at + n == file.size() ? 1 : 0);
        w.u16(number++);
        w.u16(static_cast<unsigned>(n));
        w.u32(static_cast<std::uint32_t>(at));
        p.insert(p.end(), file.begin() + static_cast<std::ptrdiff_t>(at), file.begin() + static_cast<std::ptrdiff_t>(at + n));
        out.push_back(std::move(p));
    }
    return out;
}

std::size_t flashCapacity(const ScreenSpec& screen) {
    auto it = screen.options.find("flash_kb");
    if (it == screen.options.end()) return 1024 * 1024;
    char* end = nullptr;
    const long kb = std::strtol(it->second.c_str(), &end, 10);
    if (end == it->second.c_str() || *end != 0 || kb < 1 || kb > 1024 * 1024)
        throw InputError("option flash_kb must be a number of kilobytes from 1 to 1048576, not '" + it->second + "'");
    return static_cast<std::size_t>(kb) * 1024;
}

FileReceiver::Outcome FileReceiver::start(const std::uint8_t* p, std::size_t n) {
    open_ = false;
    data_.clear();
    received_ = 0;
    nextBlock_ = 0;
    if (n < kStartPayloadLength) {
        reason_ = "start of file write cut short";
        return Outcome::Truncated;
    }
    name_ = readName(p + 1);
    if (name_ != kProgramName) {
        reason_ = "file name '" + name_ + "' is not a program file name";
        return Outcome::BadName;
    }
    ByteReader r(p + 1 + kNameLength, 4);
    expected_ = r.u32();
    if (expected_ > capacity_ || expected_ == 0) {
        reason_ = "file of " + std::to_string(expected_) + " bytes; the card's flash holds " + std::to_string(capacity_);
        return Outcome::TooLarge;
    }
    data_.assign(expected_, 0);
    open_ = true;
    return Outcome::Ok;
}

FileReceiver::Outcome FileReceiver::block(const std::uint8_t* p, std::size_t n) {
    if (n < kBlockHeadLength) {
        reason_ = "file block header cut short";
        return Outcome::Truncated;
    }
    if (!open_) {
        reason_ = "file block before a start of file write (A1 05)";
        return Outcome::NoStart;
    }
    if (readName(p) != name_) {
        reason_ = "block of file '" + readName(p) + "' while '" + name_ + "' is being written";
        return Outcome::BadName;
    }
    ByteReader r(p + kNameLength, kBlockHeadLength - kNameLength);
    const bool last = r.u8() != 0;
    const int number = r.u16();
    const std::size_t length = r.u16();
    const std::size_t offset = r.u32();
    if (length != n - kBlockHeadLength) {
        reason_ = "BlockLen " + std::to_string(length) + " but " + std::to_string(n - kBlockHeadLength) + " bytes follow";
        return Outcome::Truncated;
    }
    // A block sent again (its reply was lost) is taken again; anything else must come in order.
    const bool repeat = number == nextBlock_ - 1 && offset + length == received_;
    if (!repeat && (number != nextBlock_ || offset != received_)) {
        reason_ = "block " + std::to_string(number) + " at " + std::to_string(offset) + " where block " +
                  std::to_string(nextBlock_) + " at " + std::to_string(received_) + " was due";
        return Outcome::BadBlock;
    }
    if (offset + length > expected_) {
        reason_ = "block ends at " + std::to_string(offset + length) + ", past the " + std::to_string(expected_) + " bytes announced";
        return Outcome::TooLarge;
    }
    std::memcpy(data_.data() + offset, p + kBlockHeadLength, length);
    if (!repeat) {
        received_ = offset + length;
        ++nextBlock_;
    }
    if (!last) return Outcome::Ok;
    open_ = false;
    if (received_ != expected_) {
        reason_ = "last block arrived with " + std::to_string(received_) + " of " + std::to_string(expected_) + " bytes";
        return Outcome::Truncated;
    }
    return Outcome::Complete;
}

} // namespace gongshi::protocols::onbon
