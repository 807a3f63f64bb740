#include "compose/Composer.h"

#include "common/Error.h"
#include "rules/Wording.h"
#include "records/Database.h"
#include "records/Demo.h"
#include "records/Publication.h"
#include "records/RecordStore.h"
#include "bitmap/ImageIO.h"
#include "layout/TextRenderer.h"
#include "common/Utf8.h"
#include "tests/compose/PageRules.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

using namespace gongshi;
using namespace gongshi::content;
namespace fs = std::filesystem;

namespace {

const Date kToday = "2026-11-27";

// A small centre: 3 windows (serving, paused, away), 4 staff, 5 matters (one charged), 3 notices
// (one whose publication period ended).
ComposeRecords fixture() {
    ComposeRecords r;
    r.centre.meta.id = 1;
    r.centre.kind = CentreKind::TownshipCentre;
    r.centre.county = "临江县";
    r.centre.township = "青石镇";
    r.centre.name = "青石镇人民政府便民服务中心";

    auto staff = [&](Id id, const char* name, const char* unit) {
        Staff s;
        s.meta.id = id;
        s.centreId = 1;
        s.name = name;
        s.unit = unit;
        r.staff.push_back(s);
    };
    staff(1, "王秀英", "镇社会事务办");
    staff(2, "张丽", "镇社会事务办");
    staff(3, "刘洋", "镇社保所");
    staff(4, "陈军", "派出所");

    auto window = [&](Id id, const char* number, const char* business, Id a, Id b, WindowStatus st) -> Window& {
        Window w;
        w.meta.id = id;
        w.centreId = 1;
        w.number = number;
        w.business = business;
        w.postA = a;
        w.postB = b;
        w.status = st;
        r.windows.push_back(w);
        return r.windows.back();
    };
    window(1, "1", "社会救助", 1, 2, WindowStatus::Serving);
    window(2, "2", "社保医保", 3, 4, WindowStatus::Paused);
    Window& away = window(3, "3", "户籍证明", 4, 0, WindowStatus::Away);
    away.away = {"村委会", "入户核查", "14:30", "13812345678"};

    auto matter = [&](Id id, const char* name, std::optional<int> promised) -> Matter& {
        Matter m;
        m.meta.id = id;
        m.centreId = 1;
        m.name = name;
        m.statutoryDays = 20;
        m.promisedDays = promised;
        m.free = true;
        r.matters.push_back(m);
        return r.matters.back();
    };
    matter(1, "最低生活保障审核确认", 20);
    matter(2, "临时救助", 5);
    Matter& id = matter(3, "居民身份证换领、补领", 20);
    id.free = false;
    id.fees = {{"工本费", "20", "元"}};
    id.feeBasis = "《中华人民共和国居民身份证法》第二十条";
    matter(4, "高龄津贴申领", 10);
    matter(5, "城乡居民基本养老保险参保登记", 0);

    auto notice = [&](Id nid, NoticeCategory c, const char* title, const char* body, const char* from, const char* until) {
        Notice n;
        n.meta.id = nid;
        n.centreId = 1;
        n.category = c;
        n.title = title;
        n.body = body;
        n.publishFrom = from;
        n.publishUntil = until;
        r.notices.push_back(n);
    };
    notice(1, NoticeCategory::Employment, "冬季专场招聘会", "12月6日上午9:00在中心广场举行，请携带居民身份证。", "2026-11-20",
           "2026-12-06");
    notice(2, NoticeCategory::SocialAssistance, "12月低保对象名单公示", "全镇低保对象312户498人，名单在各村公示栏张贴。", "2026-11-25",
           "2026-12-01");
    notice(3, NoticeCategory::AgriculturalSubsidies, "耕地地力保护补贴发放公告", "补贴已打入“一卡通”账户。", "2026-10-01", "2026-10-31");
    return r;
}

ScreenRecord windowScreen() {
    ScreenRecord s;
    s.meta.id = 11;
    s.name = "3号窗口屏";
    s.width = 64;
    s.height = 16;
    s.color = "red-green";
    s.fontProfile = "led16";
    return s;
}

ScreenRecord hallScreen() {
    ScreenRecord s;
    s.meta.id = 12;
    s.name = "大厅条屏";
    s.width = 192;
    s.height = 64;
    s.color = "mono";
    s.fontProfile = "auto";
    return s;
}

std::vector<std::string> sourcesOf(const std::vector<Segment>& segments) {
    std::vector<std::string> out;
    for (const auto& s : segments) out.push_back(s.source);
    return out;
}

std::string colorName(const renderer::Color& c) {
    if (c == renderer::Color::white()) return "white";
    if (c == renderer::Color::red()) return "red";
    if (c == renderer::Color::green()) return "green";
    if (c == renderer::Color::yellow()) return "yellow";
    return "other";
}

std::string lineText(const renderer::Line& l) { return gongshi::encodeUtf8(l.text); }

// The golden dump of segments: their settings, then every page's lines as "x y width |text".
std::vector<std::string> dump(const std::vector<Segment>& segments) {
    std::vector<std::string> out;
    for (const auto& s : segments) {
        out.push_back("segment " + s.source + " effect=" + std::string(areaEffectName(s.effect)) +
                      " dwell=" + std::to_string(s.dwellSeconds) + " speed=" + std::to_string(s.speed) + " area=" + std::to_string(s.x) +
                      "," + std::to_string(s.y) + "," + std::to_string(s.width) + "x" + std::to_string(s.height) + " font=" + s.font +
                      " color=" + colorName(s.color));
        for (const auto& page : s.layout.pages) {
            out.push_back("page");
            for (const auto& l : page.lines)
                out.push_back(std::to_string(l.x) + " " + std::to_string(l.y) + " " + std::to_string(l.width) + " |" + lineText(l) +
                              (l.forced ? "  (forced)" : ""));
        }
        for (const auto& w : s.warnings) out.push_back("warning " + w);
    }
    return out;
}

// What the reviewer of a golden would look for, checked on every case: nothing cut off the area,
// no glyph missing, no line starting with closing punctuation or ending with opening punctuation.
void checkReadable(const std::string& caseName, const std::vector<Segment>& segments) {
    const std::u32string noStart = U"，。、；：！？）】》」』”’";
    const std::u32string noEnd = U"（【《「『“‘";
    for (const auto& s : segments) {
        CAPTURE(caseName);
        CAPTURE(s.source);
        CHECK(s.layout.missing.empty());
        CHECK(s.font == s.layout.font);
        for (const auto& page : s.layout.pages) {
            for (const auto& l : page.lines) {
                CAPTURE(lineText(l));
                CHECK_FALSE(l.forced);
                CHECK(l.y >= 0);
                CHECK(l.y + s.layout.pixelSize <= s.height);
                if (s.effect != AreaEffect::Left) {
                    CHECK(l.x >= 0);
                    CHECK(l.x + l.width <= s.width);
                }
                if (!l.text.empty()) {
                    CHECK(noStart.find(l.text.front()) == std::u32string::npos);
                    CHECK(noEnd.find(l.text.back()) == std::u32string::npos);
                }
            }
        }
    }
}

struct GoldenCase {
    std::string name;
    std::vector<std::string> lines;
};

std::vector<GoldenCase> readGolden(const fs::path& path, std::string& header) {
    std::vector<GoldenCase> cases;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("== ", 0) == 0)
            cases.push_back({line.substr(3), {}});
        else if (cases.empty())
            header += line + "\n";
        else if (!line.empty())
            cases.back().lines.push_back(line);
    }
    return cases;
}

