#include "sheets/SheetParts.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "print/PrintText.h"
#include "common/Utf8.h"

#include <algorithm>
#include <cmath>

namespace gongshi::content::sheets {

// The exterior sign: the centre's standard name in red Song characters on one line, as large as
// the board allows, letter-spaced when the height is what limits it.
SheetFlow::Footer sign(Input& in) {
    SheetFlow& fl = in.flow;
    const double W = fl.pageWidth(), H = fl.pageHeight();
    TextStyle st = style("print-serif-bold", 100, Align::Left, 1.0, kSignRed);
    const std::u32string chars = decodeUtf8(in.centreName);
    if (chars.empty()) throw InputError(msg::centreHasNoNameForSign());
    const double emPerSize = fl.typesetter().measure(in.centreName, st) / st.size;
    st.size = std::min(H * 0.6, W * 0.88 / emPerSize);
    TextBlock b = fl.set(in.centreName, st, W, source("centre", in.records.centre.meta.id, "name"));
    double width = b.inkWidth();
    const std::size_t n = chars.size();
    if (n > 1 && b.lineCount() == 1) {
        // Spacing between the characters, at most 0.35 em, to carry the name across 86% of the board.
        const double gap = std::min(0.35 * st.size, (W * 0.86 - width) / static_cast<double>(n - 1));
        if (gap > 0) {
            const int px = static_cast<int>(std::lround(gap / b.scale()));
            auto& line = b.layout.pages.front().lines.front();
            for (auto& g : line.glyphs) g.x += static_cast<int>(g.cluster) * px;
            line.width += static_cast<int>(n - 1) * px;
            width = b.inkWidth();
        }
    }
    fl.add(renderer::TextItem{(W - width) / 2 - b.lines().front().x * b.scale(), (H - b.height()) / 2, b});
    return nullptr;
}

} // namespace gongshi::content::sheets
