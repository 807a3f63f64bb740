// Clock, countdown and 好差评 QR items: the clock's text in its pattern (and the Chinese calendar),
// the days a countdown shows, the QR code as a panel draws it read back by zbarimg, and the
// picture key that makes a clock's screen recomposed each minute.
#include "compose/ItemPictures.h"

#include "bitmap/ImageIO.h"
#include "common/Error.h"
#include "common/Utf8.h"
#include "compose/Composer.h"
#include "compose/ScreenPlan.h"
#include "layout/TextRenderer.h"
#include "rules/WhatPlays.h"
#include "rules/WorkingDays.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

using namespace gongshi;
using namespace gongshi::content;

namespace {

ScreenRecord screenOf(int width, int height, const char* color) {
    ScreenRecord s;
    s.meta.id = 21;
    s.meta.version = 1;
    s.name = "大厅屏";
    s.width = width;
    s.height = height;
    s.color = color;
    s.fontProfile = "led16";
    return s;
}

std::string lineText(const Segment& s) {
    REQUIRE(!s.layout.pages.empty());
    std::u32string text;
    for (const auto& line : s.layout.pages.front().lines) text += line.text;
    return encodeUtf8(text);
}

} // namespace

TEST_CASE("a clock item shows the date with its weekday and the time in its pattern") {
    CHECK(clockText("yyyy年M月d日 EEEE HH:mm", "2026-11-27", 9 * 60 + 5, 0) == "2026年11月27日 星期五 09:05");
    CHECK(clockText("", "2026-11-27", 23 * 60 + 59, 30) == "23:59");
    CHECK(clockText("HH:mm:ss", "2026-11-27", 60, 7) == "01:00:07");
    CHECK(clockShowsSeconds("HH:mm:ss"));
    CHECK_FALSE(clockShowsSeconds("yyyy年M月d日 EEEE HH:mm"));
    CHECK_FALSE(clockShowsSeconds("'s'HH:mm"));
}

TEST_CASE("a clock pattern's bracketed part is the Chinese calendar date") {
    // 2026-12-06 is the 28th day of the tenth month of 丙午.
    CHECK(clockText("M月d日 [U年MMMd]", "2026-12-06", 0, 0) == "12月6日 丙午年十月廿八");
    CHECK_THROWS_AS(clockText("HH:mm [U年", "2026-12-06", 0, 0), ValidationError);
}

TEST_CASE("a clock item is composed as centred text named clock at the time set") {
    renderer::TextRenderer renderer;
    Composer composer(renderer, screenOf(64, 16, "red-green"));
    composer.setTime(8 * 60 + 30, 0);
    std::vector<std::string> warnings;
    const auto segments = composer.clock("HH:mm", "2026-11-27", composer.screenArea(), warnings);
    REQUIRE(segments.size() == 1);
    CHECK(segments[0].source == "clock");
    CHECK(lineText(segments[0]) == "08:30");
    CHECK_FALSE(segments[0].clockFace); // a bx-k card has no clock of its own: the server sends the time
    CHECK(warnings.empty());
}

namespace {

ScreenRecord bx6Screen(int width, int height) {
    ScreenRecord s = screenOf(width, height, "red-green");
    s.protocol = "bx-6";
    return s;
}

// The picture the same clock is as text on a screen without a clock of its own.
renderer::Bitmap asText(renderer::TextRenderer& r, int width, int height, const std::string& pattern, const Date& date, int minute) {
    ScreenRecord s = screenOf(width, height, "red-green");
    s.protocol = "bx-k";
    Composer c(r, s);
    c.setTime(minute, 0);
    std::vector<std::string> warnings;
    const auto segments = c.clock(pattern, date, c.screenArea(), warnings);
    REQUIRE(segments.size() == 1);
    return renderSegment(r, segments[0], renderer::ColorMode::RedGreen).at(0);
}

} // namespace

