#include "content/RecordJson.h"

#include "common/Error.h"
#include "content/RecordShape.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace gongshi::content {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

// ---------------------------------------------------------------------------------------------
// Text

std::string jsonText(const Object::Ptr& o) {
    std::ostringstream out;
    Poco::JSON::Stringifier::condense(o, out);
    return out.str();
}

Object::Ptr parseJsonObject(const std::string& text) {
    Poco::JSON::Parser parser;
    Var result;
    try {
        result = parser.parse(text);
    } catch (const Poco::Exception& e) {
        throw ValidationError("", "bad JSON: " + (e.message().empty() ? e.displayText() : e.message()));
    }
    Object::Ptr o = asJsonObject(result);
    if (!o) throw ValidationError("", "expected a JSON object");
    return o;
}

} // namespace gongshi::content
