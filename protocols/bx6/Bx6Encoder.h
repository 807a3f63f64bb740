#pragma once
// Turns commands into 6th-generation frames for one screen.
#include "protocols/Protocol.h"
#include "protocols/bx6/Bx6Settings.h"

#include <vector>

namespace gongshi::protocols::bx6 {

class Bx6Encoder {
public:
    explicit Bx6Encoder(const ScreenSpec& screen);
    // Throws InputError for what bx-6 cards cannot carry, naming the command.
    std::vector<Bytes> encode(const Command& command) const;

private:
    Bytes bitmapPayload(const Command& command) const;
    Bytes frame(const Bytes& data) const;
    std::vector<Bytes> segments(std::uint8_t innerCmd, const Bytes& payload) const;

    ScreenSpec screen_;
    Bx6Settings settings_;
};

} // namespace gongshi::protocols::bx6
