#pragma once
#include "layout/Layout.h"

#include <string>

namespace gongshi::renderer {

// {"font": "...", "width": W, "height": H, "pages": [{"lines": [{"text": "...", "x": 0, "y": 0,
//  "width": 0}]}], "missing": ["U+2A6A5", ...]}
std::string layoutToJson(const Layout& layout);

} // namespace gongshi::renderer
