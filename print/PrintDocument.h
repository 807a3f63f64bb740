#pragma once
// The print backend: pages of positioned items (text set by PrintTypesetter, boxes, lines,
// pictures, QR codes) in points, drawn through cairo into a PDF (fonts embedded as subsets, text
// searchable and copyable), SVG pages, or PNG pages at a chosen resolution (recorded in pHYs).
#include "bitmap/Bitmap.h"
#include "print/PrintText.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace gongshi::renderer {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
inline double mm(double millimetres) { return millimetres * kPointsPerMm; }

struct Stroke {
    Color color = Color::black();
    double width = 0.5; // points
    bool dashed = false;
};

// Text whose first line's band starts at y.
struct TextItem {
    double x = 0, y = 0;
    TextBlock text;
};

struct BoxItem {
    double x = 0, y = 0, width = 0, height = 0;
    std::optional<Color> fill;
    std::optional<Stroke> stroke;
    double radius = 0; // rounded corners
};

struct LineItem {
    double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    Stroke stroke;
};

// A picture scaled to fill the box, cropped to keep its proportions (a photo in its frame).
struct ImageItem {
    double x = 0, y = 0, width = 0, height = 0;
    Bitmap picture; // Rgb
};

// A QR code of `text` with its quiet zone, `size` points a side including the zone.
struct QrItem {
    double x = 0, y = 0, size = 0;
    std::string text;
};

using PrintItem = std::variant<TextItem, BoxItem, LineItem, ImageItem, QrItem>;

struct PrintPage {
    std::vector<PrintItem> items;
};

struct PrintSheet {
    double width = 0, height = 0; // points
    std::string title;            // the PDF's title
    std::vector<PrintPage> pages;
};

enum class PrintFormat { Pdf, Svg, Png };

// By the file's extension (.pdf, .svg, .png); InputError otherwise.
PrintFormat printFormatOf(const std::string& path);

// The PDF of every page.
std::string renderPdf(const PrintSheet& sheet);
// One page as SVG.
std::string renderSvg(const PrintSheet& sheet, std::size_t page);
// One page at `dpi` pixels to the inch on white. Throws InputError when the picture would be
// too large (over 32,767 pixels a side or 250 million pixels).
Bitmap renderPage(const PrintSheet& sheet, std::size_t page, int dpi);
// The pixel size of a page at `dpi`.
std::pair<int, int> pagePixels(const PrintSheet& sheet, int dpi);

// Writes the sheet to `path`: a PDF holds every page; SVG and PNG write one file a page, `path`
// itself for a single page, else NAME-1.ext, NAME-2.ext, ... Returns the files written.
std::vector<std::string> writeSheet(const PrintSheet& sheet, const std::string& path, int dpi);

} // namespace gongshi::renderer
