#pragma once
// CSV as staff keep it in Excel: RFC 4180 fields (quoted fields may hold commas, line breaks and
// doubled quotes), CRLF or LF line ends, and the file in UTF-8 with or without a BOM or in GBK
// (what Excel on a Chinese Windows saves as "CSV"; read through ICU's converter). Written back as UTF-8 with a BOM and CRLF, which
// Excel opens without garbling.
//
// Rows are numbered from 1 (the header is row 1) as Excel numbers them: a quoted field with line
// breaks is still one row, and a blank line is a row of one empty field.
#include "common/Error.h"
#include "common/Messages.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongshi::content {

enum class CsvEncoding { Utf8WithBom, Utf8, Gbk };

std::string_view csvEncodingName(CsvEncoding e); // "UTF-8 with BOM", "UTF-8", "GBK"

using CsvRow = std::vector<std::string>;

struct CsvDocument {
    CsvEncoding encoding = CsvEncoding::Utf8;
    std::vector<CsvRow> rows; // as UTF-8
};

// The bytes of a file as UTF-8 text (without the BOM), and which encoding they were in. Throws
// InputError naming the byte offset when the bytes are neither UTF-8 nor GBK.
std::string decodeCsvText(std::string_view bytes, CsvEncoding* detected = nullptr);

// Splits UTF-8 text into rows of fields; a cell written with the text mark ' in front of a formula
// character (see formatCsv) is read without it. Throws InputError naming the row and column of a quote
// that is never closed or of text after a closing quote.
std::vector<CsvRow> parseCsv(std::string_view text);

// decodeCsvText, then parseCsv.
CsvDocument readCsv(std::string_view bytes);

// Rows as RFC 4180 text with CRLF line ends; a field is quoted when it holds a comma, a quote,
// a line break or leading/trailing spaces. A cell beginning with = + - @, a tab or a carriage return
// gets a ' in front, so that Excel shows it as text instead of running it as a formula.
std::string formatCsv(const std::vector<CsvRow>& rows);

// formatCsv with a UTF-8 BOM in front: the bytes of a file for Excel.
std::string writeCsv(const std::vector<CsvRow>& rows);

// The columns of a header row, looked up by name (with aliases staff use for the same column).
class CsvColumns {
public:
    struct Spec {
        std::string name;                 // canonical header, e.g. "事项名称"
        std::vector<std::string> aliases; // other headers meaning the same, e.g. "名称"
        bool required = false;
    };

    // Reads the header: a missing required column or a column given twice throws InputError;
    // columns not in `specs` become warnings ("unknown column 'X' (column 7) ignored").
    CsvColumns(const CsvRow& header, const std::vector<Spec>& specs);

    bool has(const std::string& name) const { return index_.count(name) > 0; }
    // The trimmed cell of `row` under the canonical column `name`; empty when the column or the
    // cell is absent.
    std::string cell(const CsvRow& row, const std::string& name) const;
    // `reader` applied to that cell; its ValidationError comes back naming the row (Excel's number,
    // `rowIndex` + 1) and the column.
    template <class Reader> auto read(const CsvRow& row, std::size_t rowIndex, const std::string& name, Reader reader) const {
        try {
            return reader(cell(row, name));
        } catch (const ValidationError& e) {
            throw ValidationError(name, msg::csvCell(rowIndex + 1, name, e.what()));
        }
    }
    const std::vector<std::string>& warnings() const { return warnings_; }

private:
    std::map<std::string, std::size_t> index_;
    std::vector<std::string> warnings_;
};

// A cell of a sheet that cannot be read: its column (the Chinese header) and why, in Chinese. The
// row is the caller's.
struct SheetCellError {
    std::string column;
    std::string message;
    bool operator==(const SheetCellError&) const = default;
};

// The error as one text for a person: "第3行“法定办结时限”：“abc”不是工作日数…".
std::string sheetErrorText(std::size_t row, const SheetCellError& error);

// What an import read (or stored): the records, the warnings for the person importing (unknown
// columns, duplicates) and the encoding the file was in.
template <class T> struct CsvRecords {
    std::vector<T> records;
    std::vector<std::string> warnings;
    CsvEncoding encoding = CsvEncoding::Utf8;
};

// Text without surrounding ASCII and ideographic (U+3000) white space.
std::string trimText(std::string_view s);
// True when every field of the row is empty after trimming (Excel leaves such rows at the end).
bool isBlankRow(const CsvRow& row);
// Parts of a cell split at any of `separators`, each trimmed, empty parts dropped.
std::vector<std::string> splitCell(std::string_view cell, const std::vector<std::string_view>& separators);
// Full-width digits and full stop (０-９, ．), as an IME types them, turned into ASCII.
std::string asciiDigits(std::string_view s);
// Spreadsheet column letters for a 1-based column: 1 -> "A", 27 -> "AA".
std::string columnLetters(std::size_t column);

} // namespace gongshi::content
