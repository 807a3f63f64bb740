#include "records/MatterCsv.h"

#include "common/Error.h"
#include "records/RecordJson.h"
#include "records/RecordStore.h"
#include "records/SheetImport.h"
#include "common/Messages.h"

#include <map>
#include <utility>

namespace gongshi::content {
namespace {

const std::string kCode = "事项编码", kName = "事项名称", kDepartment = "所属部门", kCategory = "事项类别", kLegalBasis = "设定依据",
                  kMaterials = "申请材料", kStatutory = "法定办结时限", kPromised = "承诺办结时限", kFee = "收费标准",
                  kFeeBasis = "收费依据", kWindows = "办理窗口", kPhone = "咨询电话", kGroup = "一件事";

const std::vector<CsvColumns::Spec>& specs() {
    static const std::vector<CsvColumns::Spec> all = {
        {kCode, {"编码", "事项代码", "实施编码"}, false},
        {kName, {"名称", "事项", "服务事项"}, true},
        {kDepartment, {"部门", "实施部门", "责任单位", "主管部门"}, false},
        {kCategory, {"类别", "事项类别名称", "事项类型"}, false},
        {kLegalBasis, {"法律依据", "设定依据（法律法规）"}, false},
        {kMaterials, {"材料", "所需材料", "申报材料", "材料清单", "申请材料清单"}, false},
        {kStatutory, {"法定时限", "法定期限", "法定办结期限"}, false},
        {kPromised, {"承诺时限", "承诺期限", "承诺办结期限", "办结时限"}, false},
        {kFee, {"收费", "是否收费", "收费情况"}, false},
        {kFeeBasis, {"收费标准依据"}, false},
        {kWindows, {"窗口", "受理窗口"}, false},
        {kPhone, {"电话", "联系电话", "咨询方式"}, false},
        {kGroup, {"一件事一次办", "事项分组"}, false},
    };
    return all;
}

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool endsWith(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(s.size() - p.size()) == p; }

bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// A cell that cannot be read: `say` words the refusal; the caller puts the row and column in front.
[[noreturn]] void refuseCell(std::string_view cell, std::string (*say)(const std::string&)) {
    throw ValidationError("", say(std::string(cell)));
}

const std::vector<std::pair<std::string_view, MaterialForm>>& formWords() {
    // Longest first: "原件" is a prefix of "原件及复印件".
    static const std::vector<std::pair<std::string_view, MaterialForm>> words = {{"原件及复印件", MaterialForm::OriginalAndCopy},
                                                                                 {"原件和复印件", MaterialForm::OriginalAndCopy},
                                                                                 {"原件与复印件", MaterialForm::OriginalAndCopy},
                                                                                 {"原件、复印件", MaterialForm::OriginalAndCopy},
                                                                                 {"复印件", MaterialForm::Copy},
                                                                                 {"原件", MaterialForm::Original},
                                                                                 {"电子版", MaterialForm::Electronic},
                                                                                 {"电子件", MaterialForm::Electronic}};
    return words;
}

std::string_view formWord(MaterialForm f) {
    switch (f) {
    case MaterialForm::Original:
        return "原件";
    case MaterialForm::Copy:
        return "复印件";
    case MaterialForm::OriginalAndCopy:
        return "原件及复印件";
    case MaterialForm::Electronic:
        return "电子版";
    }
    return "原件";
}

const std::vector<std::string_view>& conditionalWords() {
    static const std::vector<std::string_view> words = {"非必需", "非必要", "如有", "选交", "可选", "必要时", "如适用"};
    return words;
}

// "1份", "一份" -> 1; nullopt when `s` is not a count of copies.
std::optional<int> copiesIn(std::string_view s) {
    if (!endsWith(s, "份")) return std::nullopt;
    s.remove_suffix(std::string_view("份").size());
    if (allDigits(s) && s.size() <= 3) return std::stoi(std::string(s));
    static const std::vector<std::pair<std::string_view, int>> numerals = {{"一", 1}, {"两", 2}, {"二", 2}, {"三", 3}, {"四", 4}, {"五", 5},
                                                                           {"六", 6}, {"七", 7}, {"八", 8}, {"九", 9}, {"十", 10}};
    for (auto& [w, n] : numerals)
        if (s == w) return n;
    return std::nullopt;
}

// One bracketed part such as "原件及复印件1份", "原件", "2份"; false when it is none of these.
bool readFormPart(std::string_view part, Material& m) {
    std::optional<MaterialForm> form;
    for (auto& [word, f] : formWords())
        if (startsWith(part, word)) {
            form = f;
            part.remove_prefix(word.size());
            break;
        }
    if (form && startsWith(part, "各")) part.remove_prefix(std::string_view("各").size());
    std::optional<int> copies;
    if (!part.empty()) {
        copies = copiesIn(part);
        if (!copies) return false;
    }
    if (!form && !copies) return false;
    if (form) m.form = *form;
    if (copies) m.copies = *copies;
    return true;
}

// Where the bracket that closes `s` opens, or npos (full-width or ASCII brackets, nested).
std::size_t openingBracket(std::string_view s) {
    static constexpr std::string_view open = "（", close = "）";
    int depth = 0;
    std::size_t i = s.size();
    while (i > 0) {
        if (i >= close.size() && s.substr(i - close.size(), close.size()) == close) {
            ++depth;
            i -= close.size();
        } else if (s[i - 1] == ')') {
            ++depth;
            --i;
        } else if (i >= open.size() && s.substr(i - open.size(), open.size()) == open) {
            i -= open.size();
            if (--depth == 0) return i;
        } else if (s[i - 1] == '(') {
            --i;
            if (--depth == 0) return i;
        } else {
            --i;
        }
    }
    return std::string_view::npos;
}

// Leading list numbering staff type: "1.", "2、", "3）", "(4)", "（5）", "①".
std::string withoutNumbering(const std::string& item) {
    std::string_view s = item;
    std::size_t d = 0;
    while (d < s.size() && s[d] >= '0' && s[d] <= '9') ++d;
    if (d > 0 && d < s.size()) {
        for (std::string_view mark : {".", "、", "．", ")", "）"})
            if (s.substr(d, mark.size()) == mark) return trimText(s.substr(d + mark.size()));
    }
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"(", ")"}, {"（", "）"}}) {
        if (!startsWith(s, open)) continue;
        std::size_t k = open.size(), start = k;
        while (k < s.size() && s[k] >= '0' && s[k] <= '9') ++k;
        if (k > start && s.substr(k, close.size()) == close) return trimText(s.substr(k + close.size()));
    }
    // ① .. ⑳ are U+2460..U+2473: E2 91 A0..B3.
    if (s.size() > 3 && s[0] == '\xE2' && s[1] == '\x91' && static_cast<unsigned char>(s[2]) >= 0xA0 &&
        static_cast<unsigned char>(s[2]) <= 0xB3)
        return trimText(s.substr(3));
    return item;
}

