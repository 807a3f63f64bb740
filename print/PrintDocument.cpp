#include "print/PrintDocument.h"

#include "common/Messages.h"
#include "common/Error.h"
#include "print/CairoFonts.h"
#include "bitmap/ImageIO.h"
#include "print/QrCode.h"
#include "common/Utf8.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

namespace gongshi::renderer {
namespace {

struct SurfaceDestroy {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDestroy {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct FontOptionsDestroy {
    void operator()(cairo_font_options_t* o) const { cairo_font_options_destroy(o); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceDestroy>;
using Context = std::unique_ptr<cairo_t, ContextDestroy>;
using FontOptions = std::unique_ptr<cairo_font_options_t, FontOptionsDestroy>;

void check(cairo_status_t status, const char* what) {
    if (status != CAIRO_STATUS_SUCCESS) throw Error(std::string("cairo failed ") + what + ": " + cairo_status_to_string(status));
}

cairo_status_t appendBytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void setColor(cairo_t* cr, const Color& c) { cairo_set_source_rgb(cr, c.r / 255.0, c.g / 255.0, c.b / 255.0); }

// A picture no larger than `maxWidth` x `maxHeight` pixels, averaged down by a whole factor: a
// phone's 4,000-pixel photo in a 25 mm frame would otherwise go into the PDF at full size.
Bitmap shrunk(const Bitmap& src, int maxWidth, int maxHeight) {
    const int f = std::max(1, std::min(src.width() / std::max(1, maxWidth), src.height() / std::max(1, maxHeight)));
    if (f == 1) return src;
    Bitmap out(src.width() / f, src.height() / f, ColorMode::Rgb);
    for (int y = 0; y < out.height(); ++y)
        for (int x = 0; x < out.width(); ++x) {
            unsigned r = 0, g = 0, b = 0;
            for (int dy = 0; dy < f; ++dy)
                for (int dx = 0; dx < f; ++dx) {
                    Color c = src.pixel(x * f + dx, y * f + dy);
                    r += c.r, g += c.g, b += c.b;
                }
            const unsigned n = static_cast<unsigned>(f * f);
            out.setPixel(x, y, {static_cast<std::uint8_t>(r / n), static_cast<std::uint8_t>(g / n), static_cast<std::uint8_t>(b / n)});
        }
    return out;
}

Surface imageSurface(const Bitmap& picture) {
    Surface s(cairo_image_surface_create(CAIRO_FORMAT_RGB24, picture.width(), picture.height()));
    check(cairo_surface_status(s.get()), "making a picture");
    cairo_surface_flush(s.get());
    unsigned char* data = cairo_image_surface_get_data(s.get());
    const int stride = cairo_image_surface_get_stride(s.get());
    for (int y = 0; y < picture.height(); ++y) {
        const std::uint8_t* src = picture.row(0, y);
        auto* dst = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        for (int x = 0; x < picture.width(); ++x)
            dst[x] = 0xFF000000u | (static_cast<std::uint32_t>(src[3 * x]) << 16) | (static_cast<std::uint32_t>(src[3 * x + 1]) << 8) |
                     src[3 * x + 2];
    }
    cairo_surface_mark_dirty(s.get());
    return s;
}

// Draws one page's items on a context whose user space is points.
class Painter {
public:
    // `devicePerPoint` > 0 for pixel output: QR modules are then snapped to whole pixels.
    Painter(cairo_t* cr, double devicePerPoint) : cr_(cr), devicePerPoint_(devicePerPoint) {
        FontOptions options(cairo_font_options_create());
        cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
        cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_antialias(options.get(), CAIRO_ANTIALIAS_GRAY);
        cairo_set_font_options(cr_, options.get());
    }

    void page(const PrintPage& page) {
        for (const auto& item : page.items) std::visit([this](const auto& i) { draw(i); }, item);
        check(cairo_status(cr_), "drawing a page");
    }

private:
    void draw(const BoxItem& b) {
        if (b.radius > 0) {
            const double r = std::min({b.radius, b.width / 2, b.height / 2});
            cairo_new_sub_path(cr_);
            cairo_arc(cr_, b.x + b.width - r, b.y + r, r, -M_PI / 2, 0);
            cairo_arc(cr_, b.x + b.width - r, b.y + b.height - r, r, 0, M_PI / 2);
            cairo_arc(cr_, b.x + r, b.y + b.height - r, r, M_PI / 2, M_PI);
            cairo_arc(cr_, b.x + r, b.y + r, r, M_PI, 3 * M_PI / 2);
            cairo_close_path(cr_);
        } else {
            cairo_rectangle(cr_, b.x, b.y, b.width, b.height);
        }
        if (b.fill) {
            setColor(cr_, *b.fill);
            if (b.stroke)
                cairo_fill_preserve(cr_);
            else
                cairo_fill(cr_);
        }
        if (b.stroke) stroke(*b.stroke);
    }

    void draw(const LineItem& l) {
        cairo_move_to(cr_, l.x1, l.y1);
        cairo_line_to(cr_, l.x2, l.y2);
        stroke(l.stroke);
    }

    void stroke(const Stroke& s) {
        setColor(cr_, s.color);
        cairo_set_line_width(cr_, s.width);
        const double dash[] = {3 * s.width + 1.5, 2 * s.width + 1.5};
        cairo_set_dash(cr_, dash, s.dashed ? 2 : 0, 0);
        cairo_stroke(cr_);
        cairo_set_dash(cr_, nullptr, 0, 0);
    }

    void draw(const ImageItem& im) {
        if (im.picture.width() == 0 || im.picture.height() == 0 || im.width <= 0 || im.height <= 0) return;
        // Enough pixels for 300 dpi in the frame, whatever the output.
        const Bitmap picture = shrunk(im.picture, static_cast<int>(im.width / 72 * 300) * 2, static_cast<int>(im.height / 72 * 300) * 2);
        Surface s = imageSurface(picture);
        const double scale = std::max(im.width / picture.width(), im.height / picture.height());
        cairo_save(cr_);
        cairo_rectangle(cr_, im.x, im.y, im.width, im.height);
        cairo_clip(cr_);
        cairo_translate(cr_, im.x + (im.width - picture.width() * scale) / 2, im.y + (im.height - picture.height() * scale) / 2);
        cairo_scale(cr_, scale, scale);
        cairo_set_source_surface(cr_, s.get(), 0, 0);
        cairo_pattern_set_filter(cairo_get_source(cr_), CAIRO_FILTER_GOOD);
        cairo_paint(cr_);
        cairo_restore(cr_);
    }

    void draw(const QrItem& q) {
        const QrCode code = encodeQr(q.text);
        const int modules = code.size + 2 * QrCode::kQuietZone;
        cairo_save(cr_);
        double x = q.x, y = q.y, module = q.size / modules;
        if (devicePerPoint_ > 0) {
            // Whole device pixels per module: a scanner reads crisp squares, not blended edges.
            cairo_identity_matrix(cr_);
            const double side = q.size * devicePerPoint_;
            module = std::max(1.0, std::floor(side / modules));
            x = std::round(q.x * devicePerPoint_ + (side - module * modules) / 2);
            y = std::round(q.y * devicePerPoint_ + (side - module * modules) / 2);
        }
        cairo_rectangle(cr_, x, y, module * modules, module * modules);
        setColor(cr_, Color::white());
        cairo_fill(cr_);
        for (int my = 0; my < code.size; ++my)
            for (int mx = 0; mx < code.size; ++mx)
                if (code.at(mx, my))
                    cairo_rectangle(cr_, x + (mx + QrCode::kQuietZone) * module, y + (my + QrCode::kQuietZone) * module, module, module);
        setColor(cr_, Color::black());
        // One path for every dark module, filled once: no hairline seams between neighbours.
        cairo_set_antialias(cr_, devicePerPoint_ > 0 ? CAIRO_ANTIALIAS_NONE : CAIRO_ANTIALIAS_DEFAULT);
        cairo_fill(cr_);
        cairo_restore(cr_);
    }

    // A face's run of glyphs on one line, with the characters it draws.
    struct Run {
        int slot = 0;
        std::size_t firstGlyph = 0, endGlyph = 0;
        std::size_t firstChar = 0, endChar = 0;
        std::string before, after; // text of missing characters beside it, drawn as placeholders
    };

    void draw(const TextItem& t) {
        const TextBlock& b = t.text;
        if (b.lineCount() == 0 || !b.faces) return;
        const double s = b.scale();
        const auto& faces = *b.faces;
        setColor(cr_, b.color);
        const auto& lines = b.lines();
        for (std::size_t k = 0; k < lines.size(); ++k) {
            const Line& line = lines[k];
            const auto& g = line.glyphs;
            if (g.empty()) continue;
            const double rowTop = t.y + static_cast<double>(k) * b.pitch + (b.pitch - b.size) / 2;
            const double left = t.x + line.x * s;

            std::vector<Run> runs;
            for (std::size_t i = 0; i < g.size();) {
                std::size_t j = i + 1;
                while (j < g.size() && g[j].slot == g[i].slot) ++j;
                runs.push_back({g[i].slot, i, j, g[i].cluster, j < g.size() ? g[j].cluster : line.text.size(), {}, {}});
                i = j;
            }
            // The characters no face has still belong in the text a reader copies: they join the
            // neighbouring glyph's cluster (poppler drops clusters without glyphs).
            for (std::size_t r = 0; r < runs.size(); ++r) {
                if (runs[r].slot >= 0) continue;
                const std::string text =
                    encodeUtf8(std::u32string_view(line.text).substr(runs[r].firstChar, runs[r].endChar - runs[r].firstChar));
                if (r > 0 && runs[r - 1].slot >= 0)
                    runs[r - 1].after += text;
                else if (r + 1 < runs.size() && runs[r + 1].slot >= 0)
                    runs[r + 1].before += text;
            }
            for (const Run& run : runs) {
                if (run.slot < 0) {
                    for (std::size_t i = run.firstGlyph; i < run.endGlyph; ++i)
                        placeholder(left + g[i].x * s, rowTop, g[i].advance * s, b.size);
                    continue;
                }
                const double baseline = rowTop + faces[static_cast<std::size_t>(run.slot)].baseline * s;
                showRun(run, line, left, baseline, s, b.size, faces[static_cast<std::size_t>(run.slot)]);
            }
        }
    }

    void showRun(const Run& run, const Line& line, double left, double baseline, double s, double size, const PrintFace& face) {
        const auto& g = line.glyphs;
        std::vector<cairo_glyph_t> glyphs;
        std::vector<cairo_text_cluster_t> clusters;
        std::string utf8;
        for (std::size_t i = run.firstGlyph; i < run.endGlyph;) {
            std::size_t j = i;
            while (j < run.endGlyph && g[j].cluster == g[i].cluster) {
                glyphs.push_back({g[j].glyph, left + (g[j].x + g[j].xOffset) * s, baseline - g[j].yOffset * s});
                ++j;
            }
            const std::size_t endChar = j < run.endGlyph ? g[j].cluster : run.endChar;
            const std::size_t before = utf8.size();
            if (i == run.firstGlyph) utf8 += run.before;
            for (std::size_t c = g[i].cluster; c < endChar; ++c) appendUtf8(utf8, line.text[c]);
            if (j == run.endGlyph) utf8 += run.after;
            clusters.push_back({static_cast<int>(utf8.size() - before), static_cast<int>(j - i)});
            i = j;
        }
        cairo_set_font_face(cr_, cairoFontFace(face.path, face.index));
        cairo_set_font_size(cr_, size);
        cairo_show_text_glyphs(cr_, utf8.data(), static_cast<int>(utf8.size()), glyphs.data(), static_cast<int>(glyphs.size()),
                               clusters.data(), static_cast<int>(clusters.size()), static_cast<cairo_text_cluster_flags_t>(0));
    }

    // A hollow box with a diagonal, as on the screens: a character is missing, never a gap.
    void placeholder(double x, double rowTop, double advance, double size) {
        const double inset = size * 0.08;
        const double w = std::max(advance - 2 * inset, size * 0.2), h = size - 2 * inset;
        cairo_set_line_width(cr_, size * 0.05);
        cairo_rectangle(cr_, x + inset, rowTop + inset, w, h);
        cairo_move_to(cr_, x + inset, rowTop + inset);
        cairo_line_to(cr_, x + inset + w, rowTop + inset + h);
        cairo_stroke(cr_);
    }

    cairo_t* cr_;
    double devicePerPoint_;
};

void checkPage(const PrintSheet& sheet, std::size_t page) {
    if (page >= sheet.pages.size()) throw InputError(msg::noSuchPage(static_cast<int>(page), sheet.pages.size()));
}

std::string numbered(const std::string& path, std::size_t n) {
    std::filesystem::path p(path);
    return (p.parent_path() / (p.stem().string() + "-" + std::to_string(n) + p.extension().string())).string();
}

void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw Error(msg::cannotWriteFile(path, ""));
}

} // namespace

PrintFormat printFormatOf(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".pdf") return PrintFormat::Pdf;
    if (ext == ".svg") return PrintFormat::Svg;
    if (ext == ".png") return PrintFormat::Png;
    throw InputError(msg::printOutputKind(path));
}

std::string renderPdf(const PrintSheet& sheet) {
    std::string out;
    {
        Surface surface(cairo_pdf_surface_create_for_stream(appendBytes, &out, sheet.width, sheet.height));
        check(cairo_surface_status(surface.get()), "starting a PDF");
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, sheet.title.c_str());
        cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "gongshi");
        Context cr(cairo_create(surface.get()));
        Painter painter(cr.get(), 0);
        for (const auto& page : sheet.pages) {
            painter.page(page);
            cairo_show_page(cr.get());
        }
        cr.reset();
        cairo_surface_finish(surface.get());
        check(cairo_surface_status(surface.get()), "writing the PDF");
    }
    return out;
}

std::string renderSvg(const PrintSheet& sheet, std::size_t page) {
    checkPage(sheet, page);
    std::string out;
    {
        Surface surface(cairo_svg_surface_create_for_stream(appendBytes, &out, sheet.width, sheet.height));
        check(cairo_surface_status(surface.get()), "starting an SVG");
        // width and height in points, so the file has the paper's physical size.
        cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PT);
        Context cr(cairo_create(surface.get()));
        Painter(cr.get(), 0).page(sheet.pages[page]);
        cr.reset();
        cairo_surface_finish(surface.get());
        check(cairo_surface_status(surface.get()), "writing the SVG");
    }
    return out;
}

