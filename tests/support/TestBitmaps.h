#pragma once
// Reproducible pictures for the protocol tests: the same arguments always give the same pixels.
#include "bitmap/Bitmap.h"

#include <cstdint>

namespace gongshi::test {

// Pseudo-random pixels, about half of them lit, in every colour the mode has: mono lit = white;
// red-green black, red, green and yellow; rgb any 24-bit colour.
renderer::Bitmap randomPicture(int width, int height, renderer::ColorMode mode, std::uint32_t seed = 1);

// A lit border, the diagonal and a sparse lattice, coloured by position (red, green, yellow; white
// in mono): catches swapped rows, columns and colours.
renderer::Bitmap borderedPicture(int width, int height, renderer::ColorMode mode);

} // namespace gongshi::test
