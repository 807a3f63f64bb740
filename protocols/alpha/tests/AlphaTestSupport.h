#pragma once
// Helpers shared by the alpha tests: test pictures, feeding a card, golden packet files.
#include "protocols/Protocol.h"

#include <string>
#include <vector>

namespace gongshi::protocols::alpha::test {

// A picture with every colour the mode has, in a pattern that catches swapped rows, columns and
// colours: a lit border, a diagonal, and colour by position.
renderer::Bitmap testPicture(int width, int height, renderer::ColorMode mode);

// Feeds every packet to the card as one chunk, or byte by byte; returns every event.
std::vector<FrameEvent> feedAll(CardDecoder& card, const std::vector<Bytes>& packets, bool byteByByte = false);
std::vector<FrameEvent> feedBytes(CardDecoder& card, const Bytes& bytes);

// Packets as the text kept in tests/golden/protocols/alpha: a description, then per packet its
// size, its bytes in hex and a readable view with control bytes named.
std::string goldenText(const std::string& description, const std::vector<Bytes>& packets);
// Compares with tests/golden/protocols/alpha/<name>.hex; rewrites it only when asked to
// (--update-golden or GONGSHI_UPDATE_GOLDEN=1).
void checkGolden(const std::string& name, const std::string& text);

Bytes bytesOf(const std::string& s);

} // namespace gongshi::protocols::alpha::test
