#pragma once
// A clock a controller card keeps itself: the fixed parts of the time's text (the 年, the colon,
// the spaces) as a background picture, and for each field of the time (hour, minute, weekday, ...)
// the glyphs the card draws its digits or names with, at a place in the area. The composer makes
// one from a clock item's pattern; a protocol with a clock area of its own (bx-6) carries it in the
// program, and the card runs it from its own clock without the server.
#include "bitmap/Bitmap.h"

#include <vector>

namespace gongshi::renderer {

// A wall-clock reading, as a card's clock keeps it.
struct ClockTime {
    int year = 2026, month = 1, day = 1, hour = 0, minute = 0, second = 0;
    int weekday = 1; // 1 = Monday .. 7 = Sunday
};

enum class ClockPart { Year, Month, Day, Hour, Minute, Second, AmPm, Weekday };

struct ClockFaceUnit {
    ClockPart part = ClockPart::Hour;
    int x = 0, y = 0;        // in the area: where the first glyph goes; each glyph after the one before
    bool twelveHour = false; // Hour: 12, 1 .. 11 (with an AmPm unit)
    Color color = Color::red();
    // Year..Second: the digits 0..9, each `count` of them drawn (four for the year, else two);
    // AmPm: 上午, 下午; Weekday: Monday .. Sunday. Every glyph of a unit has the same size.
    std::vector<Bitmap> glyphs;
};

struct ClockFace {
    Bitmap background; // the area: the fixed text, on black
    std::vector<ClockFaceUnit> units;
};

// The glyphs `unit` draws at `t`, left to right (indices into its glyphs).
std::vector<int> clockFaceGlyphs(const ClockFaceUnit& unit, const ClockTime& t);
// The face at `t`: the background with every unit's glyphs over it (lit pixels in the unit's colour).
Bitmap drawClockFace(const ClockFace& face, const ClockTime& t);

} // namespace gongshi::renderer
