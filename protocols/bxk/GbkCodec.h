#pragma once
// Text in the K cards' character set (GBK, a superset of GB2312), through glibc iconv.
#include "protocols/Protocol.h"

#include <string>
#include <string_view>

namespace gongshi::protocols::bxk {

// UTF-8 -> GBK. Throws InputError naming the first character GBK lacks as U+XXXX with its
// position (counted in characters from 1), or the byte where the UTF-8 is broken.
Bytes encodeGbk(std::string_view utf8);

// Whether `c` is in GB2312 (printable ASCII, and the 7,445 characters of its 94x94 table): what
// the 16-pixel Song font of a K card draws. GBK's other characters are left out: cards with the
// GB2312 font alone show them as blanks.
bool inGb2312(char32_t c);

// GBK -> UTF-8. Bytes that are not GBK come back as U+FFFD, one per byte, as the card shows a
// box for them rather than refusing the text.
std::string decodeGbk(const std::uint8_t* data, std::size_t size);

} // namespace gongshi::protocols::bxk
