// A television (protocol web) composed from the demo records: its own size, the print fonts,
// colour; the demo TV at 1920x1080 against its golden picture (tests/golden/compose/tv-1920x1080.png,
// compared exactly, rewritten only with --update-golden and looked at before committing).
#include "compose/ScreenPlan.h"
#include "compose/TvComposer.h"

#include "bitmap/ImageIO.h"
#include "common/Utf8.h"
#include "layout/TextRenderer.h"
#include "records/Database.h"
#include "records/Demo.h"
#include "records/Publication.h"
#include "records/RecordStore.h"
#include "rules/Wording.h"
#include "rules/WorkingDays.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <tuple>

using namespace gongshi;
using namespace gongshi::content;
namespace fs = std::filesystem;

namespace {

// The demo centre in a data directory of its own, and its TV.
struct DemoTv {
    test::TempDir dir{"gongshi-tv"};
    Database db{dir.str()};
    ComposeRecords records;
    ScreenRecord screen;
    WorkingDays calendar;

    DemoTv() {
        importDemo(db, demoDataDir(), "test");
        records = loadPublishedRecords(db, 1);
        for (const auto& s : RecordStore<ScreenRecord>(db).all())
            if (s.name == "大厅电视") screen = s;
        calendar = WorkingDays::load(db);
    }

    // A Friday morning, the moment a manual clock would give.
    static LocalTime at(int minute = 10 * 60 + 30) { return localTimeAt("2026-11-27", minute); }

    ScreenPlan plan(const LocalTime& t, const std::vector<Program>& programs = {}, std::optional<Id> program = std::nullopt,
                    std::optional<BroadcastShown> broadcast = std::nullopt) {
        renderer::TextRenderer renderer;
        return composeChoice(renderer, screen, whatPlays(screen, programs, records, calendar, t, {}, program, std::move(broadcast)),
                             records);
    }
};

// The whole screen with every area on its first page.
// A program of the demo TV, its areas to be added.
Program tvProgram(const DemoTv& tv, Id id, const std::string& name) {
    Program p;
    p.meta.id = id;
    p.meta.version = 1;
    p.screenId = tv.screen.meta.id;
    p.name = name;
    return p;
}

renderer::Bitmap firstFrame(const ComposedProgram& p) {
    renderer::Bitmap frame(p.width, p.height, renderer::ColorMode::Rgb);
    std::set<std::tuple<int, int, int, int>> drawn;
    for (const auto& s : p.segments) {
        if (!drawn.insert({s.x, s.y, s.width, s.height}).second || s.pictures.empty()) continue;
        frame.blit(s.pictures.front(), s.x, s.y);
    }
    return frame;
}

const Segment* segment(const ComposedProgram& p, const std::string& source) {
    for (const auto& s : p.segments)
        if (s.source == source) return &s;
    return nullptr;
}

// The first line of the segment's first page whose text starts with `text`.
const renderer::Line* lineStarting(const Segment& s, const std::string& text) {
    const std::u32string want = decodeUtf8(text);
    for (const auto& line : s.layout.pages.front().lines)
        if (!line.text.empty() && want.rfind(line.text, 0) == 0) return &line;
    return nullptr;
}

int luminance(renderer::Color c) { return (c.r * 299 + c.g * 587 + c.b * 114) / 1000; }

// The distinct brightness levels in a box of the picture.
std::set<int> levels(const renderer::Bitmap& b, int x, int y, int w, int h) {
    std::set<int> out;
    for (int j = y; j < std::min(b.height(), y + h); ++j)
        for (int i = x; i < std::min(b.width(), x + w); ++i) out.insert(luminance(b.pixel(i, j)));
    return out;
}

// Pixels at least `bright` in a box: the ink of light text on the dark background.
int inkIn(const renderer::Bitmap& b, int x, int y, int w, int h, int bright = 200) {
    int n = 0;
    for (int j = y; j < std::min(b.height(), y + h); ++j)
        for (int i = x; i < std::min(b.width(), x + w); ++i) n += luminance(b.pixel(i, j)) >= bright;
    return n;
}

} // namespace