TEST_CASE("on a bx-6 screen a clock item is the card's own clock: its face draws the time as the text would") {
    renderer::TextRenderer renderer;
    CHECK(keepsOwnClock(bx6Screen(64, 16)));
    CHECK_FALSE(keepsOwnClock(screenOf(64, 16, "red-green")));
    struct Case {
        std::string pattern;
        int width;
        std::vector<renderer::ClockPart> parts;
    };
    using P = renderer::ClockPart;
    for (const auto& k : std::vector<Case>{{"HH:mm", 64, {P::Hour, P::Minute}},
                                           {"HH:mm:ss", 64, {P::Hour, P::Minute, P::Second}},
                                           {"yyyy年MM月dd日 EEEE HH:mm", 256, {P::Year, P::Month, P::Day, P::Weekday, P::Hour, P::Minute}},
                                           {"ah:mm", 128, {P::AmPm, P::Hour, P::Minute}}}) {
        CAPTURE(k.pattern);
        Composer composer(renderer, bx6Screen(k.width, 16));
        composer.setTime(15 * 60 + 7, 0);
        std::vector<std::string> warnings;
        const auto segments = composer.clock(k.pattern, "2026-11-27", composer.screenArea(), warnings);
        CHECK(warnings.empty());
        REQUIRE(segments.size() == 1);
        CHECK(segments[0].source == "clock");
        REQUIRE(segments[0].clockFace);
        const renderer::ClockFace& face = *segments[0].clockFace;
        std::vector<P> parts;
        for (const auto& u : face.units) parts.push_back(u.part);
        CHECK(parts == k.parts);
        // No digit in the background: the card draws them from its clock.
        const renderer::Bitmap& shown = segments[0].pictures.at(0);
        CHECK(shown == renderer::drawClockFace(face, clockTimeAt("2026-11-27", 15 * 60 + 7, 0)));
        CHECK(face.background.litCount() < shown.litCount());
        // The face draws the same glyphs as the text laid out (each field's digits in cells of one
        // width, as led16's 4 is a pixel wider than the other digits): the same lit pixels, the
        // same rows.
        for (int minute : {15 * 60 + 7, 14 * 60 + 44, 9 * 60 + 1}) {
            const renderer::Bitmap face = renderer::drawClockFace(*segments[0].clockFace, clockTimeAt("2026-11-27", minute, 0));
            // The card writes every number with its leading zero: h as hh.
            const std::string padded = k.pattern == "ah:mm" ? "ahh:mm" : k.pattern;
            const renderer::Bitmap text = asText(renderer, k.width, 16, padded, "2026-11-27", minute);
            CHECK(face.litCount() == text.litCount());
            for (int y = 0; y < 16; ++y) CHECK(face.crop(0, y, k.width, 1).litCount() == text.crop(0, y, k.width, 1).litCount());
        }
        // A minute on, only the minute's digits change.
        const renderer::Bitmap later = renderer::drawClockFace(face, clockTimeAt("2026-11-27", 15 * 60 + 8, 0));
        const renderer::ClockFaceUnit& minute =
            face.units[k.parts == std::vector<P>{P::AmPm, P::Hour, P::Minute} ? 2 : parts.size() - (parts.back() == P::Second ? 2 : 1)];
        const int cells = static_cast<int>(minute.glyphs.front().width()) * 2;
        CHECK(later.crop(0, 0, minute.x, 16) == shown.crop(0, 0, minute.x, 16));
        CHECK_FALSE(later.crop(minute.x, 0, cells, 16) == shown.crop(minute.x, 0, cells, 16));
    }
}

TEST_CASE("a clock the card cannot keep is sent by the server each minute, and the warning says why") {
    renderer::TextRenderer renderer;
    struct Case {
        std::string pattern;
        int width;
        std::string why;
    };
    for (const auto& k : std::vector<Case>{{"M月d日 [U年MMMd]", 256, "农历"},
                                           {"yy-MM-dd", 128, "“yy”"},
                                           {"MMMd日", 128, "“MMM”"},
                                           {"yyyy年MM月dd日 EEEE HH:mm", 64, "超出区域宽度"}}) {
        CAPTURE(k.pattern);
        Composer composer(renderer, bx6Screen(k.width, 16));
        composer.setTime(9 * 60, 0);
        std::vector<std::string> warnings;
        const auto segments = composer.clock(k.pattern, "2026-12-06", composer.screenArea(), warnings);
        REQUIRE(!segments.empty());
        CHECK_FALSE(segments[0].clockFace);
        CHECK(segments[0].pictures.empty());
        REQUIRE(warnings.size() == 1);
        CHECK(warnings[0].find("由服务器每分钟送一次") != std::string::npos);
        CHECK_MESSAGE(warnings[0].find(k.why) != std::string::npos, warnings[0]);
    }
}

TEST_CASE("a countdown counts calendar days, says 今天截止 on the day and shows nothing after") {
    CHECK(daysUntil("2026-11-27", "2026-11-30") == 3);
    CHECK(daysUntil("2026-12-30", "2027-01-02") == 3);
    CHECK(countdownText(3, true) == std::optional<std::string>("距公示期满还有3天"));
    CHECK(countdownText(12, false) == std::optional<std::string>("距截止日还有12天"));
    CHECK(countdownText(0, true) == std::optional<std::string>("今天截止"));
    CHECK_FALSE(countdownText(-1, true));

    renderer::TextRenderer renderer;
    Composer composer(renderer, screenOf(192, 16, "mono"));
    std::vector<std::string> warnings;
    auto segments = composer.countdown("2026-11-30", true, "2026-11-27", composer.screenArea(), warnings);
    REQUIRE(segments.size() == 1);
    CHECK(lineText(segments[0]) == "距公示期满还有3天");
    CHECK(warnings.empty());
    segments = composer.countdown("2026-11-26", true, "2026-11-27", composer.screenArea(), warnings);
    CHECK(segments.empty());
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].find("2026-11-26") != std::string::npos);
}

