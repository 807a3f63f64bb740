// Sheets made from the demo centre's records, read back from the PDF (pdftotext, pdfinfo, pdffonts,
// pdfimages) and the PNG (zbarimg).
#include "common/Error.h"
#include "rules/Checks.h"
#include "rules/Wording.h"
#include "compose/Composer.h"
#include "records/MatterCsv.h"
#include "sheets/Sheets.h"
#include "bitmap/ImageIO.h"
#include "print/PrintText.h"
#include "layout/TextRenderer.h"
#include "common/Utf8.h"
#include "tests/sheets/DemoCentre.h"
#include "tests/print/PrintTools.h"
#include "tests/print/TestPictures.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

using namespace gongshi;
using namespace gongshi::content;
using namespace gongshi::test;

namespace {

const std::string kReviewUrl = "https://hcp.linjiang.example.cn/qingshi";

SheetRequest request(SheetKind kind, const std::string& paper = "", bool landscape = false) {
    SheetRequest r;
    r.kind = kind;
    r.paper = paper;
    r.landscape = landscape;
    r.today = "2026-11-27";
    return r;
}

// The sheet as a PDF file in `dir`.
std::string pdfOf(const ComposedSheet& s, const TempDir& dir, const std::string& name) {
    const std::string path = dir / (name + ".pdf");
    writeBytes(path, renderer::renderPdf(s.sheet));
    return path;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

template <class Item> std::vector<const Item*> itemsOf(const ComposedSheet& s) {
    std::vector<const Item*> out;
    for (const auto& page : s.sheet.pages)
        for (const auto& item : page.items)
            if (const Item* i = std::get_if<Item>(&item)) out.push_back(i);
    return out;
}

bool warned(const ComposedSheet& s, const std::string& record, Id id, const std::string& field, const std::string& words = "") {
    return std::any_of(s.warnings.begin(), s.warnings.end(), [&](const SheetWarning& w) {
        return w.source.record == record && w.source.id == id && w.source.field == field && w.message.find(words) != std::string::npos;
    });
}

std::string allWarnings(const ComposedSheet& s) {
    std::string out;
    for (const auto& w : s.warnings) out += w.text() + "\n";
    return out;
}

Matter testMatter(Id id, const std::string& name, int materials) {
    Matter m;
    m.meta.id = id;
    m.centreId = 1;
    m.name = name;
    for (int i = 1; i <= materials; ++i) m.materials.push_back({"测试材料" + std::to_string(i), MaterialForm::Original, 1, true, "", ""});
    m.statutoryDays = 20;
    m.promisedDays = 10;
    m.fees.push_back({"工本费", "15", "元"});
    m.feeBasis = "《测试收费办法》第" + std::to_string(id) + "条";
    return m;
}

} // namespace

TEST_CASE("paper: A4, A3, A2 and WxHmm, landscape puts the long side across, anything else is refused") {
    CHECK(parsePaper("A4", false).width == 210);
    CHECK(parsePaper("A4", false).height == 297);
    CHECK(parsePaper("A3", true).width == 420);
    CHECK(parsePaper("A3", true).height == 297);
    CHECK(parsePaper("A3", true).name == "A3 landscape");
    CHECK(parsePaper("A2", false).height == 594);
    Paper sign = parsePaper("3000x600mm", false);
    CHECK(sign.width == 3000);
    CHECK(sign.height == 600);
    CHECK(parsePaper("600x3000mm", true).width == 3000);
    CHECK(parsePaper("90.5x54mm", false).width == doctest::Approx(90.5));
    for (const char* bad : {"A5", "Letter", "3000x600", "0x600mm", "6000x600mm", "", "-5x10mm"})
        CHECK_THROWS_AS(parsePaper(bad, false), InputError);
    CHECK(defaultPaper(SheetKind::Sign) == "3000x600mm");
    CHECK(defaultPaper(SheetKind::Poster) == "A4");
    CHECK(parseSheetKind("postcards") == SheetKind::Postcards);
    CHECK_THROWS_WITH(parseSheetKind("flyer"),
                      "没有“flyer”这种印件，可选：poster（服务事项公示栏）、guide（办事指南）、checklist（一次性告知单）、"
                      "postcards（岗位牌）、sign（标识牌）、notice（公示）");
    CHECK_THROWS_WITH(parsePaper("B5", false), "没有“B5”这种纸张，可选：A4、A3、A2，或“宽x高mm”（如“3000x600mm”）");
    CHECK_THROWS_WITH(parsePaper("6000x600mm", false), "纸张“6000x600mm”的每边应在10到5000毫米之间（PDF 页面最大5080毫米）");
}

TEST_CASE("the poster lists every matter's name, materials, time limits, fee and fee basis on A4 paper") {
    DemoCentre demo;
    renderer::PrintTypesetter t;
    ComposedSheet s = composeSheet(request(SheetKind::Poster), demo.records, t, &demo.files);
    const std::string pdf = pdfOf(s, demo.dir, "poster");
    const auto [w, h] = pdfPageSize(pdf);
    CHECK(w == doctest::Approx(595.276).epsilon(0.0005));
    CHECK(h == doctest::Approx(841.89).epsilon(0.0005));
    const std::string text = pdfText(pdf);
    CHECK(text.find("服务事项公示") != std::string::npos);
    CHECK(text.find("青石镇人民政府便民服务中心") != std::string::npos);
    REQUIRE(demo.records.matters.size() == 29);
    for (const Matter& m : demo.records.matters) {
        CAPTURE(m.name);
        CHECK(count(text, withoutSpace(m.name)) >= 1);
        CHECK(text.find(withoutSpace(feeText(m))) != std::string::npos);
        for (const auto& material : m.materials) CHECK(text.find(withoutSpace(materialsText({material}))) != std::string::npos);
        if (charged(m) && !m.feeBasis.empty()) CHECK(text.find(withoutSpace(m.feeBasis)) != std::string::npos);
    }
    CHECK(text.find("工本费20元") != std::string::npos);
    CHECK(text.find("法定40个工作日承诺20个工作日") != std::string::npos);
    // The demo's fault: a fee without its basis, printed as such and reported.
    CHECK(text.find("未载明") != std::string::npos);
    CHECK(warned(s, "matter", 21, "fee_basis"));
    CHECK(s.missing.empty());
    // Footer on every page: the complaint phone, the date, the page of how many.
    const int pages = static_cast<int>(s.sheet.pages.size());
    CHECK(pages == pdfPages(pdf));
    for (int p = 1; p <= pages; ++p) {
        const std::string page = pdfText(pdf, p);
        CHECK(page.find("监督投诉电话：0833-6201199") != std::string::npos);
        CHECK(page.find("更新日期：2026年11月27日") != std::string::npos);
        CHECK(page.find("第" + std::to_string(p) + "页／共" + std::to_string(pages) + "页") != std::string::npos);
    }
}

TEST_CASE("a matter list long enough for three pages repeats the header row on every page and keeps rows whole") {
    DemoCentre demo;
    demo.records.matters.clear();
    for (int i = 1; i <= 40; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "测试事项第%02d号申请", i);
        demo.records.matters.push_back(testMatter(100 + i, name, 3));
    }
    renderer::PrintTypesetter t;
    ComposedSheet s = composeSheet(request(SheetKind::Poster, "A4", true), demo.records, t, &demo.files);
    const std::string pdf = pdfOf(s, demo.dir, "long");
    const auto [w, h] = pdfPageSize(pdf);
    CHECK(w == doctest::Approx(841.89).epsilon(0.0005)); // landscape
    CHECK(h == doctest::Approx(595.276).epsilon(0.0005));
    const int pages = pdfPages(pdf);
    REQUIRE(pages >= 3);
    std::string all;
    for (int p = 1; p <= pages; ++p) {
        CAPTURE(p);
        const std::string page = pdfText(pdf, p);
        CHECK(count(page, "序号事项名称申请材料办理时限收费标准收费依据") == 1);
        if (p > 1) CHECK(page.find("服务事项公示（续）") != std::string::npos);
        all += page;
    }
    for (int i = 1; i <= 40; ++i) {
        char name[64];
        std::snprintf(name, sizeof name, "测试事项第%02d号申请", i);
        CAPTURE(name);
        CHECK(count(all, name) == 1);
        // The row's cells all on the page its name is on.
        for (int p = 1; p <= pages; ++p) {
            const std::string page = pdfText(pdf, p);
            if (page.find(name) != std::string::npos)
                CHECK(page.find("《测试收费办法》第" + std::to_string(100 + i) + "条") != std::string::npos);
        }
    }
    CHECK(s.warnings.empty());
}

