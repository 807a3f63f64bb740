#include "content/RecordJson.h"

#include "common/Error.h"
#include "common/Parse.h"
#include "content/ScreenOptions.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

namespace gongshi::content {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr int maxScreenSide = 4096;
constexpr int maxDays = 3650; // ten years of working days: anything more is a typo
constexpr int maxInt = std::numeric_limits<int>::max();
constexpr Id maxId = std::numeric_limits<Id>::max();

// ---------------------------------------------------------------------------------------------
// Writing

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

Var idValue(Id id) { return Var(static_cast<Poco::Int64>(id)); }

Var optionalDays(const std::optional<int>& days) { return days ? Var(*days) : Var(); }

std::string clockText(int minute) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minute / 60, minute % 60);
    return buf;
}

Object::Ptr withMeta(const RecordMeta& m) {
    Object::Ptr o = newObject();
    o->set("id", idValue(m.id));
    o->set("version", m.version);
    o->set("created_at", m.createdAt);
    o->set("changed_at", m.changedAt);
    o->set("changed_by", m.changedBy);
    return o;
}

// ---------------------------------------------------------------------------------------------
// Reading

// Objects and arrays arrive as Ptr from the parser; a caller that built its own object may have
// stored them by value.
Object::Ptr asObject(const Var& v) {
    if (v.type() == typeid(Object::Ptr)) return v.extract<Object::Ptr>();
    if (v.type() == typeid(Object)) return new Object(v.extract<Object>());
    return nullptr;
}

Array::Ptr asArray(const Var& v) {
    if (v.type() == typeid(Array::Ptr)) return v.extract<Array::Ptr>();
    if (v.type() == typeid(Array)) return new Array(v.extract<Array>());
    return nullptr;
}

std::string indexed(const std::string& field, std::size_t i) { return field + "[" + std::to_string(i) + "]"; }

std::string rangeText(long long lo, long long hi) {
    return "must be between " + std::to_string(lo) + " and " + std::to_string(hi);
}

// A whole number from a JSON value, or throws naming `field`. Booleans are not numbers here,
// though Poco counts them as integers.
long long wholeNumber(const Var& v, const std::string& field) {
    if (v.isBoolean() || !v.isNumeric()) throw ValidationError(field, "must be a number");
    if (v.isInteger()) {
        if (v.isSigned()) return v.convert<Poco::Int64>();
        auto u = v.convert<Poco::UInt64>();
        if (u > static_cast<Poco::UInt64>(maxId)) throw ValidationError(field, "is too large");
        return static_cast<long long>(u);
    }
    double d = v.convert<double>();
    if (!std::isfinite(d) || d != std::floor(d)) throw ValidationError(field, "must be a whole number");
    if (d < -9.0e18 || d > 9.0e18) throw ValidationError(field, "is too large");
    return static_cast<long long>(d);
}

