#pragma once
// Excel workbooks (.xlsx) as rows of text, the same rows a CSV sheet gives (records/Csv.h): read
// with Poco's Zip and SAX XML reader, written with libxlsxwriter.
//
// Reading takes the workbook's first worksheet: shared strings (rich text runs joined, phonetic
// guides left out), inline strings, formula results, numbers (whole numbers without ".0"),
// booleans as 1/0, and cells placed by their `r` reference, so missing cells are empty fields.
// Rows are numbered as Excel numbers them (row 1 is index 0); an empty row is a row of no fields.
#include "records/Csv.h"

#include <string>
#include <string_view>
#include <vector>

namespace gongshi::content {

// True when the bytes begin as a zip archive does (an .xlsx is one).
bool looksLikeZip(std::string_view bytes);

// The first worksheet's rows. Throws InputError, in Chinese, when the bytes are not an .xlsx
// workbook (not a zip, no workbook or worksheet in it, XML that does not parse, too large).
std::vector<CsvRow> readXlsx(std::string_view bytes);

// A workbook of one worksheet named `sheetName` holding `rows` as text cells, the first row
// bold and frozen; the bytes of the .xlsx file.
std::string writeXlsx(const std::vector<CsvRow>& rows, const std::string& sheetName);

} // namespace gongshi::content