std::pair<int, int> pagePixels(const PrintSheet& sheet, int dpi) {
    return {static_cast<int>(std::lround(sheet.width * dpi / 72.0)), static_cast<int>(std::lround(sheet.height * dpi / 72.0))};
}

Bitmap renderPage(const PrintSheet& sheet, std::size_t page, int dpi) {
    checkPage(sheet, page);
    if (dpi < 1) throw InputError(msg::dpiTooLow());
    const auto [w, h] = pagePixels(sheet, dpi);
    if (w > 32767 || h > 32767 || static_cast<long long>(w) * h > 250'000'000LL) throw InputError(msg::dpiTooLarge(dpi, w, h));
    Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, std::max(1, w), std::max(1, h)));
    check(cairo_surface_status(surface.get()), "making the page picture");
    {
        Context cr(cairo_create(surface.get()));
        cairo_set_source_rgb(cr.get(), 1, 1, 1);
        cairo_paint(cr.get());
        const double scale = dpi / 72.0;
        cairo_scale(cr.get(), scale, scale);
        Painter(cr.get(), scale).page(sheet.pages[page]);
    }
    cairo_surface_flush(surface.get());
    Bitmap out(std::max(1, w), std::max(1, h), ColorMode::Rgb);
    const unsigned char* data = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    for (int y = 0; y < out.height(); ++y) {
        const auto* src = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
        std::uint8_t* dst = out.row(0, y);
        for (int x = 0; x < out.width(); ++x) {
            dst[3 * x] = static_cast<std::uint8_t>(src[x] >> 16);
            dst[3 * x + 1] = static_cast<std::uint8_t>(src[x] >> 8);
            dst[3 * x + 2] = static_cast<std::uint8_t>(src[x]);
        }
    }
    return out;
}

std::vector<std::string> writeSheet(const PrintSheet& sheet, const std::string& path, int dpi) {
    const PrintFormat format = printFormatOf(path);
    if (sheet.pages.empty()) throw InputError(msg::sheetHasNoPages());
    if (format == PrintFormat::Pdf) {
        writeFile(path, renderPdf(sheet));
        return {path};
    }
    std::vector<std::string> written;
    for (std::size_t p = 0; p < sheet.pages.size(); ++p) {
        const std::string file = sheet.pages.size() == 1 ? path : numbered(path, p + 1);
        if (format == PrintFormat::Svg)
            writeFile(file, renderSvg(sheet, p));
        else
            writePng(renderPage(sheet, p, dpi), file, dpi);
        written.push_back(file);
    }
    return written;
}

} // namespace gongshi::renderer
