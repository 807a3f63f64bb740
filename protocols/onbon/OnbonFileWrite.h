#pragma once
// Writing a file to an Onbon card's flash: a start that names the file and its length, then the
// file cut into blocks of a fixed size (the last one shorter), in order from offset 0, all in group
// A1. The two generations lay the commands out differently:
//   bx-k (Led5kSDK.dll's OFS_SendFileData)
//     A1 05 start: Overwrite | Name[4] | FileLen u32
//     A1 06 block: Name[4] | Last | BlockNo u16 | BlockLen u16 | Offset u32 | data
//   bx-6 (libbx_sdkDual's ofsWriteFile)
//     A1 02 start: Name[4] | FileType | FileLen u32 | Overwrite | Crc32 u32
//     A1 03 block: Name[4] | Last | Offset u32 | data
// A 6th-generation file begins with its type and ends in the CRC-32 (zlib's) of the bytes before it
// (bx6/Bx6ProgramFile.h); the start announces both. The card side is OnbonFlash.h.
#include "protocols/Protocol.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::protocols::onbon {

inline constexpr std::uint8_t kGroupFile = 0xA1;
inline constexpr std::uint8_t kCmdStartFile = 0x05, kCmdFileBlock = 0x06;   // bx-k
inline constexpr std::uint8_t kCmdWriteStart = 0x02, kCmdWriteBlock = 0x03; // bx-6
inline constexpr std::size_t kFileNameLength = 4;

enum class FileLayout { Bxk, Bx6 };

// What a start of file write announces.
struct FileStart {
    std::string name;
    std::size_t length = 0;
    std::uint8_t type = 0; // bx-6: the file's first byte
    std::uint32_t crc = 0; // bx-6: the CRC-32 the file ends in
};

// One block of a file as it travels; `data` points into the payload it was read from.
struct FileBlock {
    std::string name;
    bool last = false;
    std::optional<int> number; // bx-k numbers its blocks from 0; bx-6 does not
    std::size_t offset = 0;
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
};

// A command of group A1: its number and its payload.
struct FileCommand {
    std::uint8_t cmd = 0;
    Bytes payload;
};

// The start of writing `file` under `name`, then its blocks of `blockSize` bytes (1..65535).
std::vector<FileCommand> fileWriteCommands(FileLayout layout, const std::string& name, const Bytes& file, std::size_t blockSize);

// The card's reading of a start and of a block; nullopt (and why) when the payload is cut short or
// its lengths disagree.
std::optional<FileStart> parseFileStart(FileLayout layout, const std::uint8_t* p, std::size_t n, std::string& why);
std::optional<FileBlock> parseFileBlock(FileLayout layout, const std::uint8_t* p, std::size_t n, std::string& why);

// The smallest file the layout can carry: bx-6 files hold their type byte and their CRC-32.
std::size_t smallestFile(FileLayout layout);

// CRC-32 as zlib computes it (reflected 0xEDB88320, init and final xor FFFFFFFF).
std::uint32_t crc32(const std::uint8_t* data, std::size_t size);
// Ends `file` in the CRC-32 of its bytes, as a 6th-generation file ends.
void appendCrc(Bytes& file);
// The CRC-32 a file ends with; 0 for a file shorter than 4 bytes.
std::uint32_t trailingCrc(const Bytes& file);
// Whether `file` ends in the CRC-32 of the bytes before it, and that is `announced`.
bool endsInCrc(const Bytes& file, std::uint32_t announced);

} // namespace gongshi::protocols::onbon
