#pragma once
#include "bitmap/Bitmap.h"

namespace gongshi::renderer {

// An RGB picture of how a panel looks: every pixel a round LED dot `scale` pixels across, unlit
// dots dim, on a black board. scale 1 returns the pixels unchanged (as RGB).
Bitmap ledPreview(const Bitmap& panel, int scale);

} // namespace gongshi::renderer
