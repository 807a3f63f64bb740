#include "records/Xlsx.h"

#include "common/Error.h"
#include "common/Messages.h"

#include <Poco/Exception.h>
#include <Poco/SAX/Attributes.h>
#include <Poco/SAX/DefaultHandler.h>
#include <Poco/SAX/SAXParser.h>
#include <Poco/TemporaryFile.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace gongshi::content {
namespace {

// What one part of a workbook may hold once inflated, and how many rows a sheet may have: far
// beyond any centre's sheet, small enough that a crafted file cannot exhaust the server.
constexpr std::size_t kMaxPartBytes = 64u << 20;
constexpr std::size_t kMaxRows = 100000;
constexpr std::size_t kMaxColumns = 16384; // XFD, Excel's last column

std::string attribute(const Poco::XML::Attributes& attrs, const std::string& localName) {
    for (int i = 0; i < attrs.getLength(); ++i)
        if (attrs.getLocalName(i) == localName || attrs.getQName(i) == localName) return attrs.getValue(i);
    return {};
}

// The parts of the zip, read on demand.
class Package {
public:
    explicit Package(std::string_view bytes) : in_(std::string(bytes)) {
        try {
            zip_.emplace(in_);
        } catch (const Poco::Exception& e) {
            throw InputError(msg::xlsxNotWorkbook(""));
        }
    }

    bool has(const std::string& name) const { return zip_->findHeader(name) != zip_->headerEnd(); }

    std::string part(const std::string& name) {
        auto h = zip_->findHeader(name);
        if (h == zip_->headerEnd()) throw InputError(msg::xlsxPartMissing(name));
        if (h->second.getUncompressedSize() > kMaxPartBytes) throw InputError(msg::xlsxTooLarge(name, kMaxPartBytes >> 20));
        try {
            in_.clear();
            Poco::Zip::ZipInputStream zin(in_, h->second, true);
            std::string out;
            char buf[65536];
            while (zin.read(buf, sizeof buf) || zin.gcount() > 0) {
                out.append(buf, static_cast<std::size_t>(zin.gcount()));
                if (out.size() > kMaxPartBytes) throw InputError(msg::xlsxTooLarge(name, kMaxPartBytes >> 20));
            }
            return out;
        } catch (const Poco::Exception&) {
            throw InputError(msg::xlsxBadPart(name));
        }
    }

private:
    std::istringstream in_;
    std::optional<Poco::Zip::ZipArchive> zip_;
};

void parseXml(const std::string& name, const std::string& xml, Poco::XML::DefaultHandler& handler) {
    Poco::XML::SAXParser parser;
    // A workbook names no outside documents; none is fetched.
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, true);
    parser.setContentHandler(&handler);
    try {
        parser.parseMemoryNP(xml.data(), xml.size());
    } catch (const InputError&) {
        throw;
    } catch (const Poco::Exception&) {
        throw InputError(msg::xlsxBadPart(name));
    }
}

// xl/workbook.xml: the relationship id of the first sheet.
struct WorkbookHandler : Poco::XML::DefaultHandler {
    std::string firstSheetRel;
    void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName, const Poco::XML::XMLString&,
                      const Poco::XML::Attributes& attrs) override {
        if (localName == "sheet" && firstSheetRel.empty()) firstSheetRel = attribute(attrs, "id");
    }
};

// xl/_rels/workbook.xml.rels: relationship id -> target, and the shared strings' and styles' targets.
struct RelsHandler : Poco::XML::DefaultHandler {
    std::map<std::string, std::string> targets;
    std::string sharedStrings, styles;
    void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName, const Poco::XML::XMLString&,
                      const Poco::XML::Attributes& attrs) override {
        if (localName != "Relationship") return;
        const std::string type = attribute(attrs, "Type"), target = attribute(attrs, "Target");
        targets[attribute(attrs, "Id")] = target;
        auto endsWith = [&](std::string_view s) {
            return type.size() >= s.size() && type.compare(type.size() - s.size(), s.size(), s) == 0;
        };
        if (endsWith("/sharedStrings")) sharedStrings = target;
        if (endsWith("/styles")) styles = target;
    }
};

