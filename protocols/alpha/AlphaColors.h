#pragma once
// The sign's colours: SMALL DOTS pixel digits and TEXT colour codes, both ways.
#include "bitmap/Bitmap.h"

namespace gongshi::protocols::alpha {

// The pixel digit for what a viewer sees at a pixel: '0' off; on a mono screen '1' for anything
// lit; otherwise the red and green halves as Bitmap keeps them (>= 128 lit), so red '1', green
// '2', both '3' amber, which is the nearest of the sign's three colours.
char dotDigit(renderer::Color color, renderer::ColorMode screen);
bool isDotDigit(char digit); // '0'..'8'
// What the card shows for a pixel digit or a text colour code ('1'..'8'); amber shows as yellow
// so that a red-green round trip is exact. Unknown codes show red, the sign's own default.
renderer::Color signColor(char code);
// The TEXT colour code for Command::color. Throws InputError for a colour with neither red nor
// green in it (black, blue): the sign has no way to show it.
char textColorCode(renderer::Color color, renderer::ColorMode screen);
const char* colorName(char code);

} // namespace gongshi::protocols::alpha