void writeGolden(const fs::path& path, const std::string& header, const std::vector<GoldenCase>& cases) {
    std::ofstream out(path);
    out << header;
    for (const auto& c : cases) {
        out << "== " << c.name << "\n";
        for (const auto& l : c.lines) out << l << "\n";
        out << "\n";
    }
}

std::string indented(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += "    " + l + "\n";
    return s;
}

// Writes the golden file under --update-golden; otherwise compares case by case and counts them.
int compareGolden(const fs::path& path, const std::string& header, const std::vector<GoldenCase>& golden,
                  const std::vector<GoldenCase>& got) {
    const std::string file = path.filename().string();
    if (test::updateGolden()) {
        fs::create_directories(path.parent_path());
        writeGolden(path, header, got);
        return 0;
    }
    REQUIRE_MESSAGE(golden.size() == got.size(), file << " has " << golden.size() << " cases, the composer made " << got.size()
                                                      << " (run with --update-golden and review)");
    int checked = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(golden[i].name == got[i].name);
        CHECK_MESSAGE(golden[i].lines == got[i].lines, "case '" << got[i].name << "' in " << file << "\n  expected:\n"
                                                                << indented(golden[i].lines) << "  got:\n"
                                                                << indented(got[i].lines));
        ++checked;
    }
    return checked;
}

// Every composition kind for one screen, as named golden cases.
std::vector<std::pair<std::string, std::vector<Segment>>> compositions(Composer& c, const ComposeRecords& r) {
    const Area all = c.screenArea();
    std::set<Id> aAbsent{1};
    return {
        {"welcome", c.welcome(r.centre, all)},
        {"matter-list", c.matterList(r.matters, all)},
        {"fee-table", c.feeTable(r.matters, all)},
        {"notice marquee", c.noticeMarquee(r.notices[0], all)},
        {"notice pages", c.notice(r.notices[1], all)},
        {"window serving (A post)", c.windowStatus(r.windows[0], r.staff, {}, all)},
        {"window serving (B post, A absent)", c.windowStatus(r.windows[0], r.staff, aAbsent, all)},
        {"window paused", c.windowStatus(r.windows[1], r.staff, {}, all)},
        {"window away", c.windowStatus(r.windows[2], r.staff, {}, all)},
        {"default program", c.defaultProgram(r, kToday).segments},
    };
}

} // namespace

TEST_CASE("composition goldens: every kind on a 64x16 window screen and a 192x64 hall screen") {
    renderer::TextRenderer renderer;
    const ComposeRecords records = fixture();
    int checked = 0;
    for (const ScreenRecord& screen : {windowScreen(), hallScreen()}) {
        Composer composer(renderer, screen);
        const std::string file = std::to_string(screen.width) + "x" + std::to_string(screen.height) + ".txt";
        const fs::path path = fs::path(test::sourceDir()) / "tests/golden/compose" / file;
        std::string header;
        std::vector<GoldenCase> golden = readGolden(path, header);
        if (header.empty())
            header = "# Composition goldens for a " + std::to_string(screen.width) + "x" + std::to_string(screen.height) + " " +
                     screen.color + " screen (font profile " + screen.fontProfile +
                     "), fixture of tests/compose/ComposerTest.cpp.\n"
                     "# Each case: 'segment SOURCE effect= dwell= speed= area=x,y,WxH font= color=', then 'page' and one\n"
                     "# 'x y width |text' per line. Rewritten only with --update-golden; review every line by eye.\n\n";
        std::vector<GoldenCase> got;
        for (auto& [name, segments] : compositions(composer, records)) {
            checkReadable(name, segments);
            got.push_back({name, dump(segments)});
        }
        checked += compareGolden(path, header, golden, got);
    }
    if (!test::updateGolden()) CHECK(checked == 20);
}

