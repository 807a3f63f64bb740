#pragma once
// How a record type, or a part of one (a material, a program area), is described once: a table of
// its fields, each with its JSON key, its Chinese label, the member it holds and how its value is
// checked. The same table writes the JSON (keys in table order) and reads it back, so a key can
// not be spelt one way on the way out and another on the way in.
//
// Reading: an absent or null field keeps the member's default; a required one is refused. Every
// refusal is a ValidationError whose field is the key path ("areas[0].items[1].kind") and whose
// message names the field by its label path ("区域[0].内容[1].类型").
#include "common/Error.h"
#include "common/Parse.h"
#include "records/Records.h"

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongshi::content {

// A JSON object being read, with the key path and the label path that led to it.
class JsonIn {
public:
    explicit JsonIn(const Poco::JSON::Object& o, std::string keyPrefix = {}, std::string labelPrefix = {})
        : o_(o), keyPrefix_(std::move(keyPrefix)), labelPrefix_(std::move(labelPrefix)) {}

    parse::Field field(std::string_view key, std::string_view label) const {
        return {keyPrefix_ + std::string(key), labelPrefix_ + std::string(label)};
    }
    // The value at `key`; nullopt when absent or null.
    std::optional<Poco::Dynamic::Var> get(const std::string& key) const;
    // The text at `key`, "" when absent or null; refuses what is not text.
    std::string text(const std::string& key, std::string_view label) const;

private:
    const Poco::JSON::Object& o_;
    std::string keyPrefix_, labelPrefix_;
};

// Refusals, the message starting with the field's label.
[[noreturn]] void refuse(const parse::Field& f, const std::string& what);
// An unknown name: the message lists the names allowed.
[[noreturn]] void refuseName(const parse::Field& f, std::string_view given, const std::vector<std::string_view>& allowed);

// One JSON value as the type a member holds, or a refusal naming `f`.
std::string textValue(const Poco::Dynamic::Var& v, const parse::Field& f);
// What one record may hold, so that no record costs every screen and sheet that shows it more
// than a record should: characters of a text (names and short texts by default; long texts such
// as a notice's body say theirs), items of a list.
constexpr int kTextChars = 200;
constexpr int kListItems = 100;
// `text` when it has at most `maxChars` characters (code points), else a refusal naming `f`, the
// count and the limit.
void checkTextLength(const std::string& text, const parse::Field& f, int maxChars);
// A refusal of a list of `count` items when it has more than `maxItems`.
void checkListLength(std::size_t count, const parse::Field& f, int maxItems);
// While one lives, this thread checks no lengths (records read back from the database).
class WithoutLengthLimits {
public:
    WithoutLengthLimits();
    ~WithoutLengthLimits();
    WithoutLengthLimits(const WithoutLengthLimits&) = delete;
    WithoutLengthLimits& operator=(const WithoutLengthLimits&) = delete;
};
// Whether this thread reads records back from the database: rules added after records were stored
// (the form of a phone number, a clock time) are checked when a record is saved, not when it is read.
bool readingStored();
bool flagValue(const Poco::Dynamic::Var& v, const parse::Field& f);
long long wholeValue(const Poco::Dynamic::Var& v, const parse::Field& f, long long lo, long long hi);
double numberValue(const Poco::Dynamic::Var& v, const parse::Field& f, double lo);
Poco::JSON::Object::Ptr objectValue(const Poco::Dynamic::Var& v, const parse::Field& f);
Poco::JSON::Array::Ptr arrayValue(const Poco::Dynamic::Var& v, const parse::Field& f);
Poco::JSON::Object::Ptr newJsonObject(); // keys kept in the order set
// Objects arrive as Ptr from the parser; a caller that built its own object may have stored them
// by value. Null when `v` is no object.
Poco::JSON::Object::Ptr asJsonObject(const Poco::Dynamic::Var& v);
// "key[i]" and "label[i]": element i of an array field.
parse::Field elementOf(const parse::Field& f, std::size_t i);

template <class T> struct FieldSpec {
    using Writer = std::function<Poco::Dynamic::Var(const T&)>;
    using Reader = std::function<void(T&, const Poco::Dynamic::Var&, const parse::Field&)>;
    using Rule = std::function<void(const T&, const JsonIn&, const parse::Field&)>;

    FieldSpec(std::string k, std::string l, Writer w, Reader r)
        : key(std::move(k)), label(std::move(l)), write(std::move(w)), read(std::move(r)) {}

    std::string key;
    std::string label;
    Writer write;
    Reader read; // called with the value when present and not null
    bool isRequired = false;
    // Runs after the field's turn, present or not: rules between this field and those before it.
    Rule rule;
    // A part's own fields (key path below this field, label), for those who name fields to people.
    std::function<std::vector<std::pair<std::string, std::string>>()> parts;

    FieldSpec required() && {
        isRequired = true;
        return std::move(*this);
    }
    FieldSpec check(Rule r) && {
        rule = std::move(r);
        return std::move(*this);
    }
};

template <class T> using Shape = std::vector<FieldSpec<T>>;

template <class T> Poco::JSON::Object::Ptr writeShape(const Shape<T>& shape, const T& value) {
    Poco::JSON::Object::Ptr o = newJsonObject();
    for (const auto& f : shape) o->set(f.key, f.write(value));
    return o;
}

// Every field's key path and label, parts' fields included: {"materials", "申请材料"},
// {"materials.copies", "份数"}, ...
template <class T> std::vector<std::pair<std::string, std::string>> shapeLabels(const Shape<T>& shape) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& f : shape) {
        out.emplace_back(f.key, f.label);
        if (f.parts)
            for (const auto& [key, label] : f.parts()) out.emplace_back(f.key + "." + key, label);
    }
    return out;
}

