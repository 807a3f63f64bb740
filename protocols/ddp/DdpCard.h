#pragma once
// The receiving side of DDP, as WLED's handler (wled00/e131.cpp handleDDPPacket) behaves: each
// datagram's bytes go into the frame at their offset; a packet with push shows the frame. Until
// it has seen a push, the display shows every packet as it comes, so a sender that never sets
// push is still shown. With option skip-out-of-sequence=on (WLED's "skip out-of-sequence
// packets") a packet whose sequence number is up to 4 below the last shown one is dropped as late.
// It answers DDP's status query (id 251) with its JSON status, and a query of any other id with
// an empty reply, as the DDP specification asks.
#include "protocols/Protocol.h"

#include <cstdint>

namespace gongshi::protocols::ddp {

class DdpCard : public CardDecoder {
public:
    // Throws InputError for an option it does not know the value of.
    explicit DdpCard(const ScreenSpec& screen);

    // DDP has no byte stream: each call is taken as one whole datagram.
    std::vector<FrameEvent> feed(const std::uint8_t* data, std::size_t size) override;
    std::vector<FrameEvent> feedDatagram(const Bytes& datagram) override;
    // What the display shows, RGB.
    const renderer::Bitmap& screen() const override { return screen_; }

private:
    FrameEvent datagram(const std::uint8_t* data, std::size_t size);
    bool late(std::uint8_t sequence) const;

    renderer::Bitmap pending_;
    renderer::Bitmap screen_;
    bool skipOutOfSequence_ = false;
    bool seenPush_ = false;
    std::uint8_t lastShownSequence_ = 0; // 0: none yet
};

} // namespace gongshi::protocols::ddp
