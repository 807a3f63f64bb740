#pragma once
// Time as the scheduler and the device workers see it: injectable, so tests move it by hand
// instead of sleeping.
#include "rules/WhatPlays.h"

#include <atomic>
#include <chrono>
#include <mutex>

namespace gongshi::delivery {

using content::LocalTime;

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point now() const = 0;
    virtual LocalTime local() const = 0;
};

// The machine's clock and local time zone.
class SystemClock : public Clock {
public:
    std::chrono::system_clock::time_point now() const override;
    LocalTime local() const override;
};

// A clock that moves only when told to; local time is its UTC time (no zone).
class ManualClock : public Clock {
public:
    // Starts at `date` `hh:mm`.
    ManualClock(const content::Date& date, int hour, int minute);
    std::chrono::system_clock::time_point now() const override;
    LocalTime local() const override;
    void set(const content::Date& date, int hour, int minute);
    void advance(std::chrono::milliseconds by);

private:
    mutable std::mutex mutex_;
    std::chrono::system_clock::time_point now_;
};

using content::localTimeOf;

} // namespace gongshi::delivery
