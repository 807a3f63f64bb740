#pragma once
// A program's clock area (AreaType 02) in the 6th generation's own format, as Onbon's SDK builds it
// (bxDual_program_addArea_G6 with AreaType 2, then bxDual_program_timeAreaAddContent_G6), read from
// the files the SDK made (tests/golden/protocols/bx6-sdk/time-6e1-*.hex). The card keeps the time
// itself: the file holds a background picture (the fixed parts: "-", ":", the separators of a date)
// and, for each field of the time, the glyphs the card draws that field's digits with.
//
// The area record after AreaLen:
//   AreaType 02 | X Y W H u16 | Rsv[12] | Transparency | Rsv[17] | BgOffset u32 | BgLen u32
//   | UnitCount | per unit (16 bytes): X u16 | Y u16 (in the area) | Field | Align | Color | Mode
//     | GlyphsOffset u32 | GlyphsLen u32
// The reserved bytes are zero in every file the SDK made; their meaning is not documented. Offsets
// point into D000 counted from 1, as a picture page's do. The background is packed as a page of a
// picture area (Bx6Pixels.h); D000 holds it first, then each unit's glyphs in unit order:
//   Len u32 (the bytes after it) | Count u16 | Offset u32 x Count (from the first glyph) | per glyph:
//   RowBytes | Width | Height | Height rows of RowBytes, MSB the leftmost pixel, 0 = lit
// Fields: 0 year (four digits), 1 month, 2 day, 3 hour, 4 minute, 5 second (two digits each, from
// glyphs 0-9), 6 AM/PM (glyph 0 AM, 1 PM), 7 weekday (glyph 0 Monday .. 6 Sunday). Color is the SDK's
// E_Color_G56 (1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white). Mode 1 on the hour
// counts 12 hours (the SDK's eAM_HH_MM and eHH_MM_AM).
#include "protocols/ByteReader.h"
#include "protocols/Protocol.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace gongshi::protocols::bx6 {

inline constexpr std::uint8_t kAreaTypeClock = 0x02;

enum class ClockField : std::uint8_t { Year = 0, Month, Day, Hour, Minute, Second, AmPm, Weekday };

struct ClockGlyph {
    int width = 0, height = 0, rowBytes = 0;
    Bytes rows; // height x rowBytes, 0 = lit
    friend bool operator==(const ClockGlyph&, const ClockGlyph&) = default;
};

struct ClockUnit {
    int x = 0, y = 0; // in the area
    ClockField field = ClockField::Hour;
    std::uint8_t align = 1, color = 1, mode = 0;
    std::vector<ClockGlyph> glyphs;
    friend bool operator==(const ClockUnit&, const ClockUnit&) = default;
};

struct ClockArea {
    Bytes background; // pixels as a picture page's
    std::vector<ClockUnit> units;
};

// The area record's body after X Y W H (Rsv through the last unit), and the bytes it adds to D000
// (background, then every unit's glyphs); `dataAt` is where they start in D000, counted from 1.
void writeClockArea(Bytes& program, Bytes& data, const ClockArea& clock, std::uint8_t transparency, std::uint32_t dataAt);
// Reads the body writeClockArea writes from `r` (positioned after X Y W H), taking the background and
// glyphs from D000 (`size` bytes at `data`, its CRC excluded); an empty string, or what is wrong.
std::string readClockArea(ByteReader& r, const std::uint8_t* data, std::size_t size, ClockArea& clock, std::uint8_t& transparency);

// The colour a unit's Color byte names; black for a value the SDK does not define.
renderer::Color clockColor(std::uint8_t color);
// The glyphs a unit draws at time `t`, left to right (indices into its glyphs).
std::vector<int> clockGlyphs(const ClockUnit& unit, const ClockTime& t);
// The area as the card draws it at time `t`: the background (already decoded) with every unit's
// digits over it in the unit's colour; a glyph a unit lacks is left out.
renderer::Bitmap drawClockArea(const renderer::Bitmap& background, const std::vector<ClockUnit>& units, const ClockTime& t);

} // namespace gongshi::protocols::bx6
