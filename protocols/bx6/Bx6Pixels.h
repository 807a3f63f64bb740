#pragma once
// Page pixel data of a graphic dynamic area, in the two formats Onbon's cards use:
// - Rgb888: 3 bytes R, G, B per pixel, row-major, top row first (6Q; Onbon's Java demo).
// - Planes: 1-bit planes, one per colour the screen has (mono: R; red-green: R then G; rgb: R, G, B),
//   each plane all rows top first; a row is u32 words (little-endian) aligned to 32-pixel columns of
//   the *screen*, pixel at screen column c in bit 31 - c % 32, 0 = lit; bits outside the area are 1
//   (6E; Onbon's manual, appendix 2).
#include "protocols/Protocol.h"
#include "protocols/bx6/Bx6Settings.h"

#include <cstddef>
#include <cstdint>

namespace gongshi::protocols::bx6 {

// What the card shows: a 6Q (rgb888) is full colour; a 6E (planes) shows the screen's own colours.
renderer::ColorMode shownMode(PixelFormat format, renderer::ColorMode screenMode);
std::size_t pagePixelBytes(PixelFormat format, renderer::ColorMode screenMode, int areaX, int width, int height);
Bytes encodePagePixels(const renderer::Bitmap& page, PixelFormat format, renderer::ColorMode screenMode, int areaX);
// `data` holds pagePixelBytes(...) bytes; the result is in shownMode(format, screenMode).
renderer::Bitmap decodePagePixels(const std::uint8_t* data, PixelFormat format, renderer::ColorMode screenMode, int areaX, int width,
                                  int height);

} // namespace gongshi::protocols::bx6
