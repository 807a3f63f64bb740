#include "protocols/alpha/FrameScanner.h"

#include "protocols/alpha/AlphaCodes.h"

namespace gongshi::protocols::alpha {

using Kind = FrameScanner::Piece::Kind;

void FrameScanner::endGarbage(std::vector<Piece>& out) {
    if (garbage_ == 0) return;
    out.push_back({Kind::Garbage, garbage_, {}});
    garbage_ = 0;
}

std::vector<FrameScanner::Piece> FrameScanner::feed(const std::uint8_t* data, std::size_t size) {
    std::vector<Piece> out;
    for (std::size_t i = 0; i < size; ++i) {
        std::uint8_t b = data[i];
        if (!inside_) {
            if (b == code::NUL) {
                ++nuls_;
            } else if (b == code::SOH && nuls_ >= code::SyncNuls) {
                endGarbage(out);
                inside_ = true;
                frameNuls_ = nuls_;
                nuls_ = 0;
                frame_.assign(1, b);
            } else {
                garbage_ += nuls_ + 1;
                nuls_ = 0;
                if (garbage_ >= MaxGarbageRun) endGarbage(out);
            }
            continue;
        }
        if (b == code::NUL) {
            // Packets never carry NUL: this is the next packet's sync, and this one is lost.
            out.push_back({Kind::Truncated, frameNuls_ + frame_.size(), {}});
            inside_ = false;
            frame_.clear();
            nuls_ = 1;
            continue;
        }
        frame_.push_back(b);
        if (b == code::EOT) {
            out.push_back({Kind::Frame, frameNuls_ + frame_.size(), std::move(frame_)});
            inside_ = false;
            frame_.clear();
        } else if (frame_.size() >= MaxFrame) {
            out.push_back({Kind::TooLong, frameNuls_ + frame_.size(), {}});
            inside_ = false;
            frame_.clear();
        }
    }
    return out;
}

} // namespace gongshi::protocols::alpha