TEST_CASE("a row taller than a page is split between pages, and the split is reported against the matter") {
    DemoCentre demo;
    demo.records.matters = {testMatter(7, "材料特别多的事项", 120)};
    renderer::PrintTypesetter t;
    ComposedSheet s = composeSheet(request(SheetKind::Poster), demo.records, t, &demo.files);
    REQUIRE(s.sheet.pages.size() >= 3);
    CHECK(warned(s, "matter", 7, "", "分在两页"));
    const std::string pdf = pdfOf(s, demo.dir, "tall");
    const std::string all = pdfText(pdf);
    for (int i = 1; i <= 120; ++i) CHECK(count(all, std::to_string(i) + ".测试材料" + std::to_string(i) + "（") == 1);
    for (int p = 1; p <= pdfPages(pdf); ++p)
        CHECK_MESSAGE(pdfText(pdf, p).find("序号事项名称申请材料") != std::string::npos, p, pdfText(pdf, p).substr(0, 300));
}

TEST_CASE("a character no font has in a matter name is reported naming the matter and field, boxed, and still copies") {
    DemoCentre demo;
    Matter m = testMatter(31, "\xF0\xAA\x9B\x97家坝村集体资产确认", 2); // 𪛗 (U+2A6D7)
    demo.records.matters.push_back(m);
    renderer::PrintTypesetter t;
    ComposedSheet s = composeSheet(request(SheetKind::Poster), demo.records, t, &demo.files);
    CHECK(s.missing == std::vector<char32_t>{0x2A6D7});
    CHECK_MESSAGE(warned(s, "matter", 31, "name", "U+2A6D7"), allWarnings(s));
    bool named = false;
    for (const auto& w : s.warnings) named = named || w.text().rfind("matter 31 name: ", 0) == 0;
    CHECK(named);
    // 𠮷 (U+20BB7) in the demo is not missing: Noto Sans CJK SC has it.
    CHECK_FALSE(warned(s, "matter", 22, "name"));
    CHECK(pdfText(pdfOf(s, demo.dir, "missing")).find("𪛗家坝村集体资产确认") != std::string::npos);
}

