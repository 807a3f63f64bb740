#pragma once
// Helpers of the link tests (protocols/transport/*Test.cpp): short timeouts, elapsed time, bounded
// reads and the message of a TransportError.
#include "common/Error.h"
#include "protocols/transport/Transport.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace gongshi::test {

// Timeouts of a second for connect, write and read: loopback links answer well within them.
inline const protocols::transport::Timeouts kFast{protocols::transport::Millis{1000}, protocols::transport::Millis{1000},
                                                  protocols::transport::Millis{1000}};

// Milliseconds from `start` to now.
inline long long msSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<protocols::transport::Millis>(std::chrono::steady_clock::now() - start).count();
}

// Reads until `count` bytes came or two seconds passed: bounded whatever the other side does.
inline protocols::Bytes readBytes(const std::function<protocols::Bytes(protocols::transport::Millis)>& read, std::size_t count) {
    protocols::Bytes got;
    const auto end = std::chrono::steady_clock::now() + protocols::transport::Millis{2000};
    while (got.size() < count && std::chrono::steady_clock::now() < end) {
        protocols::Bytes chunk = read(protocols::transport::Millis{100});
        got.insert(got.end(), chunk.begin(), chunk.end());
    }
    return got;
}

inline protocols::Bytes readBytes(protocols::transport::Transport& t, std::size_t count) {
    return readBytes([&](protocols::transport::Millis timeout) { return t.read(timeout); }, count);
}

// What the TransportError `action` throws says; "(no TransportError)" when it throws none.
inline std::string messageOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const TransportError& e) {
        return e.what();
    }
    return "(no TransportError)";
}

} // namespace gongshi::test