TEST_CASE("the same matter is a two-row table entry on the hall screen and a marquee on the window screen") {
    renderer::TextRenderer renderer;
    const ComposeRecords r = fixture();
    Composer hall(renderer, hallScreen());
    Composer win(renderer, windowScreen());

    auto big = hall.matter(r.matters[0], hall.screenArea());
    REQUIRE(big.size() == 1);
    CHECK(big[0].effect == AreaEffect::Static);
    CHECK(big[0].font == "led16");
    REQUIRE(big[0].layout.pages.size() == 1);
    const auto& lines = big[0].layout.pages[0].lines;
    REQUIRE(lines.size() == 3);
    CHECK(lineText(lines[0]) == "最低生活保障审核确认");
    CHECK(lines[0].y == 0);
    CHECK(lineText(lines[1]) == "承诺20个工作日");
    CHECK(lines[1].y == 16);
    CHECK(lineText(lines[2]) == "不收费");
    CHECK(lines[2].y == 16);
    CHECK(lines[2].x + lines[2].width == 192); // flush right

    auto small = win.matter(r.matters[0], win.screenArea());
    REQUIRE(small.size() == 1);
    CHECK(small[0].effect == AreaEffect::Left);
    CHECK(small[0].width == 64);
    REQUIRE(small[0].layout.pages.size() == 1);
    REQUIRE(small[0].layout.pages[0].lines.size() == 1);
    CHECK(lineText(small[0].layout.pages[0].lines[0]) == "最低生活保障审核确认：承诺20个工作日，不收费");
    CHECK(small[0].layout.width > 64); // the strip that scrolls across the screen
}

TEST_CASE("fonts are picked per screen and box: the screen's profile, or by height when it is auto") {
    renderer::TextRenderer renderer;
    Composer win(renderer, windowScreen());
    Composer hall(renderer, hallScreen());
    CHECK(win.bodyFont(16) == "led16");
    CHECK(win.bodyFont(12) == "led12");  // the screen's led16 does not fit a 12 px area
    CHECK(hall.bodyFont(64) == "led16"); // four lines
    CHECK(hall.bodyFont(16) == "led16");
    CHECK(hall.bodyFont(128) == "led32");
    // A headline goes as large as fits one page broken where the name breaks: led24 would show
    // "青石镇人民政府便" / "民服务中心欢迎您", so the 192x64 screen keeps led16.
    const auto welcome = hall.welcome(fixture().centre, hall.screenArea());
    REQUIRE(welcome.size() == 1);
    CHECK(welcome[0].font == "led16");
    REQUIRE(welcome[0].layout.pages.size() == 1);
    REQUIRE(welcome[0].layout.pages[0].lines.size() == 2);
    CHECK(lineText(welcome[0].layout.pages[0].lines[0]) == "青石镇人民政府");
    CHECK(lineText(welcome[0].layout.pages[0].lines[1]) == "便民服务中心欢迎您");
    ScreenRecord wall = hallScreen();
    wall.width = 256;
    wall.height = 96;
    Composer big(renderer, wall);
    const auto large = big.welcome(fixture().centre, big.screenArea());
    CHECK(large[0].font == "led32");
    REQUIRE(large[0].layout.pages.size() == 1);
    CHECK(large[0].layout.pages[0].lines.size() == 3); // 青石镇人民政府 / 便民服务中心 / 欢迎您
    ScreenRecord bad = hallScreen();
    bad.fontProfile = "led99";
    CHECK_THROWS_AS(Composer(renderer, bad), InputError);
}

TEST_CASE("what cannot be composed is refused in Chinese, naming the screen, the window or the choices") {
    renderer::TextRenderer renderer;
    const ComposeRecords r = fixture();
    ScreenRecord none = hallScreen();
    none.width = 0;
    CHECK_THROWS_WITH_AS(Composer(renderer, none), "显示屏12没有设置尺寸（0x64）", InputError);
    Composer hall(renderer, hallScreen());
    CHECK_THROWS_WITH_AS(hall.preview("window:x", r, kToday), "“window:”后应为窗口编号，而不是“x”", InputError);
    CHECK_THROWS_WITH_AS(hall.preview("window:77", r, kToday), "便民服务中心1没有编号为77的窗口", NotFoundError);
    CHECK_THROWS_WITH_AS(hall.preview("all", r, kToday),
                         "没有“all”这种内容，可选：matter-list（事项清单）、fee-table（收费标准表）、notices（公告栏）、"
                         "welcome（中心欢迎词）或 window:编号（窗口状态）",
                         InputError);
}

TEST_CASE("window status: serving names the A post, or the B post when A is absent, paused, away with its message") {
    const ComposeRecords r = fixture();
    auto line = [&](const Window& w, std::set<Id> absent = {}) {
        std::vector<std::string> all;
        for (const auto& g : windowStatusPhrases(w, r.staff, absent)) all.insert(all.end(), g.begin(), g.end());
        return joinPhrases(all);
    };
    CHECK(line(r.windows[0]) == "1号窗口　社会救助　服务中　在岗：王秀英");
    CHECK(line(r.windows[0], {1}) == "1号窗口　社会救助　服务中　在岗：张丽（B岗）");
    CHECK(line(r.windows[1]) == "2号窗口　社保医保　暂停服务");
    CHECK(line(r.windows[2]) == "3号窗口　户籍证明　暂离　14:30回　去向：村委会　事由：入户核查　电话：13812345678");

    Window noA = r.windows[0];
    noA.postA = 0;
    CHECK(onDuty(noA, r.staff, {}).staff->name == "张丽");
    CHECK(onDuty(noA, r.staff, {}).bPost);
    CHECK(onDuty(noA, r.staff, {2}).staff == nullptr);

    // On the 64x16 screen: the state holds still ("暂离　14:30回" is wider than the screen: "暂离"),
    // then the rest scrolls, coloured by state.
    renderer::TextRenderer renderer;
    Composer win(renderer, windowScreen());
    auto away = win.windowStatus(r.windows[2], r.staff, {}, win.screenArea());
    REQUIRE(away.size() == 2);
    CHECK(away[0].effect == AreaEffect::Static);
    CHECK(lineText(away[0].layout.pages[0].lines[0]) == "暂离");
    CHECK(away[1].effect == AreaEffect::Left);
    CHECK(lineText(away[1].layout.pages[0].lines[0]) == "14:30回　3号窗口　户籍证明　去向：村委会　事由：入户核查　电话：13812345678");
    CHECK(away[1].color == renderer::Color::red());
    CHECK(win.windowStatus(r.windows[0], r.staff, {}, win.screenArea())[0].color == renderer::Color::green());
    CHECK(win.windowStatus(r.windows[1], r.staff, {}, win.screenArea())[0].color == renderer::Color::yellow());
}