TEST_CASE("the service guide holds the matter's facts, its windows, the complaint phone and the review QR code") {
    DemoCentre demo;
    renderer::PrintTypesetter t;
    SheetRequest r = request(SheetKind::Guide);
    r.matter = 13; // 居民身份证换领、补领
    ComposedSheet s = composeSheet(r, demo.records, t, &demo.files);
    const std::string text = pdfText(pdfOf(s, demo.dir, "guide"));
    for (const char* want :
         {"居民身份证换领、补领办事指南", "事项名称", "QSZ-GA-001", "临江县公安局青石派出所", "《中华人民共和国居民身份证法》第十一条",
          "1.户口簿（原件1份）", "法定办结时限40个工作日", "承诺办结时限20个工作日", "收费标准工本费20元", "发改价格〔2003〕2322号",
          "3号窗口（户籍·居民身份证）", "咨询电话0833-6201103", "监督投诉电话0833-6201199", "服务评价（好差评）"})
        CHECK_MESSAGE(text.find(want) != std::string::npos, want);
    const std::string png = demo.dir / "guide.png";
    renderer::writePng(renderer::renderPage(s.sheet, 0, 100), png, 100);
    CHECK(qrText(png) == kReviewUrl);

    // A "one thing" matter names the others of its group.
    r.matter = 1;
    const std::string group = pdfText(pdfOf(composeSheet(r, demo.records, t, &demo.files), demo.dir, "guide-group"));
    CHECK(group.find("社会救助一件事：可与特困人员认定、临时救助、医疗救助申请一并申请、一次办理") != std::string::npos);
}

