#include "rules/Checks.h"

#include "common/Error.h"
#include "records/CentreNaming.h"
#include "records/Database.h"
#include "records/RecordStore.h"
#include "rules/WorkingDays.h"
#include "rules/Wording.h"
#include "layout/TextRenderer.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

using namespace gongshi;
using namespace gongshi::content;
using gongshi::test::TempDir;

namespace {

const Date kToday = "2026-11-27"; // a Friday

// Opening the font profiles is slow-ish: one renderer for every case of this file (one thread).
renderer::TextRenderer& textRenderer() {
    static renderer::TextRenderer r;
    return r;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<Finding> ofKind(const std::vector<Finding>& findings, const std::string& kind) {
    std::vector<Finding> out;
    for (const auto& f : findings)
        if (f.kind == kind) out.push_back(f);
    return out;
}

std::string describe(const std::vector<Finding>& findings) {
    std::string out;
    for (const auto& f : findings)
        out += f.severity + " " + f.kind + " " + f.record + " " + std::to_string(f.id) + " " + f.field + ": " + f.message + "\n";
    return out;
}

// Exactly one finding of `kind`, with these values.
void checkOne(const std::vector<Finding>& findings, const std::string& severity, const std::string& kind, const std::string& record, Id id,
              const std::string& field, const Finding** found = nullptr) {
    INFO(describe(findings));
    const auto matching = ofKind(findings, kind);
    REQUIRE(matching.size() == 1);
    CHECK(matching[0].severity == severity);
    CHECK(matching[0].isError() == (severity == "error"));
    CHECK(matching[0].record == record);
    CHECK(matching[0].id == id);
    CHECK(matching[0].field == field);
    CHECK_FALSE(matching[0].message.empty());
    if (found)
        for (const auto& f : findings)
            if (f.kind == kind) *found = &f;
}

// ---- centres -----------------------------------------------------------------------------------

Centre centreOf(CentreKind kind, const std::string& name) {
    Centre c;
    c.meta.id = 3;
    c.kind = kind;
    c.county = "临江县";
    c.township = "青石镇";
    c.street = "城关街道";
    c.station = "白鹤";
    c.village = kind == CentreKind::CommunityRoom ? "滨江社区" : "柳树村";
    c.name = name;
    c.population = 32000;
    c.grade = 2;
    c.hallArea = 260;
    return c;
}

Centre township(double hallArea, int population, int grade, bool ethnic = false) {
    Centre c = centreOf(CentreKind::TownshipCentre, "青石镇人民政府便民服务中心");
    c.hallArea = hallArea;
    c.population = population;
    c.grade = grade;
    c.ethnicMinorityArea = ethnic;
    return c;
}

// ---- matters -----------------------------------------------------------------------------------

Matter cleanMatter() {
    Matter m;
    m.meta.id = 21;
    m.centreId = 1;
    m.name = "农村土地承包经营权证补发";
    m.materials.push_back({"居民身份证", MaterialForm::OriginalAndCopy, 1, true, "", ""});
    m.statutoryDays = 20;
    m.promisedDays = 10;
    m.free = true;
    return m;
}

// ---- notices and screens -----------------------------------------------------------------------

Notice notice(Id id, Id centreId, const Date& from, const Date& until, const std::string& changedAt = "") {
    Notice n;
    n.meta.id = id;
    n.meta.changedAt = changedAt;
    n.centreId = centreId;
    n.title = "耕地地力保护补贴发放公告";
    n.body = "补贴已打入“一卡通”账户。";
    n.publishFrom = from;
    n.publishUntil = until;
    return n;
}

ScreenRecord screen(Id id, Id centreId, const std::string& name, const std::string& font = "led16", int width = 64, int height = 16) {
    ScreenRecord s;
    s.meta.id = id;
    s.centreId = centreId;
    s.name = name;
    s.width = width;
    s.height = height;
    s.fontProfile = font;
    return s;
}

Program program(Id id, Id screenId, const std::string& name, std::vector<ProgramItem> items, AreaEffect effect = AreaEffect::Left,
                int width = 64, int height = 16) {
    Program p;
    p.meta.id = id;
    p.screenId = screenId;
    p.name = name;
    ProgramArea a;
    a.width = width;
    a.height = height;
    a.effect = effect;
    a.items = std::move(items);
    p.areas.push_back(std::move(a));
    return p;
}

ProgramItem item(ItemKind kind, Id recordId = 0, const std::string& text = "") {
    ProgramItem i;
    i.kind = kind;
    i.recordId = recordId;
    i.text = text;
    return i;
}

// Two centres, a screen of each; the notice (id 1, centre 1) expired on 2026-10-31.
CheckRecords expiredNoticeRecords() {
    CheckRecords r;
    r.centres = {centreOf(CentreKind::TownshipCentre, "青石镇人民政府便民服务中心"),
                 centreOf(CentreKind::TownshipCentre, "石门镇人民政府便民服务中心")};
    r.centres[0].meta.id = 1;
    r.centres[1].meta.id = 2;
    r.centres[1].township = "石门镇";
    r.notices = {notice(1, 1, "2026-10-01", "2026-10-31")};
    r.screens = {screen(11, 1, "大厅横幅屏", "led16", 256, 32), screen(12, 2, "石门大厅屏", "led16", 256, 32)};
    return r;
}

// One centre with staff, windows and a led16 window screen (id 11) but no programs yet.
CheckRecords screenRecords() {
    CheckRecords r;
    r.centres = {centreOf(CentreKind::TownshipCentre, "青石镇人民政府便民服务中心")};
    r.centres[0].meta.id = 1;
    auto staff = [&](Id id, const std::string& name) {
        Staff s;
        s.meta.id = id;
        s.centreId = 1;
        s.name = name;
        r.staff.push_back(s);
    };
    staff(1, "王\U0002A6D7");   // U+2A6D7: in no installed font
    staff(2, "\U00020BB7红梅"); // U+20BB7 𠮷: led16 draws it from its override
    staff(3, "李四");
    auto window = [&](Id id, const std::string& number, const std::string& business, Id a, Id b, WindowStatus st) {
        Window w;
        w.meta.id = id;
        w.centreId = 1;
        w.number = number;
        w.business = business;
        w.postA = a;
        w.postB = b;
        w.status = st;
        r.windows.push_back(w);
    };
    window(1, "1", "社会救助", 1, 3, WindowStatus::Serving);
    window(2, "2", "户籍证明", 2, 0, WindowStatus::Serving);
    window(3, "1", "", 0, 0, WindowStatus::Away); // "1号窗口　暂离": 104 px of led16
    r.screens = {screen(11, 1, "1号窗口屏")};
    return r;
}

} // namespace

// ================================================================================================
// centres

TEST_CASE("centre-name-nonstandard: each kind's name is compared with Attachment 1's form") {
    struct Case {
        CentreKind kind;
        std::string standard, wrong;
    };
    for (const Case& c : {Case{CentreKind::TownshipCentre, "青石镇人民政府便民服务中心", "青石镇便民服务中心"},
                          Case{CentreKind::MergedTownshipStation, "青石镇人民政府白鹤便民服务站", "白鹤便民服务站"},
                          Case{CentreKind::VillageRoom, "柳树村便民服务室", "柳树村便民服务站"},
                          Case{CentreKind::StreetCentre, "临江县人民政府城关街道便民服务中心", "城关街道便民服务中心"},
                          Case{CentreKind::MergedStreetStation, "临江县人民政府城关街道白鹤便民服务站", "城关街道白鹤便民服务站"},
                          Case{CentreKind::CommunityRoom, "滨江社区便民服务室", "滨江社区服务中心"}}) {
        CAPTURE(c.standard);
        CHECK(checkCentre(centreOf(c.kind, c.standard)).empty());

        const auto findings = checkCentre(centreOf(c.kind, c.wrong));
        const Finding* f = nullptr;
        checkOne(findings, "error", "centre-name-nonstandard", "centre", 3, "name", &f);
        REQUIRE(f);
        CHECK(contains(f->message, "“" + c.standard + "”"));
        CHECK(contains(f->message, "“" + c.wrong + "”"));
        CHECK(findings.size() == 1);
    }
}

TEST_CASE("centre-name-nonstandard: an empty name asks for the standard one") {
    const auto findings = checkCentre(centreOf(CentreKind::TownshipCentre, ""));
    const Finding* f = nullptr;
    checkOne(findings, "error", "centre-name-nonstandard", "centre", 3, "name", &f);
    REQUIRE(f);
    CHECK(contains(f->message, "未填写"));
    CHECK(contains(f->message, "“青石镇人民政府便民服务中心”"));
}

TEST_CASE("centre-place-name: a missing or unended place name is reported on its field, not as a wrong name") {
    Centre c = centreOf(CentreKind::TownshipCentre, "青石人民政府便民服务中心");
    c.township = "青石";
    auto findings = checkCentre(c);
    const Finding* f = nullptr;
    checkOne(findings, "error", "centre-place-name", "centre", 3, "township", &f);
    REQUIRE(f);
    CHECK(contains(f->message, "“青石”"));
    CHECK(contains(f->message, "“乡”或“镇”"));
    CHECK(ofKind(findings, "centre-name-nonstandard").empty());

    Centre street = centreOf(CentreKind::StreetCentre, "临江人民政府城关街道便民服务中心");
    street.county = "";
    checkOne(checkCentre(street), "error", "centre-place-name", "centre", 3, "county");
    street = centreOf(CentreKind::StreetCentre, "临江县人民政府城关便民服务中心");
    street.street = "城关";
    checkOne(checkCentre(street), "error", "centre-place-name", "centre", 3, "street");

    Centre station = centreOf(CentreKind::MergedTownshipStation, "青石镇人民政府便民服务站");
    station.station = "";
    checkOne(checkCentre(station), "error", "centre-place-name", "centre", 3, "station");

    Centre room = centreOf(CentreKind::CommunityRoom, "柳树便民服务室");
    room.village = "柳树";
    findings = checkCentre(room);
    checkOne(findings, "error", "centre-place-name", "centre", 3, "village", &f);
    REQUIRE(f);
    CHECK(contains(f->message, "“社区”"));

    // The same centres with their place names right: nothing.
    CHECK(checkCentre(centreOf(CentreKind::TownshipCentre, "青石镇人民政府便民服务中心")).empty());
    CHECK(checkCentre(centreOf(CentreKind::CommunityRoom, "滨江社区便民服务室")).empty());
}

TEST_CASE("centre-hall-area-small: just below the least area trips, at it passes") {
    // 32,000 people, grade 2: at least 200 m².
    auto findings = checkCentre(township(199.5, 32000, 2));
    const Finding* f = nullptr;
    checkOne(findings, "warning", "centre-hall-area-small", "centre", 3, "hall_area", &f);
    REQUIRE(f);
    CHECK(contains(f->message, "不少于200平方米"));
    CHECK(contains(f->message, "199.5平方米"));
    CHECK(contains(f->message, "32000人"));
    CHECK(contains(f->message, "二级"));
    CHECK_FALSE(contains(f->message, "民族地区"));
    CHECK(findings.size() == 1);
    CHECK(checkCentre(township(200, 32000, 2)).empty());

    // At the population boundary: 29,999 people need 150 m², 30,000 need 200.
    CHECK(checkCentre(township(160, 29999, 2)).empty());
    findings = checkCentre(township(160, 30000, 2));
    checkOne(findings, "warning", "centre-hall-area-small", "centre", 3, "hall_area", &f);
    CHECK(contains(f->message, "不少于200平方米"));

    // 60,000 at grade 1: 300 m².
    CHECK(checkCentre(township(250, 59999, 1)).empty());
    findings = checkCentre(township(250, 60000, 1));
    checkOne(findings, "warning", "centre-hall-area-small", "centre", 3, "hall_area", &f);
    CHECK(contains(f->message, "不少于300平方米"));
    CHECK(contains(f->message, "一级"));

    // Street centres too.
    Centre street = centreOf(CentreKind::StreetCentre, "临江县人民政府城关街道便民服务中心");
    street.population = 15000;
    street.grade = 3;
    street.hallArea = 99;
    checkOne(checkCentre(street), "warning", "centre-hall-area-small", "centre", 3, "hall_area");
    street.hallArea = 100;
    CHECK(checkCentre(street).empty());
}

TEST_CASE("centre-hall-area-small: ethnic-minority figures under 15,000 people, ordinary ones from 15,000") {
    auto findings = checkCentre(township(39, 14999, 3, true));
    const Finding* f = nullptr;
    checkOne(findings, "warning", "centre-hall-area-small", "centre", 3, "hall_area", &f);
    REQUIRE(f);
    CHECK(contains(f->message, "不少于40平方米"));
    CHECK(contains(f->message, "（民族地区）"));
    CHECK(contains(f->message, "三级"));
    CHECK(checkCentre(township(40, 14999, 3, true)).empty());

    // Not ethnic-minority: 80 m².
    findings = checkCentre(township(40, 14999, 3, false));
    checkOne(findings, "warning", "centre-hall-area-small", "centre", 3, "hall_area", &f);
    CHECK(contains(f->message, "不少于80平方米"));
    CHECK_FALSE(contains(f->message, "民族地区"));

    // 15,000 people in an ethnic-minority area: the ordinary 100 m².
    findings = checkCentre(township(99, 15000, 3, true));
    checkOne(findings, "warning", "centre-hall-area-small", "centre", 3, "hall_area", &f);
    CHECK(contains(f->message, "不少于100平方米"));
    CHECK_FALSE(contains(f->message, "民族地区"));
    CHECK(checkCentre(township(100, 15000, 3, true)).empty());
}

TEST_CASE("centre-hall-area-unknown: no area, no population or a bad grade on a centre Attachment 2 covers") {
    auto findings = checkCentre(township(0, 32000, 2));
    const Finding* f = nullptr;
    checkOne(findings, "warning", "centre-hall-area-unknown", "centre", 3, "hall_area", &f);
    CHECK(contains(f->message, "大厅面积"));
    CHECK(ofKind(findings, "centre-hall-area-small").empty());

    findings = checkCentre(township(260, 0, 2));
    checkOne(findings, "warning", "centre-hall-area-unknown", "centre", 3, "population", &f);
    CHECK(contains(f->message, "服务人口"));

    findings = checkCentre(township(260, 32000, 4));
    checkOne(findings, "warning", "centre-hall-area-unknown", "centre", 3, "grade", &f);
    CHECK(contains(f->message, "1、2或3"));

    CHECK(checkCentre(township(260, 32000, 2)).empty());
}

TEST_CASE("the hall area standard is not applied to stations and rooms") {
    for (CentreKind k :
         {CentreKind::MergedTownshipStation, CentreKind::MergedStreetStation, CentreKind::VillageRoom, CentreKind::CommunityRoom}) {
        Centre c = centreOf(k, "");
        c.name = standardCentreName(c);
        c.hallArea = 0;
        c.population = 0;
        CAPTURE(c.name);
        CHECK(checkCentre(c).empty());
        c.hallArea = 10;
        c.population = 80000;
        CHECK(checkCentre(c).empty());
    }
}

// ================================================================================================
// matters

TEST_CASE("a complete matter has no findings") {
    CHECK(checkMatter(cleanMatter()).empty());
    Matter charged = cleanMatter();
    charged.free = false;
    charged.fees = {{"工本费", "5", "元/本"}};
    charged.feeBasis = "《农村土地承包经营权证管理办法》";
    CHECK(checkMatter(charged).empty());
    Matter sameDay = cleanMatter();
    sameDay.statutoryDays = 0;
    sameDay.promisedDays = 0;
    CHECK(checkMatter(sameDay).empty());
}

TEST_CASE("matter-no-materials") {
    Matter m = cleanMatter();
    m.materials.clear();
    const Finding* f = nullptr;
    const auto findings = checkMatter(m);
    checkOne(findings, "error", "matter-no-materials", "matter", 21, "materials", &f);
    CHECK(contains(f->message, "“农村土地承包经营权证补发”"));
    CHECK(findings.size() == 1);
}

TEST_CASE("matter time limits: none, no promised, no statutory, promise beyond statute") {
    const Finding* f = nullptr;

    Matter none = cleanMatter();
    none.statutoryDays.reset();
    none.promisedDays.reset();
    auto findings = checkMatter(none);
    checkOne(findings, "error", "matter-no-time-limit", "matter", 21, "promised_days", &f);
    CHECK(contains(f->message, "承诺办结时限"));
    CHECK(findings.size() == 1); // not also "no promised" or "no statutory"

    Matter noPromise = cleanMatter();
    noPromise.promisedDays.reset();
    findings = checkMatter(noPromise);
    checkOne(findings, "error", "matter-no-promised-limit", "matter", 21, "promised_days", &f);
    CHECK(contains(f->message, "法定时限20个工作日"));
    CHECK(findings.size() == 1);

    Matter noStatute = cleanMatter();
    noStatute.statutoryDays.reset();
    findings = checkMatter(noStatute);
    checkOne(findings, "warning", "matter-no-statutory-limit", "matter", 21, "statutory_days", &f);
    CHECK(contains(f->message, "法定办结时限"));
    CHECK(findings.size() == 1);
    noStatute.promisedDays = 0; // 即办件 without a statutory limit: still only a warning
    checkOne(checkMatter(noStatute), "warning", "matter-no-statutory-limit", "matter", 21, "statutory_days");

    Matter beyond = cleanMatter();
    beyond.statutoryDays = 10;
    beyond.promisedDays = 15;
    findings = checkMatter(beyond);
    checkOne(findings, "error", "matter-promise-exceeds-statute", "matter", 21, "promised_days", &f);
    CHECK(contains(f->message, "承诺办结时限15个工作日"));
    CHECK(contains(f->message, "法定办结时限10个工作日"));
    CHECK(findings.size() == 1);
    beyond.promisedDays = 10; // equal is allowed
    CHECK(checkMatter(beyond).empty());
}

TEST_CASE("matter-fee-unstated and matter-fee-no-basis") {
    const Finding* f = nullptr;

    Matter unstated = cleanMatter();
    unstated.free = false;
    auto findings = checkMatter(unstated);
    checkOne(findings, "error", "matter-fee-unstated", "matter", 21, "fee", &f);
    CHECK(contains(f->message, "不收费"));
    CHECK(ofKind(findings, "matter-fee-no-basis").empty());
    CHECK(findings.size() == 1);

    Matter noBasis = cleanMatter();
    noBasis.free = false;
    noBasis.fees = {{"工本费", "5", "元/本"}};
    findings = checkMatter(noBasis);
    checkOne(findings, "error", "matter-fee-no-basis", "matter", 21, "fee_basis", &f);
    CHECK(contains(f->message, "收费依据"));
    CHECK(contains(f->message, "“农村土地承包经营权证补发”"));
    CHECK(findings.size() == 1);

    noBasis.feeBasis = " \u3000\t"; // blanks and an ideographic space are no basis
    checkOne(checkMatter(noBasis), "error", "matter-fee-no-basis", "matter", 21, "fee_basis");
    noBasis.feeBasis = "豫价费字〔2010〕12号";
    CHECK(checkMatter(noBasis).empty());
}

TEST_CASE("every matter finding at once, in header order") {
    Matter m = cleanMatter();
    m.materials.clear();
    m.statutoryDays.reset();
    m.promisedDays.reset();
    m.free = false;
    const auto findings = checkMatter(m);
    REQUIRE(findings.size() == 3);
    CHECK(findings[0].kind == "matter-no-materials");
    CHECK(findings[1].kind == "matter-no-time-limit");
    CHECK(findings[2].kind == "matter-fee-unstated");
}

// ================================================================================================
// notices

TEST_CASE("program-notice-expired: a program item naming an expired notice, which the screen no longer shows") {
    CheckRecords r = expiredNoticeRecords();
    // A "notice" item names the notice itself, whichever centre's screen it is on.
    r.programs = {program(31, 12, "公告滚动", {item(ItemKind::Text, 0, "欢迎光临"), item(ItemKind::Notice, 1)})};
    const auto findings = checkNotices(r, WorkingDays(), kToday);
    const Finding* f = nullptr;
    checkOne(findings, "warning", "program-notice-expired", "program", 31, "areas[0].items[1].record_id", &f);
    CHECK(contains(f->message, "2026-10-31"));
    CHECK(contains(f->message, "屏幕“石门大厅屏”的节目“公告滚动”第1个区域第2项"));
    CHECK(contains(f->message, "不再显示"));
    CHECK(findings.size() == 1);
}

TEST_CASE("program-notice-expired: no finding for a notice list, which hides expired notices by itself") {
    CheckRecords r = expiredNoticeRecords();
    r.programs = {program(31, 11, "欢迎语与公告", {item(ItemKind::Centre), item(ItemKind::NoticeList)})};
    CHECK(checkNotices(r, WorkingDays(), kToday).empty());
    // What the screen's list shows that day: the notice is not in it.
    CHECK_FALSE(publishedOn(r.notices[0], kToday));
    CHECK(publishedOn(r.notices[0], "2026-10-31"));
}

TEST_CASE("program-notice-expired: one finding per item naming the notice") {
    CheckRecords r = expiredNoticeRecords();
    r.programs = {program(31, 11, "欢迎语与公告", {item(ItemKind::NoticeList)}), program(32, 12, "公告滚动", {item(ItemKind::Notice, 1)}),
                  program(33, 11, "公告轮播", {item(ItemKind::Notice, 1)})};
    const auto findings = checkNotices(r, WorkingDays(), kToday);
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].id == 32);
    CHECK(findings[1].id == 33);
    CHECK(findings[1].field == "areas[0].items[0].record_id");
}