template <class T> T readShape(const Shape<T>& shape, const JsonIn& in) {
    T value;
    for (const auto& f : shape) {
        const parse::Field at = in.field(f.key, f.label);
        if (auto v = in.get(f.key))
            f.read(value, *v, at);
        else if (f.isRequired)
            refuse(at, "必须填写");
        if (f.rule) f.rule(value, in, at);
    }
    return value;
}

// ---------------------------------------------------------------------------------------------
// Field kinds

constexpr int anyCount = std::numeric_limits<int>::max();

template <class T> FieldSpec<T> text(std::string key, std::string label, std::string T::*m, int maxChars = kTextChars) {
    return {std::move(key), std::move(label), [m](const T& r) { return Poco::Dynamic::Var(r.*m); },
            [m, maxChars](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) {
                r.*m = textValue(v, f);
                checkTextLength(r.*m, f, maxChars);
            }};
}

// Text that must be given and not empty.
template <class T> FieldSpec<T> requiredText(std::string key, std::string label, std::string T::*m, int maxChars = kTextChars) {
    return text(std::move(key), std::move(label), m, maxChars).required().check([m](const T& r, const JsonIn&, const parse::Field& f) {
        if ((r.*m).empty()) refuse(f, "必须填写");
    });
}

// A phone number (parse::isPhoneNumber), or empty.
template <class T> FieldSpec<T> phone(std::string key, std::string label, std::string T::*m) {
    return text(std::move(key), std::move(label), m, 40).check([m](const T& r, const JsonIn&, const parse::Field& f) {
        if (!(r.*m).empty() && !readingStored()) parse::phoneNumber(r.*m, f);
    });
}

// A clock time "HH:MM" (parse::clockMinutes), or empty.
template <class T> FieldSpec<T> clockTime(std::string key, std::string label, std::string T::*m) {
    return text(std::move(key), std::move(label), m, 5).check([m](const T& r, const JsonIn&, const parse::Field& f) {
        if (!(r.*m).empty() && !readingStored()) parse::clockMinutes(r.*m, f);
    });
}

// Text that is one of a few fixed names.
template <class T> FieldSpec<T> oneOf(std::string key, std::string label, std::string T::*m, std::vector<std::string_view> names) {
    return {std::move(key), std::move(label), [m](const T& r) { return Poco::Dynamic::Var(r.*m); },
            [m, names](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) {
                r.*m = textValue(v, f);
                for (auto n : names)
                    if (n == r.*m) return;
                refuseName(f, r.*m, names);
            }};
}

template <class T> FieldSpec<T> flag(std::string key, std::string label, bool T::*m) {
    return {std::move(key), std::move(label), [m](const T& r) { return Poco::Dynamic::Var(r.*m); },
            [m](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) { r.*m = flagValue(v, f); }};
}

template <class T> FieldSpec<T> whole(std::string key, std::string label, int T::*m, int lo = 0, int hi = anyCount) {
    return {std::move(key), std::move(label), [m](const T& r) { return Poco::Dynamic::Var(r.*m); },
            [m, lo, hi](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) { r.*m = static_cast<int>(wholeValue(v, f, lo, hi)); }};
}