Material parseMaterial(const std::string& raw) {
    std::string text = withoutNumbering(raw);
    while (endsWith(text, "。") || endsWith(text, ".")) text = trimText(text.substr(0, text.size() - (endsWith(text, ".") ? 1 : 3)));
    Material m;
    std::string_view s = text;
    if (endsWith(s, "）") || endsWith(s, ")")) {
        std::size_t open = openingBracket(s);
        if (open != std::string_view::npos) {
            std::string_view inner = s.substr(open, s.size() - open);
            inner.remove_prefix(startsWith(inner, "（") ? std::string_view("（").size() : 1);
            inner.remove_suffix(endsWith(inner, "）") ? std::string_view("）").size() : 1);
            std::vector<std::string> notes;
            for (const std::string& part : splitCell(asciiDigits(inner), {"，", ","})) {
                if (readFormPart(part, m)) continue;
                bool conditional = false;
                for (auto w : conditionalWords())
                    if (part == w) conditional = true;
                if (conditional)
                    m.required = false;
                else
                    notes.push_back(part);
            }
            for (std::size_t i = 0; i < notes.size(); ++i) m.notes += (i ? "，" : "") + notes[i];
            s = s.substr(0, open);
        }
    }
    m.name = trimText(s);
    if (m.name.empty()) refuseCell(raw, msg::materialWithoutName);
    if (m.copies < 1) refuseCell(raw, msg::materialWithoutCopies);
    return m;
}

FeeItem parseFeeItem(const std::string& raw) {
    const std::string s = asciiDigits(raw);
    std::size_t d = s.find_first_of("0123456789");
    if (d == std::string::npos) refuseCell(raw, msg::notFeeStandard);
    FeeItem item;
    item.name = trimText(s.substr(0, d));
    for (std::string_view colon : {"：", ":"})
        if (endsWith(item.name, colon)) item.name = trimText(item.name.substr(0, item.name.size() - colon.size()));
    std::size_t e = d;
    while (e < s.size() && s[e] >= '0' && s[e] <= '9') ++e;
    if (e < s.size() && s[e] == '.') {
        std::size_t f = e + 1;
        while (f < s.size() && s[f] >= '0' && s[f] <= '9') ++f;
        if (f == e + 1 || f - e - 1 > 2) refuseCell(raw, msg::feeDecimals);
        e = f;
    }
    item.amount = s.substr(d, e - d);
    item.unit = trimText(s.substr(e));
    if (item.unit.empty()) item.unit = "元";
    if (!startsWith(item.unit, "元")) refuseCell(raw, msg::feeNotInYuan);
    return item;
}