bool digitsAt(std::string_view s, std::size_t from, std::size_t count) {
    for (std::size_t i = from; i < from + count; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

// Yuan as decimal text without a sign: "10", "12.50".
bool isAmount(std::string_view s) {
    const auto dot = s.find('.');
    const std::string_view whole = s.substr(0, dot);
    if (whole.empty() || !digitsAt(whole, 0, whole.size())) return false;
    if (dot == std::string_view::npos) return true;
    const std::string_view fraction = s.substr(dot + 1);
    return !fraction.empty() && digitsAt(fraction, 0, fraction.size());
}

// The fields of one JSON object, named for errors with the path that led to it
// ("materials[2]." + "copies"). Absent and null fields take the caller's default.
class Fields {
public:
    explicit Fields(const Object& o, std::string prefix = {}) : o_(o), prefix_(std::move(prefix)) {}

    std::string name(const std::string& key) const { return prefix_ + key; }

    bool has(const std::string& key) const { return o_.has(key) && !o_.isNull(key); }

    std::string text(const std::string& key, const std::string& fallback = {}) const {
        if (!has(key)) return fallback;
        Var v = o_.get(key);
        if (!v.isString()) throw ValidationError(name(key), "must be a string");
        return v.extract<std::string>();
    }

    std::string requiredText(const std::string& key) const {
        std::string s = text(key);
        if (s.empty()) throw ValidationError(name(key), "is required");
        return s;
    }

    bool flag(const std::string& key, bool fallback) const {
        if (!has(key)) return fallback;
        Var v = o_.get(key);
        if (!v.isBoolean()) throw ValidationError(name(key), "must be true or false");
        return v.extract<bool>();
    }

    long long whole(const std::string& key, long long fallback, long long lo, long long hi) const {
        if (!has(key)) return fallback;
        long long n = wholeNumber(o_.get(key), name(key));
        if (n < lo || n > hi) throw ValidationError(name(key), rangeText(lo, hi));
        return n;
    }

    int integer(const std::string& key, int fallback, int lo = 0, int hi = maxInt) const {
        return static_cast<int>(whole(key, fallback, lo, hi));
    }

    std::optional<int> optionalInteger(const std::string& key, int lo, int hi) const {
        if (!has(key)) return std::nullopt;
        return integer(key, 0, lo, hi);
    }

    int requiredInteger(const std::string& key, int lo, int hi) const {
        if (!has(key)) throw ValidationError(name(key), "is required");
        return integer(key, 0, lo, hi);
    }

    Id id(const std::string& key) const { return static_cast<Id>(whole(key, 0, 0, maxId)); }

    double number(const std::string& key, double fallback, double lo) const {
        if (!has(key)) return fallback;
        Var v = o_.get(key);
        if (v.isBoolean() || !v.isNumeric()) throw ValidationError(name(key), "must be a number");
        double d = v.convert<double>();
        if (!std::isfinite(d) || d < lo) throw ValidationError(name(key), "must be at least " + std::to_string(static_cast<long long>(lo)));
        return d;
    }

    Date date(const std::string& key) const {
        std::string s = text(key);
        if (!s.empty() && !parse::tryDate(s))
            throw ValidationError(name(key), "'" + s + "' is not a date (YYYY-MM-DD)");
        return s;
    }

    // Null when absent or null; throws when the value is not an array.
    Array::Ptr array(const std::string& key) const {
        if (!has(key)) return nullptr;
        Array::Ptr a = asArray(o_.get(key));
        if (!a) throw ValidationError(name(key), "must be an array");
        return a;
    }

    Object::Ptr object(const std::string& key) const {
        if (!has(key)) return nullptr;
        Object::Ptr p = asObject(o_.get(key));
        if (!p) throw ValidationError(name(key), "must be an object");
        return p;
    }

    // Calls read(Fields of element i) for each element of an array of objects.
    template <class F> void eachObject(const std::string& key, F&& read) const {
        Array::Ptr a = array(key);
        if (!a) return;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string at = indexed(name(key), i);
            Object::Ptr e = asObject(a->get(static_cast<unsigned>(i)));
            if (!e) throw ValidationError(at, "must be an object");
            read(Fields(*e, at + "."));
        }
    }

    std::vector<std::string> texts(const std::string& key) const {
        std::vector<std::string> out;
        Array::Ptr a = array(key);
        if (!a) return out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            Var v = a->get(static_cast<unsigned>(i));
            if (!v.isString()) throw ValidationError(indexed(name(key), i), "must be a string");
            out.push_back(v.extract<std::string>());
        }
        return out;
    }

    std::vector<int> integers(const std::string& key, int lo, int hi) const {
        std::vector<int> out;
        Array::Ptr a = array(key);
        if (!a) return out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string at = indexed(name(key), i);
            long long n = wholeNumber(a->get(static_cast<unsigned>(i)), at);
            if (n < lo || n > hi) throw ValidationError(at, rangeText(lo, hi));
            out.push_back(static_cast<int>(n));
        }
        return out;
    }

