#include "delivery/FlashRecords.h"

#include "common/Error.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gongshi::delivery {

FlashRecords::FlashRecords(std::string path) : path_(std::move(path)) {
    if (path_.empty()) return;
    std::ifstream in(path_);
    std::string line;
    // One card a line: size, digest (hex), the card's name (the rest of the line).
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        Record r;
        std::string card;
        if (!(fields >> r.size >> std::hex >> r.digest) || !std::getline(fields >> std::ws, card) || card.empty()) continue;
        records_[card] = r;
    }
}

std::string FlashRecords::cardName(const std::string& link, std::uint16_t address) { return std::to_string(address) + "@" + link; }

FlashRecords::Record FlashRecords::recordOf(const protocols::Bytes& file) {
    std::uint64_t h = 14695981039346656037ull; // FNV-1a
    for (std::uint8_t b : file) h = (h ^ b) * 1099511628211ull;
    return {file.size(), h};
}

bool FlashRecords::keeps(const std::string& card, const protocols::Bytes& file) const {
    std::lock_guard lock(mutex_);
    auto it = records_.find(card);
    return it != records_.end() && it->second == recordOf(file);
}

void FlashRecords::wrote(const std::string& card, const protocols::Bytes& file) {
    std::lock_guard lock(mutex_);
    records_[card] = recordOf(file);
    save();
}

void FlashRecords::forget(const std::string& card) {
    std::lock_guard lock(mutex_);
    if (records_.erase(card)) save();
}

void FlashRecords::save() const {
    if (path_.empty()) return;
    // Written whole beside the old one, then renamed over it: a crash leaves one or the other.
    const std::string temp = path_ + ".new";
    {
        std::ofstream out(temp, std::ios::trunc);
        for (const auto& [card, r] : records_) {
            char digest[20];
            std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(r.digest));
            out << r.size << ' ' << digest << ' ' << card << '\n';
        }
        if (!out.flush()) throw Error("cannot write " + temp);
    }
    std::error_code ec;
    std::filesystem::rename(temp, path_, ec);
    if (ec) throw Error("cannot replace " + path_ + ": " + ec.message());
}

} // namespace gongshi::delivery
