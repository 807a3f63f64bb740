#pragma once
#include <string>
#include <string_view>

namespace gongshi {

// Decodes UTF-8 strictly (no overlongs, surrogates or values past U+10FFFF). Throws InputError
// naming the byte offset of the first bad sequence.
std::u32string decodeUtf8(std::string_view text);
// The byte offset of the first sequence decodeUtf8 would refuse, or npos: the one check of
// UTF-8 for request bodies, uploaded files and CSV sheets.
std::size_t invalidUtf8At(std::string_view text);
void appendUtf8(std::string& out, char32_t cp);
std::string encodeUtf8(std::u32string_view text);
// "U+2A6A5"
std::string codePointName(char32_t cp);

} // namespace gongshi
