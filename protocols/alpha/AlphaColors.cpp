#include "protocols/alpha/AlphaColors.h"

#include "common/Error.h"

#include <cstdio>
#include <string>

namespace gongshi::protocols::alpha {

using renderer::Color;
using renderer::ColorMode;

char dotDigit(Color color, ColorMode screen) {
    if (color.isBlack()) return '0';
    if (screen == ColorMode::Mono) return '1';
    bool red = color.r >= 128, green = color.g >= 128;
    return red && green ? '3' : red ? '1' : green ? '2' : '0';
}

bool isDotDigit(char digit) { return digit >= '0' && digit <= '8'; }

Color signColor(char code) {
    switch (code) {
    case '0':
        return Color::black();
    case '1':
        return Color::red();
    case '2':
        return Color::green();
    case '3':
        return Color::yellow(); // amber
    case '4':
        return {128, 0, 0}; // dim red
    case '5':
        return {0, 128, 0}; // dim green
    case '6':
        return {160, 80, 0}; // brown
    case '7':
        return {255, 128, 0}; // orange
    case '8':
        return Color::yellow();
    default:
        return Color::red();
    }
}

char textColorCode(Color color, ColorMode screen) {
    if (color.r == 0 && color.g == 0) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "#%02X%02X%02X", color.r, color.g, color.b);
        throw InputError(std::string("text colour ") + hex + " has no red or green in it: alpha signs show red, green or amber text");
    }
    if (screen == ColorMode::Mono) return '1';
    bool red = color.r >= 128, green = color.g >= 128;
    if (red && green) return '3';
    if (red || green) return red ? '1' : '2';
    // A dim colour: the brighter half decides.
    return color.r >= color.g ? '1' : '2';
}

const char* colorName(char code) {
    switch (code) {
    case '1':
        return "red";
    case '2':
        return "green";
    case '3':
        return "amber";
    case '4':
        return "dim-red";
    case '5':
        return "dim-green";
    case '6':
        return "brown";
    case '7':
        return "orange";
    case '8':
        return "yellow";
    case '9':
        return "rainbow1";
    case 'A':
        return "rainbow2";
    case 'B':
        return "mix";
    case 'C':
        return "auto";
    default:
        return "unknown";
    }
}

} // namespace gongshi::protocols::alpha