// A whole number that may be unstated: written as null then.
template <class T> FieldSpec<T> optionalWhole(std::string key, std::string label, std::optional<int> T::*m, int lo, int hi) {
    return {std::move(key), std::move(label), [m](const T& r) { return (r.*m) ? Poco::Dynamic::Var(*(r.*m)) : Poco::Dynamic::Var(); },
            [m, lo, hi](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) { r.*m = static_cast<int>(wholeValue(v, f, lo, hi)); }};
}

// A record's id (0: none).
template <class T> FieldSpec<T> id(std::string key, std::string label, Id T::*m) {
    return {std::move(key), std::move(label), [m](const T& r) { return Poco::Dynamic::Var(static_cast<Poco::Int64>(r.*m)); },
            [m](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) {
                r.*m = static_cast<Id>(wholeValue(v, f, 0, std::numeric_limits<Id>::max()));
            }};
}

template <class T> FieldSpec<T> number(std::string key, std::string label, double T::*m, double lo) {
    return {std::move(key), std::move(label), [m](const T& r) { return Poco::Dynamic::Var(r.*m); },
            [m, lo](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) { r.*m = numberValue(v, f, lo); }};
}

// "YYYY-MM-DD", a real calendar day; "" for none.
template <class T> FieldSpec<T> date(std::string key, std::string label, Date T::*m) {
    return {std::move(key), std::move(label), [m](const T& r) { return Poco::Dynamic::Var(r.*m); },
            [m](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) {
                r.*m = textValue(v, f);
                if (!(r.*m).empty()) parse::date(r.*m, f);
            }};
}

std::string clockText(int minute);

// "HH:MM" as minutes after midnight; with `endOfDay` also "24:00".
template <class T> FieldSpec<T> clock(std::string key, std::string label, int T::*m, bool endOfDay) {
    return {std::move(key), std::move(label), [m](const T& r) { return Poco::Dynamic::Var(clockText(r.*m)); },
            [m, endOfDay](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) {
                r.*m = parse::clockMinutes(textValue(v, f), f, endOfDay);
            }};
}

// The last day of a period that starts on `from`: not before it, when both are given.
template <class T> FieldSpec<T> periodEnd(std::string key, std::string label, Date T::*m, Date T::*from, std::string fromLabel) {
    return date(std::move(key), std::move(label), m).check([m, from, fromLabel](const T& r, const JsonIn&, const parse::Field& f) {
        if (!(r.*from).empty() && !(r.*m).empty() && r.*m < r.*from) refuse(f, "“" + r.*m + "”早于" + fromLabel + "“" + r.*from + "”");
    });
}

// An enum by its name in `names` (Records.h). With `chinese`, a refusal lists each name allowed
// after what people call it: 事项（matter）.
template <class T, class E>
FieldSpec<T> choice(std::string key, std::string label, E T::*m, NameTable<E> (*names)(), NameTable<E> (*chinese)() = nullptr) {
    return {std::move(key), std::move(label),
            [m, names](const T& r) {
                for (const auto& [e, n] : names())
                    if (e == r.*m) return Poco::Dynamic::Var(std::string(n));
                return Poco::Dynamic::Var(std::string("?"));
            },
            [m, names, chinese](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) {
                const std::string given = textValue(v, f);
                std::vector<std::string> allowed;
                for (const auto& [e, n] : names()) {
                    if (n == given) {
                        r.*m = e;
                        return;
                    }
                    allowed.emplace_back(n);
                    if (chinese)
                        for (const auto& [c, said] : chinese())
                            if (c == e) allowed.back() = std::string(said) + "（" + std::string(n) + "）";
                }
                refuseName(f, given, {allowed.begin(), allowed.end()});
            }};
}

template <class T> FieldSpec<T> texts(std::string key, std::string label, std::vector<std::string> T::*m) {
    return {std::move(key), std::move(label),
            [m](const T& r) {
                Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
                for (const auto& s : r.*m) a->add(s);
                return Poco::Dynamic::Var(a);
            },
            [m](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) {
                Poco::JSON::Array::Ptr a = arrayValue(v, f);
                checkListLength(a->size(), f, kListItems);
                for (std::size_t i = 0; i < a->size(); ++i) {
                    (r.*m).push_back(textValue(a->get(static_cast<unsigned>(i)), elementOf(f, i)));
                    checkTextLength((r.*m).back(), elementOf(f, i), kTextChars);
                }
            }};
}

