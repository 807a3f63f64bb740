#include "records/Csv.h"

#include "common/Error.h"
#include "common/Utf8.h"
#include "common/Messages.h"

#include <unicode/ucnv.h>
#include <unicode/ustring.h>

#include <cstdio>
#include <memory>

namespace gongshi::content {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string hexByte(unsigned char b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
}

struct ConverterClose {
    void operator()(UConverter* c) const { ucnv_close(c); }
};

// GBK (code page 936, as Excel on a Chinese Windows writes it) as UTF-8, through ICU's converter;
// nullopt when a byte sequence is not GBK, with its offset in `badAt`. Bytes the code page leaves
// to private use (0xFF, the user-defined areas) name no character anyone could read: not GBK.
std::optional<std::string> gbkToUtf8(std::string_view bytes, std::size_t& badAt) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UConverter, ConverterClose> gbk(ucnv_open("GBK", &status));
    if (U_FAILURE(status)) throw EnvironmentError(std::string("ICU has no GBK converter: ") + u_errorName(status));
    ucnv_setToUCallBack(gbk.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    std::u16string text(bytes.size() + 1, u'\0');
    std::vector<int32_t> offsets(text.size());
    const char* source = bytes.data();
    UChar* target = reinterpret_cast<UChar*>(text.data());
    ucnv_toUnicode(gbk.get(), &target, target + text.size(), &source, bytes.data() + bytes.size(), offsets.data(), true, &status);
    if (U_FAILURE(status)) {
        char invalid[32];
        int8_t length = sizeof invalid;
        UErrorCode ignored = U_ZERO_ERROR;
        ucnv_getInvalidChars(gbk.get(), invalid, &length, &ignored);
        badAt = static_cast<std::size_t>(source - bytes.data()) - static_cast<std::size_t>(U_SUCCESS(ignored) ? length : 0);
        return std::nullopt;
    }
    text.resize(static_cast<std::size_t>(target - reinterpret_cast<UChar*>(text.data())));
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] >= u'\uE000' && text[i] <= u'\uF8FF') {
            badAt = static_cast<std::size_t>(offsets[i]);
            return std::nullopt;
        }
    std::string out(text.size() * 3, '\0');
    int32_t written = 0;
    status = U_ZERO_ERROR;
    u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &written, reinterpret_cast<const UChar*>(text.data()),
                static_cast<int32_t>(text.size()), &status);
    if (U_FAILURE(status)) throw EnvironmentError(std::string("ICU could not write UTF-8: ") + u_errorName(status));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::string rowColumn(std::size_t row, std::size_t column) { return msg::csvAt(row, column, columnLetters(column)); }

// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"), and the
// quote that marks such a cell as text. A cell that already begins with the quote before one of
// them gets one more, so that reading strips exactly what writing added.
constexpr std::string_view kFormulaStarts = "=+-@\t\r";
constexpr char kTextMark = '\'';

bool startsFormula(const std::string& f) { return !f.empty() && kFormulaStarts.find(f.front()) != std::string_view::npos; }

bool startsMarked(const std::string& f) {
    return f.size() >= 2 && f.front() == kTextMark && (f[1] == kTextMark || kFormulaStarts.find(f[1]) != std::string_view::npos);
}

bool needsQuotes(const std::string& f) {
    if (f.find_first_of(",\"\r\n") != std::string::npos) return true;
    return !f.empty() && (f.front() == ' ' || f.back() == ' ' || f.front() == '\t' || f.back() == '\t');
}

// Header text as compared: trimmed, without the "*" some sheets use to mark required columns.
std::string headerKey(const std::string& h) {
    std::string k = trimText(h);
    for (std::string_view star : {"*", "\xEF\xBC\x8A" /* ＊ */}) {
        if (k.size() >= star.size() && k.compare(k.size() - star.size(), star.size(), star) == 0)
            k = trimText(k.substr(0, k.size() - star.size()));
        if (k.rfind(star, 0) == 0) k = trimText(k.substr(star.size()));
    }
    return k;
}

} // namespace

