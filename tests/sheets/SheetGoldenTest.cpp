// Golden pixels of every sheet of the demo centre at 50 dpi (tests/golden/print/NAME-PAGE.png),
// compared exactly; rewritten only with --update-golden, and looked at before committing.
#include "sheets/Sheets.h"
#include "bitmap/ImageIO.h"
#include "print/PrintText.h"
#include "tests/sheets/DemoCentre.h"
#include "tests/print/TestPictures.h"

#include <doctest/doctest.h>

#include <filesystem>

using namespace gongshi;
using namespace gongshi::content;

namespace {

struct GoldenSheet {
    const char* name;
    SheetKind kind;
    const char* paper;
    bool landscape;
    Id matter, notice;
};

const GoldenSheet kSheets[] = {
    {"poster", SheetKind::Poster, "A4", false, 0, 0},       {"guide", SheetKind::Guide, "A4", false, 13, 0},
    {"checklist", SheetKind::Checklist, "A4", false, 1, 0}, {"postcards", SheetKind::Postcards, "A4", false, 0, 0},
    {"sign", SheetKind::Sign, "1500x300mm", false, 0, 0},   {"notice", SheetKind::Notice, "A4", false, 0, 2},
};

constexpr int kDpi = 50;

} // namespace

TEST_CASE("golden pixels: every sheet of the demo centre at 50 dpi") {
    namespace fs = std::filesystem;
    test::DemoCentre demo;
    // Two staff with photos (PNG: decoded the same on every machine), the others with none.
    demo.records.staff[0].photo = demo.files.store(test::portraitPng(150, 200), "png");
    demo.records.staff[2].photo = demo.files.store(test::portraitPng(90, 120), "png");
    renderer::PrintTypesetter typesetter;
    const fs::path dir = fs::path(test::sourceDir()) / "tests/golden/print";
    for (const auto& g : kSheets) {
        const SheetRequest r{g.kind, g.paper, g.landscape, g.matter, g.notice, "2026-11-27"};
        const ComposedSheet s = composeSheet(r, demo.records, typesetter, &demo.files);
        for (std::size_t p = 0; p < s.sheet.pages.size(); ++p) {
            const std::string file = std::string(g.name) + "-" + std::to_string(p + 1) + ".png";
            CAPTURE(file);
            const renderer::Bitmap got = renderer::renderPage(s.sheet, p, kDpi);
            const fs::path golden = dir / file;
            if (test::updateGolden()) {
                fs::create_directories(dir);
                renderer::writePng(got, golden.string(), kDpi);
                continue;
            }
            REQUIRE_MESSAGE(fs::exists(golden), "missing golden " << golden.string() << " (run with --update-golden)");
            const renderer::Bitmap want = renderer::readPng(golden.string());
            CHECK(want.width() == got.width());
            CHECK(want.height() == got.height());
            int differing = 0;
            for (int y = 0; y < std::min(want.height(), got.height()); ++y)
                for (int x = 0; x < std::min(want.width(), got.width()); ++x) differing += !(want.pixel(x, y) == got.pixel(x, y));
            if (differing) renderer::writePng(got, (fs::temp_directory_path() / ("gongshi-got-" + file)).string(), kDpi);
            CHECK_MESSAGE(differing == 0, differing << " pixels differ from " << file << " (what was drawn is in "
                                                    << (fs::temp_directory_path() / ("gongshi-got-" + file)).string() << ")");
        }
        // No page left over from an earlier, longer version of the sheet.
        if (!test::updateGolden())
            CHECK_MESSAGE(!fs::exists(dir / (std::string(g.name) + "-" + std::to_string(s.sheet.pages.size() + 1) + ".png")),
                          g.name << " has fewer pages than its goldens");
    }
}
