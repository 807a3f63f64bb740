#include "tests/layout/LayoutGolden.h"

#include "common/Error.h"
#include "layout/TextRenderer.h"
#include "common/Utf8.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace gongshi::test {

std::vector<LayoutCase> readLayoutCases(const std::string& path) {
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path);
    std::vector<LayoutCase> cases;
    LayoutCase* current = nullptr;
    bool inExpected = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("== ", 0) == 0) {
            cases.push_back({line.substr(3), "", "", {}});
            current = &cases.back();
            inExpected = false;
        } else if (!current || line.empty() || line[0] == '#') {
            continue;
        } else if (line.rfind("options:", 0) == 0) {
            current->options = line.substr(8);
        } else if (line.rfind("text:", 0) == 0) {
            current->text = line.substr(line.size() > 5 && line[5] == ' ' ? 6 : 5);
        } else if (line == "expect:") {
            inExpected = true;
        } else if (inExpected) {
            current->expected.push_back(line);
        }
    }
    return cases;
}

void writeLayoutCases(const std::string& path, const std::vector<LayoutCase>& cases) {
    // Keep the file's leading comment block.
    std::string header;
    {
        std::ifstream in(path);
        for (std::string line; std::getline(in, line) && line.rfind("== ", 0) != 0;) header += line + "\n";
    }
    std::ofstream out(path);
    out << header;
    for (const auto& c : cases) {
        out << "== " << c.name << "\n"
            << "options:" << c.options << "\n"
            << "text: " << c.text << "\nexpect:\n";
        for (const auto& e : c.expected) out << e << "\n";
        out << "\n";
    }
}

namespace {

std::string unescape(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size() && s[i + 1] == 'n') {
            out += '\n';
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::vector<std::string> runCase(renderer::TextRenderer& r, const LayoutCase& c) {
    std::map<std::string, std::string> opt{{"font", "led16"}, {"width", "128"},  {"height", "16"}, {"align", "left"}, {"breaks", "gb"},
                                           {"gap", "0"},      {"valign", "top"}, {"marquee", "0"}, {"glyphs", "0"}};
    std::istringstream words(c.options);
    for (std::string w; words >> w;) {
        auto eq = w.find('=');
        REQUIRE_MESSAGE(eq != std::string::npos, "bad option word '" << w << "' in case " << c.name);
        REQUIRE_MESSAGE(opt.count(w.substr(0, eq)), "unknown option '" << w << "' in case " << c.name);
        opt[w.substr(0, eq)] = w.substr(eq + 1);
    }
    renderer::LayoutOptions o;
    o.width = std::stoi(opt["width"]);
    o.height = std::stoi(opt["height"]);
    o.align = renderer::parseAlign(opt["align"]);
    o.valign = renderer::parseVAlign(opt["valign"]);
    o.rules = renderer::parseBreakRules(opt["breaks"]);
    o.lineGap = std::stoi(opt["gap"]);
    o.marquee = opt["marquee"] == "1";
    renderer::Layout layout = r.layout(unescape(c.text), opt["font"], o);
    std::vector<std::string> got;
    got.push_back("font " + layout.font);
    for (const auto& page : layout.pages) {
        got.push_back("page");
        for (const auto& line : page.lines) {
            got.push_back(std::to_string(line.x) + " " + std::to_string(line.y) + " " + std::to_string(line.width) + " |" +
                          gongshi::encodeUtf8(line.text) + (line.forced ? "  (forced)" : ""));
            if (opt["glyphs"] == "1") {
                std::string xs = "  glyph x:";
                for (const auto& g : line.glyphs) xs += " " + std::to_string(g.x);
                got.push_back(xs);
            }
        }
    }
    for (char32_t cp : layout.missing) got.push_back("missing " + gongshi::codePointName(cp));
    return got;
}

std::string joined(const std::vector<std::string>& lines) {
    std::string s;
    for (const auto& l : lines) s += "    " + l + "\n";
    return s;
}

} // namespace

TEST_CASE("golden layouts: CLREQ rules, mixed scripts, paging, auto-fit, alignment, justify") {
    namespace fs = std::filesystem;
    renderer::TextRenderer r;
    fs::path dir = fs::path(sourceDir()) / "tests/golden/layout";
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".txt") continue;
        auto cases = readLayoutCases(entry.path().string());
        bool changed = false;
        for (auto& c : cases) {
            CAPTURE(entry.path().filename().string());
            CAPTURE(c.name);
            std::vector<std::string> got = runCase(r, c);
            if (updateGolden()) {
                changed = changed || got != c.expected;
                c.expected = got;
                continue;
            }
            CHECK_MESSAGE(got == c.expected, "case '" << c.name << "' in " << entry.path().filename().string() << "\n  expected:\n"
                                                      << joined(c.expected) << "  got:\n"
                                                      << joined(got));
            ++checked;
        }
        if (changed) writeLayoutCases(entry.path().string(), cases);
    }
    if (!updateGolden()) CHECK(checked >= 30);
}

} // namespace gongshi::test
