#pragma once
// The per-screen options of bx-6, read from ScreenSpec::options by both the sender and the card:
//   device=6Q2|6E1|...|any|0xNNNN   the DevType header field (default 6Q2, 0x0266)
//   pixels=rgb888|planes            page pixel format; by default what Onbon's SDK sends the card
//                                   type: rgb888 for 6Q (full colour), planes for 6E
//   packet=N                        largest frame on the wire in bytes (default and maximum 64512)
//   dynamic=with-program|alone      dynamic areas shown over the program in flash (ImmePlay 0,
//                                   RelateAllPro 1: the SDK's ..._WithProgram_6G; the default) or
//                                   alone, the card's programs stopped (ImmePlay 1: the SDK's
//                                   bxDual_dynamicArea_AddAreaPic_6G)
#include "protocols/Protocol.h"

#include <cstddef>
#include <cstdint>

namespace gongshi::protocols::bx6 {

enum class PixelFormat { Rgb888, Planes };

struct Bx6Settings {
    std::uint16_t deviceType = 0x0266;
    PixelFormat pixels = PixelFormat::Rgb888;
    std::size_t maxPacket = 64512;
    bool dynamicAlone = false;

    // Throws InputError naming the option and the values it accepts (ValidationError, in Chinese,
    // for a packet size that is no whole number in range).
    static Bx6Settings fromScreen(const ScreenSpec& screen);
};

} // namespace gongshi::protocols::bx6