TEST_CASE("the default program: welcome, only the notices published on the given date, then the matter list") {
    renderer::TextRenderer renderer;
    const ComposeRecords r = fixture();
    Composer hall(renderer, hallScreen());
    CHECK(sourcesOf(hall.defaultProgram(r, "2026-11-27").segments) ==
          std::vector<std::string>{"welcome", "notice 1", "notice 2", "matter-list"});
    CHECK(sourcesOf(hall.defaultProgram(r, "2026-12-02").segments) == std::vector<std::string>{"welcome", "notice 1", "matter-list"});
    CHECK(sourcesOf(hall.defaultProgram(r, "2026-10-31").segments) == std::vector<std::string>{"welcome", "notice 3", "matter-list"});
    CHECK(sourcesOf(hall.defaultProgram(r, "2027-01-01").segments) == std::vector<std::string>{"welcome", "matter-list"});
    CHECK(publishedOn(r.notices[1], "2026-11-25")); // both ends count
    CHECK(publishedOn(r.notices[1], "2026-12-01"));
    CHECK_FALSE(publishedOn(r.notices[1], "2026-11-24"));
}

TEST_CASE("a program with two areas composes each area's items at its position with its effect, speed and dwell") {
    renderer::TextRenderer renderer;
    const ComposeRecords r = fixture();
    Composer hall(renderer, hallScreen());
    Program p;
    p.screenId = 12;
    ProgramArea top;
    top.x = 0;
    top.y = 0;
    top.width = 192;
    top.height = 16;
    top.effect = AreaEffect::Left;
    top.speed = 3;
    top.dwellSeconds = 2;
    top.items = {{ItemKind::Centre, 0, ""}, {ItemKind::Notice, 3, ""}, {ItemKind::Text, 0, "办事请取号"}};
    ProgramArea body;
    body.x = 0;
    body.y = 16;
    body.width = 192;
    body.height = 48;
    body.effect = AreaEffect::Static;
    body.speed = 1;
    body.dwellSeconds = 8;
    body.items = {{ItemKind::MatterList, 0, ""}, {ItemKind::Window, 3, ""}, {ItemKind::Matter, 99, ""}};
    ProgramArea tooLow;
    tooLow.width = 64;
    tooLow.height = 8;
    tooLow.items = {{ItemKind::Text, 0, "取号"}};
    p.areas = {top, body, tooLow};

    ComposedProgram c = hall.program(p, r, kToday);
    CHECK(sourcesOf(c.segments) == std::vector<std::string>{"welcome", "text", "matter-list", "window 3"});
    for (std::size_t i = 0; i < 2; ++i) {
        CAPTURE(i);
        CHECK(c.segments[i].x == 0);
        CHECK(c.segments[i].y == 0);
        CHECK(c.segments[i].width == 192);
        CHECK(c.segments[i].height == 16);
        CHECK(c.segments[i].effect == AreaEffect::Left);
        CHECK(c.segments[i].speed == 3);
        CHECK(c.segments[i].dwellSeconds == 2);
        CHECK(c.segments[i].layout.pages.size() == 1);
    }
    for (std::size_t i = 2; i < 4; ++i) {
        CAPTURE(i);
        CHECK(c.segments[i].y == 16);
        CHECK(c.segments[i].height == 48);
        CHECK(c.segments[i].effect == AreaEffect::Static);
        CHECK(c.segments[i].dwellSeconds == 8);
        CHECK(c.segments[i].layout.height == 48);
        for (const auto& page : c.segments[i].layout.pages) CHECK(page.lines.back().y + 16 <= 48);
    }
    // Three rows a page: a matter of two rows never straddles two pages.
    const auto& list = c.segments[2].layout.pages;
    REQUIRE(list.size() == 5);
    CHECK(lineText(list[0].lines[0]) == "最低生活保障审核确认");
    CHECK(lineText(list[1].lines[0]) == "临时救助");
    CHECK(c.warnings == std::vector<std::string>{"公告3在2026-11-27不在公示期内，不显示", "事项99不存在（已删除？），不显示",
                                                 "区域3：区域高8像素，比最小的 LED 字体还矮，不显示"});
}

TEST_CASE("a 64x16 window status page renders to a lit 64x16 bitmap in the screen's colour mode") {
    renderer::TextRenderer renderer;
    const ComposeRecords r = fixture();
    Composer win(renderer, windowScreen());
    auto segments = win.windowStatus(r.windows[0], r.staff, {}, win.screenArea());
    REQUIRE_FALSE(segments.empty());
    auto pages = renderSegment(renderer, segments[0], win.colorMode());
    REQUIRE(pages.size() == 1);
    CHECK(pages[0].width() == 64);
    CHECK(pages[0].height() == 16);
    CHECK(pages[0].mode() == renderer::ColorMode::RedGreen);
    CHECK(pages[0].litCount() > 50);
    // Serving is drawn in green: lit pixels are green, none red.
    bool green = false, red = false;
    for (int y = 0; y < 16; ++y)
        for (int x = 0; x < 64; ++x) {
            auto c = pages[0].pixel(x, y);
            green = green || c == renderer::Color::green();
            red = red || c.r != 0;
        }
    CHECK(green);
    CHECK_FALSE(red);
}

