#include "common/Error.h"
#include "records/Csv.h"
#include "records/Database.h"
#include "records/Demo.h"
#include "records/MatterCsv.h"
#include "records/NoticeCsv.h"
#include "records/RecordStore.h"
#include "records/Xlsx.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <Poco/TextConverter.h>
#include <Poco/UTF8Encoding.h>
#include <Poco/Windows936Encoding.h>

#include <Poco/Data/SQLite/SQLiteException.h>

#include <doctest/doctest.h>

#include <fstream>

using namespace gongshi;
using namespace gongshi::content;
using gongshi::test::slurp;
using gongshi::test::TempDir;

namespace {

const std::string kBom = "\xEF\xBB\xBF";

void spill(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

std::string toGbk(const std::string& utf8) {
    Poco::UTF8Encoding from;
    Poco::Windows936Encoding to;
    Poco::TextConverter converter(from, to);
    std::string out;
    REQUIRE(converter.convert(utf8, out) == 0);
    return out;
}

Id newCentre(Database& db, const std::string& name = "青石镇人民政府便民服务中心") {
    Centre c;
    c.county = "临江县";
    c.township = "青石镇";
    c.name = name;
    return RecordStore<Centre>(db).create(c, "test").meta.id;
}

std::string demoDir() { return gongshi::test::sourceDir() + "/records/demo"; }

// The message of what `work` throws as InputError; empty when it does not throw.
template <class F> std::string inputError(F&& work) {
    try {
        work();
    } catch (const InputError& e) {
        return e.what();
    }
    return {};
}

const std::string kMatterSheet = "事项名称,所属部门,法定办结时限,承诺办结时限,收费标准,申请材料\n"
                                 "低保审核确认,镇社会事务办,30,20个工作日,不收费,\"居民身份证（原件及复印件1份）\n户口簿（原件1份）\"\n"
                                 "居民身份证补领,派出所,40工作日,20,工本费20元,户口簿（原件1份）\n";

} // namespace

// ---------------------------------------------------------------------------------------------
// Reading and writing CSV

TEST_CASE("a quoted field keeps its commas, doubled quotes and line breaks") {
    auto rows = parseCsv("名称,说明\r\n\"甲,乙\",\"他说\"\"好\"\"\r\n第二行\"\r\n");
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == CsvRow{"名称", "说明"});
    CHECK(rows[1] == CsvRow{"甲,乙", "他说\"好\"\n第二行"});
}

TEST_CASE("LF and CRLF line ends give the same rows and a final line end adds no row") {
    CHECK(parseCsv("a,b\nc,d\n") == parseCsv("a,b\r\nc,d\r\n"));
    CHECK(parseCsv("a,b\nc,d") == std::vector<CsvRow>{{"a", "b"}, {"c", "d"}});
    CHECK(parseCsv("a,\n").front() == CsvRow{"a", ""});
    CHECK(parseCsv("").empty());
}

TEST_CASE("a blank line is a row, so row numbers are Excel's") {
    auto rows = parseCsv("h\n\"x\ny\"\n\nz\n");
    REQUIRE(rows.size() == 4);
    CHECK(rows[1] == CsvRow{"x\ny"});
    CHECK(rows[2] == CsvRow{""});
    CHECK(rows[3] == CsvRow{"z"});
    CHECK(isBlankRow(rows[2]));
    CHECK(isBlankRow(CsvRow{" ", "\xE3\x80\x80", ""}));
}

TEST_CASE("a quote that is never closed is reported at the row and column where it opens") {
    CHECK(inputError([] { parseCsv("a,b,c\n1,2,3\n4,5,\"six\n7,8,9\n"); }) == "第3行第3列（C列）：从这里开始的引号没有闭合");
}

TEST_CASE("text after a closing quote is reported with its row and column") {
    CHECK(inputError([] { parseCsv("a,b\n\"x\"y,z\n"); }).rfind("第2行第1列（A列）：闭合的引号后还有文字", 0) == 0);
}

TEST_CASE("written CSV quotes what needs it, ends lines with CRLF and reads back the same") {
    std::vector<CsvRow> rows = {{"标题", "正文"}, {"a,b", "引\"号"}, {"两\n行", " 空格"}, {"", "plain"}};
    std::string text = formatCsv(rows);
    CHECK(text == "标题,正文\r\n\"a,b\",\"引\"\"号\"\r\n\"两\n行\",\" 空格\"\r\n,plain\r\n");
    CHECK(parseCsv(text) == rows);
    CHECK(writeCsv(rows) == kBom + text);
}