std::string_view csvEncodingName(CsvEncoding e) {
    switch (e) {
    case CsvEncoding::Utf8WithBom:
        return "UTF-8 with BOM";
    case CsvEncoding::Utf8:
        return "UTF-8";
    case CsvEncoding::Gbk:
        return "GBK";
    }
    return "?";
}

std::string decodeCsvText(std::string_view bytes, CsvEncoding* detected) {
    auto report = [&](CsvEncoding e) {
        if (detected) *detected = e;
    };
    if (bytes.rfind(kBom, 0) == 0) {
        std::string_view rest = bytes.substr(kBom.size());
        if (std::size_t bad = invalidUtf8At(rest); bad != std::string_view::npos) {
            std::size_t at = bad + kBom.size();
            throw InputError(msg::csvBomButNotUtf8(hexByte(static_cast<unsigned char>(bytes[at])), at));
        }
        report(CsvEncoding::Utf8WithBom);
        return std::string(rest);
    }
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
        throw InputError(msg::csvUtf16());
    std::size_t badUtf8 = invalidUtf8At(bytes);
    if (badUtf8 == std::string_view::npos) {
        report(CsvEncoding::Utf8);
        return std::string(bytes);
    }
    std::size_t badGbk = 0;
    if (auto out = gbkToUtf8(bytes, badGbk)) {
        report(CsvEncoding::Gbk);
        return std::move(*out);
    }
    if (badGbk >= bytes.size()) badGbk = badUtf8;
    throw InputError(msg::csvNeitherUtf8NorGbk(hexByte(static_cast<unsigned char>(bytes[badUtf8])), badUtf8,
                                               hexByte(static_cast<unsigned char>(bytes[badGbk])), badGbk));
}

std::vector<CsvRow> parseCsv(std::string_view text) {
    std::vector<CsvRow> rows;
    if (text.empty()) return rows;
    CsvRow row;
    std::string field;
    std::size_t i = 0;
    const std::size_t n = text.size();
    auto lineEndAt = [&](std::size_t k) { return text[k] == '\n' || text[k] == '\r'; };
    auto skipLineEnd = [&](std::size_t k) { return (text[k] == '\r' && k + 1 < n && text[k + 1] == '\n') ? k + 2 : k + 1; };
    while (true) {
        // At the start of a field.
        const std::size_t rowNumber = rows.size() + 1, column = row.size() + 1;
        if (i < n && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < n) {
                char c = text[i];
                if (c == '"') {
                    if (i + 1 < n && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
                    // A line break inside a cell is LF in Excel, whatever the file's line ends.
                    field += '\n';
                    i += 2;
                    continue;
                }
                field += c;
                ++i;
            }
            if (!closed) throw InputError(msg::csvQuoteNotClosed(rowColumn(rowNumber, column)));
            if (i < n && text[i] != ',' && !lineEndAt(i)) throw InputError(msg::csvTextAfterQuote(rowColumn(rowNumber, column)));
        } else {
            while (i < n && text[i] != ',' && !lineEndAt(i)) field += text[i++];
        }
        if (startsMarked(field)) field.erase(0, 1);
        row.push_back(std::move(field));
        field.clear();
        if (i >= n) {
            rows.push_back(std::move(row));
            break;
        }
        if (text[i] == ',') {
            ++i;
            continue;
        }
        i = skipLineEnd(i);
        rows.push_back(std::move(row));
        row.clear();
        if (i >= n) break; // a final line end does not start another row
    }
    return rows;
}

CsvDocument readCsv(std::string_view bytes) {
    CsvDocument doc;
    std::string text = decodeCsvText(bytes, &doc.encoding);
    doc.rows = parseCsv(text);
    return doc;
}

std::string formatCsv(const std::vector<CsvRow>& rows) {
    std::string out;
    for (const CsvRow& row : rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c) out += ',';
            const std::string f = startsFormula(row[c]) || startsMarked(row[c]) ? kTextMark + row[c] : row[c];
            if (!needsQuotes(f)) {
                out += f;
                continue;
            }
            out += '"';
            for (char ch : f) {
                if (ch == '"') out += '"';
                out += ch;
            }
            out += '"';
        }
        out += "\r\n";
    }
    return out;
}

std::string writeCsv(const std::vector<CsvRow>& rows) { return std::string(kBom) + formatCsv(rows); }