template <class T> FieldSpec<T> wholes(std::string key, std::string label, std::vector<int> T::*m, int lo, int hi) {
    return {std::move(key), std::move(label),
            [m](const T& r) {
                Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
                for (int n : r.*m) a->add(n);
                return Poco::Dynamic::Var(a);
            },
            [m, lo, hi](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) {
                Poco::JSON::Array::Ptr a = arrayValue(v, f);
                checkListLength(a->size(), f, kListItems);
                for (std::size_t i = 0; i < a->size(); ++i)
                    (r.*m).push_back(static_cast<int>(wholeValue(a->get(static_cast<unsigned>(i)), elementOf(f, i), lo, hi)));
            }};
}

// Free-form named texts (a screen's options), keys in their sorted order.
template <class T> FieldSpec<T> textMap(std::string key, std::string label, std::map<std::string, std::string> T::*m) {
    return {std::move(key), std::move(label),
            [m](const T& r) {
                Poco::JSON::Object::Ptr o = newJsonObject();
                for (const auto& [k, s] : r.*m) o->set(k, s);
                return Poco::Dynamic::Var(o);
            },
            [m](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) {
                Poco::JSON::Object::Ptr o = objectValue(v, f);
                for (const auto& [k, s] : *o) (r.*m)[k] = textValue(s, {f.key + "." + k, f.label + "." + k});
            }};
}

// A part described by its own shape (a window's away message, a program's schedule).
template <class T, class U> FieldSpec<T> part(std::string key, std::string label, U T::*m, const Shape<U>& (*shape)()) {
    FieldSpec<T> spec{std::move(key), std::move(label), [m, shape](const T& r) { return Poco::Dynamic::Var(writeShape(shape(), r.*m)); },
                      [m, shape](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) {
                          Poco::JSON::Object::Ptr o = objectValue(v, f);
                          r.*m = readShape(shape(), JsonIn(*o, f.key + ".", f.label + "."));
                      }};
    spec.parts = [shape] { return shapeLabels(shape()); };
    return spec;
}

// A list of parts, each described by its own shape (a matter's materials, a program's areas).
template <class T, class U> FieldSpec<T> list(std::string key, std::string label, std::vector<U> T::*m, const Shape<U>& (*shape)()) {
    FieldSpec<T> spec{std::move(key), std::move(label),
                      [m, shape](const T& r) {
                          Poco::JSON::Array::Ptr a = new Poco::JSON::Array;
                          for (const auto& e : r.*m) a->add(writeShape(shape(), e));
                          return Poco::Dynamic::Var(a);
                      },
                      [m, shape](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) {
                          Poco::JSON::Array::Ptr a = arrayValue(v, f);
                          checkListLength(a->size(), f, kListItems);
                          for (std::size_t i = 0; i < a->size(); ++i) {
                              const parse::Field at = elementOf(f, i);
                              Poco::JSON::Object::Ptr e = objectValue(a->get(static_cast<unsigned>(i)), at);
                              (r.*m).push_back(readShape(shape(), JsonIn(*e, at.key + ".", at.label + ".")));
                          }
                      }};
    spec.parts = [shape] { return shapeLabels(shape()); };
    return spec;
}

// The fields every stored record starts with (RecordMeta), then the record's own.
template <class T> Shape<T> recordShape(std::initializer_list<FieldSpec<T>> own) {
    Shape<T> shape;
    const auto meta = [](auto field) {
        return FieldSpec<T>{field.key, field.label, [w = field.write](const T& r) { return w(r.meta); },
                            [rd = field.read](T& r, const Poco::Dynamic::Var& v, const parse::Field& f) { rd(r.meta, v, f); }};
    };
    shape.push_back(meta(id("id", "编号", &RecordMeta::id)));
    shape.push_back(meta(whole("version", "版本", &RecordMeta::version)));
    shape.push_back(meta(text("created_at", "创建时间", &RecordMeta::createdAt)));
    shape.push_back(meta(text("changed_at", "修改时间", &RecordMeta::changedAt)));
    shape.push_back(meta(text("changed_by", "修改人", &RecordMeta::changedBy)));
    shape.insert(shape.end(), own);
    return shape;
}

} // namespace gongshi::content