TEST_CASE("a cell that would open as a formula is written after a text mark and read back exactly") {
    std::vector<CsvRow> rows = {{"=HYPERLINK(\"http://x.cn\",\"点此\")", "-身份证", "+86", "@SUM(A1)"},
                                {"'=早已标记", "''", "'普通", "中间=不算"}};
    std::string text = formatCsv(rows);
    CHECK(text == "\"'=HYPERLINK(\"\"http://x.cn\"\",\"\"点此\"\")\",'-身份证,'+86,'@SUM(A1)\r\n"
                  "''=早已标记,''',\'普通,中间=不算\r\n");
    CHECK(parseCsv(text) == rows);
}

TEST_CASE("UTF-8 is read with and without a BOM, and the BOM is not part of the first header") {
    CsvDocument withBom = readCsv(kBom + "事项名称\n甲\n");
    CHECK(withBom.encoding == CsvEncoding::Utf8WithBom);
    CHECK(withBom.rows[0][0] == "事项名称");
    CsvDocument without = readCsv("事项名称\n甲\n");
    CHECK(without.encoding == CsvEncoding::Utf8);
    CHECK(without.rows == withBom.rows);
}

TEST_CASE("bytes that are not UTF-8 are read as GBK") {
    // 事项名称 in GBK (事 is CA C2; C2 C1 would be 铝), as Excel on a Chinese Windows saves "CSV".
    CsvDocument doc = readCsv(std::string("\xCA\xC2\xCF\xEE\xC3\xFB\xB3\xC6\r\nA\r\n"));
    CHECK(doc.encoding == CsvEncoding::Gbk);
    CHECK(doc.rows[0][0] == "事项名称");
    CHECK(doc.rows[1][0] == "A");
}

TEST_CASE("a whole GBK sheet imports as the same matters as its UTF-8 original") {
    auto utf8 = readMattersCsv(kMatterSheet, 1);
    auto gbk = readMattersCsv(toGbk(kMatterSheet), 1);
    CHECK(gbk.encoding == CsvEncoding::Gbk);
    CHECK(writeMattersCsv(gbk.records) == writeMattersCsv(utf8.records));
    CHECK(gbk.records[1].fees[0].name == "工本费");
}

TEST_CASE("bytes that are neither UTF-8 nor GBK are refused with the byte offset") {
    std::string message = inputError([] { readCsv(std::string("abc\xFF\xFF")); });
    CHECK(message ==
          "文件既不是 UTF-8（偏移3处的字节0xFF不是 UTF-8），也不是 GBK（偏移3处的字节0xFF不是 GBK）：请在 Excel 中另存为“CSV UTF-8”");
    // A GBK lead byte whose second byte is not a GBK trail byte.
    message = inputError([] { readCsv(std::string("\xC2\xC1,\xC2\x20")); });
    CHECK(message.find("偏移3处的字节0xC2不是 GBK") != std::string::npos);
    CHECK(inputError([] { readCsv(kBom + "ok\xC2"); }) == "文件以 UTF-8 的 BOM 开头，但偏移5处的字节0xC2不是 UTF-8");
    CHECK(inputError([] {
              readCsv(std::string("\xFF\xFE"
                                  "a\0",
                                  4));
          }) == "文件是 UTF-16 编码（Excel 的“Unicode 文本”）：请另存为“CSV UTF-8”或“CSV”");
}

TEST_CASE("columns are found by name in any order, with the spellings staff use") {
    std::vector<CsvColumns::Spec> specs = {{"事项名称", {"名称"}, true}, {"咨询电话", {"联系电话"}, false}};
    CsvColumns cols({" 联系电话 ", "备注", "名称*", ""}, specs);
    CHECK(cols.cell({"0833-1", "x", " 低保 ", ""}, "事项名称") == "低保");
    CHECK(cols.cell({"0833-1"}, "事项名称") == ""); // a short row
    CHECK(cols.cell({"0833-1", "x", "低保"}, "咨询电话") == "0833-1");
    CHECK(cols.warnings() == std::vector<std::string>{"不认识的列“备注”（B列），已忽略"});
    CHECK(inputError([&] { CsvColumns({"咨询电话"}, specs); }) == "第1行：缺少必填的“事项名称”列（表头行须写明）");
    CHECK(inputError([&] { CsvColumns({"事项名称", "名称"}, specs); }) == "第1行：“事项名称”列出现了两次（A列“事项名称”和B列“名称”）");
}

// ---------------------------------------------------------------------------------------------
// Cells of a matter

TEST_CASE("working days are read from a number with or without 个工作日") {
    CHECK(parseWorkingDays("20") == 20);
    CHECK(parseWorkingDays("20个工作日") == 20);
    CHECK(parseWorkingDays(" 20工作日 ") == 20);
    CHECK(parseWorkingDays("２０个工作日") == 20);
    CHECK(parseWorkingDays("即办") == 0);
    CHECK(parseWorkingDays("") == std::nullopt);
    CHECK(inputError([] { parseWorkingDays("abc"); }) == "“abc”不是工作日数（如“20个工作日”“即办”）");
    CHECK(inputError([] { parseWorkingDays("20天"); }) == "“20天”不是工作日数（如“20个工作日”“即办”）");
    CHECK(inputError([] { parseWorkingDays("-3"); }) != "");
    CHECK(workingDaysText(20) == "20");
    CHECK(workingDaysText(std::nullopt) == "");
}

