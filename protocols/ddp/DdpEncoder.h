#pragma once
// Turns commands into DDP packets for one screen: the whole screen as one RGB frame, cut into
// packets of at most 1440 bytes, push set on the last.
#include "protocols/Protocol.h"

#include <cstdint>
#include <vector>

namespace gongshi::protocols::ddp {

class DdpEncoder {
public:
    explicit DdpEncoder(const ScreenSpec& screen);
    // The RGB picture the command puts on the whole screen. Throws InputError for commands DDP
    // cannot carry, naming them.
    renderer::Bitmap frameFor(const Command& command) const;
    std::size_t packetCount() const;
    // `sequenceBase` counts packets sent so far; packet i carries sequence (sequenceBase + i) % 15 + 1.
    std::vector<Bytes> packets(const renderer::Bitmap& frame, std::uint32_t sequenceBase) const;

private:
    ScreenSpec screen_;
};

} // namespace gongshi::protocols::ddp
