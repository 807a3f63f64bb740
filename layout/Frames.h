#pragma once
// Frames for the effects screens play: page flip, scroll left (marquee), scroll up.
#include "bitmap/Bitmap.h"

#include <vector>

namespace gongshi::renderer {

struct Frame {
    Bitmap bitmap;
    bool rest = false; // a page is fully shown: a player holds this frame for the dwell time
};

// The pages themselves, each a resting frame.
std::vector<Frame> pageFlipFrames(const std::vector<Bitmap>& pages);
// A strip (a marquee line, as tall as the screen) entering from the right edge and moving left by
// `step` pixels a frame until it has left the screen. Throws InputError for step < 1.
std::vector<Frame> scrollLeftFrames(const Bitmap& strip, int screenWidth, int step);
// Pages moving up by `step` pixels a frame: the first enters from below, each rests when fully
// shown, the last ends the sequence at rest. Resting positions are always hit exactly.
std::vector<Frame> scrollUpFrames(const std::vector<Bitmap>& pages, int step);

} // namespace gongshi::renderer