private:
    const Object& o_;
    std::string prefix_;
};

// An enum field through its parse function, named with the field's full path.
template <class E, class Parse>
E enumField(const Fields& f, const std::string& key, E fallback, Parse parse, bool required = false) {
    if (!f.has(key)) {
        if (required) throw ValidationError(f.name(key), "is required");
        return fallback;
    }
    const std::string s = f.text(key);
    try {
        return parse(s);
    } catch (const ValidationError& e) {
        throw ValidationError(f.name(key), e.what());
    }
}

RecordMeta readMeta(const Fields& f) {
    RecordMeta m;
    m.id = f.id("id");
    m.version = f.integer("version", 0);
    m.createdAt = f.text("created_at");
    m.changedAt = f.text("changed_at");
    m.changedBy = f.text("changed_by");
    return m;
}

void requireOrder(const Date& from, const Date& until, const std::string& untilField) {
    if (!from.empty() && !until.empty() && until < from)
        throw ValidationError(untilField, "ends (" + until + ") before it starts (" + from + ")");
}

} // namespace

// ---------------------------------------------------------------------------------------------
// toJson

Object::Ptr toJson(const Centre& r) {
    Object::Ptr o = withMeta(r.meta);
    o->set("kind", std::string(centreKindName(r.kind)));
    o->set("county", r.county);
    o->set("township", r.township);
    o->set("street", r.street);
    o->set("station", r.station);
    o->set("village", r.village);
    o->set("name", r.name);
    o->set("population", r.population);
    o->set("ethnic_minority_area", r.ethnicMinorityArea);
    o->set("hall_area", r.hallArea);
    o->set("grade", r.grade);
    o->set("publishing_needs_approval", r.publishingNeedsApproval);
    o->set("complaint_phone", r.complaintPhone);
    o->set("review_url", r.reviewUrl);
    return o;
}

Object::Ptr toJson(const Window& r) {
    Object::Ptr o = withMeta(r.meta);
    o->set("centre_id", idValue(r.centreId));
    o->set("number", r.number);
    o->set("business", r.business);
    o->set("post_a", idValue(r.postA));
    o->set("post_b", idValue(r.postB));
    o->set("status", std::string(windowStatusName(r.status)));
    Object::Ptr away = newObject();
    away->set("where", r.away.where);
    away->set("why", r.away.why);
    away->set("back_at", r.away.backAt);
    away->set("phone", r.away.phone);
    o->set("away", away);
    return o;
}

Object::Ptr toJson(const Staff& r) {
    Object::Ptr o = withMeta(r.meta);
    o->set("centre_id", idValue(r.centreId));
    o->set("unit", r.unit);
    o->set("name", r.name);
    o->set("position", r.position);
    o->set("phone", r.phone);
    o->set("photo", r.photo);
    o->set("party_member", r.partyMember);
    return o;
}

Object::Ptr toJson(const Matter& r) {
    Object::Ptr o = withMeta(r.meta);
    o->set("centre_id", idValue(r.centreId));
    o->set("code", r.code);
    o->set("name", r.name);
    o->set("department", r.department);
    o->set("category", r.category);
    o->set("legal_basis", r.legalBasis);
    Array::Ptr materials = new Array;
    for (const auto& m : r.materials) {
        Object::Ptr e = newObject();
        e->set("name", m.name);
        e->set("form", std::string(materialFormName(m.form)));
        e->set("copies", m.copies);
        e->set("required", m.required);
        e->set("notes", m.notes);
        e->set("sample_file", m.sampleFile);
        materials->add(e);
    }
    o->set("materials", materials);
    o->set("statutory_days", optionalDays(r.statutoryDays));
    o->set("promised_days", optionalDays(r.promisedDays));
    // "free" is a statement that nothing is charged; null means nobody has said yet.
    o->set("fee", r.free ? Var(std::string("free")) : r.fees.empty() ? Var() : Var(std::string("charged")));
    Array::Ptr fees = new Array;
    for (const auto& f : r.fees) {
        Object::Ptr e = newObject();
        e->set("name", f.name);
        e->set("amount", f.amount);
        e->set("unit", f.unit);
        fees->add(e);
    }
    o->set("fees", fees);
    o->set("fee_basis", r.feeBasis);
    Array::Ptr windows = new Array;
    for (const auto& w : r.windows) windows->add(w);
    o->set("windows", windows);
    o->set("phone", r.phone);
    o->set("group", r.group);
    return o;
}