TEST_CASE("a countdown item naming a notice counts to the end of its period") {
    renderer::TextRenderer renderer;
    const ScreenRecord screen = screenOf(192, 16, "mono");
    ComposeRecords records;
    records.centre.meta.id = 1;
    Notice n;
    n.meta.id = 5;
    n.centreId = 1;
    n.title = "低保公示";
    n.publishFrom = "2026-11-20";
    n.publishUntil = "2026-12-01";
    records.notices.push_back(n);
    Program p;
    p.meta.id = 3;
    p.screenId = screen.meta.id;
    ProgramArea a;
    a.width = 192;
    a.height = 16;
    a.items.push_back({ItemKind::Countdown, 5, ""});
    p.areas.push_back(a);
    Composer composer(renderer, screen);
    const ComposedProgram composed = composer.program(p, records, "2026-11-27");
    REQUIRE(composed.segments.size() == 1);
    CHECK(lineText(composed.segments[0]) == "距公示期满还有4天");
}

TEST_CASE("the review QR code is drawn at whole modules with its quiet zone and reads back as the centre's address") {
    const std::string url = "https://zwfw.example.gov.cn/hcp?c=qingshi";
    renderer::TextRenderer renderer;
    for (const char* colour : {"mono", "red-green", "rgb"}) {
        CAPTURE(colour);
        Composer composer(renderer, screenOf(96, 64, colour));
        Centre centre;
        centre.reviewUrl = url;
        std::vector<std::string> warnings;
        const auto segments = composer.reviewQr(centre, composer.screenArea(), warnings);
        REQUIRE(segments.size() == 1);
        REQUIRE(segments[0].pictures.size() == 1);
        const renderer::Bitmap page = renderSegment(renderer, segments[0], composer.colorMode()).front();
        CHECK(page.width() == 96);
        CHECK(page.height() == 64);
        // The code is a lit square centred on the panel, its edges dark; its first four rows (the
        // quiet zone at one pixel a module) wholly lit.
        int left = page.width(), right = -1, top = page.height(), bottom = -1;
        for (int y = 0; y < page.height(); ++y)
            for (int x = 0; x < page.width(); ++x)
                if (page.lit(x, y)) {
                    left = std::min(left, x), right = std::max(right, x);
                    top = std::min(top, y), bottom = std::max(bottom, y);
                }
        CHECK(right - left == bottom - top);
        CHECK(std::abs(left + right - (page.width() - 1)) <= 1); // centred to the pixel
        CHECK_FALSE(page.lit(0, 32));
        for (int y = top; y < top + 4; ++y)
            for (int x = left; x <= right; ++x) REQUIRE(page.lit(x, y));
        // As a camera sees the panel: each LED four pixels.
        renderer::Bitmap big(page.width() * 4, page.height() * 4, renderer::ColorMode::Rgb);
        const renderer::Bitmap rgb = page.toRgb();
        for (int y = 0; y < big.height(); ++y)
            for (int x = 0; x < big.width(); ++x) big.setPixel(x, y, rgb.pixel(x / 4, y / 4));
        test::TempDir dir;
        const std::string png = (dir.path() / "qr.png").string();
        renderer::writePng(big, png);
        REQUIRE(std::filesystem::exists("/usr/bin/zbarimg"));
        const test::ProcessResult r = test::runProcess({"/usr/bin/zbarimg", "--raw", "-q", png}, 60000);
        std::string text = r.out;
        while (!text.empty() && text.back() == '\n') text.pop_back();
        CHECK(text == url);
    }
}

TEST_CASE("a review QR item without an address or room shows nothing and says why") {
    renderer::TextRenderer renderer;
    Composer composer(renderer, screenOf(32, 16, "mono"));
    Centre centre;
    std::vector<std::string> warnings;
    CHECK(composer.reviewQr(centre, composer.screenArea(), warnings).empty());
    centre.reviewUrl = "https://zwfw.example.gov.cn/hcp?c=qingshi";
    CHECK(composer.reviewQr(centre, composer.screenArea(), warnings).empty());
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0].find("好差评地址") != std::string::npos);
    CHECK(warnings[1].find("放不下") != std::string::npos);
}

TEST_CASE("a screen showing a clock is composed again each minute, one without only each day") {
    const ScreenRecord screen = screenOf(64, 16, "mono");
    ComposeRecords records;
    Program p;
    p.meta.id = 3;
    p.meta.version = 1;
    p.screenId = screen.meta.id;
    ProgramArea a;
    a.width = 64;
    a.height = 16;
    a.items.push_back({ItemKind::Clock, 0, "HH:mm"});
    p.areas.push_back(a);
    const WorkingDays calendar;
    const auto at = [&](const Program& program, int minute) {
        LocalTime t;
        t.date = "2026-11-27";
        t.minute = minute;
        t.weekday = 5;
        return whatPlays(screen, {program}, records, calendar, t, {});
    };
    const ScreenChoice nine = at(p, 9 * 60), nineOne = at(p, 9 * 60 + 1);
    CHECK(nine.key != nineOne.key);
    renderer::TextRenderer renderer;
    CHECK(lineText(composeChoice(renderer, screen, nineOne, records).program.segments.at(0)) == "09:01");
    Program text = p;
    text.areas[0].items[0] = {ItemKind::Text, 0, "欢迎"};
    CHECK(at(text, 9 * 60).key == at(text, 9 * 60 + 1).key);
}
