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
// FileType Name[4] FileLen u32 Priority PlayMode u16 PlayTimes Life[8] Week Time[2] AreaCount
constexpr std::size_t kFileHeadLength = 1 + kNameLength + 4 + 1 + 2 + 1 + 8 + 1 + 2 + 1;
// Type X Y W H DispMode Speed Stay PageCount PageBytes
constexpr std::size_t kAreaHeadLength = 1 + 2 * 4 + 1 + 1 + 2 + 2 + 4;

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

Bytes encodeProgramFile(const std::vector<Command>& areas, const PagePacker& pack) {
    if (areas.empty()) throw InputError("a program needs at least one area");
    if (areas.size() > 255) throw InputError("a program holds at most 255 areas, not " + std::to_string(areas.size()));
    Bytes file;
    ByteWriter w(file);
    w.u8(kFileTypeProgram);
    writeName(w, kProgramName);
    w.u32(0); // the file's length, known at the end
    w.u8(0);  // priority
    w.u16(0); // play mode: areas in turn
    w.u8(1);  // play times
    for (int i = 0; i < 8; ++i) w.u8(0xFF); // life: always
    w.u8(0xFF);                             // every weekday
    w.u16(0);                               // all day
    w.u8(static_cast<unsigned>(areas.size()));
    for (std::size_t i = 0; i < areas.size(); ++i) {
        const Command& a = areas[i];
        if (a.pages.empty()) throw InputError("program area " + std::to_string(i + 1) + " has no pages");
        const int width = a.pages.front().width(), height = a.pages.front().height();
        if (a.pages.size() > 0xFFFF) throw InputError("program area " + std::to_string(i + 1) + " has more than 65535 pages");
        Bytes pixels;
        for (const auto& page : a.pages) {
            if (page.width() != width || page.height() != height)
                throw InputError("program area " + std::to_string(i + 1) + ": pages differ in size");
            pack(page, a.x, pixels);
        }
        const std::size_t length = kAreaHeadLength + pixels.size();
        w.u32(static_cast<std::uint32_t>(length));
        w.u8(kAreaTypePicture);
        w.u16(static_cast<unsigned>(a.x));
        w.u16(static_cast<unsigned>(a.y));
        w.u16(static_cast<unsigned>(width));
        w.u16(static_cast<unsigned>(height));
        w.u8(displayModeOf(a.effect));
        w.u8(static_cast<unsigned>(std::clamp(a.speed, 0, 255)));
        w.u16(static_cast<unsigned>(std::clamp(a.stayHalfSeconds, 0, 65535 / 50) * 50));
        w.u16(static_cast<unsigned>(a.pages.size()));
        w.u32(static_cast<std::uint32_t>(pixels.size() / a.pages.size()));
        w.bytes(pixels);
    }
    w.patchU32(1 + kNameLength, static_cast<std::uint32_t>(file.size() + 2));
    w.u16(crc16Arc(file.data(), file.size()));
    return file;
}

