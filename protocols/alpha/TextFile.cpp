#include "protocols/alpha/TextFile.h"

#include "protocols/alpha/AlphaCodes.h"

namespace gongshi::protocols::alpha {

namespace {

// How many parameter bytes follow a control code inside a TEXT file.
int parameterBytes(unsigned char c) {
    switch (c) {
    case 0x08: // extended character
    case 0x0B: // call date
    case 0x10: // call STRING
    case 0x1A: // font
    case 0x1E: // character spacing
        return 1;
    case 0x1D: // character attribute + on/off
        return 2;
    default:
        return 0;
    }
}

} // namespace

std::vector<TextPage> parseTextPages(std::string_view s) {
    std::vector<TextPage> pages;
    char color = 0;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c == code::ESC) {
            TextPage page;
            page.color = color;
            if (i + 1 < s.size()) page.position = s[i + 1];
            if (i + 2 < s.size()) page.mode = s[i + 2];
            i += 3;
            if (page.mode == code::ModeSpecial) ++i; // the special effect's specifier
            pages.push_back(std::move(page));
            continue;
        }
        if (pages.empty()) pages.emplace_back();
        TextPage& page = pages.back();
        if (c == code::SelectColor) {
            if (i + 1 < s.size()) color = page.color = s[i + 1];
            i += 2;
        } else if (c == code::CallDots) {
            if (i + 1 < s.size()) page.pictures += s[i + 1];
            i += 2;
        } else if (c >= code::SpeedSlowest && c <= code::SpeedFastest) {
            page.speed = c - code::SpeedSlowest + 1;
            ++i;
        } else if (c >= 0x20 && c < 0x7F) {
            page.text += static_cast<char>(c);
            ++i;
        } else {
            i += 1 + static_cast<std::size_t>(parameterBytes(c));
        }
    }
    return pages;
}

const char* modeName(char mode) {
    switch (mode) {
    case 'a':
        return "rotate";
    case 'b':
        return "hold";
    case 'c':
        return "flash";
    case 'e':
        return "roll-up";
    case 'f':
        return "roll-down";
    case 'g':
        return "roll-left";
    case 'h':
        return "roll-right";
    case 'i':
        return "wipe-up";
    case 'j':
        return "wipe-down";
    case 'k':
        return "wipe-left";
    case 'l':
        return "wipe-right";
    case 'm':
        return "scroll";
    case 'n':
        return "special";
    case 'o':
        return "automode";
    case 'p':
        return "roll-in";
    case 'q':
        return "roll-out";
    case 'r':
        return "wipe-in";
    case 's':
        return "wipe-out";
    case 't':
        return "compressed-rotate";
    default:
        return "unknown";
    }
}

const char* positionName(char position) {
    switch (position) {
    case code::PositionMiddle:
        return "middle";
    case code::PositionTop:
        return "top";
    case code::PositionBottom:
        return "bottom";
    case code::PositionFill:
        return "fill";
    case code::PositionLeft:
        return "left";
    case code::PositionRight:
        return "right";
    default:
        return "unknown";
    }
}

} // namespace gongshi::protocols::alpha
