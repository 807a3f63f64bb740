#include "protocols/onbon/OnbonFileWrite.h"

#include "protocols/ByteReader.h"
#include "protocols/ByteWriter.h"

#include <algorithm>
#include <array>

namespace gongshi::protocols::onbon {

namespace {
constexpr std::size_t kBxkStartLength = 9;      // Overwrite Name[4] FileLen u32
constexpr std::size_t kBxkBlockHeadLength = 13; // Name[4] Last BlockNo u16 BlockLen u16 Offset u32
constexpr std::size_t kBx6StartLength = 14;     // Name[4] FileType FileLen u32 Overwrite Crc32 u32
constexpr std::size_t kBx6BlockHeadLength = 9;  // Name[4] Last Offset u32
constexpr std::size_t kCrcLength = 4;

void writeName(ByteWriter& w, const std::string& name) {
    for (std::size_t i = 0; i < kFileNameLength; ++i) w.u8(i < name.size() ? static_cast<unsigned char>(name[i]) : 0);
}

std::string readName(const std::uint8_t* p) {
    std::string s;
    for (std::size_t i = 0; i < kFileNameLength && p[i] != 0; ++i) s.push_back(static_cast<char>(p[i]));
    return s;
}

Bytes startPayload(FileLayout layout, const std::string& name, const Bytes& file) {
    Bytes p;
    ByteWriter w(p);
    const auto length = static_cast<std::uint32_t>(file.size());
    if (layout == FileLayout::Bxk) {
        w.u8(1); // overwrite the file the card has under this name
        writeName(w, name);
        w.u32(length);
    } else {
        writeName(w, name);
        w.u8(file.empty() ? 0 : file.front());
        w.u32(length);
        w.u8(1); // overwrite
        w.u32(trailingCrc(file));
    }
    return p;
}
} // namespace

std::vector<FileCommand> fileWriteCommands(FileLayout layout, const std::string& name, const Bytes& file, std::size_t blockSize) {
    const bool k = layout == FileLayout::Bxk;
    std::vector<FileCommand> out{{k ? kCmdStartFile : kCmdWriteStart, startPayload(layout, name, file)}};
    blockSize = std::clamp<std::size_t>(blockSize, 1, 0xFFFF);
    unsigned number = 0;
    for (std::size_t at = 0; at < file.size(); at += blockSize) {
        const std::size_t n = std::min(blockSize, file.size() - at);
        Bytes p;
        ByteWriter w(p);
        writeName(w, name);
        w.u8(at + n == file.size() ? 1 : 0);
        if (k) {
            w.u16(number++);
            w.u16(static_cast<unsigned>(n));
        }
        w.u32(static_cast<std::uint32_t>(at));
        p.insert(p.end(), file.begin() + static_cast<std::ptrdiff_t>(at), file.begin() + static_cast<std::ptrdiff_t>(at + n));
        out.push_back({k ? kCmdFileBlock : kCmdWriteBlock, std::move(p)});
    }
    return out;
}

std::optional<FileStart> parseFileStart(FileLayout layout, const std::uint8_t* p, std::size_t n, std::string& why) {
    FileStart s;
    if (layout == FileLayout::Bxk) {
        if (n < kBxkStartLength) {
            why = "start of file write cut short";
            return std::nullopt;
        }
        s.name = readName(p + 1);
        s.length = ByteReader(p + 1 + kFileNameLength, 4).u32();
        return s;
    }
    if (n != kBx6StartLength) {
        why = "start of file write of " + std::to_string(n) + " bytes, not " + std::to_string(kBx6StartLength);
        return std::nullopt;
    }
    s.name = readName(p);
    ByteReader r(p + kFileNameLength, n - kFileNameLength);
    s.type = r.u8();
    s.length = r.u32();
    r.u8(); // overwrite: always, here
    s.crc = r.u32();
    return s;
}

std::optional<FileBlock> parseFileBlock(FileLayout layout, const std::uint8_t* p, std::size_t n, std::string& why) {
    const std::size_t head = layout == FileLayout::Bxk ? kBxkBlockHeadLength : kBx6BlockHeadLength;
    if (n < head) {
        why = "file block header cut short";
        return std::nullopt;
    }
    FileBlock b;
    b.name = readName(p);
    ByteReader r(p + kFileNameLength, head - kFileNameLength);
    b.last = r.u8() != 0;
    if (layout == FileLayout::Bxk) {
        b.number = r.u16();
        const std::size_t length = r.u16();
        if (length != n - head) {
            why = "BlockLen " + std::to_string(length) + " but " + std::to_string(n - head) + " bytes follow";
            return std::nullopt;
        }
    }
    b.offset = r.u32();
    b.data = p + head;
    b.size = n - head;
    return b;
}

std::size_t smallestFile(FileLayout layout) { return layout == FileLayout::Bxk ? 1 : 1 + kCrcLength; }

std::uint32_t crc32(const std::uint8_t* data, std::size_t size) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < size; ++i) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

void appendCrc(Bytes& file) { ByteWriter(file).u32(crc32(file.data(), file.size())); }

std::uint32_t trailingCrc(const Bytes& file) {
    if (file.size() < kCrcLength) return 0;
    return ByteReader(file.data() + file.size() - kCrcLength, kCrcLength).u32();
}

bool endsInCrc(const Bytes& file, std::uint32_t announced) {
    return file.size() >= kCrcLength && trailingCrc(file) == announced && crc32(file.data(), file.size() - kCrcLength) == announced;
}

} // namespace gongshi::protocols::onbon
