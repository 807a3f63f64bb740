#pragma once
// The one reader of JSON texts: request bodies, stored revisions, the demo's files. The text is
// checked for UTF-8 (naming the byte offset), parsed, and its top level checked; every failure is
// a ValidationError in Chinese naming `what` ("请求内容", "centre.json").
#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>
#include <vector>

namespace gongshi::content {

Poco::JSON::Object::Ptr readJsonObject(std::string_view text, const std::string& what);
// A JSON array whose every element is an object.
std::vector<Poco::JSON::Object::Ptr> readJsonObjects(std::string_view text, const std::string& what);

} // namespace gongshi::content
