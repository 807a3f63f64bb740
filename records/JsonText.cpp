#include "records/JsonText.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "common/Utf8.h"

#include <Poco/JSON/Parser.h>

namespace gongshi::content {

namespace {

// Whether the digits (no sign, no leading zeros) of an integer are more than 64 bits hold:
// 2^64 or more, or for a negative number more than 2^63.
bool beyond64Bits(std::string_view digits, bool negative) {
    const std::string_view limit = negative ? "9223372036854775808" : "18446744073709551615";
    return digits.size() > limit.size() || (digits.size() == limit.size() && digits > limit);
}

// The text with every integer too large for 64 bits written as a decimal (…616 -> …616.0): Poco's
// parser would wrap 2^64 to 0 or refuse the whole body, while a decimal reaches the field's reader,
// which refuses it by name as out of range.
std::string widenHugeIntegers(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool inString = false;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (inString) {
            out += c;
            if (c == '\\' && i + 1 < text.size())
                out += text[++i];
            else if (c == '"')
                inString = false;
            ++i;
            continue;
        }
        if (c == '"') inString = true;
        if (c != '-' && (c < '0' || c > '9')) {
            out += c;
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        while (end < text.size() && std::string_view("0123456789.eE+-").find(text[end]) != std::string_view::npos) ++end;
        const std::string_view number = text.substr(i, end - i);
        out += number;
        const bool negative = number.front() == '-';
        const std::string_view digits = number.substr(negative ? 1 : 0);
        if (digits.find_first_not_of("0123456789") == std::string_view::npos && beyond64Bits(digits, negative)) out += ".0";
        i = end;
    }
    return out;
}

Poco::Dynamic::Var parsed(std::string_view text, const std::string& what) {
    if (const std::size_t at = invalidUtf8At(text); at != std::string_view::npos) throw ValidationError("", msg::notUtf8(what, at));
    try {
        return Poco::JSON::Parser().parse(widenHugeIntegers(text));
    } catch (const Poco::Exception& e) {
        throw ValidationError("", msg::bodyNotJson(what, e.message().empty() ? e.displayText() : e.message()));
    }
}

} // namespace

Poco::JSON::Object::Ptr readJsonObject(std::string_view text, const std::string& what) {
    const Poco::Dynamic::Var v = parsed(text, what);
    if (v.type() != typeid(Poco::JSON::Object::Ptr)) throw ValidationError("", msg::bodyNotObject(what));
    return v.extract<Poco::JSON::Object::Ptr>();
}

std::vector<Poco::JSON::Object::Ptr> readJsonObjects(std::string_view text, const std::string& what) {
    const Poco::Dynamic::Var v = parsed(text, what);
    if (v.type() != typeid(Poco::JSON::Array::Ptr)) throw ValidationError("", what + "应为 JSON 对象的列表（[{…}, …]）");
    const auto array = v.extract<Poco::JSON::Array::Ptr>();
    std::vector<Poco::JSON::Object::Ptr> out;
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto o = array->getObject(static_cast<unsigned>(i));
        if (!o) throw ValidationError("", msg::bodyElementNotObject(what, i));
        out.push_back(o);
    }
    return out;
}

} // namespace gongshi::content
