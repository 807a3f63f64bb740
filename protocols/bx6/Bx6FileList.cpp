#include "protocols/bx6/Bx6FileList.h"

#include "protocols/ByteReader.h"
#include "protocols/ByteWriter.h"

#include <algorithm>

namespace gongshi::protocols::bx6 {

namespace {
constexpr std::size_t kEntryLength = 13;
constexpr std::uint8_t kDirInfoFlags = 0x20; // as the SDK sends it
} // namespace

FileEntry entryOf(const std::string& name, std::uint8_t type, const Bytes& file) {
    return {name, type, static_cast<std::uint32_t>(file.size()), trailingCrc(file)};
}

Bytes dirInfoQuery(std::uint8_t fileType) { return {fileType, kDirInfoFlags}; }

Bytes dirBlockQuery(std::uint16_t first) {
    Bytes p;
    ByteWriter(p).u16(first);
    return p;
}

Bytes encodeDirCount(std::size_t count) {
    Bytes p;
    ByteWriter(p).u16(static_cast<unsigned>(count));
    return p;
}

Bytes encodeDirBlock(const std::vector<FileEntry>& entries) {
    Bytes p;
    ByteWriter w(p);
    w.u8(1); // the last block: every entry fits one answer
    w.zeros(2);
    w.u16(static_cast<unsigned>(entries.size()));
    for (const FileEntry& e : entries) {
        for (std::size_t i = 0; i < 4; ++i) w.u8(i < e.name.size() ? static_cast<unsigned char>(e.name[i]) : 0);
        w.u8(e.type);
        w.u32(e.length);
        w.u32(e.crc);
    }
    return p;
}

std::optional<std::vector<FileEntry>> parseDirBlock(const Bytes& data) {
    ByteReader r(data.data(), data.size());
    r.skip(3);
    const std::size_t count = r.u16();
    if (!r.ok() || r.remaining() != count * kEntryLength) return std::nullopt;
    std::vector<FileEntry> out;
    for (std::size_t i = 0; i < count; ++i) {
        FileEntry e;
        for (int k = 0; k < 4; ++k) {
            const char c = static_cast<char>(r.u8());
            if (c != 0) e.name.push_back(c);
        }
        e.type = r.u8();
        e.length = r.u32();
        e.crc = r.u32();
        out.push_back(std::move(e));
    }
    return out;
}

bool listingHolds(const std::vector<FileEntry>& listing, const ProgramFiles& files) {
    auto has = [&](const FileEntry& want) { return std::find(listing.begin(), listing.end(), want) != listing.end(); };
    return has(entryOf(kProgramFileName, kProgramFileType, files.program)) && has(entryOf(kDataFileName, kDataFileType, files.data));
}

} // namespace gongshi::protocols::bx6
