#pragma once
// An Onbon card's flash as the emulated cards of both generations keep it: files by name, which
// outlast a power cut, in a flash of a given size, and the file being written to it (the commands
// of OnbonFileWrite.h, in either generation's layout). The card checks the blocks' order and the
// file's length (and its CRC-32 where the start announced one), and keeps a file only once all of
// it arrived: the card decides when, so that a file it cannot play need not replace the one it has.
#include "protocols/Protocol.h"
#include "protocols/onbon/OnbonFileWrite.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace gongshi::protocols::onbon {

// The flash a card has for its files: option "flash_kb" (default 1024 KB). Throws ValidationError
// (field options.flash_kb) for anything but a whole number of kilobytes from 1 to 1048576.
std::size_t flashCapacity(const ScreenSpec& screen);

// What became of a start or a block; each generation answers it with its own error code.
enum class FlashResult {
    Ok,         // taken; more blocks are due
    Complete,   // the last block: the whole file arrived sound (file())
    Malformed,  // the payload is cut short or its lengths disagree
    NoStart,    // a block while no file is being written
    BadName,    // a name the card does not take, or a block of another file
    OutOfOrder, // a block that does not follow the last one taken
    BadSize,    // a file larger than the flash has free or too small to be one, or a block past its end
    Incomplete, // the last block came before all the bytes announced
    BadCrc,     // the file does not end in the CRC-32 announced
};

class OnbonFlash {
public:
    // `onlyName`: the one file the card takes (a K card keeps its program, P000); empty for any
    // name of 4 characters.
    OnbonFlash(FileLayout layout, std::size_t capacity, std::string onlyName = {});

    FlashResult start(const std::uint8_t* p, std::size_t n);
    FlashResult block(const std::uint8_t* p, std::size_t n);
    // The file being written (or last written): its name, the length announced, the bytes taken.
    const std::string& name() const { return name_; }
    std::size_t expected() const { return expected_; }
    std::size_t received() const { return data_.size(); }
    const Bytes& file() const { return data_; }
    // Why the last start or block was refused.
    const std::string& reason() const { return reason_; }
    // Keeps the file just completed under its name, in place of the one the card had; nothing
    // when the last start or block did not complete a file.
    void keepReceived();

    // The files kept, by name.
    const std::map<std::string, Bytes>& files() const { return files_; }
    bool empty() const { return files_.empty(); }
    // The files as saved before a power cut (or none: an erased flash); a file being written is
    // lost with the power.
    void restore(std::map<std::string, Bytes> files);
    std::size_t capacity() const { return capacity_; }

private:
    FlashResult refuse(FlashResult result, std::string reason);
    // What the other files leave free for one written under `name` (which replaces its namesake).
    std::size_t freeFor(const std::string& name) const;

    FileLayout layout_;
    std::size_t capacity_;
    std::string onlyName_;
    std::map<std::string, Bytes> files_;
    bool open_ = false;
    bool complete_ = false;
    std::string name_;
    std::size_t expected_ = 0;
    std::uint32_t crc_ = 0;
    int nextBlock_ = 0;
    Bytes data_;
    std::string reason_;
};

} // namespace gongshi::protocols::onbon