TEST_CASE("a fee basis of blanks is missing on the screens, on paper and in the checks alike") {
    DemoCentre demo;
    renderer::PrintTypesetter t;
    renderer::TextRenderer screens;
    ComposeRecords records = demo.records;
    Matter* m = nullptr;
    for (auto& each : records.matters)
        if (each.meta.id == 13) m = &each;
    REQUIRE(m != nullptr);
    REQUIRE(charged(*m));
    for (const std::string blank : {"", " ", "\u3000 \t", "\n"}) {
        CAPTURE(blank);
        m->feeBasis = blank;
        CHECK(feeBasisMissing(*m));
        CHECK(feeBasisText(*m) == "未载明");
        // The hall's fee table.
        ScreenRecord hall;
        hall.width = 192;
        hall.height = 64;
        hall.fontProfile = "auto";
        Composer composer(screens, hall);
        const auto fees = composer.feeTable({*m}, composer.screenArea());
        REQUIRE(fees.size() == 1);
        std::string shown;
        for (const auto& page : fees[0].layout.pages)
            for (const auto& line : page.lines) shown += gongshi::encodeUtf8(line.text);
        CHECK(shown.find("依据：未载明") != std::string::npos);
        REQUIRE(fees[0].warnings.size() == 1);
        CHECK(fees[0].warnings[0] == "事项“" + m->name + "”收费，但没有填写收费依据");
        // The service guide.
        SheetRequest r = request(SheetKind::Guide);
        r.matter = 13;
        ComposedSheet s = composeSheet(r, records, t, &demo.files);
        CHECK(pdfText(pdfOf(s, demo.dir, "guide-blank-basis")).find("收费依据未载明") != std::string::npos);
        CHECK(warned(s, "matter", 13, "fee_basis", "未载明"));
        // The checks.
        const auto findings = checkMatter(*m);
        CHECK(std::count_if(findings.begin(), findings.end(), [](const Finding& f) {
                  return f.kind == "matter-fee-no-basis" && f.severity == "error" && f.field == "fee_basis";
              }) == 1);
    }
    // A basis with blanks around it is shown without them, and is no finding.
    m->feeBasis = "\u3000发改价格〔2003〕2322号 ";
    CHECK(!feeBasisMissing(*m));
    CHECK(feeBasisText(*m) == "发改价格〔2003〕2322号");
    CHECK(checkMatter(*m).empty());
}

TEST_CASE("guides and checklists are made for one matter: none given is refused, an unknown one not found") {
    DemoCentre demo;
    renderer::PrintTypesetter t;
    const std::string centre = std::to_string(demo.records.centre.meta.id);
    for (SheetKind kind : {SheetKind::Guide, SheetKind::Checklist}) {
        SheetRequest r = request(kind);
        CHECK_THROWS_WITH_AS(composeSheet(r, demo.records, t, &demo.files),
                             (std::string(sheetKindChinese(kind)) + "是为一个事项印的：请指定事项（编号）").c_str(), InputError);
        r.matter = 999;
        CHECK_THROWS_WITH_AS(composeSheet(r, demo.records, t, &demo.files), ("便民服务中心" + centre + "没有编号为999的已发布事项").c_str(),
                             NotFoundError);
    }
    SheetRequest n = request(SheetKind::Notice);
    CHECK_THROWS_WITH_AS(composeSheet(n, demo.records, t, &demo.files), "公示是为一条公告印的：请指定公告（编号）", InputError);
    n.notice = 999;
    CHECK_THROWS_WITH_AS(composeSheet(n, demo.records, t, &demo.files), ("便民服务中心" + centre + "没有编号为999的已发布公告").c_str(),
                         NotFoundError);
    SheetRequest tiny = request(SheetKind::Poster);
    tiny.paper = "20x20mm";
    CHECK_THROWS_WITH_AS(composeSheet(tiny, demo.records, t, &demo.files), "纸张太小（20x20毫米），除去页边距后放不下内容", InputError);
}

TEST_CASE("the one-time notification checklist has a box for every material, lines for what is missing, signatures and dates") {
    DemoCentre demo;
    renderer::PrintTypesetter t;
    SheetRequest r = request(SheetKind::Checklist);
    r.matter = 1; // 最低生活保障审核确认: six materials
    ComposedSheet s = composeSheet(r, demo.records, t, &demo.files);
    REQUIRE(s.sheet.pages.size() == 1);
    const double box = renderer::mm(4);
    const auto boxes = itemsOf<renderer::BoxItem>(s);
    CHECK(std::count_if(boxes.begin(), boxes.end(), [&](const renderer::BoxItem* b) {
              return std::abs(b->width - box) < 0.01 && std::abs(b->height - box) < 0.01 && !b->fill;
          }) == 6);
    const auto lines = itemsOf<renderer::LineItem>(s);
    CHECK(lines.size() >= 4 + 2 * 4 + 2); // ruled lines, two signatures with a date each, applicant and phone
    const std::string text = pdfText(pdfOf(s, demo.dir, "checklist"));
    const Matter& m = demo.records.matters.front();
    for (const auto& material : m.materials) CHECK(text.find(withoutSpace(materialsText({material}))) != std::string::npos);
    for (const char* want : {"一次性告知单", "申请人：", "联系电话：", "申请事项：最低生活保障审核确认", "已提交", "缺少或需要补正的材料：",
                             "办理时限：承诺20个工作日", "窗口工作人员（签字）：", "申请人（签字）：", "日期：", "年", "月", "日"})
        CHECK_MESSAGE(text.find(want) != std::string::npos, want);
}