TEST_CASE("a fee cell says free, or lists amounts with optional names") {
    CHECK(parseFeeStandard("不收费").free);
    CHECK(parseFeeStandard("免费").free);
    FeeStandard none = parseFeeStandard("");
    CHECK((!none.free && none.items.empty()));

    FeeStandard one = parseFeeStandard("10元");
    REQUIRE(one.items.size() == 1);
    CHECK(one.items[0].name == "");
    CHECK(one.items[0].amount == "10");
    CHECK(one.items[0].unit == "元");

    FeeStandard perItem = parseFeeStandard("12.50元/件");
    CHECK(perItem.items[0].amount == "12.50");
    CHECK(perItem.items[0].unit == "元/件");

    FeeStandard two = parseFeeStandard("工本费10元；加急费：20元");
    REQUIRE(two.items.size() == 2);
    CHECK(two.items[0].name == "工本费");
    CHECK(two.items[1].name == "加急费");
    CHECK(two.items[1].amount == "20");
    CHECK(feeStandardText(two.free, two.items) == "工本费10元；加急费20元");
    CHECK(feeStandardText(true, {}) == "不收费");
    CHECK(feeStandardText(false, {}) == "");

    CHECK(inputError([] { parseFeeStandard("按规定收取"); }).rfind("“按规定收取”不是有效的收费标准", 0) == 0);
    CHECK(inputError([] { parseFeeStandard("10美元"); }).find("金额须以“元”计") != std::string::npos);
    CHECK(inputError([] { parseFeeStandard("不收费；10元"); }) == "“不收费；10元”不是有效的收费标准：既写了“不收费”又写了金额");
}

TEST_CASE("a material cell gives one material a line, with its form and copies from the brackets") {
    auto m = parseMaterials("居民身份证（原件及复印件1份）");
    REQUIRE(m.size() == 1);
    CHECK(m[0].name == "居民身份证");
    CHECK(m[0].form == MaterialForm::OriginalAndCopy);
    CHECK(m[0].copies == 1);
    CHECK(m[0].required);

    auto list = parseMaterials("1. 户口簿（复印件2份）\n2、结婚证（原件，如有）；户口簿（户主页及本人页）\n\n"
                               "农村宅基地和建房（规划许可）申请表(原件各3份)\n近期照片");
    REQUIRE(list.size() == 5);
    CHECK(list[0].name == "户口簿");
    CHECK(list[0].form == MaterialForm::Copy);
    CHECK(list[0].copies == 2);
    CHECK(list[1].name == "结婚证");
    CHECK(list[1].form == MaterialForm::Original);
    CHECK(!list[1].required);
    CHECK(list[2].name == "户口簿");
    CHECK(list[2].notes == "户主页及本人页");
    CHECK(list[3].name == "农村宅基地和建房（规划许可）申请表");
    CHECK(list[3].copies == 3);
    CHECK(list[4].name == "近期照片");
    CHECK(list[4].form == MaterialForm::Original);

    CHECK(materialsText(list) == "户口簿（复印件2份）\n结婚证（原件1份，非必需）\n户口簿（原件1份，户主页及本人页）\n"
                                 "农村宅基地和建房（规划许可）申请表（原件3份）\n近期照片（原件1份）");
    CHECK(materialsText(parseMaterials(materialsText(list))) == materialsText(list));
    CHECK(inputError([] { parseMaterials("（原件1份）"); }) == "“（原件1份）”不是有效的材料：括号前没有材料名称");
}

TEST_CASE("a window cell lists window numbers separated by 、 or ，") {
    CHECK(parseWindowList("1、2，3号窗口") == std::vector<std::string>{"1", "2", "3"});
    CHECK(parseWindowList("综合窗口") == std::vector<std::string>{"综合窗口"});
    CHECK(windowListText({"1", "6"}) == "1、6");
}

TEST_CASE("notice dates are normalised to YYYY-MM-DD") {
    CHECK(normaliseDate("2026-12-03") == "2026-12-03");
    CHECK(normaliseDate("2026/12/3") == "2026-12-03");
    CHECK(normaliseDate("2026年12月3日") == "2026-12-03");
    CHECK(normaliseDate("2026.1.9") == "2026-01-09");
    CHECK(normaliseDate("２０２６年１２月３日") == "2026-12-03");
    CHECK(normaliseDate("2028年2月29日") == "2028-02-29");
    CHECK(normaliseDate("") == "");
    CHECK(normaliseDate("2026年12月3") == "2026-12-03");
    for (std::string bad : {"2026-02-29", "2026/13/1", "2026-12/3", "26/12/3", "明天", "2026年12月3日前", "2026-00-10"})
        CHECK_MESSAGE(
            inputError([&] { normaliseDate(bad); }).find("不是日期（写2026-12-03、2026/12/3或2026年12月3日）") != std::string::npos, bad);
}