TEST_CASE("the demo TV at 1920x1080 is a television picture: golden pixels, the print fonts anti-aliased, the centre and the matters") {
    DemoTv tv;
    REQUIRE(tv.screen.protocol == "web");
    REQUIRE(tv.screen.width == 1920);
    REQUIRE(tv.screen.height == 1080);
    const ScreenPlan plan = tv.plan(DemoTv::at());
    CHECK(plan.source == "default");
    CHECK(plan.program.width == 1920);
    CHECK(plan.program.height == 1080);
    CHECK(plan.program.colorMode == renderer::ColorMode::Rgb);
    for (const auto& s : plan.program.segments) {
        CAPTURE(s.source);
        REQUIRE_FALSE(s.pictures.empty());
        for (const auto& p : s.pictures) {
            CHECK(p.width() == s.width);
            CHECK(p.height() == s.height);
            CHECK(p.mode() == renderer::ColorMode::Rgb);
        }
        CHECK(s.pictures.size() == s.layout.pages.size());
    }
    const renderer::Bitmap frame = firstFrame(plan.program);

    // The header: the centre's name, the time and the date with its weekday, in the print fonts.
    const Segment* header = segment(plan.program, "header");
    REQUIRE(header);
    CHECK(header->y == 0);
    CHECK(header->width == 1920);
    const renderer::Line* name = lineStarting(*header, tv.records.centre.name);
    REQUIRE(name);
    CHECK(encodeUtf8(name->text) == tv.records.centre.name);
    CHECK(lineStarting(*header, "10:30"));
    CHECK(lineStarting(*header, "2026年11月27日 星期五"));
    // Its letters are as tall as the print size says (about 54 px), and anti-aliased: many
    // levels of grey between the white strokes and the red, not the two of an LED.
    const auto nameLevels = levels(frame, name->x, name->y, name->width, 54);
    CHECK(nameLevels.size() > 16);
    CHECK(inkIn(frame, name->x, name->y, name->width, 54) > 1000);

    // The matter table: its heads, and the first matter's name in its first row.
    const Segment* table = segment(plan.program, "matter-list");
    REQUIRE(table);
    CHECK(table->width > 1000);
    CHECK(lineStarting(*table, "事项名称"));
    CHECK(lineStarting(*table, "承诺时限"));
    CHECK(lineStarting(*table, "收费"));
    const Matter& first = tv.records.matters.front();
    const renderer::Line* row = lineStarting(*table, first.name);
    REQUIRE(row);
    CHECK(lineStarting(*table, timeLimitText(first)));
    CHECK(inkIn(frame, table->x + row->x, table->y + row->y, row->width, 32) > 200);
    CHECK(levels(frame, table->x + row->x, table->y + row->y, row->width, 32).size() > 16);
    // Every matter is on some page of the table.
    std::set<std::u32string> starts;
    for (const auto& page : table->layout.pages)
        for (const auto& line : page.lines) starts.insert(line.text);
    for (const auto& m : tv.records.matters) {
        bool found = false;
        for (const auto& s : starts) found = found || (!s.empty() && decodeUtf8(m.name).rfind(s, 0) == 0);
        CHECK_MESSAGE(found, m.name);
    }

    // The windows (window 4 is away, back at its time) and the notices in their period.
    const Segment* windows = segment(plan.program, "windows");
    REQUIRE(windows);
    bool away = false;
    for (const auto& page : windows->layout.pages)
        for (const auto& line : page.lines) away = away || encodeUtf8(line.text).rfind("暂离", 0) == 0;
    CHECK(away);
    const Segment* notices = segment(plan.program, "notices");
    REQUIRE(notices);
    CHECK(lineStarting(*notices, "公告栏"));

    // The golden picture, pixel for pixel.
    const fs::path golden = fs::path(test::sourceDir()) / "tests/golden/compose/tv-1920x1080.png";
    if (test::updateGolden()) {
        renderer::writePng(frame, golden.string());
        return;
    }
    REQUIRE_MESSAGE(fs::exists(golden), "missing golden " << golden.string() << " (run with --update-golden)");
    const renderer::Bitmap want = renderer::readPng(golden.string());
    REQUIRE(want.width() == frame.width());
    REQUIRE(want.height() == frame.height());
    int differing = 0;
    for (int y = 0; y < want.height(); ++y)
        for (int x = 0; x < want.width(); ++x) differing += !(want.pixel(x, y) == frame.pixel(x, y));
    const fs::path got = fs::temp_directory_path() / "gongshi-got-tv-1920x1080.png";
    if (differing) renderer::writePng(frame, got.string());
    CHECK_MESSAGE(differing == 0, differing << " pixels differ from the golden TV (what was drawn is in " << got.string() << ")");
}

