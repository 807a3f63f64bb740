#include "tests/compose/PageRules.h"

#include "common/Utf8.h"

namespace gongshi::test {

namespace {

constexpr const char* kContinued = "续：";
// A page of at most this many characters, ending in a closing mark, is a fragment.
constexpr std::size_t kFragmentChars = 8;

bool startsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

bool beginsRecord(const std::string& line, const std::vector<std::string>& starts) {
    for (const auto& s : starts)
        if (!s.empty() && (startsWith(s, line) || startsWith(line, s))) return true;
    return false;
}

} // namespace

std::vector<std::string> pageRuleProblems(const std::vector<content::Segment>& segments, const std::vector<std::string>& recordStarts) {
    const std::u32string closing = U"）)》」』”’。！？；，、】";
    std::vector<std::string> problems;
    for (const auto& s : segments) {
        if (s.effect != content::AreaEffect::Static) continue;
        for (std::size_t p = 1; p < s.layout.pages.size(); ++p) {
            const auto& lines = s.layout.pages[p].lines;
            const std::string where = s.source + " 第" + std::to_string(p + 1) + "页：";
            if (lines.empty()) {
                problems.push_back(where + "是空页");
                continue;
            }
            std::u32string all;
            for (const auto& l : lines) all += l.text;
            const std::string first = encodeUtf8(lines.front().text);
            if (startsWith(first, kContinued)) continue;
            if (beginsRecord(first, recordStarts)) continue;
            if (all.size() <= kFragmentChars && closing.find(all.back()) != std::u32string::npos)
                problems.push_back(where + "只有句尾残片“" + encodeUtf8(all) + "”");
            else
                problems.push_back(where + "从句中开始（“" + first + "”），却没有“续”");
        }
    }
    return problems;
}

} // namespace gongshi::test
