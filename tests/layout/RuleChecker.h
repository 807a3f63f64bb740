#pragma once
// An independent checker of laid-out lines against the CLREQ rules the renderer promises. It
// does not call the line breaker: it looks only at the texts of neighbouring lines.
#include "layout/Layout.h"
#include "layout/LineBreaker.h"

#include <string>
#include <vector>

namespace gongshi::test {

struct Violation {
    std::string rule;
    std::string detail; // the two lines around the break
};

// `paragraph` is the source paragraph; `lines` are its lines in order.
std::vector<Violation> checkParagraph(std::u32string_view paragraph, const std::vector<const renderer::Line*>& lines,
                                      renderer::BreakRules rules, int boxWidth);

} // namespace gongshi::test