// ---------------------------------------------------------------------------------------------
// Importing into the database

TEST_CASE("a bad row fails the whole import, names its row and column, and writes nothing") {
    TempDir dir("gongshi-csv");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    Id centre = newCentre(db);
    CHECK(importMattersCsv(db, centre, kMatterSheet, "test").warnings.empty());
    RecordStore<Matter> matters(db);
    REQUIRE(matters.all().size() == 2);

    const std::string bad = "事项名称,法定办结时限\n甲,20\n乙,abc\n丙,5\n";
    try {
        importMattersCsv(db, centre, bad, "test");
        FAIL("the import should have failed");
    } catch (const ValidationError& e) {
        CHECK(std::string(e.what()) == "第3行“法定办结时限”：“abc”不是工作日数（如“20个工作日”“即办”）");
        CHECK(e.field() == "法定办结时限");
    }
    CHECK(matters.all().size() == 2);

    // A rule of the record itself (promised beyond statutory) is reported against its row too.
    CHECK(inputError([&] {
              importMattersCsv(db, centre, "事项名称,法定办结时限,承诺办结时限\n甲,5,10\n", "test");
          }).rfind("第2行“承诺办结时限”：承诺时限（10个工作日）超过法定时限（5个工作日）", 0) == 0);
    CHECK(inputError([&] { importMattersCsv(db, centre, "事项名称,所属部门\n,镇政府\n", "test"); }) == "第2行“事项名称”为空");
    CHECK(matters.all().size() == 2);

    // The same sheet again finds its matters stored: nothing is added or changed (it used to add
    // them all again with a warning).
    auto twice = importMattersCsv(db, centre, kMatterSheet, "test");
    CHECK(twice.warnings.empty());
    CHECK(twice.records.empty());
    CHECK(matters.all().size() == 2);
}

TEST_CASE("import refusals and warnings are Chinese, naming the row, the column by its header and the text") {
    TempDir dir("gongshi-csv");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    const Id centre = newCentre(db);
    CHECK(inputError([] { parseFeeStandard("10.125元"); }) == "“10.125元”不是有效的收费：以元计的金额最多两位小数");
    CHECK(inputError([] { parseFeeStandard("10块"); }) == "“10块”不是有效的收费：金额须以“元”计（如“10元”或“12.50元/件”）");
    CHECK(inputError([] { parseMaterials("户口簿（0份）"); }) == "“户口簿（0份）”不是有效的材料：份数不能为0");
    CHECK(inputError([] { readMattersCsv("", 1); }) == "文件是空的：第1行应为表头（事项名称，…）");
    CHECK(inputError([] { readNoticesCsv("标题,紧急\n甲,也许\n", 1); }) == "第2行“紧急”：“也许”应为“是”或“否”");
    CHECK(inputError([] { readNoticesCsv("标题\n\" \n", 1); }).rfind("第2行第1列（A列）：", 0) == 0);
    auto twice = readMattersCsv("事项名称\n甲\n乙\n甲\n", 1);
    CHECK(twice.warnings == std::vector<std::string>{"第4行“事项名称”：“甲”与第2行重复"});
    importMattersCsv(db, centre, "事项名称\n甲\n", "test");
    auto again = importMattersCsv(db, centre, "事项名称,所属部门\n甲,镇政府\n", "test");
    CHECK(again.warnings.empty());
    REQUIRE(again.records.size() == 1); // updated, not added again
    CHECK(again.records[0].department == "镇政府");
    CHECK(RecordStore<Matter>(db).all(centre).size() == 1);
}

TEST_CASE("an import into a centre that does not exist is refused before anything is written") {
    TempDir dir("gongshi-csv");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    CHECK_THROWS_AS(importMattersCsv(db, 42, kMatterSheet, "test"), NotFoundError);
    CHECK(RecordStore<Matter>(db).all().empty());
}

TEST_CASE("createAll stores every record or, when one fails in the database, none") {
    TempDir dir("gongshi-csv");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    Id centre = newCentre(db);
    std::vector<Matter> records = readMattersCsv(kMatterSheet, centre).records;
    records[1].centreId = 99; // no such centre: the foreign key refuses the second insert
    CHECK_THROWS_AS(RecordStore<Matter>(db).createAll(records, "test"), Poco::Data::DataException);
    CHECK(RecordStore<Matter>(db).all().empty());
    records[1].centreId = centre;
    RecordStore<Matter>(db).createAll(records, "test");
    auto stored = RecordStore<Matter>(db).all();
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].meta.id == records[0].meta.id);
    CHECK(stored[1].meta.version == 1);
    CHECK(RecordStore<Matter>(db).revisions(stored[1].meta.id).size() == 1);
}