Object::Ptr toJson(const Notice& r) {
    Object::Ptr o = withMeta(r.meta);
    o->set("centre_id", idValue(r.centreId));
    o->set("category", std::string(noticeCategoryName(r.category)));
    o->set("title", r.title);
    o->set("body", r.body);
    o->set("publish_from", r.publishFrom);
    o->set("publish_until", r.publishUntil);
    o->set("urgent", r.urgent);
    return o;
}

Object::Ptr toJson(const ScreenRecord& r) {
    Object::Ptr o = withMeta(r.meta);
    o->set("centre_id", idValue(r.centreId));
    o->set("name", r.name);
    o->set("location", r.location);
    o->set("width", r.width);
    o->set("height", r.height);
    o->set("color", r.color);
    o->set("font_profile", r.fontProfile);
    o->set("protocol", r.protocol);
    o->set("address", r.address);
    Object::Ptr options = newObject();
    for (const auto& [k, v] : r.options) options->set(k, v);
    o->set("options", options);
    return o;
}

Object::Ptr toJson(const Program& r) {
    Object::Ptr o = withMeta(r.meta);
    o->set("screen_id", idValue(r.screenId));
    o->set("name", r.name);
    Array::Ptr areas = new Array;
    for (const auto& a : r.areas) {
        Object::Ptr e = newObject();
        e->set("x", a.x);
        e->set("y", a.y);
        e->set("width", a.width);
        e->set("height", a.height);
        Array::Ptr items = new Array;
        for (const auto& it : a.items) {
            Object::Ptr i = newObject();
            i->set("kind", it.kind);
            i->set("record_id", idValue(it.recordId));
            i->set("text", it.text);
            items->add(i);
        }
        e->set("items", items);
        e->set("effect", a.effect);
        e->set("speed", a.speed);
        e->set("dwell_seconds", a.dwellSeconds);
        areas->add(e);
    }
    o->set("areas", areas);
    Object::Ptr s = newObject();
    s->set("from", r.schedule.from);
    s->set("until", r.schedule.until);
    Array::Ptr weekdays = new Array;
    for (int d : r.schedule.weekdays) weekdays->add(d);
    s->set("weekdays", weekdays);
    Array::Ptr times = new Array;
    for (const auto& t : r.schedule.times) {
        Object::Ptr e = newObject();
        e->set("start", clockText(t.startMinute));
        e->set("end", clockText(t.endMinute));
        times->add(e);
    }
    s->set("times", times);
    s->set("working_days_only", r.schedule.workingDaysOnly);
    s->set("priority", r.schedule.priority);
    o->set("schedule", s);
    return o;
}

// ---------------------------------------------------------------------------------------------
// fromJson

Centre centreFromJson(const Object& o) {
    Fields f(o);
    Centre r;
    r.meta = readMeta(f);
    r.kind = enumField(f, "kind", r.kind, parseCentreKind, true);
    r.county = f.text("county");
    r.township = f.text("township");
    r.street = f.text("street");
    r.station = f.text("station");
    r.village = f.text("village");
    r.name = f.text("name");
    r.population = f.integer("population", r.population);
    r.ethnicMinorityArea = f.flag("ethnic_minority_area", r.ethnicMinorityArea);
    r.hallArea = f.number("hall_area", r.hallArea, 0);
    r.grade = f.integer("grade", r.grade, 1, 3);
    r.publishingNeedsApproval = f.flag("publishing_needs_approval", r.publishingNeedsApproval);
    r.complaintPhone = f.text("complaint_phone");
    r.reviewUrl = f.text("review_url");
    return r;
}

