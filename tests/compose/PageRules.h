#pragma once
// The rules every composed page keeps, checked over whole compositions: a record that runs over
// a page says so with 续, and no page holds only the tail of a sentence. For the composition
// goldens of every screen size, and for any test that composes pages.
#include "compose/Composer.h"

#include <string>
#include <vector>

namespace gongshi::test {

// The problems found, one Chinese sentence each naming the segment and the page ("matter-list 第3页：
// 从句中开始（“登记”），却没有“续”"); empty when every page keeps the rules.
//
// Only pages that flip are checked (effect static): a segment scrolling up reads on without a
// break, and a marquee is one strip. A segment's first page begins a record. Every further page
// must open with the 续 mark ("续：…") or with the start of a record: its first line is the start
// of one of `recordStarts` (a matter's name, a window's first phrase, ...), or one of them starts
// it. A page whose text is a short closing fragment (a few characters ending in "）", "。", "》"…)
// and does not begin a record is reported as a stray tail, whatever else is wrong with it.
std::vector<std::string> pageRuleProblems(const std::vector<content::Segment>& segments, const std::vector<std::string>& recordStarts);

} // namespace gongshi::test
