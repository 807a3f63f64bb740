#include "common/Error.h"
#include "common/Utf8.h"

#include <doctest/doctest.h>

using gongshi::decodeUtf8;
using gongshi::InputError;

namespace {
std::string errorOf(const std::string& bytes) {
    try {
        decodeUtf8(bytes);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}
} // namespace

TEST_CASE("valid UTF-8 decodes to code points, including plane 2") {
    CHECK(decodeUtf8("公示A") == U"公示A");
    CHECK(decodeUtf8("\xF0\xA0\xAE\xB7") == U"\U00020BB7");
    CHECK(gongshi::encodeUtf8(U"公示\U00020BB7") == "公示\xF0\xA0\xAE\xB7");
}

TEST_CASE("invalid UTF-8 names the byte offset of the bad sequence") {
    CHECK(errorOf("公示\xFF") == "invalid UTF-8 at byte offset 6: invalid lead byte (byte 0xFF)");
    CHECK(errorOf("ab\x80") == "invalid UTF-8 at byte offset 2: unexpected continuation byte (byte 0x80)");
    CHECK(errorOf("a\xE5\x85") == "invalid UTF-8 at byte offset 1: sequence cut short by the end of the text (byte 0xE5)");
    CHECK(errorOf("\xC0\xAF") == "invalid UTF-8 at byte offset 0: overlong encoding (byte 0xC0)");
    CHECK(errorOf("x\xED\xA0\x80") == "invalid UTF-8 at byte offset 1: encoded surrogate (byte 0xED)");
    CHECK(errorOf("\xE5\x41\x41") == "invalid UTF-8 at byte offset 0: missing continuation byte (byte 0xE5)");
    CHECK(errorOf("\xF4\x90\x80\x80") == "invalid UTF-8 at byte offset 0: code point beyond U+10FFFF (byte 0xF4)");
}

TEST_CASE("invalidUtf8At finds the offset decodeUtf8 names, and npos for good text") {
    using gongshi::invalidUtf8At;
    CHECK(invalidUtf8At("公示A\xF0\xA0\xAE\xB7") == std::string_view::npos);
    CHECK(invalidUtf8At("") == std::string_view::npos);
    CHECK(invalidUtf8At("公示\xFF") == 6);
    CHECK(invalidUtf8At("ab\x80") == 2);
    CHECK(invalidUtf8At("a\xE5\x85") == 1);
    CHECK(invalidUtf8At("\xC0\xAF") == 0);
    CHECK(invalidUtf8At("x\xED\xA0\x80") == 1);
    CHECK(invalidUtf8At("\xF4\x90\x80\x80") == 0);
}