TEST_CASE("unknown columns are warnings, a missing 事项名称 column is fatal") {
    TempDir dir("gongshi-csv");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    Id centre = newCentre(db);
    auto r = importMattersCsv(db, centre, "备注,事项名称,审批科室\n随便,甲,x\n", "test");
    CHECK(r.records.size() == 1);
    CHECK(r.warnings == std::vector<std::string>{"不认识的列“备注”（A列），已忽略", "不认识的列“审批科室”（C列），已忽略"});
    CHECK(inputError([&] { importMattersCsv(db, centre, "所属部门,法定办结时限\n镇政府,5\n", "test"); }).find("缺少必填的“事项名称”列") !=
          std::string::npos);
    CHECK(RecordStore<Matter>(db).all().size() == 1);
}

TEST_CASE("matter columns may come in any order and fill every field") {
    const std::string sheet = "咨询电话,一件事,办理窗口,收费依据,收费标准,承诺办结时限,法定办结时限,申请材料,设定依据,事项类别,"
                              "所属部门,事项名称,事项编码\n"
                              "0833-6201103,,3号窗口、6,《中华人民共和国居民身份证法》,工本费20元,20,40,户口簿（原件1份）,"
                              "《中华人民共和国居民身份证法》第十一条,行政确认,派出所,居民身份证补领,QSZ-GA-001\n";
    auto r = readMattersCsv(sheet, 7);
    REQUIRE(r.records.size() == 1);
    const Matter& m = r.records[0];
    CHECK(m.centreId == 7);
    CHECK(m.code == "QSZ-GA-001");
    CHECK(m.name == "居民身份证补领");
    CHECK(m.department == "派出所");
    CHECK(m.category == "行政确认");
    CHECK(m.legalBasis == "《中华人民共和国居民身份证法》第十一条");
    CHECK(m.statutoryDays == 40);
    CHECK(m.promisedDays == 20);
    CHECK(!m.free);
    REQUIRE(m.fees.size() == 1);
    CHECK(m.fees[0].amount == "20");
    CHECK(m.feeBasis == "《中华人民共和国居民身份证法》");
    CHECK(m.windows == std::vector<std::string>{"3", "6"});
    CHECK(m.phone == "0833-6201103");
    CHECK(m.materials.size() == 1);
}

TEST_CASE("notices are read with Chinese categories and normalised dates") {
    const std::string sheet = "标题,公告类别,公示开始,公示结束,正文,紧急\n"
                              "低保公示,社会救助,2026/12/3,2026年12月9日,\"名单：\n王某某\",\n"
                              "停办通告,户籍,2026-11-28,2026-11-29,,是\n"
                              "其他事项,,,,,\n";
    auto r = readNoticesCsv(sheet, 1);
    REQUIRE(r.records.size() == 3);
    CHECK(r.records[0].category == NoticeCategory::SocialAssistance);
    CHECK(r.records[0].publishFrom == "2026-12-03");
    CHECK(r.records[0].publishUntil == "2026-12-09");
    CHECK(r.records[0].body == "名单：\n王某某");
    CHECK(r.records[1].category == NoticeCategory::HouseholdRegistration);
    CHECK(r.records[1].urgent);
    CHECK(r.records[2].category == NoticeCategory::Other);

    CHECK(inputError([] { readNoticesCsv("标题,公告类别\n甲,天气\n", 1); }).rfind("第2行“公告类别”：“天气”不是公告类别，可选：就业、", 0) ==
          0);
    CHECK(inputError([] { readNoticesCsv("标题,公示开始\n甲,2026-13-01\n", 1); }) ==
          "第2行“公示开始”：“2026-13-01”不是日期（写2026-12-03、2026/12/3或2026年12月3日）");
    CHECK(inputError([] { readNoticesCsv("标题,公示开始,公示结束\n甲,2026-12-09,2026-12-01\n", 1); }) ==
          "第2行“公示结束”：2026-12-01早于“公示开始”2026-12-09");
    CHECK(inputError([] { readNoticesCsv("公告类别\n就业\n", 1); }).find("缺少必填的“标题”列") != std::string::npos);
}

