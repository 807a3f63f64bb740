#pragma once
// The peer the renderer is measured against: PangoCairo laying out the same paragraphs at the
// same pixel size and width, rendered to an A8 surface and thresholded to 1 bit.
#include <string>
#include <vector>

namespace gongshi::bench {

class PangoPeer {
public:
    PangoPeer(const std::string& family, int pixelSize, int width, int height);
    ~PangoPeer();
    // Lays out and rasterises one paragraph; returns the number of lit pixels (so the work is used).
    long render(const std::string& paragraph);

private:
    struct Impl;
    Impl* impl_;
};

} // namespace gongshi::bench
