#pragma once
// Finds packets in a byte stream that arrives in any chunks: a run of five or more NULs, SOH, and
// everything up to EOT. Bytes outside packets come back as garbage runs, reported when the next
// packet starts (or every MaxGarbageRun bytes), so that the pieces never depend on the chunking.
#include "protocols/Protocol.h"

#include <cstddef>
#include <vector>

namespace gongshi::protocols::alpha {

class FrameScanner {
public:
    struct Piece {
        enum class Kind {
            Frame,     // SOH .. EOT in `frame`; `size` counts the leading NULs too
            Garbage,   // bytes outside any packet
            Truncated, // a packet cut off by a NUL (a sender restarting)
            TooLong,   // no EOT within MaxFrame bytes
        };
        Kind kind = Kind::Frame;
        std::size_t size = 0;
        Bytes frame;
    };

    // The longest packet kept (SOH to EOT): a full 255 x 31 picture is under 8 KB, a TEXT file at
    // most 64 KB.
    static constexpr std::size_t MaxFrame = 72 * 1024;
    static constexpr std::size_t MaxGarbageRun = 4096;

    std::vector<Piece> feed(const std::uint8_t* data, std::size_t size);

private:
    void endGarbage(std::vector<Piece>& out);

    bool inside_ = false;
    std::size_t garbage_ = 0; // bytes outside packets not yet reported
    std::size_t nuls_ = 0;    // the NUL run that may open the next packet
    std::size_t frameNuls_ = 0;
    Bytes frame_;
};

} // namespace gongshi::protocols::alpha