ParsedProgram parseProgramFile(const Bytes& file, const std::function<std::size_t(int, int, int)>& pageBytes) {
    ParsedProgram out;
    auto fail = [&](std::size_t at, const std::string& what) {
        out.areas.clear();
        out.error = what + " at byte " + std::to_string(at);
        return out;
    };
    if (file.size() < kFileHeadLength + 2) return fail(0, "program file shorter than its header");
    const std::uint16_t crc = static_cast<std::uint16_t>(file[file.size() - 2] | file[file.size() - 1] << 8);
    if (crc16Arc(file.data(), file.size() - 2) != crc) return fail(file.size() - 2, "program file CRC does not match");
    ByteReader r(file.data(), file.size() - 2);
    if (r.u8() != kFileTypeProgram) return fail(0, "file type is not 00 (program)");
    r.skip(kNameLength);
    if (r.u32() != file.size()) return fail(1 + kNameLength, "FileLen disagrees with the file's size");
    r.skip(1 + 2 + 1 + 8 + 1 + 2);
    const int count = r.u8();
    for (int i = 0; i < count; ++i) {
        const std::size_t at = file.size() - 2 - r.remaining();
        const std::uint32_t length = r.u32();
        const std::uint8_t* p = r.here();
        if (!r.skip(length) || length < kAreaHeadLength) return fail(at, "area " + std::to_string(i + 1) + " runs past the file");
        ByteReader a(p, length);
        ProgramArea area;
        if (a.u8() != kAreaTypePicture) return fail(at + 4, "area " + std::to_string(i + 1) + " is not a picture area (0x10)");
        area.x = a.u16();
        area.y = a.u16();
        area.width = a.u16();
        area.height = a.u16();
        area.displayMode = a.u8();
        area.speed = a.u8();
        area.stay10ms = a.u16();
        area.pageCount = a.u16();
        const std::uint32_t perPage = a.u32();
        if (area.width == 0 || area.height == 0 || area.pageCount == 0)
            return fail(at + 4, "area " + std::to_string(i + 1) + " is empty");
        if (perPage != pageBytes(area.x, area.width, area.height))
            return fail(at + 4 + kAreaHeadLength - 4, "area " + std::to_string(i + 1) + " page size " + std::to_string(perPage) +
                                                          " does not match its place and size");
        if (a.remaining() != static_cast<std::size_t>(perPage) * static_cast<std::size_t>(area.pageCount))
            return fail(at + 4 + kAreaHeadLength, "area " + std::to_string(i + 1) + " holds " + std::to_string(a.remaining()) +
                                                      " bytes of pages, not " + std::to_string(perPage * area.pageCount));
        area.pixels.assign(a.here(), a.here() + a.remaining());
        out.areas.push_back(std::move(area));
    }
    if (!r.ok() || r.remaining() != 0) return fail(file.size() - 2 - r.remaining(), "bytes left after the last area");
    return out;
}

Bytes startFilePayload(const Bytes& file) {
    Bytes p;
    ByteWriter w(p);
    w.u8(1); // overwrite the file the card has under this name
    writeName(w, kProgramName);
    w.u32(static_cast<std::uint32_t>(file.size()));
    return p;
}

std::vector<Bytes> fileBlockPayloads(const Bytes& file, std::size_t wireBudget) {
    std::vector<Bytes> out;
    wireBudget = std::max<std::size_t>(2, wireBudget);
    unsigned number = 0;
    for (std::size_t at = 0; at < file.size();) {
        std::size_t n = 0, used = 0;
        while (at + n < file.size() && n < 0xFFFF) {
            const std::size_t cost = needsEscape(file[at + n]) ? 2 : 1;
            if (used + cost > wireBudget) break;
            used += cost;
            ++n;
        }
        Bytes p;
        ByteWriter w(p);
        writeName(w, kProgramName);
        w.u8(at + n == file.size() ? 1 : 0);
        w.u16(number++);
        w.u16(static_cast<unsigned>(n));
        w.u32(static_cast<std::uint32_t>(at));
        p.insert(p.end(), file.begin() + static_cast<std::ptrdiff_t>(at), file.begin() + static_cast<std::ptrdiff_t>(at + n));
        out.push_back(std::move(p));
        at += n;
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

Bytes fileInfoQuery() {
    Bytes p;
    ByteWriter w(p);
    writeName(w, kProgramName);
    return p;
}

FileInfo infoOf(const Bytes& file) {
    FileInfo info;
    info.size = static_cast<std::uint32_t>(file.size());
    if (file.size() >= 2) info.crc = static_cast<std::uint16_t>(file[file.size() - 2] | file[file.size() - 1] << 8);
    return info;
}

Bytes encodeFileInfo(const Bytes& file) {
    const FileInfo info = infoOf(file);
    Bytes p;
    ByteWriter w(p);
    writeName(w, kProgramName);
    w.u32(info.size);
    w.u16(info.crc);
    return p;
}

std::optional<FileInfo> parseFileInfo(const Bytes& data) {
    if (data.size() != kNameLength + 6 || readName(data.data()) != kProgramName) return std::nullopt;
    ByteReader r(data.data() + kNameLength, 6);
    FileInfo info;
    info.size = r.u32();
    info.crc = r.u16();
    return info;
}

bool keepsFile(const Bytes& infoReply, const Bytes& file) {
    auto info = parseFileInfo(infoReply);
    return info && *info == infoOf(file);
}

} // namespace gongshi::protocols::onbon
