#pragma once
// A picture (a logo, 党徽, a QR code) made into a panel's pixels: scaled by area averaging, then
// reduced to the colours the panel has by error diffusion.
#include "bitmap/Bitmap.h"

namespace gongshi::renderer {

// Where a picture of `width` x `height` goes in a box of `boxWidth` x `boxHeight`: as large as
// fits with its proportions kept (up or down), centred. Zero size when either is empty.
struct Placement {
    int x = 0, y = 0, width = 0, height = 0;
};
Placement fitInside(int width, int height, int boxWidth, int boxHeight);

// `rgb` resampled to `width` x `height` (at least 1 x 1) by area averaging: each pixel the mean
// of the part of the picture it covers, partly covered pixels weighted by how much they cover.
// Down-scaling is free of aliasing; up-scaling by whole factors repeats pixels exactly.
Bitmap resampleArea(const Bitmap& rgb, int width, int height);

// `rgb` in `mode`: Mono by Floyd–Steinberg error diffusion on luminance (lit where bright),
// serpentine; RedGreen each pixel the nearest of black, red, green and yellow with the error in
// red and green diffused the same way (blue has no light of its own there); Rgb itself. Pure
// colours the panel has come through unchanged.
Bitmap diffuse(const Bitmap& rgb, ColorMode mode);

// `rgb` fitted into a `width` x `height` box (fitInside, resampleArea) and reduced to `mode`
// (diffuse), black (unlit) around it.
Bitmap fitPicture(const Bitmap& rgb, int width, int height, ColorMode mode);

} // namespace gongshi::renderer
