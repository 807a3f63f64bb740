#pragma once
// RS-485 is half duplex: many adapters hear their own transmission, so every byte we write comes
// back before the device's reply. This drops that echo from what was received.
//
// Received bytes that match what was written are held back until the whole write has come back
// (then dropped); on the first byte that differs the adapter evidently does not echo, so the
// held bytes and the rest are returned and nothing more is expected.
#include "protocols/Protocol.h"

#include <deque>

namespace gongshi::protocols::transport {

class EchoCanceller {
public:
    // After each write: its bytes are expected back, after those of earlier writes.
    void expect(const Bytes& written);
    // What of `received` is not echo.
    Bytes filter(const Bytes& received);
    // No echo came in time: stop expecting one, dropping a partial echo held so far.
    void forget();
    bool expecting() const { return !expected_.empty(); }

private:
    std::deque<Bytes> expected_; // one entry per write not yet fully echoed
    Bytes held_;                 // the matching prefix of expected_.front() received so far
};

} // namespace gongshi::protocols::transport
