#pragma once
// Turns one Command into the packets an Alpha sign takes, one command per packet:
//   Text     memory configuration (TEXT 'A' sized to the text), then TEXT 'A'.
//   Bitmap   memory configuration (TEXT 'A' and one DOTS file per page), the SMALL DOTS pictures,
//            then TEXT 'A' calling them, one page each.
//   Clear    memory clear (E$ configuring no files): every file goes, the sign goes dark.
//   SetClock time of day, date, day of the week.
//   Reset    soft reset (keeps the files).
//   Status   read the time of day (F + space): the sign answers with its address and clock.
// Everything else throws InputError: the sign has no such function.
#include "protocols/Protocol.h"
#include "protocols/alpha/AlphaSettings.h"

#include <string>

namespace gongshi::protocols::alpha {

class AlphaEncoder {
public:
    // Throws InputError for an address or option the sign cannot take.
    explicit AlphaEncoder(const ScreenSpec& screen);

    std::vector<Bytes> encode(const Command& command) const;

private:
    std::vector<Bytes> text(const Command& command) const;
    std::vector<Bytes> bitmap(const Command& command) const;
    std::vector<Bytes> clock(const ClockTime& time) const;
    Bytes packet(const std::string& command) const;
    char positionFor(HAlign align) const;

    ScreenSpec screen_;
    AlphaSettings settings_;
};

} // namespace gongshi::protocols::alpha
