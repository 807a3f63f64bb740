#pragma once
// Writing a file to an Onbon card's flash, as bx-k does it (and bx-6 once did): two commands of
// group A1 (Led5kSDK.dll's OFS_SendFileData, read in its code):
//   A1 05 start writing: Overwrite | Name[4] | FileLen u32
//   A1 06 write a block: Name[4] | Last | BlockNo u16 | BlockLen u16 | Offset u32 | data
// The card checks the blocks' order and keeps the file only when all of it arrived. What a program
// file holds is each generation's own (bxk/BxkProgramFile.h). Flash wears (about 100,000 writes):
// a program is written only when it really changed.
#include "protocols/Protocol.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::protocols::onbon {

inline constexpr std::uint8_t kGroupFile = 0xA1;
inline constexpr std::uint8_t kCmdStartFile = 0x05, kCmdFileBlock = 0x06;
inline constexpr std::uint8_t kModeStatic = 0x01, kModeMoveLeft = 0x03, kModeMoveUp = 0x05;
inline constexpr const char* kProgramName = "P000";
inline constexpr std::size_t kStartPayloadLength = 9;  // Overwrite Name[4] Len u32
inline constexpr std::size_t kBlockHeadLength = 13;    // Name[4] Last BlockNo u16 BlockLen u16 Offset u32

// The display modes both generations number alike (1 static, 3 move left, 5 move up).
std::uint8_t displayModeOf(Effect effect);
const char* displayModeName(std::uint8_t mode);

// The payloads after each generation's command head: the start, then the file cut into blocks of
// `blockData` bytes (the last one shorter), numbered from 0.
Bytes startFilePayload(const Bytes& file);
std::vector<Bytes> fileBlockPayloads(const Bytes& file, std::size_t blockData);

// The flash a card has for program files: option "flash_kb" (default 1024 KB).
std::size_t flashCapacity(const ScreenSpec& screen);

// The card side of a file transfer: blocks in order, the file complete when the last arrives.
class FileReceiver {
public:
    enum class Outcome { Ok, Complete, NoStart, BadName, BadBlock, TooLarge, Truncated };
    explicit FileReceiver(std::size_t capacity) : capacity_(capacity) {}
    Outcome start(const std::uint8_t* p, std::size_t n);
    Outcome block(const std::uint8_t* p, std::size_t n);
    const std::string& name() const { return name_; }
    const Bytes& file() const { return data_; }
    const std::string& reason() const { return reason_; }
    std::size_t received() const { return received_; }
    std::size_t expected() const { return expected_; }

private:
    std::size_t capacity_;
    bool open_ = false;
    std::string name_;
    std::size_t expected_ = 0, received_ = 0;
    int nextBlock_ = 0;
    Bytes data_;
    std::string reason_;
};

} // namespace gongshi::protocols::onbon
