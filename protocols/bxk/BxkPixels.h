#pragma once
// Dot-matrix pages as K / 5MK cards take them (Onbon BX-K Display.cs): rows top first, 8 pixels a
// byte, MSB = leftmost, 0 = LED on, 1 = off; red-green screens send an R byte then a G byte for
// each 8-pixel group. A row is a whole number of groups: pixels past the page's width are off.
#include "protocols/Protocol.h"

namespace gongshi::protocols::bxk {

// 8-pixel groups needed for `width` pixels.
inline int groupsFor(int width) { return (width + 7) / 8; }

// Bytes of one page of `groups` x `height` on a screen of `mode` (Mono or RedGreen).
std::size_t pageBytes(int groups, int height, renderer::ColorMode mode);

// Appends `page` in the card's layout. Pixels are judged by the colour a viewer sees, so a page
// of another mode still encodes: on mono any lit pixel is on, on red-green red >= 128 lights R
// and green >= 128 lights G.
void packPage(const renderer::Bitmap& page, renderer::ColorMode mode, Bytes& out);

// One page from `pageBytes(groups, height, mode)` bytes at `data`, groups * 8 pixels wide.
renderer::Bitmap unpackPage(const std::uint8_t* data, int groups, int height, renderer::ColorMode mode);

} // namespace gongshi::protocols::bxk