TEST_CASE("program-notice-expired: not for another notice, nor a program whose screen is gone") {
    CheckRecords r = expiredNoticeRecords();
    CHECK(checkNotices(r, WorkingDays(), kToday).empty()); // no program at all

    r.programs = {program(31, 11, "别的公告", {item(ItemKind::Notice, 2), item(ItemKind::Text, 0, "欢迎光临")})}; // another notice
    CHECK(checkNotices(r, WorkingDays(), kToday).empty());

    r.programs = {program(31, 99, "无屏节目", {item(ItemKind::Notice, 1), item(ItemKind::NoticeList)})}; // its screen is gone
    CHECK(checkNotices(r, WorkingDays(), kToday).empty());
}

TEST_CASE("program-notice-expired: not while the notice is in its publication period (both ends inclusive)") {
    CheckRecords r = expiredNoticeRecords();
    r.programs = {program(31, 11, "欢迎语与公告", {item(ItemKind::NoticeList)}), program(32, 12, "公告滚动", {item(ItemKind::Notice, 1)})};

    r.notices[0].publishUntil = "2026-12-31";
    CHECK(checkNotices(r, WorkingDays(), kToday).empty());
    r.notices[0].publishUntil = kToday; // its last day
    CHECK(checkNotices(r, WorkingDays(), kToday).empty());
    r.notices[0].publishUntil = ""; // open-ended
    CHECK(checkNotices(r, WorkingDays(), kToday).empty());
    r.notices[0].publishUntil = "2026-11-26"; // ended yesterday
    checkOne(checkNotices(r, WorkingDays(), kToday), "warning", "program-notice-expired", "program", 32, "areas[0].items[0].record_id");
}

