#pragma once
// The payload of A7 00 "update graphic dynamic areas" (after RtnReq Grp Cmd), per Onbon's
// 6th-generation dynamic-area manual, section 5.4.1:
//   Rsv[2] | AreaCnt u16 | ParaLen u32 | the parameters of every area | the page data of every area
// per area:
//   ID | RunMode | Timeout u16 | RelateAllPro | NProg u16 | ProgID u16 x NProg | ImmPlay | Rsv[4]
//   | Type 0x10 | X Y W H u16 (pixels) | FrameFlag (0: no frame fields follow) | BgFlag | Transparency
//   | FgBgEqual | SoundFlag (0: no sound fields follow) | Rsv[5] | PageCnt u16 | per page:
//   PageParaLen u32 (26, the bytes that follow it) | PageType 0 | DispMode | ClearMode | Speed
//   | Stay u16 (10 ms) | Repeat | ValidLen u16 | Rsv[9] | DataOffset u32 | DataLen u32
// DataOffset counts from the first byte after the parameters, across areas. The defaults below are
// what Onbon's SDK sends for a picture (bxDual_dynamicArea_AddAreaPic_WithProgram_6G): Timeout 5 s,
// RelateAllPro 1, ImmePlay 0, Transparency 0, ValidLen 0.
#include "protocols/ByteReader.h"
#include "protocols/ByteWriter.h"
#include "protocols/Protocol.h"
#include "protocols/onbon/OnbonProgram.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace gongshi::protocols::bx6 {

// The display modes Onbon's cards share (onbon/OnbonProgram.h): 静止显示, 向左移动, 向上移动.
inline constexpr std::uint8_t kDisplayStatic = onbon::kModeStatic;
inline constexpr std::uint8_t kDisplayMoveLeft = onbon::kModeMoveLeft;
inline constexpr std::uint8_t kDisplayMoveUp = onbon::kModeMoveUp;

struct AreaPage {
    std::uint8_t displayMode = kDisplayStatic;
    std::uint8_t clearMode = 0;
    std::uint8_t speed = 1;
    std::uint16_t stay10ms = 500;
    std::uint8_t repeat = 1;
    std::uint16_t validLength = 0;
    Bytes pixels;
};

struct DynamicArea {
    std::uint8_t id = 0;
    std::uint8_t runMode = 0; // 0 loop the pages
    std::uint16_t timeoutSeconds = 5;
    std::uint8_t relateAllPrograms = 1; // shown with every program
    std::vector<std::uint16_t> programs;
    std::uint8_t immediatePlay = 0; // 0: with the card's programs; 1: programs stopped, this area alone
    std::uint16_t x = 0, y = 0, width = 0, height = 0;
    std::uint8_t transparency = 0;
    std::vector<AreaPage> pages;
};

Bytes encodeAreaUpdate(const std::vector<DynamicArea>& areas);
// One page's record: PageParaLen (26) and the 26 bytes it counts, pointing at `dataOffset`. Program
// files (Bx6ProgramFile.h) describe their pages with the same record.
void writePageRecord(Bytes& out, const AreaPage& page, std::uint32_t dataOffset);
// An area's head as dynamic areas and program files both write it: Type, X Y W H (u16 px), no
// frame, no background, Transparency, fore- and background the same size, no sound, 5 reserved
// bytes, PageCount u16.
void writeAreaHead(ByteWriter& w, std::uint8_t type, int x, int y, int width, int height, std::uint8_t transparency, std::size_t pageCount);
// Reads the 26 bytes a record's PageParaLen counts (the length already read) into `page`'s
// parameters; returns where its pixels are (DataOffset, DataLen) as the record says.
struct PageData {
    std::uint32_t offset = 0, length = 0;
};
PageData readPageRecord(ByteReader& r, AreaPage& page);
// nullopt when the parameters do not add up (lengths, offsets, counts) or run past the payload.
std::optional<std::vector<DynamicArea>> parseAreaUpdate(const std::uint8_t* payload, std::size_t size);

} // namespace gongshi::protocols::bx6
