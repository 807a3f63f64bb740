#include "records/NoticeCsv.h"

#include "common/Error.h"
#include "records/RecordJson.h"
#include "records/RecordStore.h"
#include "records/SheetImport.h"
#include "common/Messages.h"

#include <cstdio>
#include <map>

namespace gongshi::content {
namespace {

const std::string kCategory = "公告类别", kTitle = "标题", kBody = "正文", kFrom = "公示开始", kUntil = "公示结束", kUrgent = "紧急";

const std::vector<CsvColumns::Spec>& specs() {
    static const std::vector<CsvColumns::Spec> all = {
        {kCategory, {"类别", "分类", "公示类别", "公开类别", "信息类别"}, false},
        {kTitle, {"公告标题", "公示标题", "名称"}, true},
        {kBody, {"内容", "公告内容", "公示内容"}, false},
        {kFrom, {"开始日期", "公示开始日期", "发布日期", "公示期开始"}, false},
        {kUntil, {"结束日期", "公示结束日期", "截止日期", "公示期结束"}, false},
        {kUrgent, {"是否紧急", "加急"}, false},
    };
    return all;
}

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysInMonth(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leapYear(y) ? 29 : days[m - 1];
}

// Reads the digits at `i` (at most `maxDigits`); -1 when there are none.
int number(std::string_view s, std::size_t& i, std::size_t maxDigits) {
    std::size_t start = i;
    int v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < maxDigits) v = v * 10 + (s[i++] - '0');
    return i == start ? -1 : v;
}

bool skip(std::string_view s, std::size_t& i, std::string_view word) {
    if (s.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
}

NoticeCategory readCategory(const std::string& cell) {
    if (cell.empty()) return NoticeCategory::Other;
    if (auto c = noticeCategoryFromChinese(cell)) return *c;
    try {
        return parseNoticeCategory(cell); // the API's English names are fine too
    } catch (const ValidationError&) {
        std::string names;
        for (auto c : {NoticeCategory::Employment, NoticeCategory::SocialInsurance, NoticeCategory::SocialAssistance,
                       NoticeCategory::FamilyPlanning, NoticeCategory::FarmlandApproval, NoticeCategory::SocialWelfare,
                       NoticeCategory::AgriculturalSubsidies, NoticeCategory::HouseholdRegistration, NoticeCategory::Other})
            names += (names.empty() ? "" : "、") + std::string(noticeCategoryChinese(c));
        throw ValidationError("", msg::notNoticeCategory(cell, names));
    }
}

bool readUrgent(const std::string& cell) {
    for (std::string_view yes : {"是", "紧急", "Y", "y", "yes", "1", "true"})
        if (cell == yes) return true;
    for (std::string_view no : {"", "否", "N", "n", "no", "0", "false"})
        if (cell == no) return false;
    throw ValidationError("", msg::notYesNo(cell));
}

CsvRow noticeRow(const Notice& n) {
    return {std::string(noticeCategoryChinese(n.category)), n.title, n.body, n.publishFrom, n.publishUntil, n.urgent ? "是" : ""};
}

} // namespace

const std::vector<std::string>& noticeCsvHeader() {
    static const std::vector<std::string> header = [] {
        std::vector<std::string> h;
        for (const auto& s : specs()) h.push_back(s.name);
        return h;
    }();
    return header;
}

Date normaliseDate(std::string_view cell) {
    const std::string s = asciiDigits(trimText(cell));
    if (s.empty()) return {};
    auto bad = [&]() -> Date { throw ValidationError("", msg::notDate(std::string(cell))); };
    std::size_t i = 0;
    int y = number(s, i, 4);
    if (y < 0 || i != 4) return bad();
    bool chinese = skip(s, i, "年");
    if (!chinese && !skip(s, i, "-") && !skip(s, i, "/") && !skip(s, i, ".")) return bad();
    const char sep = chinese ? 0 : s[i - 1];
    int m = number(s, i, 2);
    if (m < 0) return bad();
    if (chinese ? !skip(s, i, "月") : !(i < s.size() && s[i++] == sep)) return bad();
    int d = number(s, i, 2);
    if (d < 0) return bad();
    if (chinese && !skip(s, i, "日")) skip(s, i, "号");
    if (i != s.size()) return bad();
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return bad();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

const std::vector<CsvColumns::Spec>& noticeCsvColumns() { return specs(); }

CsvRow noticeCsvRow(const Notice& n) { return noticeRow(n); }

void readNoticeRow(const CsvColumns& cols, const CsvRow& row, Notice& n, std::vector<SheetCellError>& errors) {
    const std::size_t first = errors.size();
    auto read = [&](const std::string& column, auto reader, auto assign) {
        if (!cols.has(column)) return;
        try {
            assign(reader(cols.cell(row, column)));
        } catch (const ValidationError& e) {
            errors.push_back({column, e.what()});
        }
    };
    n.title = cols.cell(row, kTitle);
    if (n.title.empty()) errors.push_back({kTitle, msg::sheetCellEmpty()});
    read(
        kCategory, [](const std::string& c) { return readCategory(c); }, [&](NoticeCategory c) { n.category = c; });
    // The body keeps its own line breaks; only the ends are trimmed.
    if (cols.has(kBody)) n.body = cols.cell(row, kBody);
    bool datesRead = true;
    read(
        kFrom, [](const std::string& c) { return normaliseDate(c); }, [&](Date d) { n.publishFrom = d; });
    read(
        kUntil, [](const std::string& c) { return normaliseDate(c); }, [&](Date d) { n.publishUntil = d; });
    for (std::size_t i = first; i < errors.size(); ++i) datesRead = datesRead && errors[i].column != kFrom && errors[i].column != kUntil;
    read(
        kUrgent, [](const std::string& c) { return readUrgent(c); }, [&](bool u) { n.urgent = u; });
    if (datesRead && !n.publishFrom.empty() && !n.publishUntil.empty() && n.publishUntil < n.publishFrom)
        errors.push_back({kUntil, msg::sheetDateOrder(n.publishUntil, kFrom, n.publishFrom)});
    try {
        (void)fromJson<Notice>(*toJson(n));
    } catch (const ValidationError& e) {
        static const std::map<std::string, std::string> columns = {{"category", kCategory}, {"title", kTitle},         {"body", kBody},
                                                                   {"publish_from", kFrom}, {"publish_until", kUntil}, {"urgent", kUrgent}};
        auto it = columns.find(e.field());
        const std::string column = it == columns.end() ? e.field() : it->second;
        bool known = false;
        for (std::size_t i = first; i < errors.size(); ++i) known = known || errors[i].column == column;
        if (!known) errors.push_back({column, e.what()});
    }
}

CsvRecords<Notice> readNoticesCsv(std::string_view bytes, Id centreId) {
    CsvDocument doc = readCsv(bytes);
    if (doc.rows.empty()) throw InputError(msg::csvEmpty(kTitle));
    CsvColumns cols(doc.rows[0], specs());
    CsvRecords<Notice> out;
    out.encoding = doc.encoding;
    out.warnings = cols.warnings();
    for (std::size_t r = 1; r < doc.rows.size(); ++r) {
        const CsvRow& row = doc.rows[r];
        if (isBlankRow(row)) continue;
        Notice n;
        n.centreId = centreId;
        std::vector<SheetCellError> errors;
        readNoticeRow(cols, row, n, errors);
        if (!errors.empty()) throw ValidationError(errors.front().column, sheetErrorText(r + 1, errors.front()));
        out.records.push_back(std::move(n));
    }
    return out;
}

std::string writeNoticesCsv(const std::vector<Notice>& notices) {
    std::vector<CsvRow> rows{noticeCsvHeader()};
    for (const Notice& n : notices) rows.push_back(noticeRow(n));
    return writeCsv(rows);
}

CsvRecords<Notice> importNoticesCsv(Database& db, Id centreId, std::string_view bytes, const std::string& user) {
    ImportReport report = runImport(db, ImportKind::Notices, centreId, bytes, user);
    throwFirstError(report);
    CsvRecords<Notice> out;
    out.warnings = report.warnings;
    RecordStore<Notice> store(db);
    for (const ImportRow& row : report.rows)
        if (row.action != RowAction::Unchanged) out.records.push_back(store.get(row.id));
    return out;
}

std::string exportNoticesCsv(Database& db, Id centreId) {
    RecordStore<Centre>(db).get(centreId);
    return writeNoticesCsv(RecordStore<Notice>(db).all(centreId));
}

} // namespace gongshi::content
