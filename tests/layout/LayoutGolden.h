#pragma once
// Golden layout cases as data: each case gives options and text, and the expected pages of
// lines as "x y width |text". One runner checks them all; --update-golden rewrites them.
#include <string>
#include <vector>

namespace gongshi::test {

struct LayoutCase {
    std::string name;
    std::string options;               // key=value words: font width height align breaks gap valign marquee glyphs
    std::string text;                  // "\n" written as \n
    std::vector<std::string> expected; // "page" separators and "x y width |text" lines, "missing U+..."
};

std::vector<LayoutCase> readLayoutCases(const std::string& path);
void writeLayoutCases(const std::string& path, const std::vector<LayoutCase>& cases);

} // namespace gongshi::test
