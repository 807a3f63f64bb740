#include "common/Error.h"
#include "layout/LineBreaker.h"

#include <doctest/doctest.h>

using namespace gongshi::renderer;

namespace {
// The positions (code point indices) before which a line may break.
std::vector<std::size_t> breaks(std::u32string_view text, BreakRules rules = BreakRules::Gb) {
    LineBreaker b;
    auto allowed = b.opportunities(text, rules);
    std::vector<std::size_t> out;
    for (std::size_t i = 1; i < text.size(); ++i)
        if (allowed[i]) out.push_back(i);
    return out;
}
} // namespace

TEST_CASE("ideographs break anywhere, but not before a comma or after an opening quote") {
    CHECK(breaks(U"一二，“三”") == std::vector<std::size_t>{1, 3});
}

TEST_CASE("the two-em dash and the ellipsis are never split") {
    CHECK(breaks(U"一——二") == std::vector<std::size_t>{1, 3});
    // ICU (UAX #14 LB22) never breaks before an ellipsis at all.
    CHECK(breaks(U"一……二") == std::vector<std::size_t>{3});
}

TEST_CASE("strict rules keep the two-em dash off the start of a line") {
    CHECK(breaks(U"一——二", BreakRules::Strict) == std::vector<std::size_t>{3});
}

TEST_CASE("gb rules keep connectors off the start of a line, basic allows it") {
    CHECK(breaks(U"一～二", BreakRules::Basic) == std::vector<std::size_t>{1, 2});
    CHECK(breaks(U"一～二", BreakRules::Gb) == std::vector<std::size_t>{2});
}

TEST_CASE("Latin words, numbers, dates, phone numbers and URLs are unbreakable spans") {
    CHECK(breaks(U"下载APP") == std::vector<std::size_t>{1, 2});
    CHECK(breaks(U"电话0838-1234567") == std::vector<std::size_t>{1, 2});
    CHECK(breaks(U"于2026年12月3日起") == std::vector<std::size_t>{1, 11});
    CHECK(breaks(U"见https://a.gov.cn/x?id=1。") == std::vector<std::size_t>{1});
    CHECK(breaks(U"8:30—12:00止") == std::vector<std::size_t>{10});
    CHECK(breaks(U"Wi-Fi") == std::vector<std::size_t>{});
}

TEST_CASE("a space between Latin words is a break opportunity, taken after the space") {
    CHECK(breaks(U"free Wi-Fi") == std::vector<std::size_t>{5});
}

TEST_CASE("character classes follow CLREQ") {
    CHECK(forbiddenAtLineStart(U'、', BreakRules::Basic));
    CHECK(forbiddenAtLineStart(U'》', BreakRules::Basic));
    CHECK_FALSE(forbiddenAtLineStart(U'—', BreakRules::Gb));
    CHECK(forbiddenAtLineStart(U'—', BreakRules::Strict));
    CHECK(forbiddenAtLineEnd(U'《', BreakRules::Basic));
    CHECK(forbiddenAtLineEnd(U'／', BreakRules::Gb));
    CHECK_FALSE(forbiddenAtLineEnd(U'／', BreakRules::Basic));
    CHECK(halfWidthAtLineEnd(U'。'));
    CHECK_FALSE(halfWidthAtLineEnd(U'中'));
    CHECK(isHan(U'\U0002A6A5'));
    CHECK(parseBreakRules("strict") == BreakRules::Strict);
    CHECK_THROWS_AS(parseBreakRules("loose"), gongshi::InputError);
}