TEST_CASE("gongshi compose writes every segment's pages and a program.json for a stored screen") {
    test::TempDir data("gongshi-compose");
    {
        Database db(data.str());
        ComposeRecords r = fixture();
        Centre centre = RecordStore<Centre>(db).create(r.centre, "test");
        std::map<Id, Id> staffIds;
        for (auto s : r.staff) {
            Id old = s.meta.id;
            s.centreId = centre.meta.id;
            staffIds[old] = RecordStore<Staff>(db).create(s, "test").meta.id;
        }
        for (auto w : r.windows) {
            w.centreId = centre.meta.id;
            w.postA = w.postA ? staffIds[w.postA] : 0;
            w.postB = w.postB ? staffIds[w.postB] : 0;
            RecordStore<Window>(db).create(w, "test");
        }
        for (auto m : r.matters) {
            m.centreId = centre.meta.id;
            RecordStore<Matter>(db).create(m, "test");
        }
        for (auto n : r.notices) {
            n.centreId = centre.meta.id;
            RecordStore<Notice>(db).create(n, "test");
        }
        ScreenRecord s = windowScreen();
        s.centreId = centre.meta.id;
        s.protocol = "bx-k";
        s.address = "tcp:127.0.0.1:5005";
        CHECK(RecordStore<ScreenRecord>(db).create(s, "test").meta.id == 1);
    }
    const fs::path out = data.path() / "out";
    auto run = test::runProcess(
        {test::gongshiBinary(), "compose", "--data-dir", data.str(), "--screen", "1", "--today", kToday, "--out-dir", out.string()});
    INFO(run.err);
    REQUIRE(run.exitCode == 0);
    // The default program: welcome, notices 1 and 2, five matters, each one segment on this screen.
    CHECK(fs::exists(out / "segment-01-page-1.png"));
    CHECK(fs::exists(out / "segment-08-page-1.png"));
    CHECK_FALSE(fs::exists(out / "segment-09-page-1.png"));
    auto png = renderer::readPng((out / "segment-01-page-1.png").string());
    CHECK(png.height() == 16);
    const std::string json = test::slurp((out / "program.json").string());
    CHECK(json.find("\"source\": \"default program\"") != std::string::npos);
    CHECK(json.find("\"lines\": [\"青石镇人民政府便民服务中心欢迎您\"]") != std::string::npos);
    CHECK(json.find("耕地地力") == std::string::npos); // its publication period is over

    // Once the screen has a program, it shows that program on the days its schedule covers.
    {
        Database db(data.str());
        Program p;
        p.screenId = 1;
        p.name = "取号提示";
        ProgramArea a;
        a.width = 64;
        a.height = 16;
        a.effect = AreaEffect::Left;
        a.items = {{ItemKind::Text, 0, "办事请取号"}};
        p.areas = {a};
        p.schedule.from = "2026-11-01";
        CHECK(RecordStore<Program>(db).create(p, "test").meta.id == 1);
    }
    auto scheduled = test::runProcess({test::gongshiBinary(), "compose", "--data-dir", data.str(), "--screen", "1", "--today", kToday,
                                       "--out-dir", (data.path() / "scheduled").string()});
    INFO(scheduled.err);
    CHECK(scheduled.exitCode == 0);
    const std::string programText = test::slurp((data.path() / "scheduled" / "program.json").string());
    CHECK(programText.find("\"source\": \"program 1\"") != std::string::npos);
    CHECK(programText.find("\"lines\": [\"办事请取号\"]") != std::string::npos);
    auto before = test::runProcess({test::gongshiBinary(), "compose", "--data-dir", data.str(), "--screen", "1", "--today", "2026-10-31",
                                    "--out-dir", (data.path() / "before").string()});
    CHECK(before.exitCode == 0);
    CHECK(before.out.find("default program") != std::string::npos);

    auto preview = test::runProcess({test::gongshiBinary(), "compose", "--data-dir", data.str(), "--width", "192", "--height", "64",
                                     "--what", "window:3", "--out-dir", (data.path() / "preview").string()});
    INFO(preview.err);
    CHECK(preview.exitCode == 0);
    CHECK(fs::exists(data.path() / "preview" / "segment-01-page-1.png"));
    auto bad = test::runProcess({test::gongshiBinary(), "compose", "--data-dir", data.str(), "--width", "192", "--height", "64", "--what",
                                 "everything", "--out-dir", (data.path() / "bad").string()});
    CHECK(bad.exitCode == 1);
    CHECK(bad.err.find("没有“everything”这种内容，可选：matter-list（事项清单）") != std::string::npos);
}

