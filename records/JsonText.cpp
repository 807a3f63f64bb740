#include "records/JsonText.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "common/Utf8.h"

#include <Poco/JSON/Parser.h>

namespace gongshi::content {

namespace {

Poco::Dynamic::Var parsed(std::string_view text, const std::string& what) {
    if (const std::size_t at = invalidUtf8At(text); at != std::string_view::npos) throw ValidationError("", msg::notUtf8(what, at));
    try {
        return Poco::JSON::Parser().parse(std::string(text));
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
