#include "records/RecordJson.h"

#include "common/Error.h"
#include "records/RecordShape.h"

#include <Poco/Exception.h>
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

} // namespace gongshi::content