TEST_CASE("notice-published-late: exactly 20 working days passes, 21 trips") {
    CheckRecords r;
    // Made on Monday 2026-03-02: 2026-03-30 is 20 working days later, 2026-03-31 21.
    r.notices = {notice(5, 1, "2026-03-30", "2026-04-30", "2026-03-02T08:30:00Z")};
    CHECK(checkNotices(r, WorkingDays(), kToday).empty());

    r.notices[0].publishFrom = "2026-03-31";
    const auto findings = checkNotices(r, WorkingDays(), kToday);
    const Finding* f = nullptr;
    checkOne(findings, "warning", "notice-published-late", "notice", 5, "publish_from", &f);
    CHECK(contains(f->message, "2026-03-02"));
    CHECK(contains(f->message, "2026-03-31"));
    CHECK(contains(f->message, "相隔21个工作日"));
    CHECK(contains(f->message, "第二十六条"));
    CHECK(contains(f->message, "20个工作日"));
    CHECK(findings.size() == 1);

    // Published before it was last changed (an edit during the period), or without a timestamp: nothing.
    r.notices[0].publishFrom = "2026-02-02";
    CHECK(checkNotices(r, WorkingDays(), kToday).empty());
    r.notices[0].publishFrom = "2026-06-01";
    r.notices[0].publishUntil = "2026-06-30";
    r.notices[0].meta.changedAt = "";
    CHECK(checkNotices(r, WorkingDays(), kToday).empty());
}