TEST_CASE("gongshi compose --screen composes what the screen plays at that moment from the records as published") {
    test::TempDir data("gongshi-compose-at");
    auto contains = [](const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; };
    Id noticeId = 0;
    {
        Database db(data.str());
        importDemo(db, demoDataDir(), "test");
    }
    // Screen 1 plays program 1 on working days from 08:30 to 17:30, the default program otherwise.
    auto compose = [&](const std::vector<std::string>& when, const std::string& out) {
        std::vector<std::string> argv{test::gongshiBinary(),       "compose", "--data-dir", data.str(), "--screen", "1", "--out-dir",
                                      (data.path() / out).string()};
        argv.insert(argv.end(), when.begin(), when.end());
        auto run = test::runProcess(argv);
        INFO(run.err);
        REQUIRE(run.exitCode == 0);
        return test::slurp((data.path() / out / "program.json").string());
    };
    const std::string friday = "2026-11-27";
    CHECK(contains(compose({"--at", friday + " 10:00"}, "friday-morning"), "\"source\": \"program 1\""));
    CHECK(contains(compose({"--at", friday + " 18:00"}, "friday-evening"), "\"source\": \"default program\""));
    CHECK(contains(compose({"--at", friday + " 08:30"}, "friday-opening"), "\"source\": \"program 1\""));
    // A Saturday is no working day, at any time of day.
    CHECK(contains(compose({"--at", "2026-11-28 10:00"}, "saturday"), "\"source\": \"default program\""));
    CHECK(contains(compose({"--today", "2026-11-28"}, "saturday-today"), "\"source\": \"default program\""));

    // A notice change waiting for approval is not what the screens show.
    {
        Database db(data.str());
        Centre centre = RecordStore<Centre>(db).get(1);
        centre.publishingNeedsApproval = true;
        RecordStore<Centre>(db).update(centre, "test");
        approveCurrent(db, 1, "test");
        for (auto n : RecordStore<Notice>(db).all(1))
            if (!n.urgent && publishedOn(n, "2026-11-28")) {
                noticeId = n.meta.id;
                n.title = "改期通知";
                RecordStore<Notice>(db).update(n, "editor");
                break;
            }
    }
    REQUIRE(noticeId != 0);
    const std::string waiting = compose({"--at", "2026-11-28 10:00"}, "waiting");
    CHECK_FALSE(contains(waiting, "改期通知"));
    CHECK(contains(waiting, "\"source\": \"notice " + std::to_string(noticeId) + "\""));
    {
        Database db(data.str());
        const Notice n = RecordStore<Notice>(db).get(noticeId);
        approve(db, "notice", noticeId, n.meta.version, "test");
    }
    CHECK(contains(compose({"--at", "2026-11-28 10:00"}, "approved"), "改期通知"));

    auto bad = test::runProcess({test::gongshiBinary(), "compose", "--data-dir", data.str(), "--screen", "1", "--at", friday, "--out-dir",
                                 (data.path() / "bad").string()});
    CHECK(bad.exitCode != 0);
    CHECK(contains(bad.err, "应写作“2026-11-27 08:30”"));
}

TEST_CASE("an area holds at most 200 pages: a centre's 5,000 matters and 1,000 notices are cut there, and the program says so") {
    renderer::TextRenderer renderer;
    ComposeRecords records = fixture();
    const Matter model = records.matters.front();
    for (int i = 0; i < 5000; ++i) {
        Matter m = model;
        m.meta.id = 100 + i;
        m.name = "事项第" + std::to_string(i + 1) + "号";
        records.matters.push_back(m);
    }
    const Notice notice = records.notices.front();
    for (int i = 0; i < 1000; ++i) {
        Notice n = notice;
        n.meta.id = 100 + i;
        records.notices.push_back(n);
    }
    auto pages = [](const ComposedProgram& p) {
        std::size_t n = 0;
        for (const auto& s : p.segments) n += s.effect == AreaEffect::Left ? 1 : s.layout.pages.size(); // a marquee counts one
        return n;
    };
    const std::string capped = "区域（0，0，192×64）的内容超过每个区域200页的上限";

    Composer hall(renderer, hallScreen());
    const ComposedProgram list = hall.preview("matter-list", records, kToday);
    CHECK(pages(list) == 200);
    REQUIRE(list.warnings.size() == 1);
    CHECK(list.warnings[0].rfind(capped, 0) == 0);
    CHECK(list.warnings[0] == capped + "，1段内容被截短或未显示：请把内容分到几个节目或几个区域");

    // The default program: welcome, the notices until the area is full; the matter list left out.
    const ComposedProgram all = hall.defaultProgram(records, kToday);
    CHECK(pages(all) == 200);
    CHECK(all.segments.front().source == "welcome");
    CHECK(all.segments.back().source.rfind("notice ", 0) == 0);
    REQUIRE(all.warnings.size() == 1);
    CHECK(all.warnings[0].rfind(capped, 0) == 0);

    // One-line boxes: a marquee per matter, at most 200 of them.
    Composer window(renderer, windowScreen());
    const ComposedProgram marquees = window.preview("matter-list", records, kToday);
    CHECK(marquees.segments.size() == 200);
    CHECK(marquees.warnings.size() == 1);

    // A centre that fits is not touched.
    const ComposedProgram small = hall.defaultProgram(fixture(), kToday);
    CHECK(small.warnings.empty());
    CHECK(pages(small) < 200);
}

namespace {

// The demo centre (records/demo) as the screens publish it.
ComposeRecords demoRecords(const test::TempDir& data) {
    Database db(data.str());
    importDemo(db, demoDataDir(), "test");
    return loadPublishedRecords(db, 1);
}

ScreenRecord demoScreen(int width, int height) {
    ScreenRecord s;
    s.meta.id = 1;
    s.centreId = 1;
    s.name = "演示屏";
    s.width = width;
    s.height = height;
    s.color = "red-green";
    s.fontProfile = "led16";
    return s;
}

const Window& demoWindow(const ComposeRecords& r, const std::string& number) {
    for (const auto& w : r.windows)
        if (w.number == number) return w;
    throw std::runtime_error("demo window " + number + " missing");
}

// Where a record's text begins on a page, for the page rules: names, headings, windows' first
// phrases, the welcome line's phrases.
std::vector<std::string> recordStarts(const ComposeRecords& r) {
    std::vector<std::string> out;
    for (const auto& m : r.matters) out.push_back(m.name);
    for (const auto& n : r.notices) {
        out.push_back(noticeHeading(n));
        out.push_back(n.title);
    }
    for (const auto& w : r.windows) out.push_back(windowScreenGroups(w, r.staff, r.absentStaff)[0][0]);
    for (const auto& p : welcomePhrases(r.centre)) out.push_back(p);
    return out;
}

// What each demo screen size shows of the demo centre: its matter list, fee table and notices over
// the whole screen, a serving and an away window, and on one-line screens the window as the demo's
// window programs play it (a marquee area) and the urgent notice.
std::vector<std::pair<std::string, std::vector<Segment>>> demoCompositions(Composer& c, const ComposeRecords& r) {
    const Area all = c.screenArea();
    std::vector<std::pair<std::string, std::vector<Segment>>> out{
        {"matter-list", c.preview("matter-list", r, kToday).segments},
        {"fee-table", c.preview("fee-table", r, kToday).segments},
        {"notices", c.preview("notices", r, kToday).segments},
        {"window 1 serving", c.windowStatus(demoWindow(r, "1"), r.staff, r.absentStaff, all)},
        {"window 4 away", c.windowStatus(demoWindow(r, "4"), r.staff, r.absentStaff, all)},
    };
    if (all.height < 32) {
        Area strip = all;
        strip.effect = AreaEffect::Left;
        strip.speed = 2;
        out.push_back({"window 4 away (marquee area)", c.windowStatus(demoWindow(r, "4"), r.staff, r.absentStaff, strip)});
        for (const auto& n : r.notices)
            if (n.urgent) out.push_back({"urgent notice (marquee area)", c.noticeMarquee(n, strip)});
    }
    return out;
}

const std::vector<std::pair<int, int>> kDemoSizes{{64, 16}, {128, 32}, {128, 64}, {192, 64}, {256, 32}};

} // namespace