CsvColumns::CsvColumns(const CsvRow& header, const std::vector<Spec>& specs) {
    std::map<std::string, std::string> canonical; // any accepted header -> canonical name
    for (const Spec& s : specs) {
        canonical[s.name] = s.name;
        for (const auto& a : s.aliases) canonical[a] = s.name;
    }
    std::map<std::string, std::string> givenAs;
    for (std::size_t c = 0; c < header.size(); ++c) {
        std::string key = headerKey(header[c]);
        if (key.empty()) continue; // Excel leaves empty header cells after the last column
        auto it = canonical.find(key);
        if (it == canonical.end()) {
            warnings_.push_back(msg::csvColumnIgnored(key, columnLetters(c + 1)));
            continue;
        }
        const std::string& name = it->second;
        if (auto seen = index_.find(name); seen != index_.end())
            throw InputError(msg::csvColumnTwice(name, columnLetters(seen->second + 1), givenAs[name], columnLetters(c + 1), key));
        index_[name] = c;
        givenAs[name] = key;
    }
    for (const Spec& s : specs)
        if (s.required && !index_.count(s.name)) throw InputError(msg::csvColumnMissing(s.name));
}

std::string CsvColumns::cell(const CsvRow& row, const std::string& name) const {
    auto it = index_.find(name);
    if (it == index_.end() || it->second >= row.size()) return {};
    return trimText(row[it->second]);
}

std::string sheetErrorText(std::size_t row, const SheetCellError& error) {
    if (error.message == msg::sheetCellEmpty()) return msg::csvCellEmpty(row, error.column);
    return msg::csvCell(row, error.column, error.message);
}

std::string trimText(std::string_view s) {
    static constexpr std::string_view ideographicSpace = "\xE3\x80\x80";
    static constexpr std::string_view nbsp = "\xC2\xA0";
    bool changed = true;
    while (changed && !s.empty()) {
        changed = false;
        for (std::string_view ws :
             {std::string_view(" "), std::string_view("\t"), std::string_view("\r"), std::string_view("\n"), ideographicSpace, nbsp}) {
            if (s.size() >= ws.size() && s.substr(0, ws.size()) == ws) s.remove_prefix(ws.size()), changed = true;
            if (s.size() >= ws.size() && s.substr(s.size() - ws.size()) == ws) s.remove_suffix(ws.size()), changed = true;
        }
    }
    return std::string(s);
}

bool isBlankRow(const CsvRow& row) {
    for (const auto& f : row)
        if (!trimText(f).empty()) return false;
    return true;
}

std::vector<std::string> splitCell(std::string_view cell, const std::vector<std::string_view>& separators) {
    std::vector<std::string> parts;
    std::size_t start = 0, i = 0;
    while (i < cell.size()) {
        std::size_t sepLen = 0;
        for (auto sep : separators)
            if (!sep.empty() && cell.substr(i, sep.size()) == sep) {
                sepLen = sep.size();
                break;
            }
        if (sepLen == 0) {
            ++i;
            continue;
        }
        if (auto part = trimText(cell.substr(start, i - start)); !part.empty()) parts.push_back(std::move(part));
        i += sepLen;
        start = i;
    }
    if (auto part = trimText(cell.substr(start)); !part.empty()) parts.push_back(std::move(part));
    return parts;
}

std::string asciiDigits(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        // U+FF10..U+FF19 are EF BC 90..99; U+FF0E is EF BC 8E.
        if (i + 2 < s.size() && s[i] == '\xEF' && s[i + 1] == '\xBC') {
            unsigned char c = static_cast<unsigned char>(s[i + 2]);
            if (c >= 0x90 && c <= 0x99) {
                out += static_cast<char>('0' + (c - 0x90));
                i += 2;
                continue;
            }
            if (c == 0x8E) {
                out += '.';
                i += 2;
                continue;
            }
        }
        out += s[i];
    }
    return out;
}

std::string columnLetters(std::size_t column) {
    std::string s;
    while (column > 0) {
        std::size_t r = (column - 1) % 26;
        s.insert(s.begin(), static_cast<char>('A' + r));
        column = (column - 1) / 26;
    }
    return s;
}

} // namespace gongshi::content
