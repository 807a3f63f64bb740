// The screen options gongshi reads itself: their values as the device worker uses them.
#include "common/Error.h"
#include "records/ScreenOptions.h"

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::content;

namespace {
ScreenRecord withOptions(std::map<std::string, std::string> options) {
    ScreenRecord s;
    s.options = std::move(options);
    return s;
}
} // namespace

TEST_CASE("screen options read as the values they name, absent ones as nothing") {
    const ScreenRecord none;
    CHECK_FALSE(cardAddress(none));
    CHECK_FALSE(fixedBrightness(none));
    CHECK(brightnessSchedule(none).empty());
    CHECK(onOffWindows(none).empty());
    CHECK_FALSE(framesPerSecond(none));
    CHECK_FALSE(brightnessAt(none, 600));

    const ScreenRecord s = withOptions({{"card_address", "65535"}, {"fps", "12"}, {"on_off", "07:30-18:00,19:00-24:00"}});
    CHECK(cardAddress(s) == 65535);
    CHECK(framesPerSecond(s) == 12);
    const auto windows = onOffWindows(s);
    REQUIRE(windows.size() == 2);
    CHECK(windows[0].onMinute == 450);
    CHECK(windows[0].offMinute == 1080);
    CHECK(windows[1].offMinute == 1440);
}

TEST_CASE("the brightness at a time of day: the schedule's step, the last one before the first step, else the fixed level") {
    const ScreenRecord s = withOptions({{"brightness_schedule", "07:00=15,19:00=6"}, {"brightness", "3"}});
    CHECK(brightnessAt(s, 0) == 6); // after midnight the evening's level holds
    CHECK(brightnessAt(s, 7 * 60 - 1) == 6);
    CHECK(brightnessAt(s, 7 * 60) == 15);
    CHECK(brightnessAt(s, 19 * 60) == 6);
    CHECK(brightnessAt(withOptions({{"brightness", "3"}}), 600) == 3);
}

TEST_CASE("a bad screen option throws naming options.KEY, and checkScreenOptions finds the first") {
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{{"card_address", "abc"},
                                                                                     {"card_address", "-1"},
                                                                                     {"brightness", "16"},
                                                                                     {"brightness", " 5"},
                                                                                     {"brightness_schedule", "07:00=15,"},
                                                                                     {"brightness_schedule", "7:00=15"},
                                                                                     {"brightness_schedule", "24:00=1"},
                                                                                     {"on_off", "18:00"},
                                                                                     {"on_off", "24:00-07:00"},
                                                                                     {"fps", "61"}}) {
        CAPTURE(key);
        CAPTURE(value);
        try {
            checkScreenOptions(withOptions({{key, value}}));
            FAIL("accepted");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "options." + key);
        }
    }
}