TEST_CASE("export, import and export again give the identical file") {
    TempDir dir("gongshi-csv");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    Id first = newCentre(db);
    Id second = newCentre(db, "白马镇人民政府便民服务中心");
    const std::string sheet = "事项名称,申请材料,收费标准,设定依据,承诺办结时限,办理窗口\n"
                              "甲,\"1. 居民身份证（原件和复印件各1份）\n2. 户口簿(户主页，如有)\",\"工本费:10元；加急费20元\","
                              "\"《条例》第一条, 第二条 \"\"说明\"\"\",即办,\"1，2号窗口\"\n"
                              "乙,,免费,,20个工作日,\n"
                              "丙,,,,,\n";
    importMattersCsv(db, first, sheet, "test");
    std::string once = exportMattersCsv(db, first);
    CHECK(once.rfind(kBom + "事项编码,事项名称,", 0) == 0);
    CHECK(once.find("\r\n") != std::string::npos);
    CHECK(once.find("\"居民身份证（原件及复印件1份）\n户口簿（原件1份，非必需，户主页）\"") != std::string::npos);
    importMattersCsv(db, second, once, "test");
    CHECK(exportMattersCsv(db, second) == once);

    const std::string notices = "标题,公告类别,公示开始,公示结束,正文\n\"低保,公示\",社会救助,2026/12/3,2026/12/9,\"第一行\n第二行\"\n";
    importNoticesCsv(db, first, notices, "test");
    std::string noticesOnce = exportNoticesCsv(db, first);
    importNoticesCsv(db, second, noticesOnce, "test");
    CHECK(exportNoticesCsv(db, second) == noticesOnce);
    CHECK(noticesOnce ==
          kBom + "公告类别,标题,正文,公示开始,公示结束,紧急\r\n社会救助,\"低保,公示\",\"第一行\n第二行\",2026-12-03,2026-12-09,\r\n");
}

TEST_CASE("matters and notices with formula-like text export as text and import back unchanged") {
    TempDir dir("gongshi-csv");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    Id first = newCentre(db);
    Id second = newCentre(db, "白马镇人民政府便民服务中心");
    Matter m;
    m.centreId = first;
    m.name = "低保审核确认";
    m.department = "-社会事务办";
    m.legalBasis = "=HYPERLINK(\"http://evil.example\",\"点此\")";
    m.phone = "+86 0571 1234";
    RecordStore<Matter>(db).create(m, "test");
    std::string exported = exportMattersCsv(db, first);
    CHECK(exported.find(",'-社会事务办,") != std::string::npos);
    CHECK(exported.find("\"'=HYPERLINK(") != std::string::npos);
    CHECK(exported.find(",=") == std::string::npos);
    importMattersCsv(db, second, exported, "test");
    auto back = RecordStore<Matter>(db).all(second);
    REQUIRE(back.size() == 1);
    CHECK(back[0].department == "-社会事务办");
    CHECK(back[0].legalBasis == m.legalBasis);
    CHECK(back[0].phone == "+86 0571 1234");

    importNoticesCsv(db, first, "标题,正文\n@全体村民,\"=1+1\"\n", "test");
    std::string notices = exportNoticesCsv(db, first);
    CHECK(notices.find(",'@全体村民,'=1+1,") != std::string::npos);
    importNoticesCsv(db, second, notices, "test");
    auto noticesBack = RecordStore<Notice>(db).all(second);
    REQUIRE(noticesBack.size() == 1);
    CHECK(noticesBack[0].title == "@全体村民");
    CHECK(noticesBack[0].body == "=1+1");
}