TEST_CASE("post cards: one for every A and B post, Party members marked, photos from JPEG and PNG, cut marks around each") {
    DemoCentre demo;
    // 王秀英 (staff 1) with a PNG photo, 李建国 (staff 2) with a JPEG one.
    demo.records.staff[0].photo = demo.files.store(portraitPng(150, 200), "png");
    demo.records.staff[1].photo = demo.files.store(portraitJpeg(150, 200), "jpg");
    renderer::PrintTypesetter t;
    ComposedSheet s = composeSheet(request(SheetKind::Postcards), demo.records, t, &demo.files);
    CHECK(s.sheet.pages.size() == 2); // 12 cards, 8 to an A4 page
    const std::string pdf = pdfOf(s, demo.dir, "cards");
    const std::string text = pdfText(pdf);
    for (const auto& st : demo.records.staff) {
        CAPTURE(st.name);
        CHECK(count(text, st.name) >= 1);
        CHECK(text.find("单位：" + st.unit) != std::string::npos);
        CHECK(text.find("职务：" + withoutSpace(st.position)) != std::string::npos);
        CHECK(text.find("电话：" + st.phone) != std::string::npos);
    }
    CHECK(count(text, "中共党员") == 6);
    CHECK(count(text, "A岗") == 6);
    CHECK(count(text, "B岗") == 6);
    CHECK(text.find("1号窗口社会救助·民政·残联") != std::string::npos);
    // The two photos are pictures in the PDF; the other ten cards have empty frames, and say so.
    const std::string images = runTool({"pdfimages", "-list", pdf});
    CHECK_MESSAGE(count(images, " rgb ") == 2, images);
    CHECK(count(text, "照片") == 10);
    CHECK(warned(s, "staff", 3, "photo", "没有照片"));
    CHECK_FALSE(warned(s, "staff", 1, "photo"));
    // Eight hairlines per card, in the gutters: two at each corner.
    const auto lines = itemsOf<renderer::LineItem>(s);
    CHECK(std::count_if(lines.begin(), lines.end(), [](const renderer::LineItem* l) { return l->stroke.width == 0.25; }) == 12 * 8);

    // A photo that cannot be read is reported, and the card still printed.
    demo.records.staff[2].photo = demo.files.store("GIF89a not a photo", "png");
    ComposedSheet broken = composeSheet(request(SheetKind::Postcards), demo.records, t, &demo.files);
    CHECK(warned(broken, "staff", 3, "photo", "照片无法读取"));
}

TEST_CASE("the exterior sign: the centre's standard name in red Song characters on one line across the board") {
    DemoCentre demo;
    renderer::PrintTypesetter t;
    ComposedSheet s = composeSheet(request(SheetKind::Sign, "2400x500mm"), demo.records, t, &demo.files);
    REQUIRE(s.sheet.pages.size() == 1);
    const std::string pdf = pdfOf(s, demo.dir, "sign");
    const auto [w, h] = pdfPageSize(pdf);
    CHECK(w == doctest::Approx(renderer::mm(2400)).epsilon(0.0005));
    CHECK(h == doctest::Approx(renderer::mm(500)).epsilon(0.0005));
    CHECK(pdfText(pdf) == "青石镇人民政府便民服务中心");
    CHECK(runTool({"pdffonts", pdf}).find("NotoSerifCJKsc") != std::string::npos);
    const auto texts = itemsOf<renderer::TextItem>(s);
    REQUIRE(texts.size() == 1);
    CHECK(texts[0]->text.lineCount() == 1);
    CHECK(texts[0]->text.color == renderer::Color{0xCC, 0x00, 0x00});
    // Red ink only, spread over most of the board's width, centred.
    const renderer::Bitmap png = renderer::renderPage(s.sheet, 0, 20);
    int left = png.width(), right = 0, black = 0, red = 0;
    for (int y = 0; y < png.height(); ++y)
        for (int x = 0; x < png.width(); ++x) {
            const renderer::Color c = png.pixel(x, y);
            if (c.r > 150 && c.g < 60 && c.b < 60) {
                ++red;
                left = std::min(left, x);
                right = std::max(right, x);
            }
            black += c.r < 100 && c.g < 100 && c.b < 100;
        }
    CHECK(black == 0);
    CHECK(red > 1000);
    CHECK(right - left > png.width() * 0.8);
    CHECK(std::abs((left + right) / 2 - png.width() / 2) <= 3);

    // A centre whose name in use is not Attachment 1's still gets the standard name, with a warning.
    demo.records.centre.name = "青石镇便民服务中心";
    ComposedSheet renamed = composeSheet(request(SheetKind::Sign), demo.records, t, &demo.files);
    CHECK(pdfText(pdfOf(renamed, demo.dir, "renamed")) == "青石镇人民政府便民服务中心");
    CHECK(warned(renamed, "centre", 1, "name", "附件1"));
}