TEST_CASE("notice-published-late counts working days: a holiday week keeps 34 calendar days within 20") {
    WorkingDays holidays;
    holidays.setDay("2026-09-20", true, "国庆节调休上班");
    for (const char* d : {"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"})
        holidays.setDay(d, false, "国庆节、中秋节");
    holidays.setDay("2026-10-10", true, "国庆节调休上班");

    CheckRecords r;
    // Made Friday 2026-09-25, published from Thursday 2026-10-29: 34 calendar days, 24 weekdays,
    // 20 working days with the holiday and the make-up Saturday.
    r.notices = {notice(6, 1, "2026-10-29", "2026-11-30", "2026-09-25T09:00:00Z")};
    CHECK(checkNotices(r, holidays, kToday).empty());
    // With weekends only the same dates are 24 working days apart.
    const Finding* f = nullptr;
    auto findings = checkNotices(r, WorkingDays(), kToday);
    checkOne(findings, "warning", "notice-published-late", "notice", 6, "publish_from", &f);
    CHECK(contains(f->message, "相隔24个工作日"));

    // One working day more trips even with the holiday.
    r.notices[0].publishFrom = "2026-10-30";
    findings = checkNotices(r, holidays, kToday);
    checkOne(findings, "warning", "notice-published-late", "notice", 6, "publish_from", &f);
    CHECK(contains(f->message, "相隔21个工作日"));

    // The State Council's arrangements that ship with gongshi give the same count, untold.
    r.notices[0].publishFrom = "2026-10-29";
    CHECK(checkNotices(r, WorkingDays::shipped(), kToday).empty());
    r.notices[0].publishFrom = "2026-10-30";
    checkOne(checkNotices(r, WorkingDays::shipped(), kToday), "warning", "notice-published-late", "notice", 6, "publish_from");
}

