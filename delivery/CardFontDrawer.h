#pragma once
// What stands in for a card's own font where we draw what a card draws (the emulator, the live
// view of a font card): the led16 profile, laid out in the area's box. The cards' 16-pixel Song
// font has the same metrics (16 x 16 for Chinese, 8 x 16 for ASCII); its strokes are its own.
#include "protocols/Protocol.h"

namespace gongshi::delivery {

// Draws with one renderer shared by every caller (one at a time), made on first use.
protocols::TextDrawer cardFontDrawer();

} // namespace gongshi::delivery