// xl/sharedStrings.xml: each <si>'s text, its runs joined, phonetic guides (<rPh>) left out.
struct SharedStringsHandler : Poco::XML::DefaultHandler {
    std::vector<std::string> strings;
    std::string current;
    bool inText = false;
    int phonetic = 0;
    void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName, const Poco::XML::XMLString&,
                      const Poco::XML::Attributes&) override {
        if (localName == "si") current.clear();
        if (localName == "rPh") ++phonetic;
        if (localName == "t" && phonetic == 0) inText = true;
    }
    void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName, const Poco::XML::XMLString&) override {
        if (localName == "t") inText = false;
        if (localName == "rPh") --phonetic;
        if (localName == "si") strings.push_back(current);
    }
    void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
        if (inText) current.append(ch + start, static_cast<std::size_t>(length));
    }
};

// Built-in number formats that show a date (ECMA-376 18.8.30, with the ids Chinese Excel uses).
bool builtInDateFormat(int id) { return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58); }

// A format code showing a date: y, m with d, or d, outside quoted text, [colour] and escapes.
bool dateFormatCode(const std::string& code) {
    bool quoted = false, bracket = false, year = false, day = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if (c == '[')
            bracket = true;
        else if (c == ']')
            bracket = false;
        else if (bracket)
            continue;
        else if (c == '\\')
            ++i;
        else if (c == 'y' || c == 'Y')
            year = true;
        else if (c == 'd' || c == 'D')
            day = true;
    }
    return year || day;
}

// xl/styles.xml: which cell styles (the `s` of a cell) show numbers as dates.
struct StylesHandler : Poco::XML::DefaultHandler {
    std::set<int> customDates;
    std::vector<bool> styleIsDate;
    bool inCellXfs = false;
    void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName, const Poco::XML::XMLString&,
                      const Poco::XML::Attributes& attrs) override {
        if (localName == "numFmt" && dateFormatCode(attribute(attrs, "formatCode")))
            customDates.insert(std::atoi(attribute(attrs, "numFmtId").c_str()));
        if (localName == "cellXfs") inCellXfs = true;
        if (localName == "xf" && inCellXfs) {
            const int id = std::atoi(attribute(attrs, "numFmtId").c_str());
            styleIsDate.push_back(builtInDateFormat(id) || customDates.count(id) > 0);
        }
    }
    void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName, const Poco::XML::XMLString&) override {
        if (localName == "cellXfs") inCellXfs = false;
    }
};

// An Excel date serial (days since 1899-12-30 for the dates anyone enters) as YYYY-MM-DD.
std::string serialDate(double serial) {
    long days = static_cast<long>(std::floor(serial)) - 25569; // 1970-01-01
    // Howard Hinnant's civil-from-days.
    days += 719468;
    const long era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = static_cast<long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y, m, d);
    return buf;
}

// A number cell as text: whole numbers without a decimal part ("20", not "20.0" or "2E1").
std::string numberText(const std::string& v) {
    char* end = nullptr;
    const double d = std::strtod(v.c_str(), &end);
    if (end == v.c_str() || *end != '\0') return v;
    if (std::floor(d) == d && std::fabs(d) < 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", d);
        return buf;
    }
    return v;
}

// "BC12" -> column 55 (1-based) and row 12; false when it is not a cell reference.
bool cellReference(const std::string& r, std::size_t& column, std::size_t& row) {
    std::size_t i = 0;
    column = 0;
    while (i < r.size() && r[i] >= 'A' && r[i] <= 'Z') {
        column = column * 26 + static_cast<std::size_t>(r[i] - 'A' + 1);
        if (column > kMaxColumns) return false;
        ++i;
    }
    if (i == 0 || i == r.size()) return false;
    row = 0;
    for (; i < r.size(); ++i) {
        if (r[i] < '0' || r[i] > '9') return false;
        row = row * 10 + static_cast<std::size_t>(r[i] - '0');
        if (row > 1048576) return false;
    }
    return row > 0;
}

