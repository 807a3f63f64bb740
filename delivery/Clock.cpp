#include "delivery/Clock.h"

#include "rules/WorkingDays.h"

namespace gongshi::delivery {

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

} // namespace gongshi::delivery
