#pragma once
// A program in the 6th generation's own format, as Onbon's SDK builds it
// (bxDual_program_addProgram_G6, _addArea_G6, _pictureAreaAddPic_G6, _IntegrateProgramFile_G6):
// two files, a parameter file P000 (FileType 00) and a data file D000 (FileType 09), each ending in
// the CRC-32 (zlib's) of all bytes before it, little-endian.
//
// P000: FileType 00 | Name "P000" | ProgramStyle | Priority | PlayTimes (1) | TimeSpan u16
//       | SpecialFlag | CommExtendParaLen | ScheduNum u16 | LoopValue u16 | Intergrate
//       | TimeAttributeNum | TimeAttribute0Offset u16 | Week (FF) | LifeSpan: StartYear u16 (FFFF:
//       no limit) StartMonth StartDay EndYear u16 EndMonth EndDay | Rsv[3] | AreaCount
//       | per area: AreaLen u32 (the bytes that follow it) | AreaType 00 (picture) | X Y W H u16
//         | FrameFlag | BackGroundFlag | Transparency (101) | AreaEqual | SoundFlag | Rsv[5]
//         | PageCount u16 | per page: PageParaLen u32 (26) | PageStyle | DisplayMode | ClearMode
//           | Speed | Stay u16 (10 ms) | Repeat | ValidLen u16 (= W) | Rsv[9] | DataOffset u32
//           | DataLen u32
//       | Crc32
// D000: FileType 09 | Name "D000" | Rsv[8] | every page's pixels, area by area | Crc32
// A page's pixels are packed as a dynamic area's (Bx6Pixels.h). DataOffset counts from 1: the SDK
// gives the first page, which starts at byte 13 of D000, offset 14. A clock area (AreaType 02) has
// its own record after X Y W H (Bx6ClockArea.h).
#include "protocols/Protocol.h"
#include "protocols/bx6/Bx6AreaUpdate.h"
#include "protocols/bx6/Bx6ClockArea.h"
#include "protocols/onbon/OnbonFileWrite.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::protocols::bx6 {

inline constexpr const char* kProgramFileName = "P000";
inline constexpr const char* kDataFileName = "D000";
inline constexpr std::uint8_t kProgramFileType = 0x00;
inline constexpr std::uint8_t kDataFileType = 0x09;

// A program's page is described as a dynamic area's page (Bx6AreaUpdate.h).
using ProgramPage = AreaPage;

inline constexpr std::uint8_t kAreaTypePicture = 0x00;

struct ProgramArea {
    std::uint8_t type = kAreaTypePicture; // or kAreaTypeClock; the card skips what it cannot draw
    int x = 0, y = 0, width = 0, height = 0;
    std::uint8_t transparency = 101;
    std::vector<ProgramPage> pages; // a picture area's
    ClockArea clock;                // a clock area's
};

struct ProgramFiles {
    Bytes program; // P000
    Bytes data;    // D000
};

ProgramFiles encodeProgramFiles(const std::vector<ProgramArea>& areas);

struct ParsedProgram {
    std::vector<ProgramArea> areas; // the picture and clock areas, with their pixels and glyphs
    std::string error;              // empty when both files are sound; else what is wrong and where
};
ParsedProgram parseProgramFiles(const Bytes& program, const Bytes& data);

// Protocol::programFile() for bx-6: P000 then D000, back to back.
Bytes joinProgramFiles(const ProgramFiles& files);
std::optional<ProgramFiles> splitProgramFiles(const Bytes& joined);

// The CRC-32 a file ends with is the one a file write announces (onbon/OnbonFileWrite.h).
using onbon::crc32;
using onbon::trailingCrc;

} // namespace gongshi::protocols::bx6
