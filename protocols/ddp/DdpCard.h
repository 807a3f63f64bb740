#pragma once
// The receiving side of DDP: a display that paints each datagram's bytes at its offset into a
// pending RGB frame and shows that frame when a packet with push arrives.
#include "protocols/Protocol.h"

#include <cstdint>

namespace gongshi::protocols::ddp {

class DdpCard : public CardDecoder {
public:
    explicit DdpCard(const ScreenSpec& screen);

    // DDP has no byte stream: each call is taken as one whole datagram.
    std::vector<FrameEvent> feed(const std::uint8_t* data, std::size_t size) override;
    std::vector<FrameEvent> feedDatagram(const Bytes& datagram) override;
    // The last pushed frame, RGB.
    const renderer::Bitmap& screen() const override { return screen_; }

private:
    FrameEvent datagram(const std::uint8_t* data, std::size_t size);

    renderer::Bitmap pending_;
    renderer::Bitmap screen_;
};

} // namespace gongshi::protocols::ddp
