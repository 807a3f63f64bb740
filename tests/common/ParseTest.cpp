// The readers of whole numbers, dates and clock times: what each takes, what each refuses, and what
// the refusal says.
#include "common/Error.h"
#include "common/Parse.h"

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::parse;

namespace {
// The error a throwing reader gives, as field key and message.
template <class F> std::pair<std::string, std::string> refusal(F&& read) {
    try {
        read();
    } catch (const ValidationError& e) {
        return {e.field(), e.what()};
    }
    return {"", "(accepted)"};
}
} // namespace

TEST_CASE("whole numbers are ASCII digits within their range, nothing else") {
    CHECK(tryWholeNumber("0", 0, 15) == 0);
    CHECK(tryWholeNumber("15", 0, 15) == 15);
    CHECK(tryWholeNumber("007", 0, 15) == 7);
    CHECK(tryWholeNumber("65535", 0, 65535) == 65535);
    for (const char* bad : {"", "abc", "16", "-1", "+1", " 1", "1 ", "1.0", "１", "0x10", "99999999999999999999999"})
        CHECK_MESSAGE(!tryWholeNumber(bad, 0, 15), bad);
    CHECK(tryWholeNumber("999999999999999999", 0, 999999999999999999LL) == 999999999999999999LL);
    CHECK_FALSE(tryWholeNumber("1000000000000000000", 0, 9000000000000000000LL)); // 19 digits: past any range here
    const auto [field, message] = refusal([] { wholeInt("abc", {"options.card_address", "控制卡地址"}, 0, 65535); });
    CHECK(field == "options.card_address");
    CHECK(message == "控制卡地址“abc”应为0到65535之间的整数");
}

TEST_CASE("dates are YYYY-MM-DD calendar days") {
    const auto d = tryDate("2028-02-29");
    REQUIRE(d);
    CHECK(static_cast<int>(d->year()) == 2028);
    CHECK(static_cast<unsigned>(d->month()) == 2);
    CHECK(static_cast<unsigned>(d->day()) == 29);
    for (const char* bad : {"", "2027-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "2026/01/01", "0000-01-01", "2026-01-32",
                            "2026-01-01 ", "二〇二六-01-01"})
        CHECK_MESSAGE(!tryDate(bad), bad);
    const auto [field, message] = refusal([] { date("2026-02-30", {"schedule.from", "开始日期"}); });
    CHECK(field == "schedule.from");
    CHECK(message == "开始日期“2026-02-30”不是有效日期，应写作“2026-01-31”");
}

TEST_CASE("clock times are HH:MM within a day, 24:00 only as the end of one") {
    CHECK(tryClockMinutes("00:00") == 0);
    CHECK(tryClockMinutes("08:30") == 510);
    CHECK(tryClockMinutes("23:59") == 1439);
    CHECK_FALSE(tryClockMinutes("24:00"));
    CHECK(tryClockMinutes("24:00", true) == 1440);
    for (const char* bad : {"24:30", "24:01", "25:00", "12:60", "8:30", "08.30", "0830", "08:3", "", "ab:cd"}) {
        CHECK_MESSAGE(!tryClockMinutes(bad), bad);
        CHECK_MESSAGE(!tryClockMinutes(bad, true), bad);
    }
    const auto [field, message] = refusal([] { clockMinutes("24:30", {"options.on_off", "定时开关屏"}, true); });
    CHECK(field == "options.on_off");
    CHECK(message == "定时开关屏“24:30”不是有效时间，应写作“08:30”（一天结束写“24:00”）");
}
