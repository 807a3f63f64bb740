#include "protocols/alpha/AlphaPauses.h"

#include "protocols/alpha/AlphaCodes.h"

namespace gongshi::protocols::alpha {

std::vector<PacketPause> pausesIn(const Bytes& p) {
    std::vector<PacketPause> out;
    // The header (NULs, SOH, type, address) holds no STX: the first one starts the command.
    bool memory = false;
    for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] != code::STX) continue;
        out.push_back({i + 1, kCommandPause});
        const std::size_t command = i + 1;
        if (command < p.size() && p[command] == code::WriteSmallDots && command + 6 <= p.size())
            out.push_back({command + 6, kDotsSizePause}); // 'I', label, rows HH, columns WW
        memory = memory || (command + 1 < p.size() && p[command] == code::WriteSpecial && p[command + 1] == code::SetMemory);
    }
    if (memory) out.push_back({p.size(), kMemoryPause});
    return out;
}

} // namespace gongshi::protocols::alpha