TEST_CASE("checkNotices refuses a today that is not a date") {
    CHECK_THROWS_AS(checkNotices(CheckRecords{}, WorkingDays(), "2026-11-31"), InputError);
}

// ================================================================================================
// screens

TEST_CASE("screen-missing-glyphs: a staff name with U+2A6D7 on a led16 window screen points at the staff record") {
    CheckRecords r = screenRecords();
    r.programs = {program(21, 11, "窗口状态", {item(ItemKind::Window, 1)})};
    const auto findings = checkScreens(r, textRenderer());
    const Finding* f = nullptr;
    checkOne(findings, "error", "screen-missing-glyphs", "staff", 1, "name", &f);
    CHECK(contains(f->message, "U+2A6D7"));
    CHECK(contains(f->message, "\U0002A6D7"));
    CHECK(contains(f->message, "屏幕“1号窗口屏”"));
    CHECK(contains(f->message, "led16"));
    CHECK(contains(f->message, "员工“王\U0002A6D7”的姓名"));
    CHECK(findings.size() == 1); // the window's own texts and the B post (李四) are fine
}

TEST_CASE("screen-missing-glyphs: U+20BB7 is drawn on led16 through its override, so it is not reported") {
    CheckRecords r = screenRecords();
    r.programs = {program(21, 11, "窗口状态", {item(ItemKind::Window, 2)})};
    INFO(describe(checkScreens(r, textRenderer())));
    CHECK(checkScreens(r, textRenderer()).empty());
}

