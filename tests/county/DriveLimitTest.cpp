// `--drive`: which screens a server sharing the database may drive, read from what a person typed
// and from what another server stored, and matched against screens.
#include "common/Error.h"
#include "delivery/DriveLimit.h"

#include <doctest/doctest.h>

namespace gongshi::test {
namespace {

using delivery::DriveLimit;

std::string refusal(const std::string& text) {
    try {
        DriveLimit::parse(text);
    } catch (const InputError& e) {
        return e.what();
    }
    return "<no error>";
}

content::ScreenRecord screen(content::Id centre, const std::string& tags) {
    content::ScreenRecord s;
    s.centreId = centre;
    if (!tags.empty()) s.options["tags"] = tags;
    return s;
}

} // namespace

TEST_CASE("a drive limit reads back from its text - centres, tags, both, and none") {
    const DriveLimit centres = DriveLimit::parse("centre=7,3");
    CHECK(centres.centres == std::set<content::Id>{3, 7});
    CHECK(centres.tags.empty());
    CHECK(centres.text() == "centre=3,7");

    const DriveLimit tags = DriveLimit::parse("tag=串口, 大厅 ");
    CHECK(tags.tags == std::set<std::string>{"串口", "大厅"});
    CHECK(tags.text() == "tag=串口,大厅");

    const DriveLimit both = DriveLimit::parse("tag=串口;centre=3");
    CHECK(both.text() == "centre=3;tag=串口");
    CHECK(DriveLimit::parse(both.text()) == both);

    CHECK(DriveLimit::parse("").empty());
    CHECK(DriveLimit::parse("").text() == "");
    for (const DriveLimit& l : {centres, tags, both}) CHECK(DriveLimit::parse(l.text()) == l);
}

TEST_CASE("a drive limit matches a screen by centre, by one of its tags, or by both") {
    const DriveLimit centre = DriveLimit::parse("centre=3");
    CHECK(centre.matches(screen(3, "")));
    CHECK(centre.matches(screen(3, "大厅")));
    CHECK_FALSE(centre.matches(screen(4, "")));

    const DriveLimit serial = DriveLimit::parse("tag=串口,窗口");
    CHECK(serial.matches(screen(4, "大厅, 串口")));
    CHECK(serial.matches(screen(9, "窗口")));
    CHECK_FALSE(serial.matches(screen(4, "大厅")));
    CHECK_FALSE(serial.matches(screen(4, "")));

    // Centre 3's serial screens.
    const DriveLimit both = DriveLimit::parse("centre=3;tag=串口");
    CHECK(both.matches(screen(3, "串口")));
    CHECK_FALSE(both.matches(screen(3, "大厅")));
    CHECK_FALSE(both.matches(screen(4, "串口")));

    CHECK(DriveLimit{}.matches(screen(4, "")));
}

TEST_CASE("a bad drive limit is refused in Chinese naming the text and the bad part") {
    CHECK(refusal("bogus") == "--drive 的值“bogus”不对：“bogus”应为 centre=中心编号[,中心编号] 或 tag=标签[,标签]，"
                              "两者都要时用分号隔开，例如 centre=3,7 或 centre=3;tag=串口");
    CHECK(refusal("centre=3;zone=a") == "--drive 的值“centre=3;zone=a”不对：“zone=a”应为 centre=中心编号[,中心编号] 或 tag=标签[,标签]，"
                                        "两者都要时用分号隔开，例如 centre=3,7 或 centre=3;tag=串口");
    CHECK(refusal("centre=3;") == "--drive 的值“centre=3;”不对：“”应为 centre=中心编号[,中心编号] 或 tag=标签[,标签]，"
                                  "两者都要时用分号隔开，例如 centre=3,7 或 centre=3;tag=串口");
    CHECK(refusal("centre=3,x") == "--drive 的值“centre=3,x”不对：“x”不是中心编号，应为正整数，例如 centre=3,7");
    CHECK(refusal("centre=3,,4") == "--drive 的值“centre=3,,4”不对：“”不是中心编号，应为正整数，例如 centre=3,7");
    CHECK(refusal("centre=0") == "--drive 的值“centre=0”不对：“0”不是中心编号，应为正整数，例如 centre=3,7");
    CHECK(refusal("centre=-3") == "--drive 的值“centre=-3”不对：“-3”不是中心编号，应为正整数，例如 centre=3,7");
    CHECK(refusal("centre=3;centre=4") == "--drive 的值“centre=3;centre=4”不对：centre= 只能写一次，多个值用逗号隔开，例如 centre=3,7");
    CHECK(refusal("tag=a;tag=b") == "--drive 的值“tag=a;tag=b”不对：tag= 只能写一次，多个值用逗号隔开，例如 tag=串口,大厅");
    CHECK(refusal("tag=串口,") == "--drive 的标签“串口,”中有空的名称：名称之间用一个英文逗号隔开，如“串口,大厅”");
    CHECK(refusal("tag=a=b") == "--drive 的标签“a=b”不能含有“=”或“;”");
    CHECK(refusal("tag=" + std::string(33, 'x')) == "--drive 的标签“" + std::string(33, 'x') + "”太长：最多32个字");
    CHECK(refusal("tag=" + std::string(32, 'x')) == "<no error>");
}

} // namespace gongshi::test
