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
// of range throws ValidationError naming the field (e.g. "materials[2].copies").
#include "content/Records.h"

#include <Poco/JSON/Object.h>

#include <string>

namespace gongshi::content {

Poco::JSON::Object::Ptr toJson(const Centre& r);
Poco::JSON::Object::Ptr toJson(const Window& r);
Poco::JSON::Object::Ptr toJson(const Staff& r);
Poco::JSON::Object::Ptr toJson(const Matter& r);
Poco::JSON::Object::Ptr toJson(const Notice& r);
Poco::JSON::Object::Ptr toJson(const ScreenRecord& r);
Poco::JSON::Object::Ptr toJson(const Program& r);

Centre centreFromJson(const Poco::JSON::Object& o);
Window windowFromJson(const Poco::JSON::Object& o);
Staff staffFromJson(const Poco::JSON::Object& o);
Matter matterFromJson(const Poco::JSON::Object& o);
Notice noticeFromJson(const Poco::JSON::Object& o);
ScreenRecord screenFromJson(const Poco::JSON::Object& o);
Program programFromJson(const Poco::JSON::Object& o);

// Compact JSON text, keys in a stable order (as inserted).
std::string jsonText(const Poco::JSON::Object::Ptr& o);
// Parses JSON text into an object; throws ValidationError(field "") with Poco's description of
// what is wrong (its parser reports no position).
Poco::JSON::Object::Ptr parseJsonObject(const std::string& text);

// The store's view of each record type: its table, kind name and JSON codec.
template <class T> struct RecordTraits;
template <> struct RecordTraits<Centre> {
    static constexpr const char* kind = "centre";
    static constexpr const char* table = "centres";
    static Centre fromJson(const Poco::JSON::Object& o) { return centreFromJson(o); }
};
template <> struct RecordTraits<Window> {
    static constexpr const char* kind = "window";
    static constexpr const char* table = "windows";
    static Window fromJson(const Poco::JSON::Object& o) { return windowFromJson(o); }
};
template <> struct RecordTraits<Staff> {
    static constexpr const char* kind = "staff";
    static constexpr const char* table = "staff";
    static Staff fromJson(const Poco::JSON::Object& o) { return staffFromJson(o); }
};
template <> struct RecordTraits<Matter> {
    static constexpr const char* kind = "matter";
    static constexpr const char* table = "matters";
    static Matter fromJson(const Poco::JSON::Object& o) { return matterFromJson(o); }
};
template <> struct RecordTraits<Notice> {
    static constexpr const char* kind = "notice";
    static constexpr const char* table = "notices";
    static Notice fromJson(const Poco::JSON::Object& o) { return noticeFromJson(o); }
};
template <> struct RecordTraits<ScreenRecord> {
    static constexpr const char* kind = "screen";
    static constexpr const char* table = "screens";
    static ScreenRecord fromJson(const Poco::JSON::Object& o) { return screenFromJson(o); }
};
template <> struct RecordTraits<Program> {
    static constexpr const char* kind = "program";
    static constexpr const char* table = "programs";
    static Program fromJson(const Poco::JSON::Object& o) { return programFromJson(o); }
};

} // namespace gongshi::content