TEST_CASE("screen-missing-glyphs: a staff member no program shows is not checked") {
    CheckRecords r = screenRecords();
    r.programs = {program(21, 11, "欢迎", {item(ItemKind::Text, 0, "欢迎光临"), item(ItemKind::Window, 2)})};
    CHECK(checkScreens(r, textRenderer()).empty());
}

TEST_CASE("screen-missing-glyphs: an auto screen is checked in every LED profile") {
    CheckRecords r = screenRecords();
    r.screens = {screen(11, 1, "大厅条屏", "auto", 192, 64)};
    r.programs = {program(21, 11, "窗口状态", {item(ItemKind::Window, 1), item(ItemKind::Window, 2)})};
    const auto findings = checkScreens(r, textRenderer());
    const Finding* f = nullptr;
    checkOne(findings, "error", "screen-missing-glyphs", "staff", 1, "name", &f);
    CHECK(contains(f->message, "auto"));
    CHECK(contains(f->message, "U+2A6D7"));
}

TEST_CASE("screen-missing-glyphs: texts of a text item, a notice and a matter list point at their own records") {
    CheckRecords r = screenRecords();
    Notice n = notice(7, 1, "2026-11-20", "2026-12-20");
    n.body = "请\U0002A6D7家村村民前来领取。";
    r.notices = {n};
    Matter m = cleanMatter();
    m.name = "\U0002A6D7家坝村集体经济组织成员身份确认";
    r.matters = {m};
    r.programs = {
        program(21, 11, "轮播", {item(ItemKind::Text, 0, "欢迎\U0002A6D7临"), item(ItemKind::NoticeList), item(ItemKind::MatterList)})};
    const auto findings = checkScreens(r, textRenderer());
    INFO(describe(findings));
    const auto missing = ofKind(findings, "screen-missing-glyphs");
    REQUIRE(missing.size() == 3);
    // In the order the program shows them.
    CHECK(missing[0].record == "program");
    CHECK(missing[0].id == 21);
    CHECK(missing[0].field == "areas[0].items[0].text");
    CHECK(missing[1].record == "notice");
    CHECK(missing[1].id == 7);
    CHECK(missing[1].field == "body");
    CHECK(missing[2].record == "matter");
    CHECK(missing[2].id == 21);
    CHECK(missing[2].field == "name");
    for (const auto& f : missing) CHECK(f.isError());
}

