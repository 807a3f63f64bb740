#include "records/CentreNaming.h"

#include "common/Error.h"
#include "common/Messages.h"

#include <array>
#include <initializer_list>
#include <string_view>

namespace gongshi::content {
namespace {

bool endsWith(std::string_view s, std::string_view tail) { return s.size() > tail.size() && s.substr(s.size() - tail.size()) == tail; }

// The place name in `field`, which must end in one of `endings` and have a name before it; `example`
// is a whole name of that kind, for the person who wrote only the part before the ending.
const std::string& placeName(const std::string& value, const char* field, const char* what, const char* example,
                             std::initializer_list<std::string_view> endings) {
    if (value.empty()) throw ValidationError(field, msg::placeNameEmpty(what));
    for (auto e : endings)
        if (endsWith(value, e)) return value;
    std::string list;
    for (auto e : endings) list += (list.empty() ? "" : "或") + msg::quoted(std::string(e));
    throw ValidationError(field, msg::placeNameEnding(what, value, list, example));
}

const std::string& township(const Centre& c) { return placeName(c.township, "township", "乡镇", "青石镇", {"乡", "镇"}); }
const std::string& county(const Centre& c) { return placeName(c.county, "county", "县（市、区）", "临江县", {"县", "市", "区"}); }
const std::string& street(const Centre& c) { return placeName(c.street, "street", "街道", "城关街道", {"街道"}); }

const std::string& station(const Centre& c) {
    if (c.station.empty()) throw ValidationError("station", msg::stationNameEmpty());
    return c.station;
}

} // namespace

std::string standardCentreName(const Centre& c) {
    switch (c.kind) {
    case CentreKind::TownshipCentre:
        return township(c) + "人民政府便民服务中心";
    case CentreKind::MergedTownshipStation:
        return township(c) + "人民政府" + station(c) + "便民服务站";
    case CentreKind::VillageRoom:
        return placeName(c.village, "village", "村", "柳树村", {"村"}) + "便民服务室";
    case CentreKind::StreetCentre:
        return county(c) + "人民政府" + street(c) + "便民服务中心";
    case CentreKind::MergedStreetStation:
        return county(c) + "人民政府" + street(c) + station(c) + "便民服务站";
    case CentreKind::CommunityRoom:
        return placeName(c.village, "village", "社区", "滨江社区", {"社区"}) + "便民服务室";
    }
    throw ValidationError("kind", msg::unknownCentreKind(static_cast<int>(c.kind)));
}

bool hallAreaStandardApplies(CentreKind kind) { return kind == CentreKind::TownshipCentre || kind == CentreKind::StreetCentre; }

int minimumHallArea(int population, int grade, bool ethnicMinorityArea) {
    if (grade < 1 || grade > 3) throw ValidationError("grade", msg::gradeRule(grade));
    static constexpr std::array<std::array<int, 3>, 5> table{{
        {300, 250, 150}, // 6万（含）以上
        {250, 200, 120}, // 3万（含）至6万
        {200, 150, 100}, // 1.5万（含）至3万
        {150, 100, 80},  // 1.5万以下
        {100, 60, 40},   // 1.5万以下，民族地区
    }};
    std::size_t row = population >= 60000 ? 0 : population >= 30000 ? 1 : population >= 15000 ? 2 : ethnicMinorityArea ? 4 : 3;
    return table[row][static_cast<std::size_t>(grade - 1)];
}

} // namespace gongshi::content
