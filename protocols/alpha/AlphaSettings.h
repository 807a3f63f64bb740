#pragma once
// The per-screen options of alpha, read from ScreenSpec by the sender and the sign alike:
//   alpha=1.0|3.0      the protocol level the sign speaks (default 1.0, as a BetaBrite does):
//                      only Alpha 3.0 signs have the left and right text positions
//   sign-address=HH    the two hex digits to send to, 00..FF, whatever ScreenSpec::address says
// Without sign-address, ScreenSpec::address 0 and 1 (the product's default) go out as "00", every
// sign on the line, as both public libraries send; 2..255 go out as their two hex digits.
#include "protocols/Protocol.h"

#include <string>

namespace gongshi::protocols::alpha {

struct AlphaSettings {
    std::string address = "00"; // the address field of every packet sent
    bool alpha3 = false;        // Alpha 3.0: left (31) and right (32) positions exist

    // Throws InputError naming the option and the values it takes.
    static AlphaSettings fromScreen(const ScreenSpec& screen);
};

} // namespace gongshi::protocols::alpha
