#include "bitmap/ClockFace.h"

namespace gongshi::renderer {
namespace {

std::vector<int> digits(int value, int count) {
    std::vector<int> out(static_cast<std::size_t>(count));
    for (int i = count - 1; i >= 0; --i, value /= 10) out[static_cast<std::size_t>(i)] = value % 10;
    return out;
}

} // namespace

std::vector<int> clockFaceGlyphs(const ClockFaceUnit& unit, const ClockTime& t) {
    switch (unit.part) {
    case ClockPart::Year:
        return digits(t.year, 4);
    case ClockPart::Month:
        return digits(t.month, 2);
    case ClockPart::Day:
        return digits(t.day, 2);
    case ClockPart::Hour:
        return digits(unit.twelveHour ? (t.hour % 12 == 0 ? 12 : t.hour % 12) : t.hour, 2);
    case ClockPart::Minute:
        return digits(t.minute, 2);
    case ClockPart::Second:
        return digits(t.second, 2);
    case ClockPart::AmPm:
        return {t.hour < 12 ? 0 : 1};
    case ClockPart::Weekday:
        return {t.weekday - 1};
    }
    return {};
}

Bitmap drawClockFace(const ClockFace& face, const ClockTime& t) {
    Bitmap out = face.background;
    for (const ClockFaceUnit& u : face.units) {
        int x = u.x;
        for (int index : clockFaceGlyphs(u, t)) {
            if (index < 0 || static_cast<std::size_t>(index) >= u.glyphs.size()) continue;
            const Bitmap& g = u.glyphs[static_cast<std::size_t>(index)];
            for (int gy = 0; gy < g.height(); ++gy)
                for (int gx = 0; gx < g.width(); ++gx)
                    if (g.lit(gx, gy) && x + gx < out.width() && u.y + gy < out.height()) out.setPixel(x + gx, u.y + gy, u.color);
            x += g.width();
        }
    }
    return out;
}

} // namespace gongshi::renderer