Window windowFromJson(const Object& o) {
    Fields f(o);
    Window r;
    r.meta = readMeta(f);
    r.centreId = f.id("centre_id");
    r.number = f.requiredText("number");
    r.business = f.text("business");
    r.postA = f.id("post_a");
    r.postB = f.id("post_b");
    r.status = enumField(f, "status", r.status, parseWindowStatus);
    if (Object::Ptr away = f.object("away")) {
        Fields a(*away, f.name("away."));
        r.away.where = a.text("where");
        r.away.why = a.text("why");
        r.away.backAt = a.text("back_at");
        r.away.phone = a.text("phone");
    }
    return r;
}

Staff staffFromJson(const Object& o) {
    Fields f(o);
    Staff r;
    r.meta = readMeta(f);
    r.centreId = f.id("centre_id");
    r.unit = f.text("unit");
    r.name = f.requiredText("name");
    r.position = f.text("position");
    r.phone = f.text("phone");
    r.photo = f.text("photo");
    r.partyMember = f.flag("party_member", r.partyMember);
    return r;
}

Matter matterFromJson(const Object& o) {
    Fields f(o);
    Matter r;
    r.meta = readMeta(f);
    r.centreId = f.id("centre_id");
    r.code = f.text("code");
    r.name = f.requiredText("name");
    r.department = f.text("department");
    r.category = f.text("category");
    r.legalBasis = f.text("legal_basis");
    f.eachObject("materials", [&](const Fields& m) {
        Material x;
        x.name = m.text("name");
        x.form = enumField(m, "form", x.form, parseMaterialForm);
        x.copies = m.integer("copies", x.copies, 0, 100);
        x.required = m.flag("required", x.required);
        x.notes = m.text("notes");
        x.sampleFile = m.text("sample_file");
        r.materials.push_back(std::move(x));
    });
    r.statutoryDays = f.optionalInteger("statutory_days", 0, maxDays);
    r.promisedDays = f.optionalInteger("promised_days", 0, maxDays);
    if (r.statutoryDays && r.promisedDays && *r.promisedDays > *r.statutoryDays)
        throw ValidationError(f.name("promised_days"), "the promised time limit (" + std::to_string(*r.promisedDays) +
                                                           " days) exceeds the statutory one (" +
                                                           std::to_string(*r.statutoryDays) + " days)");
    const std::string fee = f.text("fee");
    if (!fee.empty() && fee != "free" && fee != "charged")
        throw ValidationError(f.name("fee"), "must be \"free\", \"charged\" or null, not '" + fee + "'");
    f.eachObject("fees", [&](const Fields& e) {
        FeeItem x;
        x.name = e.text("name");
        x.amount = e.text("amount");
        if (!isAmount(x.amount))
            throw ValidationError(e.name("amount"), "'" + x.amount + "' is not an amount in yuan (e.g. 10 or 12.50)");
        x.unit = e.text("unit");
        r.fees.push_back(std::move(x));
    });
    if (fee == "free" && !r.fees.empty()) throw ValidationError(f.name("fees"), "a free matter lists no fees");
    if (fee == "charged" && r.fees.empty()) throw ValidationError(f.name("fees"), "a charged matter lists its fees");
    r.free = fee == "free";
    r.feeBasis = f.text("fee_basis");
    r.windows = f.texts("windows");
    r.phone = f.text("phone");
    r.group = f.text("group");
    return r;
}

Notice noticeFromJson(const Object& o) {
    Fields f(o);
    Notice r;
    r.meta = readMeta(f);
    r.centreId = f.id("centre_id");
    r.category = enumField(f, "category", r.category, parseNoticeCategory, true);
    r.title = f.requiredText("title");
    r.body = f.text("body");
    r.publishFrom = f.date("publish_from");
    r.publishUntil = f.date("publish_until");
    requireOrder(r.publishFrom, r.publishUntil, f.name("publish_until"));
    r.urgent = f.flag("urgent", r.urgent);
    return r;
}