TEST_CASE("the notice sheet: title, body, publication period, issuer and date, and a QR code that decodes to the review address") {
    DemoCentre demo;
    renderer::PrintTypesetter t;
    SheetRequest r = request(SheetKind::Notice);
    r.notice = 2; // 青石镇2026年12月城乡最低生活保障对象名单公示, 2026-11-25 to 2026-12-01
    ComposedSheet s = composeSheet(r, demo.records, t, &demo.files);
    const std::string text = pdfText(pdfOf(s, demo.dir, "notice"));
    for (const char* want : {"青石镇2026年12月城乡最低生活保障对象名单公示", "【社会救助】", "全镇城乡最低生活保障对象共312户、498人",
                             "公示期：2026年11月25日至2026年12月1日", "青石镇人民政府便民服务中心2026年11月25日", "服务评价（好差评）",
                             "监督投诉电话：0833-6201199"})
        CHECK_MESSAGE(text.find(want) != std::string::npos, want);
    const auto qrs = itemsOf<renderer::QrItem>(s);
    REQUIRE(qrs.size() == 1);
    CHECK(qrs[0]->text == kReviewUrl);
    const std::string png = demo.dir / "notice.png";
    renderer::writePng(renderer::renderPage(s.sheet, 0, 72), png, 72);
    CHECK(qrText(png) == kReviewUrl);
    CHECK(s.warnings.empty());
}

TEST_CASE("without a review address the block says so and has no QR code, without a complaint phone it says 未设置") {
    DemoCentre demo;
    demo.records.centre.reviewUrl.clear();
    demo.records.centre.complaintPhone.clear();
    renderer::PrintTypesetter t;
    SheetRequest r = request(SheetKind::Notice);
    r.notice = 2;
    ComposedSheet s = composeSheet(r, demo.records, t, &demo.files);
    CHECK(itemsOf<renderer::QrItem>(s).empty());
    CHECK(warned(s, "centre", 1, "review_url"));
    CHECK(warned(s, "centre", 1, "complaint_phone"));
    const std::string text = pdfText(pdfOf(s, demo.dir, "no-review"));
    CHECK(text.find("好差评评价地址尚未设置") != std::string::npos);
    CHECK(text.find("监督投诉电话：未设置") != std::string::npos);
}

TEST_CASE("larger paper gets larger type: an A2 poster holds what an A4 one does, at twice the size") {
    DemoCentre demo;
    renderer::PrintTypesetter t;
    ComposedSheet a4 = composeSheet(request(SheetKind::Poster, "A4"), demo.records, t, &demo.files);
    ComposedSheet a2 = composeSheet(request(SheetKind::Poster, "A2"), demo.records, t, &demo.files);
    CHECK(a2.sheet.width == doctest::Approx(renderer::mm(420)));
    CHECK(a2.sheet.height == doctest::Approx(renderer::mm(594)));
    CHECK(a2.sheet.pages.size() <= a4.sheet.pages.size());
    const auto a4Text = itemsOf<renderer::TextItem>(a4);
    const auto a2Text = itemsOf<renderer::TextItem>(a2);
    CHECK(a2Text.front()->text.size == doctest::Approx(2 * a4Text.front()->text.size));
}
