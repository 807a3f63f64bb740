#include "layout/Frames.h"

#include "common/Error.h"

namespace gongshi::renderer {

std::vector<Frame> pageFlipFrames(const std::vector<Bitmap>& pages) {
    std::vector<Frame> frames;
    for (const auto& p : pages) frames.push_back({p, true});
    return frames;
}

std::vector<Frame> scrollLeftFrames(const Bitmap& strip, int screenWidth, int step) {
    if (step < 1) throw InputError("scroll step must be at least 1 pixel");
    std::vector<Frame> frames;
    for (int x = screenWidth;; x -= step) {
        if (x < -strip.width()) x = -strip.width();
        Bitmap frame(screenWidth, strip.height(), strip.mode());
        frame.blit(strip, x, 0);
        frames.push_back({std::move(frame), false});
        if (x == -strip.width()) break;
    }
    return frames;
}

std::vector<Frame> scrollUpFrames(const std::vector<Bitmap>& pages, int step) {
    if (step < 1) throw InputError("scroll step must be at least 1 pixel");
    std::vector<Frame> frames;
    if (pages.empty()) return frames;
    const int w = pages.front().width(), h = pages.front().height();
    const int total = h * static_cast<int>(pages.size());
    // offset: how far the stack of pages has risen; page k rests at offset h * (k + 1). A step
    // that would pass a resting position stops on it instead.
    for (int offset = 0; offset < total;) {
        int nextRest = (offset / h + 1) * h;
        bool rest = offset + step >= nextRest;
        offset = rest ? nextRest : offset + step;
        Bitmap frame(w, h, pages.front().mode());
        for (std::size_t k = 0; k < pages.size(); ++k) frame.blit(pages[k], 0, h - offset + h * static_cast<int>(k));
        frames.push_back({std::move(frame), rest});
    }
    return frames;
}

} // namespace gongshi::renderer