ScreenRecord screenFromJson(const Object& o) {
    Fields f(o);
    ScreenRecord r;
    r.meta = readMeta(f);
    r.centreId = f.id("centre_id");
    r.name = f.requiredText("name");
    r.location = f.text("location");
    r.width = f.requiredInteger("width", 1, maxScreenSide);
    r.height = f.requiredInteger("height", 1, maxScreenSide);
    r.color = f.text("color", r.color);
    if (r.color != "mono" && r.color != "red-green" && r.color != "rgb")
        throw ValidationError(f.name("color"), "unknown color '" + r.color + "': expected one of mono, red-green, rgb");
    r.fontProfile = f.text("font_profile", r.fontProfile);
    r.protocol = f.text("protocol");
    r.address = f.text("address");
    if (Object::Ptr options = f.object("options")) {
        for (const auto& [key, value] : *options) {
            if (!value.isString()) throw ValidationError(f.name("options." + key), "must be a string");
            r.options[key] = value.extract<std::string>();
        }
    }
    checkScreenOptions(r);
    return r;
}

Program programFromJson(const Object& o) {
    Fields f(o);
    Program r;
    r.meta = readMeta(f);
    r.screenId = f.id("screen_id");
    r.name = f.text("name");
    f.eachObject("areas", [&](const Fields& a) {
        ProgramArea x;
        x.x = a.integer("x", x.x, 0, maxScreenSide);
        x.y = a.integer("y", x.y, 0, maxScreenSide);
        x.width = a.integer("width", x.width, 0, maxScreenSide);
        x.height = a.integer("height", x.height, 0, maxScreenSide);
        a.eachObject("items", [&](const Fields& i) {
            ProgramItem item;
            item.kind = i.text("kind");
            item.recordId = i.id("record_id");
            item.text = i.text("text");
            x.items.push_back(std::move(item));
        });
        x.effect = a.text("effect", x.effect);
        if (x.effect != "static" && x.effect != "left" && x.effect != "up")
            throw ValidationError(a.name("effect"), "unknown effect '" + x.effect + "': expected one of static, left, up");
        x.speed = a.integer("speed", x.speed);
        x.dwellSeconds = a.integer("dwell_seconds", x.dwellSeconds);
        r.areas.push_back(std::move(x));
    });
    if (Object::Ptr schedule = f.object("schedule")) {
        Fields s(*schedule, f.name("schedule."));
        r.schedule.from = s.date("from");
        r.schedule.until = s.date("until");
        requireOrder(r.schedule.from, r.schedule.until, s.name("until"));
        r.schedule.weekdays = s.integers("weekdays", 1, 7);
        s.eachObject("times", [&](const Fields& t) {
            TimeWindow w;
            const std::string start = t.text("start", "00:00"), end = t.text("end", "24:00");
            const auto startMinute = parse::tryClockMinutes(start), endMinute = parse::tryClockMinutes(end, true);
            if (!startMinute) throw ValidationError(t.name("start"), "'" + start + "' is not a time (HH:MM)");
            if (!endMinute) throw ValidationError(t.name("end"), "'" + end + "' is not a time (HH:MM)");
            if (*startMinute >= *endMinute)
                throw ValidationError(t.name("end"), "ends (" + end + ") before or when it starts (" + start + ")");
            w.startMinute = *startMinute;
            w.endMinute = *endMinute;
            r.schedule.times.push_back(w);
        });
        r.schedule.workingDaysOnly = s.flag("working_days_only", r.schedule.workingDaysOnly);
        r.schedule.priority = s.integer("priority", r.schedule.priority, std::numeric_limits<int>::min(), maxInt);
    }
    return r;
}

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
    Object::Ptr o = asObject(result);
    if (!o) throw ValidationError("", "expected a JSON object");
    return o;
}

} // namespace gongshi::content
