#include "records/CentreNaming.h"

#include "common/Error.h"

#include <doctest/doctest.h>

#include <string>

using namespace gongshi;
using namespace gongshi::content;

namespace {

Centre ofKind(CentreKind kind) {
    Centre c;
    c.kind = kind;
    c.county = "临江县";
    c.township = "青石镇";
    c.street = "城关街道";
    c.station = "白鹤";
    c.village = kind == CentreKind::CommunityRoom ? "滨江社区" : "柳树村";
    return c;
}

// The field a ValidationError from standardCentreName names, and its message; "" when none is thrown.
std::pair<std::string, std::string> placeNameError(const Centre& c) {
    try {
        standardCentreName(c);
    } catch (const ValidationError& e) {
        return {e.field(), e.what()};
    }
    return {"", ""};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("standardCentreName builds Attachment 1's form for each of the six kinds") {
    CHECK(standardCentreName(ofKind(CentreKind::TownshipCentre)) == "青石镇人民政府便民服务中心");
    CHECK(standardCentreName(ofKind(CentreKind::MergedTownshipStation)) == "青石镇人民政府白鹤便民服务站");
    CHECK(standardCentreName(ofKind(CentreKind::VillageRoom)) == "柳树村便民服务室");
    CHECK(standardCentreName(ofKind(CentreKind::StreetCentre)) == "临江县人民政府城关街道便民服务中心");
    CHECK(standardCentreName(ofKind(CentreKind::MergedStreetStation)) == "临江县人民政府城关街道白鹤便民服务站");
    CHECK(standardCentreName(ofKind(CentreKind::CommunityRoom)) == "滨江社区便民服务室");

    Centre xiang = ofKind(CentreKind::TownshipCentre);
    xiang.township = "石门乡";
    CHECK(standardCentreName(xiang) == "石门乡人民政府便民服务中心");
    Centre city = ofKind(CentreKind::StreetCentre);
    city.county = "临江市";
    CHECK(standardCentreName(city) == "临江市人民政府城关街道便民服务中心");
    city.county = "临江区";
    CHECK(standardCentreName(city) == "临江区人民政府城关街道便民服务中心");

    // Place names a kind does not use do not matter.
    Centre room = ofKind(CentreKind::VillageRoom);
    room.township = "";
    room.county = "";
    room.street = "";
    CHECK(standardCentreName(room) == "柳树村便民服务室");
    Centre town = ofKind(CentreKind::TownshipCentre);
    town.county = "";
    town.street = "";
    CHECK(standardCentreName(town) == "青石镇人民政府便民服务中心");
}

TEST_CASE("a township without 乡 or 镇, or empty, is a ValidationError naming township") {
    Centre c = ofKind(CentreKind::TownshipCentre);
    c.township = "青石";
    auto [field, message] = placeNameError(c);
    CHECK(field == "township");
    CHECK(contains(message, "青石"));
    CHECK(contains(message, "“乡”或“镇”"));
    c.township = "镇"; // only the ending: no place name before it
    CHECK(placeNameError(c).first == "township");
    c.township = "";
    std::tie(field, message) = placeNameError(c);
    CHECK(field == "township");
    CHECK(contains(message, "请填写乡镇名称"));

    Centre station = ofKind(CentreKind::MergedTownshipStation);
    station.township = "青石街道";
    CHECK(placeNameError(station).first == "township");
}

TEST_CASE("a station without its own place name is a ValidationError naming station") {
    for (CentreKind k : {CentreKind::MergedTownshipStation, CentreKind::MergedStreetStation}) {
        Centre c = ofKind(k);
        c.station = "";
        auto [field, message] = placeNameError(c);
        CHECK(field == "station");
        CHECK(contains(message, "便民服务站"));
    }
}

TEST_CASE("a street centre needs a county ending in 县, 市 or 区 and a street ending in 街道") {
    Centre c = ofKind(CentreKind::StreetCentre);
    c.county = "临江";
    auto [field, message] = placeNameError(c);
    CHECK(field == "county");
    CHECK(contains(message, "临江"));
    CHECK(contains(message, "“县”或“市”或“区”"));
    c.county = "";
    CHECK(placeNameError(c).first == "county");

    c = ofKind(CentreKind::StreetCentre);
    c.street = "城关街";
    std::tie(field, message) = placeNameError(c);
    CHECK(field == "street");
    CHECK(contains(message, "“街道”"));
    c.street = "街道";
    CHECK(placeNameError(c).first == "street");

    Centre station = ofKind(CentreKind::MergedStreetStation);
    station.county = "临江镇";
    CHECK(placeNameError(station).first == "county");
    station = ofKind(CentreKind::MergedStreetStation);
    station.street = "";
    CHECK(placeNameError(station).first == "street");
}

TEST_CASE("a village room needs a village ending in 村, a community room one ending in 社区") {
    Centre room = ofKind(CentreKind::VillageRoom);
    room.village = "滨江社区";
    auto [field, message] = placeNameError(room);
    CHECK(field == "village");
    CHECK(contains(message, "“村”"));
    room.village = "";
    CHECK(placeNameError(room).first == "village");

    Centre community = ofKind(CentreKind::CommunityRoom);
    community.village = "柳树村";
    std::tie(field, message) = placeNameError(community);
    CHECK(field == "village");
    CHECK(contains(message, "“社区”"));
    community.village = "社区";
    CHECK(placeNameError(community).first == "village");
}

TEST_CASE("Attachment 2 applies to township and street centres only") {
    CHECK(hallAreaStandardApplies(CentreKind::TownshipCentre));
    CHECK(hallAreaStandardApplies(CentreKind::StreetCentre));
    CHECK_FALSE(hallAreaStandardApplies(CentreKind::MergedTownshipStation));
    CHECK_FALSE(hallAreaStandardApplies(CentreKind::MergedStreetStation));
    CHECK_FALSE(hallAreaStandardApplies(CentreKind::VillageRoom));
    CHECK_FALSE(hallAreaStandardApplies(CentreKind::CommunityRoom));
}

TEST_CASE("minimumHallArea at every population boundary and grade") {
    struct Row {
        int population;
        int grade1, grade2, grade3;
    };
    for (const Row& r :
         {Row{0, 150, 100, 80}, Row{1, 150, 100, 80}, Row{14999, 150, 100, 80}, Row{15000, 200, 150, 100}, Row{29999, 200, 150, 100},
          Row{30000, 250, 200, 120}, Row{59999, 250, 200, 120}, Row{60000, 300, 250, 150}, Row{250000, 300, 250, 150}}) {
        CAPTURE(r.population);
        CHECK(minimumHallArea(r.population, 1, false) == r.grade1);
        CHECK(minimumHallArea(r.population, 2, false) == r.grade2);
        CHECK(minimumHallArea(r.population, 3, false) == r.grade3);
    }
}

TEST_CASE("ethnic-minority figures apply under 15,000 people only") {
    CHECK(minimumHallArea(14999, 1, true) == 100);
    CHECK(minimumHallArea(14999, 2, true) == 60);
    CHECK(minimumHallArea(14999, 3, true) == 40);
    CHECK(minimumHallArea(5000, 3, true) == 40);
    // From 15,000 up the ordinary figures, ethnic-minority area or not.
    CHECK(minimumHallArea(15000, 1, true) == 200);
    CHECK(minimumHallArea(15000, 2, true) == 150);
    CHECK(minimumHallArea(15000, 3, true) == 100);
    CHECK(minimumHallArea(30000, 2, true) == 200);
    CHECK(minimumHallArea(60000, 3, true) == 150);
}

TEST_CASE("a grade outside 1..3 is a ValidationError naming grade") {
    for (int grade : {0, 4, -1, 10}) {
        CAPTURE(grade);
        try {
            minimumHallArea(20000, grade, false);
            FAIL("no exception");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "grade");
            CHECK(contains(e.what(), std::to_string(grade)));
        }
        CHECK_THROWS_AS(minimumHallArea(10000, grade, true), ValidationError);
    }
}

TEST_CASE("place name and grade refusals are Chinese and give a whole name of the right kind as the example") {
    struct Case {
        CentreKind kind;
        std::string Centre::*place;
        const char* given;
        const char* message;
    };
    for (const Case& k : {
             Case{CentreKind::StreetCentre, &Centre::county, "临江",
                  "县（市、区）名称“临江”应以“县”或“市”或“区”结尾（写全称，如“临江县”）"},
             Case{CentreKind::StreetCentre, &Centre::street, "城关", "街道名称“城关”应以“街道”结尾（写全称，如“城关街道”）"},
             Case{CentreKind::TownshipCentre, &Centre::township, "青石", "乡镇名称“青石”应以“乡”或“镇”结尾（写全称，如“青石镇”）"},
             Case{CentreKind::VillageRoom, &Centre::village, "柳树", "村名称“柳树”应以“村”结尾（写全称，如“柳树村”）"},
             Case{CentreKind::CommunityRoom, &Centre::village, "", "请填写社区名称"},
             Case{CentreKind::MergedTownshipStation, &Centre::station, "", "请填写便民服务站所在地（撤并乡镇或街道）的名称"},
         }) {
        Centre c = ofKind(k.kind);
        c.*k.place = k.given;
        CHECK(placeNameError(c).second == k.message);
    }
    CHECK_THROWS_WITH_AS(minimumHallArea(20000, 4, false), "等级应为1、2或3，而不是“4”", ValidationError);
}
