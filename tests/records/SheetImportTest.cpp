// The one import of matters and notices (records/SheetImport) and Excel workbooks (records/Xlsx):
// real .xlsx files written by libxlsxwriter and read back, GBK and BOM CSV files, every error
// with its row and column, updates instead of duplicates, nothing stored when a row fails.
#include "common/Error.h"
#include "records/Csv.h"
#include "records/Database.h"
#include "records/Demo.h"
#include "records/MatterCsv.h"
#include "records/NoticeCsv.h"
#include "records/RecordStore.h"
#include "records/SheetImport.h"
#include "records/Xlsx.h"
#include "tests/support/TestSupport.h"

#include <Poco/Data/Session.h>
#include <Poco/TemporaryFile.h>
#include <Poco/Zip/Compress.h>

#include <doctest/doctest.h>
#include <iconv.h>
#include <xlsxwriter.h>

#include <fstream>
#include <sstream>

using namespace gongshi;
using namespace gongshi::content;
using gongshi::test::TempDir;

namespace {

Id newCentre(Database& db, const std::string& name = "青石镇人民政府便民服务中心") {
    Centre c;
    c.county = "临江县";
    c.township = "青石镇";
    c.name = name;
    return RecordStore<Centre>(db).create(c, "test").meta.id;
}

// The bytes of `utf8` in GBK, by glibc's iconv.
std::string gbkBytes(const std::string& utf8) {
    iconv_t cd = iconv_open("GBK", "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string in = utf8, out(utf8.size() * 2 + 16, '\0');
    char* src = in.data();
    char* dst = out.data();
    std::size_t srcLeft = in.size(), dstLeft = out.size();
    const std::size_t done = iconv(cd, &src, &srcLeft, &dst, &dstLeft);
    iconv_close(cd);
    REQUIRE(done != static_cast<std::size_t>(-1));
    out.resize(out.size() - dstLeft);
    return out;
}

std::string slurpFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

int revisionCount(Database& db) {
    gongshi::content::Connection s = db.session();
    int n = 0;
    s << "SELECT COUNT(*) FROM revisions", Poco::Data::Keywords::into(n), Poco::Data::Keywords::now;
    return n;
}

std::vector<std::string> actions(const ImportReport& r) {
    std::vector<std::string> out;
    for (const auto& row : r.rows) out.push_back(std::to_string(row.row) + ":" + std::string(rowActionName(row.action)));
    return out;
}

const std::string kMatters = "事项编码,事项名称,所属部门,法定办结时限,承诺办结时限,收费标准\n"
                             "A001,居民身份证补领,派出所,20,10,工本费20元\n"
                             ",低保审核确认,民政办,30,20,不收费\n";

} // namespace

TEST_CASE("an xlsx written by libxlsxwriter reads back cell by cell, shared and inline strings alike") {
    const std::vector<CsvRow> rows = {{"事项名称", "申请材料", "备注"},
                                      {"居民身份证补领", "居民身份证（原件1份）\n户口簿（复印件1份）", "=1+1"},
                                      {"低保审核确认", "", "第三列"},
                                      {},
                                      {"第五行", "“引号”<&>"}};
    const std::string bytes = writeXlsx(rows, "事项");
    CHECK(looksLikeZip(bytes));
    std::vector<CsvRow> back = readXlsx(bytes);
    REQUIRE(back.size() == rows.size());
    CHECK(back[0] == rows[0]);
    CHECK(back[1] == rows[1]);
    CHECK(back[2] == rows[2]); // the empty cell in the middle is an empty field
    CHECK(back[3].empty());    // an empty row keeps the rows after it at their numbers
    CHECK(back[4] == rows[4]);

    // Numbers, dates (a date format on a number), booleans, and strings written inline
    // (libxlsxwriter's constant-memory mode), straight through libxlsxwriter's API.
    const std::string path = Poco::TemporaryFile::tempName() + ".xlsx";
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
    REQUIRE(book);
    lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
    lxw_format* date = workbook_add_format(book);
    format_set_num_format(date, "yyyy年m月d日");
    worksheet_write_string(sheet, 0, 0, "标题", nullptr);
    worksheet_write_string(sheet, 0, 2, "公示开始", nullptr);
    worksheet_write_string(sheet, 1, 0, "招聘会", nullptr);
    worksheet_write_number(sheet, 1, 1, 20, nullptr);
    lxw_datetime when = {2026, 12, 3, 0, 0, 0};
    worksheet_write_datetime(sheet, 1, 2, &when, date);
    worksheet_write_number(sheet, 1, 3, 12.5, nullptr);
    worksheet_write_boolean(sheet, 1, 4, 1, nullptr);
    REQUIRE(workbook_close(book) == LXW_NO_ERROR);
    const std::string inlineBytes = slurpFile(path);
    std::remove(path.c_str());
    back = readXlsx(inlineBytes);
    REQUIRE(back.size() == 2);
    CHECK(back[0] == CsvRow{"标题", "", "公示开始"});
    CHECK(back[1] == CsvRow{"招聘会", "20", "2026-12-03", "12.5", "1"});
}

TEST_CASE("a file that is not an xlsx workbook is refused in Chinese") {
    auto refusal = [](const std::string& bytes) {
        try {
            readXlsx(bytes);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(refusal("事项名称\n甲\n").rfind("不是 Excel 工作簿（.xlsx）", 0) == 0);
    CHECK(refusal(std::string("PK\x03\x04", 4) + "not really a zip at all").rfind("不是 Excel 工作簿（.xlsx）", 0) == 0);
    // A real zip without a workbook in it.
    std::ostringstream zip;
    {
        Poco::Zip::Compress c(zip, true);
        std::istringstream text("hello");
        c.addFile(text, Poco::DateTime(), Poco::Path("readme.txt", Poco::Path::PATH_UNIX));
        c.close();
    }
    CHECK(refusal(zip.str()) ==
          "不是 Excel 工作簿（.xlsx）：缺少xl/workbook.xml。请在 Excel 中另存为“Excel 工作簿（*.xlsx）”或“CSV UTF-8（逗号分隔）”后再导入");
}

TEST_CASE("GBK, UTF-8 with a BOM and xlsx sheets import the same matters") {
    TempDir dir("gongshi-sheet");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    const Id centre = newCentre(db);
    const std::string gbk = gbkBytes(kMatters);
    REQUIRE(gbk != kMatters);
    ImportReport fromGbk = previewImport(db, ImportKind::Matters, centre, gbk);
    CHECK(actions(fromGbk) == std::vector<std::string>{"2:new", "3:new"});
    CHECK(RecordStore<Matter>(db).all().empty()); // a preview stores nothing

    ImportReport stored = runImport(db, ImportKind::Matters, centre, gbk, "王秀英");
    CHECK(stored.committed);
    auto all = RecordStore<Matter>(db).all(centre);
    REQUIRE(all.size() == 2);
    CHECK(all[0].code == "A001");
    CHECK(all[0].name == "居民身份证补领");
    CHECK(all[0].fees.at(0).amount == "20");
    CHECK(all[1].free);
    CHECK(all[0].meta.changedBy == "王秀英");
    CHECK(stored.rows[0].id == all[0].meta.id);
    CHECK(stored.rows[1].id == all[1].meta.id);

    // The same sheet with a BOM, and as an .xlsx: nothing to change.
    ImportReport bom = runImport(db, ImportKind::Matters, centre, "\xEF\xBB\xBF" + kMatters, "test");
    CHECK(actions(bom) == std::vector<std::string>{"2:unchanged", "3:unchanged"});
    CHECK_FALSE(bom.committed);
    const std::string xlsx = writeXlsx(readCsv(kMatters).rows, "事项");
    ImportReport fromXlsx = runImport(db, ImportKind::Matters, centre, xlsx, "test");
    CHECK(actions(fromXlsx) == std::vector<std::string>{"2:unchanged", "3:unchanged"});
    CHECK(RecordStore<Matter>(db).all(centre).size() == 2);
}

TEST_CASE("every error of every row is reported with its row and its column, and nothing is stored") {
    TempDir dir("gongshi-sheet");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    const Id centre = newCentre(db);
    REQUIRE(runImport(db, ImportKind::Matters, centre, kMatters, "test").committed);
    const int revisions = revisionCount(db);
    const std::string bad = "事项名称,法定办结时限,承诺办结时限,收费标准\n"
                            "居民身份证补领,20,5,不收费\n"
                            "甲,abc,10块,10块\n"
                            ",5,,\n"
                            "\n"
                            "乙,5,10,\n"
                            "甲,1,1,\n";
    ImportReport r = runImport(db, ImportKind::Matters, centre, bad, "test");
    CHECK_FALSE(r.committed);
    CHECK(actions(r) == std::vector<std::string>{"2:update", "3:error", "4:error", "6:error", "7:error"});
    CHECK(r.count(RowAction::Error) == 4);
    CHECK(r.rows[1].errors == std::vector<SheetCellError>{{"法定办结时限", "“abc”不是工作日数（如“20个工作日”“即办”）"},
                                                          {"承诺办结时限", "“10块”不是工作日数（如“20个工作日”“即办”）"},
                                                          {"收费标准", "“10块”不是有效的收费：金额须以“元”计（如“10元”或“12.50元/件”）"}});
    CHECK(r.rows[2].errors == std::vector<SheetCellError>{{"事项名称", "不能为空"}});
    REQUIRE(r.rows[3].errors.size() == 1);
    CHECK(r.rows[3].errors[0].column == "承诺办结时限");
    CHECK(r.rows[3].errors[0].message.rfind("承诺时限（10个工作日）超过法定时限（5个工作日）", 0) == 0);
    // Row 7 names the matter of row 3 again (row 3 is refused, so row 7 is the first good one).
    CHECK(r.rows[4].action == RowAction::Error);
    for (const auto& row : r.rows)
        for (const auto& e : row.errors) {
            const bool noEnglish = e.message.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos ||
                                   e.message.find("“") != std::string::npos; // letters only inside a quoted cell
            CHECK(noEnglish);
        }
    // Nothing stored: the update of row 2 waits for the rest.
    CHECK(revisionCount(db) == revisions);
    CHECK(RecordStore<Matter>(db).all(centre).size() == 2);
    CHECK(RecordStore<Matter>(db).all(centre)[0].statutoryDays == 20);
    CHECK_THROWS_WITH_AS(throwFirstError(r), "第3行“法定办结时限”：“abc”不是工作日数（如“20个工作日”“即办”）", ValidationError);
}

TEST_CASE("importing twice gives updates and unchanged rows, never duplicates") {
    TempDir dir("gongshi-sheet");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    const Id centre = newCentre(db);
    REQUIRE(runImport(db, ImportKind::Matters, centre, kMatters, "test").committed);
    RecordStore<Matter> store(db);
    const Matter before = store.all(centre)[0];

    // By code: the name changes, the record stays. By name (no code): the time limit changes.
    // A sheet without a column keeps what the record has in it (所属部门 here).
    const std::string changed = "事项编码,事项名称,法定办结时限\n"
                                "A001,居民身份证补领（换领）,20\n"
                                ",低保审核确认,25\n"
                                ",临时救助,15\n";
    ImportReport r = runImport(db, ImportKind::Matters, centre, changed, "test");
    CHECK(actions(r) == std::vector<std::string>{"2:update", "3:update", "4:new"});
    CHECK(r.count(RowAction::Update) == 2);
    auto all = store.all(centre);
    REQUIRE(all.size() == 3);
    CHECK(all[0].meta.id == before.meta.id);
    CHECK(all[0].name == "居民身份证补领（换领）");
    CHECK(all[0].department == "派出所");
    CHECK(all[0].meta.version == 2);
    CHECK(all[1].statutoryDays == 25);
    CHECK(store.revisions(all[0].meta.id).size() == 2);
    CHECK(r.rows[2].id == all[2].meta.id);

    ImportReport again = runImport(db, ImportKind::Matters, centre, changed, "test");
    CHECK(actions(again) == std::vector<std::string>{"2:unchanged", "3:unchanged", "4:unchanged"});
    CHECK(store.all(centre).size() == 3);

    // The same matter twice in one sheet is refused on its second row.
    ImportReport twice = previewImport(db, ImportKind::Matters, centre, "事项名称\n新事项\n新事项\n");
    CHECK(actions(twice) == std::vector<std::string>{"2:new", "3:error"});
    CHECK(twice.rows[1].errors == std::vector<SheetCellError>{{"事项名称", "与第2行是同一条事项，一条记录只能在表中出现一次"}});

    // Two stored matters of one name (from before imports updated): which one is meant cannot be told.
    Matter copy = store.all(centre)[2];
    store.create(copy, "test");
    ImportReport ambiguous = previewImport(db, ImportKind::Matters, centre, "事项名称\n临时救助\n");
    REQUIRE(ambiguous.rows.size() == 1);
    CHECK(ambiguous.rows[0].action == RowAction::Error);
    CHECK(ambiguous.rows[0].errors.at(0).column == "事项名称");
    CHECK(ambiguous.rows[0].errors.at(0).message.find("中心里已有多条相同的事项") == 0);
}

TEST_CASE("notices are the same notice when title and the start of publication agree") {
    TempDir dir("gongshi-sheet");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    const Id centre = newCentre(db);
    const std::string sheet = "标题,公告类别,公示开始,公示结束,正文\n招聘会,就业,2026/12/3,2026/12/9,第一行\n";
    CHECK(actions(runImport(db, ImportKind::Notices, centre, sheet, "test")) == std::vector<std::string>{"2:new"});
    const std::string body =
        "标题,公告类别,公示开始,公示结束,正文\n招聘会,就业,2026-12-03,2026年12月10日,第二行\n招聘会,就业,2027-01-05,,\n";
    ImportReport r = runImport(db, ImportKind::Notices, centre, body, "test");
    CHECK(actions(r) == std::vector<std::string>{"2:update", "3:new"});
    auto all = RecordStore<Notice>(db).all(centre);
    REQUIRE(all.size() == 2);
    CHECK(all[0].publishUntil == "2026-12-10");
    CHECK(all[0].body == "第二行");
    CHECK(all[1].publishFrom == "2027-01-05");

    ImportReport bad = previewImport(db, ImportKind::Notices, centre, "标题,公示开始,公示结束,紧急\n甲,2026-13-01,2026-12-01,也许\n");
    REQUIRE(bad.rows.size() == 1);
    CHECK(bad.rows[0].errors == std::vector<SheetCellError>{{"公示开始", "“2026-13-01”不是日期（写2026-12-03、2026/12/3或2026年12月3日）"},
                                                            {"紧急", "“也许”应为“是”或“否”"}});
}

TEST_CASE("an export in either format imports back unchanged") {
    TempDir dir("gongshi-sheet");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    const Id centre = newCentre(db);
    const std::string sheet = "事项名称,申请材料,收费标准,承诺办结时限,办理窗口\n"
                              "甲,\"居民身份证（原件及复印件1份）\n户口簿（原件1份，非必需，户主页）\",工本费10元；加急费20元,即办,1、2\n"
                              "乙,,不收费,20,\n";
    REQUIRE(runImport(db, ImportKind::Matters, centre, sheet, "test").committed);
    REQUIRE(runImport(db, ImportKind::Notices, centre, "标题,正文\n@全体村民,\"=1+1\"\n", "test").committed);
    for (auto format : {SheetFormat::Xlsx, SheetFormat::Csv}) {
        CAPTURE(sheetFileName(ImportKind::Matters, format));
        const std::string matters = exportSheet(db, ImportKind::Matters, centre, format);
        const std::vector<CsvRow> rows = readSheetRows(matters);
        REQUIRE(rows.size() == 3);
        CHECK(rows[0] == matterCsvHeader());
        CHECK(rows[1][1] == "甲");
        CHECK(rows[1][5] == "居民身份证（原件及复印件1份）\n户口簿（原件1份，非必需，户主页）");
        CHECK(actions(runImport(db, ImportKind::Matters, centre, matters, "test")) ==
              std::vector<std::string>{"2:unchanged", "3:unchanged"});
        const std::string notices = exportSheet(db, ImportKind::Notices, centre, format);
        CHECK(readSheetRows(notices).at(1).at(1) == "@全体村民");
        CHECK(actions(runImport(db, ImportKind::Notices, centre, notices, "test")) == std::vector<std::string>{"2:unchanged"});
    }
    CHECK(exportSheet(db, ImportKind::Matters, centre, SheetFormat::Csv) == exportMattersCsv(db, centre));
    CHECK(RecordStore<Matter>(db).all(centre).size() == 2);
}

TEST_CASE("workbooks written by another program (ExcelJS) read as staff typed them: rich text, numbers and dates") {
    const std::string folder = gongshi::test::sourceDir() + "/tests/data/xlsx/";
    const std::string matters = slurpFile(folder + "exceljs-matters.xlsx");
    const std::vector<CsvRow> rows = readSheetRows(matters);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0][0] == "事项编码");
    CHECK(rows[1][1] == "最低生活保障审核确认"); // two rich-text runs joined
    CHECK(rows[1][7] == "15");                   // a number cell
    CHECK(rows[2][5] == "居民身份证（原件1份）\n申请表（原件1份）");
    CHECK(rows[3][6] == "二十天");

    TempDir dir("gongshi-sheet");
    Database db(dir.str(), gongshi::test::databaseUrl(dir.str()));
    importDemo(db, demoDataDir(), "test");
    const Id centre = RecordStore<Centre>(db).all().front().meta.id;
    const std::size_t before = RecordStore<Matter>(db).all(centre).size();
    ImportReport r = previewImport(db, ImportKind::Matters, centre, matters);
    CHECK(actions(r) == std::vector<std::string>{"2:update", "3:new", "4:error"});
    REQUIRE(r.rows[2].errors.size() == 1);
    CHECK(r.rows[2].errors[0].column == "法定办结时限");
    CHECK(r.rows[2].errors[0].message == "“二十天”不是工作日数（如“20个工作日”“即办”）");
    CHECK(RecordStore<Matter>(db).all(centre).size() == before);

    ImportReport notices = runImport(db, ImportKind::Notices, centre, slurpFile(folder + "exceljs-notices.xlsx"), "test");
    REQUIRE(notices.committed);
    REQUIRE(notices.saved.size() == 1);
    const Notice n = RecordStore<Notice>(db).get(notices.saved[0].first);
    CHECK(n.title == "冬季防火安全提示");
    CHECK(n.publishFrom == "2026-12-01");
    CHECK(n.publishUntil == "2026-12-31");
    CHECK_FALSE(n.urgent);
}