// The worksheet: cells placed by their references.
struct SheetHandler : Poco::XML::DefaultHandler {
    const std::vector<std::string>& shared;
    const std::vector<bool>& styleIsDate;
    std::vector<CsvRow> rows;

    SheetHandler(const std::vector<std::string>& s, const std::vector<bool>& d) : shared(s), styleIsDate(d) {}

    std::size_t row = 0, nextColumn = 1, column = 0; // 1-based
    std::string type, value;
    int style = -1;
    bool inCell = false, inValue = false, inInline = false, inText = false;
    int phonetic = 0;

    void startElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName, const Poco::XML::XMLString&,
                      const Poco::XML::Attributes& attrs) override {
        if (localName == "row") {
            const std::string r = attribute(attrs, "r");
            row = r.empty() ? row + 1 : static_cast<std::size_t>(std::atol(r.c_str()));
            if (row == 0 || row > 1048576) throw InputError(msg::xlsxBadReference(r));
            nextColumn = 1;
        } else if (localName == "c") {
            const std::string r = attribute(attrs, "r");
            std::size_t refRow = row;
            if (r.empty())
                column = nextColumn;
            else if (!cellReference(r, column, refRow) || refRow != row)
                throw InputError(msg::xlsxBadReference(r));
            nextColumn = column + 1;
            type = attribute(attrs, "t");
            const std::string s = attribute(attrs, "s");
            style = s.empty() ? -1 : std::atoi(s.c_str());
            value.clear();
            inCell = true;
        } else if (inCell && localName == "v") {
            inValue = true;
        } else if (inCell && localName == "is") {
            inInline = true;
        } else if (inInline && localName == "rPh") {
            ++phonetic;
        } else if (inInline && localName == "t" && phonetic == 0) {
            inText = true;
        }
    }

    void endElement(const Poco::XML::XMLString&, const Poco::XML::XMLString& localName, const Poco::XML::XMLString&) override {
        if (localName == "v")
            inValue = false;
        else if (localName == "t")
            inText = false;
        else if (localName == "rPh")
            --phonetic;
        else if (localName == "is")
            inInline = false;
        else if (localName == "c" && inCell) {
            inCell = false;
            place(cellText());
        }
    }

    void characters(const Poco::XML::XMLChar ch[], int start, int length) override {
        if (inValue || inText) value.append(ch + start, static_cast<std::size_t>(length));
    }

    std::string cellText() const {
        if (type == "s") {
            char* end = nullptr;
            const unsigned long i = std::strtoul(value.c_str(), &end, 10);
            if (value.empty() || *end != '\0' || i >= shared.size()) throw InputError(msg::xlsxBadSharedString(value));
            return shared[i];
        }
        if (type == "inlineStr" || type == "str" || type == "e") return value;
        if (type == "b") return value == "1" ? "1" : "0";
        if (type == "d") return value.substr(0, 10);
        if (value.empty()) return value;
        if (style >= 0 && static_cast<std::size_t>(style) < styleIsDate.size() && styleIsDate[static_cast<std::size_t>(style)]) {
            char* end = nullptr;
            const double serial = std::strtod(value.c_str(), &end);
            if (end != value.c_str() && *end == '\0' && serial >= 1 && serial < 2958466) return serialDate(serial);
        }
        return numberText(value);
    }

    void place(std::string text) {
        if (text.empty()) return;
        if (row > kMaxRows) throw InputError(msg::xlsxTooManyRows(kMaxRows));
        if (rows.size() < row) rows.resize(row);
        CsvRow& r = rows[row - 1];
        if (r.size() < column) r.resize(column);
        r[column - 1] = std::move(text);
    }
};

// A target of workbook.xml.rels as a path in the zip ("worksheets/sheet1.xml" is under xl/).
std::string partPath(const std::string& target) {
    if (!target.empty() && target.front() == '/') return target.substr(1);
    return "xl/" + target;
}

