#pragma once
// What each card was last given to keep in flash, for protocols whose cards cannot say which
// program file they keep (bx-k): by card (its link and address), the file's size and digest. Kept
// in memory and in a small text file in the data directory, so that a server started again does
// not write the same program to a card's flash (about 100,000 writes) once more.
#include "protocols/Protocol.h"

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace gongshi::delivery {

class FlashRecords {
public:
    // `path` "" keeps the records in memory only; a file that cannot be read starts empty.
    explicit FlashRecords(std::string path);

    bool keeps(const std::string& card, const protocols::Bytes& file) const;
    // Throws Error when the file cannot be written (the record in memory is kept).
    void wrote(const std::string& card, const protocols::Bytes& file);
    void forget(const std::string& card);

    // "<card address>@<link>": the card the records speak of.
    static std::string cardName(const std::string& link, std::uint16_t address);

private:
    struct Record {
        std::size_t size = 0;
        std::uint64_t digest = 0;
        bool operator==(const Record&) const = default;
    };
    static Record recordOf(const protocols::Bytes& file);
    void save() const;

    std::string path_;
    mutable std::mutex mutex_;
    std::map<std::string, Record> records_;
};

} // namespace gongshi::delivery