TEST_CASE("screen-font-unknown: a screen naming a profile that does not exist") {
    CheckRecords r = screenRecords();
    r.screens = {screen(11, 1, "1号窗口屏", "led15")};
    r.programs = {program(21, 11, "窗口状态", {item(ItemKind::Window, 1)})};
    const auto findings = checkScreens(r, textRenderer());
    const Finding* f = nullptr;
    checkOne(findings, "error", "screen-font-unknown", "screen", 11, "font_profile", &f);
    CHECK(contains(f->message, "“led15”"));
    CHECK(contains(f->message, "led16"));
    CHECK(contains(f->message, "auto"));
    CHECK(findings.size() == 1); // its texts are not checked against a font that is not there

    for (const char* font : {"led12", "led16", "led24", "led32", "auto"}) {
        CAPTURE(font);
        r.screens = {screen(11, 1, "1号窗口屏", font, 192, 64)};
        CHECK(ofKind(checkScreens(r, textRenderer()), "screen-font-unknown").empty());
    }
}

TEST_CASE("text-invalid-utf8: a text item with bytes that are not UTF-8") {
    CheckRecords r = screenRecords();
    Program p = program(21, 11, "欢迎", {item(ItemKind::Text, 0, "欢迎光临")});
    ProgramArea second;
    second.width = 64;
    second.height = 16;
    second.effect = AreaEffect::Left;
    second.items = {item(ItemKind::Text, 0, "欢迎"), item(ItemKind::Text, 0, "\xff\xfe")};
    p.areas.push_back(second);
    r.programs = {p};
    const auto findings = checkScreens(r, textRenderer());
    const Finding* f = nullptr;
    checkOne(findings, "error", "text-invalid-utf8", "program", 21, "areas[1].items[1].text", &f);
    CHECK(contains(f->message, "节目“欢迎”的文字"));
    CHECK(contains(f->message, "文字编码"));
    CHECK(findings.size() == 1);

    r.programs[0].areas[1].items[1].text = "办事请取号";
    CHECK(checkScreens(r, textRenderer()).empty());
}

TEST_CASE("area-text-overflow: a window status in a static 64x16 area that needs two pages") {
    CheckRecords r = screenRecords();
    r.programs = {program(21, 11, "窗口状态", {item(ItemKind::Window, 3)}, AreaEffect::Static, 64, 16)};
    const auto findings = checkScreens(r, textRenderer());
    const Finding* f = nullptr;
    checkOne(findings, "warning", "area-text-overflow", "program", 21, "areas[0].items[0]", &f);
    CHECK(contains(f->message, "“1号窗口\u3000暂离”"));
    CHECK(contains(f->message, "要分2屏"));
    CHECK(contains(f->message, "64×16"));
    CHECK(contains(f->message, "1号窗口的状态"));
    CHECK(findings.size() == 1);

    // The same status fits one line of a 112x16 area; a scrolling area never flips.
    r.programs = {program(21, 11, "窗口状态", {item(ItemKind::Window, 3)}, AreaEffect::Static, 112, 16)};
    CHECK(checkScreens(r, textRenderer()).empty());
    r.programs = {program(21, 11, "窗口状态", {item(ItemKind::Window, 3)}, AreaEffect::Left, 64, 16)};
    CHECK(checkScreens(r, textRenderer()).empty());
}

TEST_CASE("area-text-overflow: the welcome line of a centre item in a static area") {
    CheckRecords r = screenRecords();
    r.screens = {screen(11, 1, "大厅横幅屏", "led16", 256, 32)};
    // "青石镇人民政府便民服务中心欢迎您" is 16 characters: 256x16 holds it, 128x16 does not.
    r.programs = {program(21, 11, "欢迎语", {item(ItemKind::Centre)}, AreaEffect::Static, 256, 16)};
    CHECK(checkScreens(r, textRenderer()).empty());
    r.programs = {program(21, 11, "欢迎语", {item(ItemKind::Centre)}, AreaEffect::Static, 128, 16)};
    const Finding* f = nullptr;
    const auto findings = checkScreens(r, textRenderer());
    checkOne(findings, "warning", "area-text-overflow", "program", 21, "areas[0].items[0]", &f);
    CHECK(contains(f->message, "欢迎语"));
    CHECK(contains(f->message, "要分2屏"));
}

TEST_CASE("area-text-overflow: a static area lower than one line of the screen's font") {
    CheckRecords r = screenRecords();
    r.programs = {program(21, 11, "窗口状态", {item(ItemKind::Window, 3)}, AreaEffect::Static, 160, 12)};
    const auto findings = checkScreens(r, textRenderer());
    const Finding* f = nullptr;
    checkOne(findings, "warning", "area-text-overflow", "program", 21, "areas[0].items[0]", &f);
    CHECK(contains(f->message, "放不下一行led16字体的文字"));
    CHECK(contains(f->message, "160×12"));

    r.programs = {program(21, 11, "窗口状态", {item(ItemKind::Window, 3)}, AreaEffect::Static, 160, 16)};
    CHECK(checkScreens(r, textRenderer()).empty());
}