TEST_CASE("a television's clock is drawn again each minute, its body kept: only the header changes") {
    DemoTv tv;
    const ScreenPlan at1030 = tv.plan(DemoTv::at(10 * 60 + 30));
    const ScreenPlan at1031 = tv.plan(DemoTv::at(10 * 60 + 31));
    // The key holds the minute: the scheduler composes the television again.
    CHECK(whatPlays(tv.screen, {}, tv.records, tv.calendar, DemoTv::at(630), {}).key !=
          whatPlays(tv.screen, {}, tv.records, tv.calendar, DemoTv::at(631), {}).key);
    REQUIRE(at1030.program.segments.size() == at1031.program.segments.size());
    for (std::size_t i = 0; i < at1030.program.segments.size(); ++i) {
        const Segment& a = at1030.program.segments[i];
        const Segment& b = at1031.program.segments[i];
        CAPTURE(a.source);
        CHECK(a.source == b.source);
        if (a.source == "header") {
            CHECK_FALSE(a.pictures.front() == b.pictures.front());
            CHECK(lineStarting(b, "10:31"));
        } else {
            CHECK(a.pictures == b.pictures);
        }
    }
    // A record changed: the body is drawn again.
    tv.records.matters.front().name = "测试事项名称已改";
    ++tv.records.matters.front().meta.version;
    const ScreenPlan edited = tv.plan(DemoTv::at(10 * 60 + 31));
    const Segment* table = segment(edited.program, "matter-list");
    REQUIRE(table);
    CHECK(lineStarting(*table, "测试事项名称已改"));
}

TEST_CASE("a program on a television keeps its areas, each drawn in the television's style at the area's size") {
    DemoTv tv;
    Program p = tvProgram(tv, 77, "电视节目");
    ProgramArea top{0, 0, 1920, 600, {{ItemKind::MatterList, 0, ""}}, AreaEffect::Left, 2, 7};
    ProgramArea left{0, 600, 960, 480, {{ItemKind::Window, tv.records.windows.front().meta.id, ""}}, AreaEffect::Static, 1, 5};
    ProgramArea right{960, 600, 960, 480, {{ItemKind::Text, 0, "欢迎来到便民服务中心"}}, AreaEffect::Up, 1, 5};
    p.areas = {top, left, right};
    const ScreenPlan plan = tv.plan(DemoTv::at(), {p}, p.meta.id);
    CHECK(plan.source == "program 77");
    REQUIRE(plan.program.segments.size() == 3);
    const auto& s = plan.program.segments;
    CHECK(std::tie(s[0].x, s[0].y, s[0].width, s[0].height) == std::make_tuple(0, 0, 1920, 600));
    CHECK(s[0].effect == AreaEffect::Static); // pages turn: the player gets whole pictures
    CHECK(s[0].dwellSeconds == 7);
    CHECK(s[0].pictures.size() > 1);
    CHECK(s[1].source == "window " + std::to_string(tv.records.windows.front().meta.id));
    CHECK(s[1].pictures.front().width() == 960);
    CHECK(s[1].pictures.front().height() == 480);
    CHECK(s[2].source == "text");
    CHECK(lineStarting(s[2], "欢迎来到便民服务中心"));
    CHECK(plan.program.warnings.empty());
}

