#include "protocols/transport/EchoCanceller.h"

namespace gongshi::protocols::transport {

void EchoCanceller::expect(const Bytes& written) {
    if (!written.empty()) expected_.push_back(written);
}

Bytes EchoCanceller::filter(const Bytes& received) {
    Bytes out;
    std::size_t i = 0;
    while (i < received.size() && !expected_.empty()) {
        const Bytes& front = expected_.front();
        if (received[i] != front[held_.size()]) {
            out = std::move(held_);
            held_.clear();
            expected_.clear();
            break;
        }
        held_.push_back(received[i++]);
        if (held_.size() == front.size()) {
            held_.clear();
            expected_.pop_front();
        }
    }
    out.insert(out.end(), received.begin() + static_cast<std::ptrdiff_t>(i), received.end());
    return out;
}

void EchoCanceller::forget() {
    expected_.clear();
    held_.clear();
}

} // namespace gongshi::protocols::transport
