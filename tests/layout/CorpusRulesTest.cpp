#include "layout/TextRenderer.h"
#include "common/Utf8.h"
#include "tests/layout/RuleChecker.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace gongshi;
using namespace gongshi::renderer;

namespace {

std::vector<std::u32string> corpusParagraphs(std::size_t& characters) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(test::sourceDir()) / "tests/data/corpus"))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::u32string> paragraphs;
    characters = 0;
    for (const auto& f : files) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream s;
        s << in.rdbuf();
        std::u32string text = decodeUtf8(s.str());
        characters += text.size();
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find(U'\n', start);
            if (end == std::u32string::npos) end = text.size();
            if (end > start) paragraphs.push_back(text.substr(start, end - start));
            start = end + 1;
        }
    }
    return paragraphs;
}

} // namespace

TEST_CASE("the corpus lays out at 128, 160 and 192 px with zero rule violations") {
    std::size_t characters = 0;
    auto paragraphs = corpusParagraphs(characters);
    CHECK(characters >= 10000);
    TextRenderer r;
    struct Setting {
        const char* font;
        BreakRules rules;
    };
    std::size_t linesChecked = 0, forced = 0, relaxed = 0;
    for (int width : {128, 160, 192}) {
        for (Setting s : {Setting{"led16", BreakRules::Gb}, Setting{"led16", BreakRules::Strict}, Setting{"led12", BreakRules::Basic},
                          Setting{"led16", BreakRules::Basic}}) {
            LayoutOptions o;
            o.width = width;
            o.height = 64;
            o.rules = s.rules;
            o.align = Align::Justify;
            std::vector<std::string> report;
            for (const auto& para : paragraphs) {
                Layout layout = r.engine(s.font).layout(para, o);
                std::vector<const Line*> lines;
                for (const auto& page : layout.pages)
                    for (const auto& line : page.lines) {
                        lines.push_back(&line);
                        forced += line.forced;
                        relaxed += line.relaxed;
                    }
                linesChecked += lines.size();
                for (const auto& v : test::checkParagraph(para, lines, s.rules, width))
                    if (report.size() < 20) report.push_back(v.rule + ": " + v.detail);
            }
            CAPTURE(width);
            std::string font = s.font, rules = breakRulesName(s.rules);
            CAPTURE(font);
            CAPTURE(rules);
            std::string all;
            for (const auto& line : report) all += "  " + line + "\n";
            CHECK_MESSAGE(report.empty(), "violations:\n" << all);
        }
    }
    MESSAGE("lines checked: " << linesChecked << ", relaxed: " << relaxed << ", forced cuts of over-wide runs: " << forced);
    CHECK(linesChecked > 5000);
    // Relaxing and cutting are the exception: long URLs and e-mail addresses in narrow boxes.
    CHECK(relaxed * 100 < linesChecked);
    CHECK(forced * 100 < linesChecked);
}

TEST_CASE("justified corpus lines fill the box exactly unless they end a paragraph") {
    std::size_t characters = 0;
    auto paragraphs = corpusParagraphs(characters);
    TextRenderer r;
    LayoutOptions o;
    o.width = 160;
    o.height = 64;
    o.align = Align::Justify;
    int notFilled = 0, withHanGap = 0;
    for (const auto& para : paragraphs) {
        Layout layout = r.engine("led16").layout(para, o);
        for (const auto& page : layout.pages)
            for (const auto& line : page.lines) {
                if (line.paragraphEnd || line.forced) continue;
                bool hasCjkPair = false;
                for (std::size_t i = 0; i + 1 < line.text.size(); ++i)
                    hasCjkPair = hasCjkPair || isWideCjk(line.text[i]) || isWideCjk(line.text[i + 1]);
                if (!hasCjkPair) continue;
                ++withHanGap;
                if (line.x + line.width != o.width) ++notFilled;
            }
    }
    CHECK(withHanGap > 500);
    CHECK(notFilled == 0);
}