TEST_CASE("a television draws clock, countdown and 好差评 QR items in its own style: the QR reads back as the centre's address") {
    DemoTv tv;
    REQUIRE_FALSE(tv.records.centre.reviewUrl.empty());
    Program p = tvProgram(tv, 78, "时钟与二维码");
    ProgramArea clock{0, 0, 960, 160, {{ItemKind::Clock, 0, "yyyy年M月d日 EEEE HH:mm"}}, AreaEffect::Static, 1, 10};
    ProgramArea countdown{960, 0, 960, 160, {{ItemKind::Countdown, 0, "2026-11-30"}}, AreaEffect::Static, 1, 10};
    ProgramArea qr{0, 160, 640, 640, {{ItemKind::ReviewQr, 0, ""}}, AreaEffect::Static, 1, 10};
    p.areas = {clock, countdown, qr};
    const ScreenPlan plan = tv.plan(DemoTv::at(), {p}, p.meta.id);
    CHECK(plan.program.allWarnings().empty());
    REQUIRE(plan.program.segments.size() == 3);
    const auto& s = plan.program.segments;
    CHECK(s[0].source == "clock");
    CHECK(lineStarting(s[0], "2026年11月27日 星期五 10:30"));
    CHECK(s[1].source == "countdown");
    CHECK(lineStarting(s[1], "距截止日还有3天"));
    CHECK(s[2].source == "review-qr");
    REQUIRE(s[2].pictures.size() == 1);
    const renderer::Bitmap& code = s[2].pictures.front();
    CHECK(code.width() == 640);
    CHECK(code.height() == 640);
    // Around the code and its quiet zone, the television's background; the corners are not black.
    CHECK_FALSE(code.pixel(0, 0).isBlack());
    test::TempDir dir;
    const std::string png = (dir.path() / "qr.png").string();
    renderer::writePng(code, png);
    REQUIRE(fs::exists("/usr/bin/zbarimg"));
    const test::ProcessResult r = test::runProcess({"/usr/bin/zbarimg", "--raw", "-q", png}, 60000);
    std::string text = r.out;
    while (!text.empty() && text.back() == '\n') text.pop_back();
    CHECK(text == tv.records.centre.reviewUrl);
}

TEST_CASE("an emergency broadcast on a television is white on red under its header, the whole screen wide") {
    DemoTv tv;
    const ScreenPlan plan = tv.plan(DemoTv::at(), {}, std::nullopt, BroadcastShown{9, "因停电，今日下午暂停办理业务"});
    CHECK(plan.urgent);
    CHECK(plan.source == "broadcast 9");
    const Segment* b = segment(plan.program, "broadcast 9");
    REQUIRE(b);
    CHECK(b->width == 1920);
    CHECK(b->y + b->height == 1080);
    const renderer::Bitmap& pic = b->pictures.front();
    int red = 0;
    for (int y = 0; y < pic.height(); y += 4)
        for (int x = 0; x < pic.width(); x += 4) {
            const auto c = pic.pixel(x, y);
            red += c.r > 150 && c.g < 60 && c.b < 60;
        }
    CHECK(red > (pic.width() / 4) * (pic.height() / 4) / 2);
    bool text = false;
    for (const auto& line : b->layout.pages.front().lines) text = text || !line.text.empty();
    CHECK(text);
}

TEST_CASE("composing and drawing the demo TV's page takes a measured time (printed, not asserted)") {
    DemoTv tv;
    std::vector<double> ms;
    for (int minute = 600; minute < 605; ++minute) {
        // A record changed each time: the whole picture is composed and drawn, not only the clock.
        ++tv.records.centre.meta.version;
        const auto start = std::chrono::steady_clock::now();
        const ScreenPlan plan = tv.plan(DemoTv::at(minute));
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        CHECK(plan.program.segments.size() >= 4);
    }
    std::sort(ms.begin(), ms.end());
    MESSAGE("TV 1920x1080 composed and drawn (all pages): median " << ms[ms.size() / 2] << " ms");
}
