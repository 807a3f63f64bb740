#pragma once
// Records to and from JSON, with the field names of the API (English snake_case): matter `name`,
// `department`, `statutory_days`, `promised_days`, `fee`, `fee_basis`, `materials`, ...; notice
// `category`, `title`, `body`, `publish_from`, `publish_until`; screen `name`, `width`, `height`,
// `color`, `protocol`, `address`. The same JSON is kept in revisions.
//
// Every record's JSON carries "id", "version", "created_at", "changed_at", "changed_by" from its
// RecordMeta (read back when present, ignored by validation).
//
// Reading validates: a missing required field, a wrong type, an unknown enum name or a value out
// of range throws ValidationError naming the field (e.g. "materials[2].copies") by its key, and by
// its label in the message.
#include "records/JsonText.h"
#include "records/RecordTraits.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace gongshi::content {

// Through the record type's fields (records/RecordTraits.h), in their order.
template <class T> Poco::JSON::Object::Ptr toJson(const T& r) { return writeShape(RecordTraits<T>::shape(), r); }
template <class T> T fromJson(const Poco::JSON::Object& o) { return readShape(RecordTraits<T>::shape(), JsonIn(o)); }
// A record read back from the database or a revision: validated as fromJson, except for the length
// limits (kTextChars, kListItems), which hold for what is written, so a record saved before a limit
// stays readable.
template <class T> T fromStoredJson(const Poco::JSON::Object& o) {
    const WithoutLengthLimits stored;
    return fromJson<T>(o);
}

// Compact JSON text, keys in a stable order (as inserted).
std::string jsonText(const Poco::JSON::Object::Ptr& o);

} // namespace gongshi::content