TEST_CASE("the demo data set imports cleanly and exports as the files it came from") {
    TempDir dir("gongshi-csv");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    DemoSummary s = importDemo(db, demoDir(), "demo");
    CHECK(s.warnings.empty());
    CHECK(s.centre.name == "青石镇人民政府便民服务中心");
    CHECK(s.centre.kind == CentreKind::TownshipCentre);
    CHECK(s.centre.population == 32000);
    CHECK(s.windows == 6);
    CHECK(s.staff == 12);
    CHECK(s.matters >= 25);
    CHECK(s.notices >= 10);
    const Id id = s.centre.meta.id;
    CHECK(RecordStore<Matter>(db).all(id).size() == s.matters);
    CHECK(RecordStore<Notice>(db).all(id).size() == s.notices);

    // Every window has its A and B post, and one is away with a message.
    int away = 0;
    for (const Window& w : RecordStore<Window>(db).all(id)) {
        CHECK(RecordStore<Staff>(db).get(w.postA).centreId == id);
        CHECK(RecordStore<Staff>(db).get(w.postB).centreId == id);
        if (w.status == WindowStatus::Away) {
            ++away;
            CHECK(!w.away.where.empty());
        }
    }
    CHECK(away == 1);

    // Five screens, each LED screen with one program (the TV shows a television's own layout);
    // window items point at the stored windows.
    CHECK(s.screens == 5);
    CHECK(s.programs == 4);
    const auto screens = RecordStore<ScreenRecord>(db).all(id);
    REQUIRE(screens.size() == 5);
    CHECK(screens[0].name == "大厅横幅屏");
    CHECK(screens[0].width == 256);
    CHECK(screens[0].protocol == "bx-k");
    CHECK(screens[4].width == 1920);
    CHECK(screens[4].height == 1080);
    CHECK(screens[4].protocol == "web");
    int windowItems = 0;
    for (const Program& p : RecordStore<Program>(db).all()) {
        CHECK(RecordStore<ScreenRecord>(db).get(p.screenId).centreId == id);
        for (const auto& a : p.areas)
            for (const auto& item : a.items)
                if (item.kind == ItemKind::Window) {
                    ++windowItems;
                    CHECK(RecordStore<Window>(db).get(item.recordId).number ==
                          (RecordStore<ScreenRecord>(db).get(p.screenId).name == "1号窗口屏" ? "1" : "4"));
                }
    }
    CHECK(windowItems == 2);

    // The two deliberate faults for `gongshi check`: a charge without its basis, a character
    // beyond the fonts' reach (outside the Basic Multilingual Plane).
    int chargedWithoutBasis = 0, rareCharacter = 0, charged = 0;
    for (const Matter& m : RecordStore<Matter>(db).all(id)) {
        if (!m.fees.empty()) ++charged;
        if (!m.fees.empty() && m.feeBasis.empty()) ++chargedWithoutBasis;
        if (m.name.find("\xF0") != std::string::npos) ++rareCharacter;
        CHECK((m.free || !m.fees.empty()));
    }
    CHECK(charged >= 2);
    CHECK(chargedWithoutBasis == 1);
    CHECK(rareCharacter == 1);

    CHECK(exportMattersCsv(db, id) == slurp(demoDir() + "/matters.csv"));
    CHECK(exportNoticesCsv(db, id) == slurp(demoDir() + "/notices.csv"));

    CHECK(inputError([&] { importDemo(db, demoDir(), "demo"); }).find("演示数据只导入到还没有中心的数据目录") != std::string::npos);
    CHECK(RecordStore<Centre>(db).all().size() == 1);
}

// ---------------------------------------------------------------------------------------------
// The CLI

TEST_CASE("gongshi import refuses a sheet with a bad row, naming it, and imports nothing") {
    using gongshi::test::gongshiBinary;
    using gongshi::test::runProcess;
    TempDir dir("gongshi-csv");
    const std::string data = dir / "var";
    auto demo = runProcess(gongshi::test::withDatabase({gongshiBinary(), "import", "demo", "--data-dir", data}, data));
    REQUIRE_MESSAGE(demo.exitCode == 0, demo.err);
    CHECK(demo.out.find("已将演示数据导入便民服务中心1（青石镇人民政府便民服务中心）：") != std::string::npos);

    spill(dir / "bad.csv", "事项名称,法定办结时限,备注\n甲,20,\n乙,abc,\n");
    auto bad = runProcess(gongshi::test::withDatabase({gongshiBinary(), "import", "matters", dir / "bad.csv", "--data-dir", data}, data));
    CHECK(bad.exitCode == 1);
    // The row report on standard output, every row; the refusal on standard error.
    CHECK(bad.out.find("第2行：新增\n第3行：错误\n  第3行“法定办结时限”：“abc”不是工作日数") == 0);
    CHECK(bad.err.find("新增1条，更新0条，未变0条，错误1行。有1行有错误，什么都没有导入") != std::string::npos);

    spill(dir / "good.csv", toGbk("事项名称,法定办结时限,备注\n甲,20,\n乙,5个工作日,x\n"));
    auto good = runProcess(gongshi::test::withDatabase(
        {gongshiBinary(), "import", "matters", dir / "good.csv", "--data-dir", data, "--user", "王秀英"}, data));
    CHECK(good.exitCode == 0);
    CHECK(good.out.find("第2行：新增（编号") == 0);
    CHECK(good.out.find("已导入便民服务中心1（青石镇人民政府便民服务中心）的事项：新增2条，更新0条，未变0条，错误0行\n") !=
          std::string::npos);
    CHECK(good.err.find("不认识的列“备注”（C列），已忽略") != std::string::npos);

    auto exported =
        runProcess(gongshi::test::withDatabase({gongshiBinary(), "export", "matters", dir / "out.csv", "--data-dir", data}, data));
    CHECK(exported.exitCode == 0);
    CHECK(exported.out.find("已导出便民服务中心1（青石镇人民政府便民服务中心）的") == 0);
    std::string bytes = slurp(dir / "out.csv");
    CHECK(bytes.rfind(kBom + "事项编码,事项名称,", 0) == 0);
    Database db(data, gongshi::test::databaseUrl(data));
    auto all = RecordStore<Matter>(db).all(1);
    CHECK(bytes == writeMattersCsv(all));
    CHECK(all.back().meta.changedBy == "王秀英");
    CHECK(all.back().name == "乙");
    CHECK(all.back().statutoryDays == 5);

    auto again = runProcess(gongshi::test::withDatabase({gongshiBinary(), "import", "demo", "--data-dir", data}, data));
    CHECK(again.exitCode == 1);
    CHECK(again.err.find("已有便民服务中心") != std::string::npos);
}