bool isFreeWord(std::string_view s) {
    for (std::string_view w : {"不收费", "免费", "免收", "免收费", "无", "0", "0元"})
        if (s == w) return true;
    return false;
}

// The column a field of the API's JSON comes from ("materials[2].copies" -> 申请材料).
std::string columnOfField(const std::string& field) {
    static const std::vector<std::pair<std::string_view, const std::string*>> columns = {{"code", &kCode},
                                                                                         {"name", &kName},
                                                                                         {"department", &kDepartment},
                                                                                         {"category", &kCategory},
                                                                                         {"legal_basis", &kLegalBasis},
                                                                                         {"materials", &kMaterials},
                                                                                         {"statutory_days", &kStatutory},
                                                                                         {"promised_days", &kPromised},
                                                                                         {"fee_basis", &kFeeBasis},
                                                                                         {"fees", &kFee},
                                                                                         {"fee", &kFee},
                                                                                         {"windows", &kWindows},
                                                                                         {"phone", &kPhone},
                                                                                         {"group", &kGroup}};
    for (const auto& [prefix, column] : columns)
        if (startsWith(field, prefix) && (field.size() == prefix.size() || field[prefix.size()] == '[' || field[prefix.size()] == '.'))
            return *column;
    return field;
}

CsvRow matterRow(const Matter& m) {
    return {m.code,
            m.name,
            m.department,
            m.category,
            m.legalBasis,
            materialsText(m.materials),
            workingDaysText(m.statutoryDays),
            workingDaysText(m.promisedDays),
            feeStandardText(m.free, m.fees),
            m.feeBasis,
            windowListText(m.windows),
            m.phone,
            m.group};
}

} // namespace

const std::vector<std::string>& matterCsvHeader() {
    static const std::vector<std::string> header = [] {
        std::vector<std::string> h;
        for (const auto& s : specs()) h.push_back(s.name);
        return h;
    }();
    return header;
}

std::optional<int> parseWorkingDays(std::string_view cell) {
    std::string s = asciiDigits(trimText(cell));
    if (s.empty()) return std::nullopt;
    for (std::string_view now : {"即办", "即办件", "即时办结", "当场办结"})
        if (s == now) return 0;
    std::string_view n = s;
    for (std::string_view suffix : {"个工作日", "工作日"})
        if (endsWith(n, suffix)) {
            n.remove_suffix(suffix.size());
            break;
        }
    std::string digits = trimText(n);
    if (!allDigits(digits) || digits.size() > 4) refuseCell(cell, msg::notWorkingDays);
    return std::stoi(digits);
}

std::string workingDaysText(const std::optional<int>& days) { return days ? std::to_string(*days) : std::string(); }

FeeStandard parseFeeStandard(std::string_view cell) {
    FeeStandard fee;
    std::vector<std::string> parts = splitCell(cell, {"；", ";", "\n", "，"}); // not ",": 1,000元
    for (const auto& part : parts) {
        if (isFreeWord(asciiDigits(part)))
            fee.free = true;
        else
            fee.items.push_back(parseFeeItem(part));
    }
    if (fee.free && !fee.items.empty()) refuseCell(cell, msg::feeFreeAndCharged);
    return fee;
}

std::string feeStandardText(bool free, const std::vector<FeeItem>& items) {
    if (free && items.empty()) return "不收费";
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += "；";
        out += items[i].name + items[i].amount + (items[i].unit.empty() ? std::string("元") : items[i].unit);
    }
    return out;
}

std::vector<Material> parseMaterials(std::string_view cell) {
    std::vector<Material> out;
    for (const auto& item : splitCell(cell, {"\n", "；", ";"})) out.push_back(parseMaterial(item));
    return out;
}

std::string materialsText(const std::vector<Material>& materials) {
    std::string out;
    for (std::size_t i = 0; i < materials.size(); ++i) {
        const Material& m = materials[i];
        if (i) out += "\n";
        out += m.name + "（" + std::string(formWord(m.form)) + std::to_string(m.copies) + "份";
        if (!m.required) out += "，非必需";
        if (!m.notes.empty()) out += "，" + m.notes;
        out += "）";
    }
    return out;
}

std::vector<std::string> parseWindowList(std::string_view cell) {
    std::vector<std::string> out;
    for (auto w : splitCell(cell, {"、", "，", ",", "；", ";", "\n"})) {
        for (std::string_view suffix : {"号窗口", "号窗", "号"})
            if (endsWith(w, suffix) && w.size() > suffix.size()) {
                w = trimText(w.substr(0, w.size() - suffix.size()));
                break;
            }
        out.push_back(w);
    }
    return out;
}