TEST_CASE("area-text-overflow: not for a status whose text is not UTF-8 (that is text-invalid-utf8 alone)") {
    CheckRecords r = screenRecords();
    r.windows[2].business = "\xff\xfe";
    // 256x16 holds a line of led16: the area is not to blame.
    r.programs = {program(21, 11, "窗口状态", {item(ItemKind::Window, 3)}, AreaEffect::Static, 256, 16)};
    const auto findings = checkScreens(r, textRenderer());
    const Finding* f = nullptr;
    checkOne(findings, "error", "text-invalid-utf8", "window", 3, "business", &f);
    CHECK(contains(f->message, "1号窗口的业务名称"));
    CHECK(findings.size() == 1);
}

// ================================================================================================
// all together

TEST_CASE("runChecks lists errors first, then warnings, each in the order centres, matters, notices, screens, print") {
    CheckRecords r = screenRecords();
    r.centres[0].name = "青石镇便民服务中心";
    Matter m = cleanMatter();
    m.materials.clear();
    m.statutoryDays.reset(); // a warning of the matter, listed after every error
    r.matters = {m};
    r.notices = {notice(1, 1, "2026-10-01", "2026-10-31")};
    r.programs = {program(21, 11, "窗口状态", {item(ItemKind::Window, 1), item(ItemKind::NoticeList), item(ItemKind::Notice, 1)})};
    const auto findings = runChecks(r, WorkingDays(), kToday, textRenderer());
    INFO(describe(findings));
    REQUIRE(findings.size() == 6);
    CHECK(findings[0].kind == "centre-name-nonstandard");
    CHECK(findings[1].kind == "matter-no-materials");
    CHECK(findings[2].kind == "screen-missing-glyphs");
    CHECK(findings[3].kind == "print-missing-glyphs"); // the same staff name, on the post cards
    CHECK(findings[4].kind == "matter-no-statutory-limit");
    CHECK(findings[5].kind == "program-notice-expired");
    for (std::size_t i = 0; i < findings.size(); ++i) CHECK(findings[i].isError() == (i < 4));

    CHECK_THROWS_AS(runChecks(r, WorkingDays(), "2026-1-5", textRenderer()), InputError);
}

TEST_CASE("runChecks over a real database reads the records and the working-day calendar") {
    using namespace std::chrono;
    TempDir dir("gongshi-checks");
    Database db(dir.str());
    Centre c = RecordStore<Centre>(db).create(township(260, 32000, 2), "admin");
    Matter m = cleanMatter();
    m.meta = {};
    m.centreId = c.meta.id;
    m.free = false;
    m.fees = {{"工本费", "5", "元/本"}};
    m = RecordStore<Matter>(db).create(m, "editor");

    // The store stamps the notice with now: publish it 35 calendar days on (at least 23 working days).
    const auto today = floor<days>(system_clock::now());
    Notice n = notice(0, c.meta.id, formatDate(today + days(35)), formatDate(today + days(60)));
    n = RecordStore<Notice>(db).create(n, "editor");
    const Date made = dateOfTimestamp(n.meta.changedAt);

    auto findings = runChecks(db, formatDate(today));
    INFO(describe(findings));
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].kind == "matter-fee-no-basis");
    CHECK(findings[0].id == m.meta.id);
    CHECK(findings[1].kind == "notice-published-late");
    CHECK(findings[1].id == n.meta.id);

    // A calendar that makes all but the last of those days holidays brings the notice within 20.
    const auto madeDay = parseDate(made);
    for (auto d = madeDay + days(1); d < parseDate(n.publishFrom); d += days(1)) WorkingDays::saveDay(db, formatDate(d), false, "测试假日");
    findings = runChecks(db, formatDate(today));
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].kind == "matter-fee-no-basis");
    CHECK(findings[0].record == "matter");
    CHECK(findings[0].field == "fee_basis");

    CHECK_THROWS_AS(runChecks(db, "abc"), InputError);
}

// ================================================================================================
// print

TEST_CASE("print-missing-glyphs: characters no print font has, in any printed record, point at the record") {
    CheckRecords r = screenRecords(); // staff 1 is named with U+2A6D7; no program shows anybody
    Matter m = cleanMatter();
    m.materials[0].name = "\U0002A6D7家坝村证明";
    r.matters = {m};
    const auto findings = checkPrint(r, textRenderer());
    INFO(describe(findings));
    const auto missing = ofKind(findings, "print-missing-glyphs");
    REQUIRE(missing.size() == 2);
    CHECK(missing[0].severity == "error");
    CHECK(missing[0].record == "matter");
    CHECK(missing[0].field == "materials[0].name");
    CHECK(contains(missing[0].message, "U+2A6D7"));
    CHECK(missing[1].record == "staff");
    CHECK(missing[1].id == 1);
    CHECK(missing[1].field == "name");
    // 𠮷 (U+20BB7) is in Noto CJK SC: nothing to report for the staff member named with it.
    for (const auto& f : findings) CHECK(f.id != 2);
}