TEST_CASE("gongshi import and export need a centre to be named when there are several") {
    using gongshi::test::gongshiBinary;
    using gongshi::test::runProcess;
    TempDir dir("gongshi-csv");
    const std::string data = dir / "var";
    {
        Database db(data, gongshi::test::databaseUrl(data));
        newCentre(db);
        newCentre(db, "白马镇人民政府便民服务中心");
    }
    spill(dir / "n.csv", "公告类别,标题,公示开始,公示结束\n就业,招聘会,2026/12/3,2026年12月6日\n");
    auto ambiguous =
        runProcess(gongshi::test::withDatabase({gongshiBinary(), "import", "notices", dir / "n.csv", "--data-dir", data}, data));
    CHECK(ambiguous.exitCode == 1);
    CHECK(ambiguous.err.find("有2个便民服务中心（1 青石镇人民政府便民服务中心、2 白马镇人民政府便民服务中心）：用 --centre 编号 选一个") !=
          std::string::npos);
    auto chosen = runProcess(
        gongshi::test::withDatabase({gongshiBinary(), "import", "notices", dir / "n.csv", "--data-dir", data, "--centre", "2"}, data));
    CHECK(chosen.exitCode == 0);
    CHECK(chosen.out ==
          "第2行：新增（编号1）\n已导入便民服务中心2（白马镇人民政府便民服务中心）的公告：新增1条，更新0条，未变0条，错误0行\n");
    auto out =
        runProcess(gongshi::test::withDatabase({gongshiBinary(), "export", "notices", "-", "--data-dir", data, "--centre", "2"}, data));
    CHECK(out.exitCode == 0);
    CHECK(out.out == kBom + "公告类别,标题,正文,公示开始,公示结束,紧急\r\n就业,招聘会,,2026-12-03,2026-12-06,\r\n");
    auto missing = runProcess({gongshiBinary(), "export", "matters", dir / "m.csv", "--data-dir", dir / "nowhere"});
    CHECK(missing.exitCode == 1);
    CHECK(missing.err.find("里还没有记录（没有 gongshi.db）") != std::string::npos);
}

TEST_CASE("gongshi import reads an xlsx, --dry-run stores nothing, a second import updates, and export writes xlsx by its name") {
    using gongshi::test::gongshiBinary;
    using gongshi::test::runProcess;
    TempDir dir("gongshi-csv");
    const std::string data = dir / "var";
    {
        Database db(data, gongshi::test::databaseUrl(data));
        newCentre(db);
    }
    spill(dir / "m.xlsx", writeXlsx({{"事项编码", "事项名称", "法定办结时限"}, {"A1", "甲", "20"}, {"", "乙", "5"}}, "事项"));
    auto dry = runProcess(
        gongshi::test::withDatabase({gongshiBinary(), "import", "matters", dir / "m.xlsx", "--dry-run", "--data-dir", data}, data));
    CHECK(dry.exitCode == 0);
    CHECK(dry.out == "第2行：新增\n第3行：新增\n预览（什么都没有保存）便民服务中心1（青石镇人民政府便民服务中心）的事项：新增2条，更新0条，"
                     "未变0条，错误0行\n");
    {
        Database db(data, gongshi::test::databaseUrl(data));
        CHECK(RecordStore<Matter>(db).all().empty());
    }
    auto stored = runProcess(gongshi::test::withDatabase({gongshiBinary(), "import", "matters", dir / "m.xlsx", "--data-dir", data}, data));
    CHECK(stored.exitCode == 0);
    spill(dir / "m2.xlsx", writeXlsx({{"事项编码", "事项名称", "法定办结时限"}, {"A1", "甲（改名）", "20"}, {"", "乙", "5"}}, "事项"));
    auto again = runProcess(gongshi::test::withDatabase({gongshiBinary(), "import", "matters", dir / "m2.xlsx", "--data-dir", data}, data));
    CHECK(again.exitCode == 0);
    CHECK(again.out == "第2行：更新（编号1）\n第3行：未变（编号2）\n已导入便民服务中心1（青石镇人民政府便民服务中心）的事项：新增0条，更新1"
                       "条，未变1条，错误0行\n");

    auto exported =
        runProcess(gongshi::test::withDatabase({gongshiBinary(), "export", "matters", dir / "out.xlsx", "--data-dir", data}, data));
    CHECK(exported.exitCode == 0);
    auto rows = readXlsx(slurp(dir / "out.xlsx"));
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].at(0) == "A1");
    CHECK(rows[1].at(1) == "甲（改名）");
    CHECK(rows[2].at(1) == "乙");
}
