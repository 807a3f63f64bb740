#pragma once
// What stands in for a card's own font where we draw what a card draws (the emulator, the live
// view of a font card): the led16 profile, laid out in the area's box. The cards' 16-pixel Song
// font has the same metrics (16 x 16 for Chinese, 8 x 16 for ASCII); its strokes are its own.
#include "protocols/Protocol.h"

namespace gongshi::renderer {
class TextRenderer;
}

namespace gongshi::delivery {

// Draws with one renderer shared by every caller (one at a time), made on first use.
protocols::TextDrawer cardFontDrawer();

// The stand-in's drawing with the caller's renderer: `utf8` laid out in a box of `width` x
// `height` (wrapped at its width, aligned as given), its first page.
renderer::Bitmap drawInCardFont(renderer::TextRenderer& r, const std::string& utf8, int width, int height, renderer::ColorMode mode,
                                renderer::Color color, protocols::HAlign align);

} // namespace gongshi::delivery
