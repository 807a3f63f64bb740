#include "records/RecordShape.h"

#include "common/Messages.h"

#include <cmath>
#include <cstdio>

namespace gongshi::content {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

std::string quoted(const std::string& text) { return "“" + text + "”"; }

std::string rangeText(long long lo, long long hi) {
    if (hi == std::numeric_limits<int>::max() || hi == std::numeric_limits<Id>::max()) return "应为不小于" + std::to_string(lo) + "的整数";
    return "应为" + std::to_string(lo) + "到" + std::to_string(hi) + "之间的整数";
}

Array::Ptr asArray(const Var& v) {
    if (v.type() == typeid(Array::Ptr)) return v.extract<Array::Ptr>();
    if (v.type() == typeid(Array)) return new Array(v.extract<Array>());
    return nullptr;
}

} // namespace

std::optional<Var> JsonIn::get(const std::string& key) const {
    if (!o_.has(key) || o_.isNull(key)) return std::nullopt;
    return o_.get(key);
}

std::string JsonIn::text(const std::string& key, std::string_view label) const {
    auto v = get(key);
    return v ? textValue(*v, field(key, label)) : std::string();
}

void refuse(const parse::Field& f, const std::string& what) { throw ValidationError(f.key, f.label + what); }

namespace {
thread_local int withoutLimits = 0;
} // namespace

WithoutLengthLimits::WithoutLengthLimits() { ++withoutLimits; }
WithoutLengthLimits::~WithoutLengthLimits() { --withoutLimits; }
bool readingStored() { return withoutLimits > 0; }

void checkTextLength(const std::string& text, const parse::Field& f, int maxChars) {
    if (withoutLimits > 0 || text.size() <= static_cast<std::size_t>(maxChars)) return; // fewer bytes than the limit: fewer characters too
    std::size_t chars = 0;
    for (unsigned char c : text) chars += (c & 0xC0) != 0x80 ? 1 : 0; // lead bytes: one a character
    if (chars > static_cast<std::size_t>(maxChars))
        refuse(f, "有" + std::to_string(chars) + "个字，超过上限" + std::to_string(maxChars) + "个字");
}

void checkListLength(std::size_t count, const parse::Field& f, int maxItems) {
    if (withoutLimits == 0 && count > static_cast<std::size_t>(maxItems))
        refuse(f, "有" + std::to_string(count) + "项，超过上限" + std::to_string(maxItems) + "项");
}

void refuseName(const parse::Field& f, std::string_view given, const std::vector<std::string_view>& allowed) {
    std::string list;
    for (auto n : allowed) list += (list.empty() ? "" : "、") + std::string(n);
    throw ValidationError(f.key, msg::notOneOf(f.label, std::string(given), list));
}

Object::Ptr newJsonObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Object::Ptr asJsonObject(const Var& v) {
    if (v.type() == typeid(Object::Ptr)) return v.extract<Object::Ptr>();
    if (v.type() == typeid(Object)) return new Object(v.extract<Object>());
    return nullptr;
}

parse::Field elementOf(const parse::Field& f, std::size_t i) {
    const std::string at = "[" + std::to_string(i) + "]";
    return {f.key + at, f.label + at};
}

std::string textValue(const Var& v, const parse::Field& f) {
    if (!v.isString()) refuse(f, "应为文字");
    return v.extract<std::string>();
}

bool flagValue(const Var& v, const parse::Field& f) {
    if (!v.isBoolean()) refuse(f, "应为 true 或 false");
    return v.extract<bool>();
}

// A huge whole number as digits ("18446744073709551616", not "1.84467e+19"), as a person wrote it.
static std::string wholeText(double d) {
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.0f", d);
    return buf;
}

// Booleans are not numbers here, though Poco counts them as integers.
long long wholeValue(const Var& v, const parse::Field& f, long long lo, long long hi) {
    if (v.isBoolean() || !v.isNumeric()) refuse(f, "应为数字");
    long long n = 0;
    if (v.isInteger()) {
        if (!v.isSigned() && v.convert<Poco::UInt64>() > static_cast<Poco::UInt64>(std::numeric_limits<Id>::max()))
            refuse(f, quoted(v.toString()) + rangeText(lo, hi));
        n = v.convert<Poco::Int64>();
    } else {
        const double d = v.convert<double>();
        if (!std::isfinite(d) || d != std::floor(d)) refuse(f, quoted(v.toString()) + "应为整数");
        if (d < -9.0e18 || d > 9.0e18) refuse(f, quoted(wholeText(d)) + rangeText(lo, hi));
        n = static_cast<long long>(d);
    }
    if (n < lo || n > hi) refuse(f, quoted(v.toString()) + rangeText(lo, hi));
    return n;
}

double numberValue(const Var& v, const parse::Field& f, double lo) {
    if (v.isBoolean() || !v.isNumeric()) refuse(f, "应为数字");
    const double d = v.convert<double>();
    if (!std::isfinite(d) || d < lo) refuse(f, quoted(v.toString()) + "应不小于" + std::to_string(static_cast<long long>(lo)));
    return d;
}

Object::Ptr objectValue(const Var& v, const parse::Field& f) {
    Object::Ptr o = asJsonObject(v);
    if (!o) refuse(f, "应为对象（{…}）");
    return o;
}

Array::Ptr arrayValue(const Var& v, const parse::Field& f) {
    Array::Ptr a = asArray(v);
    if (!a) refuse(f, "应为列表（[…]）");
    return a;
}

std::string clockText(int minute) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
    return buf;
}

} // namespace gongshi::content
