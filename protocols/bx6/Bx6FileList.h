#pragma once
// Which files the card keeps: the directory read of Onbon's SDK (bxDual_cmd_ofsReedDirBlock, then
// bxDual_cmd_getFileAttr on what it read), two control commands:
//   A1 06 FileType 20  -> answer A1 86: FileCount u16 (the files of that type)
//   A1 07 First u16    -> answer A1 87: Last | Rsv[2] | Count u16 | Count x entry, from file First on
// an entry being Name[4] | FileType | FileLen u32 | FileCrc u32 (the CRC-32 the file ends with).
// The SDK asks with FileType 00 (program files) for the list of programs.
#include "protocols/Protocol.h"
#include "protocols/bx6/Bx6ProgramFile.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::protocols::bx6 {

struct FileEntry {
    std::string name;
    std::uint8_t type = 0;
    std::uint32_t length = 0;
    std::uint32_t crc = 0;
    bool operator==(const FileEntry&) const = default;
};

FileEntry entryOf(const std::string& name, std::uint8_t type, const Bytes& file);

Bytes dirInfoQuery(std::uint8_t fileType);
Bytes dirBlockQuery(std::uint16_t first);
Bytes encodeDirCount(std::size_t count);
Bytes encodeDirBlock(const std::vector<FileEntry>& entries);
// nullopt when `data` is not an A1 87 answer.
std::optional<std::vector<FileEntry>> parseDirBlock(const Bytes& data);

// Protocol::keepsFile for bx-6: the listing names P000 and D000 with the very lengths and CRCs of
// `files`. A card that lists only P000 for FileType 00 is taken not to keep the program: its pixels
// (D000) cannot be told from an older program's, so it is written once on the link.
bool listingHolds(const std::vector<FileEntry>& listing, const ProgramFiles& files);

} // namespace gongshi::protocols::bx6