TEST_CASE("composition goldens of the demo centre on every demo screen size keep the page rules") {
    renderer::TextRenderer renderer;
    test::TempDir data("gongshi-compose-demo");
    const ComposeRecords records = demoRecords(data);
    const auto starts = recordStarts(records);
    int checked = 0;
    for (const auto& [width, height] : kDemoSizes) {
        const ScreenRecord screen = demoScreen(width, height);
        Composer composer(renderer, screen);
        const std::string file = "demo-" + std::to_string(width) + "x" + std::to_string(height) + ".txt";
        const fs::path path = fs::path(test::sourceDir()) / "tests/golden/compose" / file;
        std::string header;
        std::vector<GoldenCase> golden = readGolden(path, header);
        if (header.empty())
            header = "# The demo centre (records/demo) on a " + std::to_string(width) + "x" + std::to_string(height) +
                     " red-green screen, font profile led16, on " + kToday +
                     "; tests/compose/ComposerTest.cpp.\n"
                     "# Each case: 'segment SOURCE effect= dwell= speed= area=x,y,WxH font= color=', then 'page' and one\n"
                     "# 'x y width |text' per line, then the warnings. Rewritten only with --update-golden; review by eye.\n\n";
        std::vector<GoldenCase> got;
        for (auto& [name, segments] : demoCompositions(composer, records)) {
            CAPTURE(file);
            checkReadable(name, segments);
            const auto problems = test::pageRuleProblems(segments, starts);
            CHECK_MESSAGE(problems.empty(), file << " " << name << ": " << indented(problems));
            got.push_back({name, dump(segments)});
        }
        checked += compareGolden(path, header, golden, got);
    }
    if (!test::updateGolden()) CHECK(checked == 27);
}

TEST_CASE("the page rule checker reports a record split without 续 and a page of a sentence's tail") {
    renderer::TextRenderer renderer;
    const ComposeRecords r = fixture();
    Composer hall(renderer, hallScreen());
    auto line = [](const std::u32string& text, int y) {
        renderer::Line l;
        l.text = text;
        l.y = y;
        return l;
    };
    Segment bad = hall.feeTable(r.matters, hall.screenArea()).front();
    bad.layout.pages = {renderer::Page{{line(U"居民身份证换领、补领", 0), line(U"依据：《国家发展改革委", 16)}},
                        renderer::Page{{line(U"关于居民身份证收费标准", 0), line(U"的通知》（发改价格", 16)}},
                        renderer::Page{{line(U"2322号）", 0)}}};
    const std::vector<std::string> starts{"居民身份证换领、补领"};
    CHECK(test::pageRuleProblems({bad}, starts) ==
          std::vector<std::string>{"fee-table 第2页：从句中开始（“关于居民身份证收费标准”），却没有“续”",
                                   "fee-table 第3页：只有句尾残片“2322号）”"});
    // The same pages marked 续 keep the rules; a marquee or a scrolling notice is not paged.
    bad.layout.pages[1].lines.insert(bad.layout.pages[1].lines.begin(), line(U"续：居民身份证换领…", 0));
    bad.layout.pages[2].lines.insert(bad.layout.pages[2].lines.begin(), line(U"续：居民身份证换领…", 0));
    CHECK(test::pageRuleProblems({bad}, starts).empty());
    bad.layout.pages[2].lines.erase(bad.layout.pages[2].lines.begin());
    bad.effect = AreaEffect::Up;
    CHECK(test::pageRuleProblems({bad}, starts).empty());
}

TEST_CASE("a fee basis is shortened on screens by its visible rule and the segment says where") {
    test::TempDir data("gongshi-compose-basis");
    const ComposeRecords r = demoRecords(data);
    const Matter* id = nullptr;
    for (const auto& m : r.matters)
        if (m.name == "居民身份证换领、补领") id = &m;
    REQUIRE(id);
    CHECK(feeBasisScreenForms(*id) == std::vector<std::string>{"依据：" + feeBasisText(*id),
                                                               "依据：《中华人民共和国居民身份证法》第二十条等",
                                                               "依据：《中华人民共和国居民身份证法》等", "依据详见办事指南"});
    Matter none = *id;
    none.feeBasis = "  ";
    CHECK(feeBasisScreenForms(none) == std::vector<std::string>{"依据：未载明"});
    Matter one = *id;
    one.feeBasis = "《中华人民共和国居民身份证法》";
    CHECK(feeBasisScreenForms(one) == std::vector<std::string>{"依据：《中华人民共和国居民身份证法》", "依据详见办事指南"});

    // The 128x64 matter panel: each charged matter on one page, its basis as long as the page allows.
    renderer::TextRenderer renderer;
    Composer panel(renderer, demoScreen(128, 64));
    const auto table = panel.feeTable(r.matters, panel.screenArea());
    REQUIRE(table.size() == 1);
    CHECK(table[0].layout.pages.size() == 3);
    CHECK(lineText(table[0].layout.pages[0].lines.back()) == "依据详见办事指南");
    std::string all;
    for (const auto& page : table[0].layout.pages)
        for (const auto& l : page.lines) all += lineText(l);
    CHECK(all.find("2322号") == std::string::npos);
    CHECK(std::count(table[0].warnings.begin(), table[0].warnings.end(),
                     "事项“居民身份证换领、补领”的收费依据在屏上缩写为“依据详见办事指南”（全文见纸质公示和办事指南）") == 1);
    // The 192x64 hall screen has room for the first document.
    Composer hall(renderer, demoScreen(192, 64));
    const auto wide = hall.feeTable(r.matters, hall.screenArea());
    CHECK(std::count(wide[0].warnings.begin(), wide[0].warnings.end(),
                     "事项“居民身份证换领、补领”的收费依据在屏上缩写为“依据：《中华人民共和国居民身份证法》第二十条等”（全文见纸质公示和办"
                     "事指南）") == 1);
}

