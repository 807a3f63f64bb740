#include "server/Clock.h"

#include "content/WorkingDays.h"

#include <ctime>

namespace gongshi::server {

LocalTime localTimeOf(std::chrono::system_clock::time_point t, bool utc) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    if (utc) gmtime_r(&tt, &tm);
    else localtime_r(&tt, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return {buf, tm.tm_hour * 60 + tm.tm_min, tm.tm_sec, tm.tm_wday == 0 ? 7 : tm.tm_wday};
}

std::chrono::system_clock::time_point SystemClock::now() const { return std::chrono::system_clock::now(); }
LocalTime SystemClock::local() const { return localTimeOf(now(), false); }

ManualClock::ManualClock(const content::Date& date, int hour, int minute) { set(date, hour, minute); }

void ManualClock::set(const content::Date& date, int hour, int minute) {
    std::lock_guard lock(mutex_);
    now_ = std::chrono::system_clock::time_point(content::parseDate(date).time_since_epoch()) + std::chrono::hours(hour) +
           std::chrono::minutes(minute);
}

void ManualClock::advance(std::chrono::milliseconds by) {
    std::lock_guard lock(mutex_);
    now_ += by;
}

std::chrono::system_clock::time_point ManualClock::now() const {
    std::lock_guard lock(mutex_);
    return now_;
}

LocalTime ManualClock::local() const { return localTimeOf(now(), true); }

} // namespace gongshi::server
