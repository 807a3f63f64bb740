#pragma once
// Helpers of the alpha tests: the text of golden packet files. (Test pictures, feeding a card and
// the golden file check are tests/support's TestBitmaps.h, ProtocolTestSupport.h and GoldenHex.h.)
#include "protocols/Protocol.h"

#include <string>
#include <vector>

namespace gongshi::protocols::alpha::test {

// Packets as the text kept in tests/golden/protocols/alpha: a description, then per packet its
// size, its bytes in hex and a readable view with control bytes named.
std::string goldenText(const std::string& description, const std::vector<Bytes>& packets);

Bytes bytesOf(const std::string& s);

} // namespace gongshi::protocols::alpha::test
