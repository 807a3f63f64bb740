#pragma once
// Turns commands into DDP packets for one screen: the whole screen as one RGB frame, cut into
// packets of at most 1440 bytes, push set on the last, every packet of the frame with the frame's
// one sequence number (as LedFx sends; WLED's "skip out-of-sequence packets" judges packets by
// the number of the last frame it showed).
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
    // The frame's packets, each carrying `sequence` (1..15).
    std::vector<Bytes> packets(const renderer::Bitmap& frame, std::uint8_t sequence) const;

private:
    ScreenSpec screen_;
};

} // namespace gongshi::protocols::ddp