TEST_CASE("a matter's name, time limit and fee share a page of the 128x64 panel, a taller one runs on under 续") {
    test::TempDir data("gongshi-compose-panel");
    const ComposeRecords r = demoRecords(data);
    renderer::TextRenderer renderer;
    Composer panel(renderer, demoScreen(128, 64));
    const auto list = panel.matterList(r.matters, panel.screenArea());
    REQUIRE(list.size() == 1);
    std::map<std::string, std::vector<std::size_t>> pagesOf; // a matter name's first line -> pages holding it
    for (const auto& m : r.matters) {
        std::size_t on = 0, continued = 0;
        for (std::size_t p = 0; p < list[0].layout.pages.size(); ++p) {
            const auto& lines = list[0].layout.pages[p].lines;
            std::string text;
            for (const auto& l : lines) text += lineText(l);
            if (text.find(m.name) != std::string::npos ||
                (lines.size() && lineText(lines[0]).rfind("续：" + m.name.substr(0, 9), 0) == 0)) {
                ++on;
                if (lineText(lines[0]).rfind("续：", 0) == 0)
                    ++continued;
                else
                    CHECK(text.find(timeLimitText(m)) != std::string::npos);
            }
        }
        CAPTURE(m.name);
        CHECK(on >= 1);
        CHECK(on == continued + 1); // every page after the first it is on opens with 续
    }
    CHECK(test::pageRuleProblems(list, recordStarts(r)).empty());
}

TEST_CASE("a notice's category shows only where a line holds 12 characters") {
    renderer::TextRenderer renderer;
    const ComposeRecords r = fixture();
    Composer win(renderer, windowScreen());
    CHECK(lineText(win.noticeMarquee(r.notices[0], win.screenArea())[0].layout.pages[0].lines[0]) ==
          "冬季专场招聘会：12月6日上午9:00在中心广场举行，请携带居民身份证。");
    Composer banner(renderer, demoScreen(256, 32));
    Area strip{0, 16, 256, 16, AreaEffect::Left, 2, 5};
    CHECK(lineText(banner.noticeMarquee(r.notices[0], strip)[0].layout.pages[0].lines[0]).rfind("【就业】冬季专场招聘会", 0) == 0);
    Composer panel(renderer, demoScreen(128, 64));
    CHECK(lineText(panel.notice(r.notices[0], panel.screenArea())[0].layout.pages[0].lines[0]).rfind("冬季专场", 0) == 0);
}

TEST_CASE("PNG goldens of the demo centre: a fee entry and a 续 page on the 128x64 panel, an away window on a 64x16 screen") {
    renderer::TextRenderer renderer;
    test::TempDir data("gongshi-compose-png");
    const ComposeRecords r = demoRecords(data);
    Composer panel(renderer, demoScreen(128, 64));
    Composer win(renderer, demoScreen(64, 16));
    const auto fees = panel.feeTable(r.matters, panel.screenArea());
    const auto list = panel.matterList(r.matters, panel.screenArea());
    std::size_t continued = 0;
    while (continued < list[0].layout.pages.size() && lineText(list[0].layout.pages[continued].lines[0]).rfind("续：", 0) != 0) ++continued;
    REQUIRE(continued < list[0].layout.pages.size());
    const auto away = win.windowStatus(demoWindow(r, "4"), r.staff, r.absentStaff, win.screenArea());
    struct Shot {
        const char* file;
        const Segment& segment;
        std::size_t page;
        renderer::ColorMode mode;
    };
    const std::vector<Shot> shots{{"demo-128x64-fee-table-1.png", fees[0], 0, panel.colorMode()},
                                  {"demo-128x64-matter-continued.png", list[0], continued, panel.colorMode()},
                                  {"demo-64x16-window-away.png", away[0], 0, win.colorMode()}};
    const fs::path dir = fs::path(test::sourceDir()) / "tests/golden/compose";
    for (const auto& shot : shots) {
        CAPTURE(shot.file);
        const renderer::Bitmap got = renderSegment(renderer, shot.segment, shot.mode).at(shot.page);
        const fs::path golden = dir / shot.file;
        if (test::updateGolden()) {
            renderer::writePng(got, golden.string());
            continue;
        }
        REQUIRE_MESSAGE(fs::exists(golden), "missing golden " << golden.string() << " (run with --update-golden)");
        const renderer::Bitmap want = renderer::readPng(golden.string());
        REQUIRE(want.width() == got.width());
        REQUIRE(want.height() == got.height());
        const renderer::Bitmap gotRgb = got.toRgb();
        int differing = 0;
        for (int y = 0; y < got.height(); ++y)
            for (int x = 0; x < got.width(); ++x) differing += !(want.pixel(x, y) == gotRgb.pixel(x, y));
        CHECK_MESSAGE(differing == 0, differing << " pixels differ from " << shot.file);
    }
}
