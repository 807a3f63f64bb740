#pragma once
// Reading back what the print tests printed: poppler-utils (pdftotext, pdfinfo, pdffonts,
// pdfimages), zbar-tools (zbarimg) and the PNG's own chunks.
#include <string>
#include <utility>
#include <vector>

namespace gongshi::test {

// Runs /usr/bin/<argv[0]> and returns what it printed; a test failure (naming the Debian package
// to install when the tool is missing) unless it exits 0.
std::string runTool(const std::vector<std::string>& argv);
// The text of a PDF (pdftotext -raw), of one page when page > 0, with every space and line break
// removed: a name wrapped inside a table cell reads as one word again.
std::string pdfText(const std::string& pdf, int page = 0);
std::pair<double, double> pdfPageSize(const std::string& pdf); // points, from pdfinfo
int pdfPages(const std::string& pdf);
// What zbarimg reads from the QR codes of a picture, one a line; empty when it finds none.
std::string qrText(const std::string& png);
// The resolution a PNG's pHYs chunk records, in dots per inch; 0 without one.
int pngDpi(const std::string& png);
std::string withoutSpace(const std::string& text);
void writeBytes(const std::string& path, const std::string& bytes);

} // namespace gongshi::test
