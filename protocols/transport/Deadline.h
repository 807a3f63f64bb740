#pragma once
// A point in time that every wait of one operation counts down to, so a loop of polls never
// waits longer in total than the operation's timeout.
#include "protocols/transport/Transport.h"

#include <algorithm>
#include <chrono>

namespace gongshi::protocols::transport {

class Deadline {
public:
    using Clock = std::chrono::steady_clock;

    explicit Deadline(Millis timeout) : end_(Clock::now() + std::max(timeout, Millis{0})) {}

    // Rounded up, so a poll for the remaining time never wakes before the deadline.
    Millis remaining() const {
        auto left = end_ - Clock::now();
        if (left <= Clock::duration::zero()) return Millis{0};
        return std::chrono::ceil<Millis>(left);
    }
    bool expired() const { return Clock::now() >= end_; }
    Clock::time_point end() const { return end_; }

private:
    Clock::time_point end_;
};

} // namespace gongshi::protocols::transport