std::string windowListText(const std::vector<std::string>& windows) {
    std::string out;
    for (std::size_t i = 0; i < windows.size(); ++i) out += (i ? "、" : "") + windows[i];
    return out;
}

const std::vector<CsvColumns::Spec>& matterCsvColumns() { return specs(); }

CsvRow matterCsvRow(const Matter& m) { return matterRow(m); }

void readMatterRow(const CsvColumns& cols, const CsvRow& row, Matter& m, std::vector<SheetCellError>& errors) {
    const std::size_t first = errors.size();
    auto text = [&](const std::string& column, std::string& field) {
        if (cols.has(column)) field = cols.cell(row, column);
    };
    auto read = [&](const std::string& column, auto reader, auto assign) {
        if (!cols.has(column)) return;
        try {
            assign(reader(cols.cell(row, column)));
        } catch (const ValidationError& e) {
            errors.push_back({column, e.what()});
        }
    };
    text(kName, m.name);
    if (m.name.empty()) errors.push_back({kName, msg::sheetCellEmpty()});
    text(kCode, m.code);
    text(kDepartment, m.department);
    text(kCategory, m.category);
    text(kLegalBasis, m.legalBasis);
    read(
        kMaterials, [](const std::string& c) { return parseMaterials(c); }, [&](std::vector<Material> v) { m.materials = std::move(v); });
    read(
        kStatutory, [](const std::string& c) { return parseWorkingDays(c); }, [&](std::optional<int> v) { m.statutoryDays = v; });
    read(
        kPromised, [](const std::string& c) { return parseWorkingDays(c); }, [&](std::optional<int> v) { m.promisedDays = v; });
    read(
        kFee, [](const std::string& c) { return parseFeeStandard(c); },
        [&](FeeStandard fee) {
            m.free = fee.free;
            m.fees = std::move(fee.items);
        });
    text(kFeeBasis, m.feeBasis);
    if (cols.has(kWindows)) m.windows = parseWindowList(cols.cell(row, kWindows));
    text(kPhone, m.phone);
    text(kGroup, m.group);
    // The record's own rules (the same the API applies), reported against their column unless
    // that column's cell is already refused.
    try {
        (void)fromJson<Matter>(*toJson(m));
    } catch (const ValidationError& e) {
        const std::string column = columnOfField(e.field());
        bool known = false;
        for (std::size_t i = first; i < errors.size(); ++i) known = known || errors[i].column == column;
        if (!known) errors.push_back({column, e.what()});
    }
}

CsvRecords<Matter> readMattersCsv(std::string_view bytes, Id centreId) {
    CsvDocument doc = readCsv(bytes);
    if (doc.rows.empty()) throw InputError(msg::csvEmpty(kName));
    CsvColumns cols(doc.rows[0], specs());
    CsvRecords<Matter> out;
    out.encoding = doc.encoding;
    out.warnings = cols.warnings();
    std::map<std::string, std::size_t> rowOfName;
    for (std::size_t r = 1; r < doc.rows.size(); ++r) {
        const CsvRow& row = doc.rows[r];
        if (isBlankRow(row)) continue;
        Matter m;
        m.centreId = centreId;
        std::vector<SheetCellError> errors;
        readMatterRow(cols, row, m, errors);
        if (!errors.empty()) throw ValidationError(errors.front().column, sheetErrorText(r + 1, errors.front()));
        if (auto [it, fresh] = rowOfName.emplace(m.name, r + 1); !fresh)
            out.warnings.push_back(msg::csvSameName(r + 1, kName, m.name, it->second));
        out.records.push_back(std::move(m));
    }
    return out;
}

std::string writeMattersCsv(const std::vector<Matter>& matters) {
    std::vector<CsvRow> rows{matterCsvHeader()};
    for (const Matter& m : matters) rows.push_back(matterRow(m));
    return writeCsv(rows);
}

CsvRecords<Matter> importMattersCsv(Database& db, Id centreId, std::string_view bytes, const std::string& user) {
    ImportReport report = runImport(db, ImportKind::Matters, centreId, bytes, user);
    throwFirstError(report);
    CsvRecords<Matter> out;
    out.warnings = report.warnings;
    RecordStore<Matter> store(db);
    for (const ImportRow& row : report.rows)
        if (row.action != RowAction::Unchanged) out.records.push_back(store.get(row.id));
    return out;
}

std::string exportMattersCsv(Database& db, Id centreId) {
    RecordStore<Centre>(db).get(centreId);
    return writeMattersCsv(RecordStore<Matter>(db).all(centreId));
}

} // namespace gongshi::content
