#pragma once
// The program file a K card keeps in flash and plays from power-on, in Onbon's own layout: what
// Led5kSDK.dll's OFS_SendFileData builds (read in its code, onbonlab/bx.k.csharp 49b5129) around
// the area records its C# and Delphi demos build (Led5kstaticArea.AreaToByteArray):
//   FileType 00 | Name[4] "P000" | FileLen u32 (the whole file) | FF | DisplayType u16 (0: in turn)
//   | PlayTimes | ProgramLife[8] (FF: always) | ProgramWeek | ProgramTime (0: all day)
//   | PeriodCount | [Period 6 BCD + 01 when ProgramTime != 0] | AreaCount | areas | CRC u16
// An area record: AreaLen u32 (counting itself) | AreaType 00 | X u16 (8-pixel columns) | Y u16
//   | W u16 (8-pixel columns) | H u16 | DynamicAreaLoc FF | LineSpace | RunMode | Timeout u16
//   | Rsv[3] | SingleLine | NewLine | DisplayMode | ExitMode | Speed | StayTime (0.5 s) | DataLen u32
//   | text (GBK, with the card's \C1.. colour codes)
// The card draws an area's text with its own font: a K program file holds text, not pictures.
#include "protocols/Protocol.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gongshi::protocols::bxk {

inline constexpr std::uint8_t kAreaTypeText = 0x00;
inline constexpr std::size_t kProgramHeadLength = 25; // FileType .. AreaCount, untimed
inline constexpr std::size_t kAreaHeadLength = 27;    // AreaType .. DataLen
inline constexpr std::size_t kFileBlockData = 450;    // Led5kSDK.dll's A1 06 block of file data

struct ProgramTextArea {
    int x = 0, y = 0, width = 0, height = 0; // pixels (x and width on 8-pixel columns)
    std::uint8_t runMode = 0, lineSpace = 0, singleLine = 1, newLine = 1, displayMode = 1, exitMode = 0, speed = 0, stayHalfSeconds = 10;
    std::uint16_t timeout = 0;
    Bytes text; // GBK as the card reads it
};

struct ParsedKProgram {
    std::string name;
    std::vector<ProgramTextArea> areas;
    std::string error; // empty when the file is sound; else what is wrong and at which byte
};

// The area record of one text area (AreaLen through the text).
Bytes encodeProgramArea(const ProgramTextArea& area);
// The whole file, named P000, with its length and CRC filled in.
Bytes encodeProgramFile(const std::vector<ProgramTextArea>& areas);
ParsedKProgram parseProgramFile(const Bytes& file);

} // namespace gongshi::protocols::bxk