// libxlsxwriter's workbook, closed (and freed) once.
struct Workbook {
    lxw_workbook* book;
    explicit Workbook(const std::string& path) : book(workbook_new(path.c_str())) {
        if (!book) throw InputError(msg::xlsxCannotWrite(path, "workbook_new"));
    }
    lxw_error close() {
        lxw_error e = workbook_close(book);
        book = nullptr;
        return e;
    }
    ~Workbook() {
        if (book) workbook_close(book);
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
};

} // namespace

bool looksLikeZip(std::string_view bytes) { return bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4); }

std::vector<CsvRow> readXlsx(std::string_view bytes) {
    if (!looksLikeZip(bytes)) throw InputError(msg::xlsxNotWorkbook(""));
    Package package(bytes);
    if (!package.has("xl/workbook.xml")) throw InputError(msg::xlsxNotWorkbook("xl/workbook.xml"));
    WorkbookHandler workbook;
    parseXml("xl/workbook.xml", package.part("xl/workbook.xml"), workbook);
    RelsHandler rels;
    if (package.has("xl/_rels/workbook.xml.rels")) parseXml("xl/_rels/workbook.xml.rels", package.part("xl/_rels/workbook.xml.rels"), rels);
    std::string sheetPath = "xl/worksheets/sheet1.xml";
    if (auto it = rels.targets.find(workbook.firstSheetRel); it != rels.targets.end()) sheetPath = partPath(it->second);
    if (!package.has(sheetPath)) throw InputError(msg::xlsxNotWorkbook(sheetPath));

    SharedStringsHandler shared;
    const std::string sharedPath = rels.sharedStrings.empty() ? "xl/sharedStrings.xml" : partPath(rels.sharedStrings);
    if (package.has(sharedPath)) parseXml(sharedPath, package.part(sharedPath), shared);
    StylesHandler styles;
    const std::string stylesPath = rels.styles.empty() ? "xl/styles.xml" : partPath(rels.styles);
    if (package.has(stylesPath)) parseXml(stylesPath, package.part(stylesPath), styles);

    SheetHandler sheet(shared.strings, styles.styleIsDate);
    parseXml(sheetPath, package.part(sheetPath), sheet);
    return std::move(sheet.rows);
}

std::string writeXlsx(const std::vector<CsvRow>& rows, const std::string& sheetName) {
    // libxlsxwriter writes files only: one of its own in the temporary directory, read back.
    const std::string path = Poco::TemporaryFile::tempName() + ".xlsx";
    struct Remove {
        std::string p;
        ~Remove() { std::remove(p.c_str()); }
    } remove{path};
    {
        Workbook book(path);
        lxw_worksheet* sheet = workbook_add_worksheet(book.book, sheetName.c_str());
        if (!sheet) throw InputError(msg::xlsxCannotWrite(path, "workbook_add_worksheet"));
        lxw_format* header = workbook_add_format(book.book);
        format_set_bold(header);
        lxw_format* wrapped = workbook_add_format(book.book);
        format_set_text_wrap(wrapped);
        format_set_align(wrapped, LXW_ALIGN_VERTICAL_TOP);
        std::size_t columns = 0;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            columns = std::max(columns, rows[r].size());
            for (std::size_t c = 0; c < rows[r].size(); ++c) {
                const std::string& text = rows[r][c];
                if (text.empty()) continue;
                lxw_format* format = r == 0 ? header : text.find('\n') != std::string::npos ? wrapped : nullptr;
                const lxw_error e =
                    worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), text.c_str(), format);
                if (e != LXW_NO_ERROR) throw InputError(msg::xlsxCellNotWritten(r + 1, columnLetters(c + 1), lxw_strerror(e)));
            }
        }
        if (columns > 0) worksheet_set_column(sheet, 0, static_cast<lxw_col_t>(columns - 1), 18, nullptr);
        worksheet_freeze_panes(sheet, 1, 0);
        const lxw_error e = book.close();
        if (e != LXW_NO_ERROR) throw InputError(msg::xlsxCannotWrite(path, lxw_strerror(e)));
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace gongshi::content
