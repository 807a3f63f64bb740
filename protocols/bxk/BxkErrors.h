#pragma once
// The error codes a K card puts in the Err byte of its reply (Onbon Led5kSDK bx5k_err 0..16).
#include <cstdint>
#include <string>

namespace gongshi::protocols::bxk {

enum class BxkError : std::uint8_t {
    Ok = 0x00,
    Group = 0x01,     // command group unknown
    NoCommand = 0x02, // command unknown in its group
    Busy = 0x03,
    OutOfMemory = 0x04,
    Crc = 0x05, // frame check failed
    NoFile = 0x06,
    Flash = 0x07,
    Download = 0x08,
    FileName = 0x09,
    FileType = 0x0A,
    FileCrc = 0x0B,
    FontMissing = 0x0C,
    FirmwareType = 0x0D,
    DateFormat = 0x0E,
    FileExists = 0x0F,
    BlockNo = 0x10,
};

// "ok", "group", "no-command", ... "block-no"; codes the table lacks come back as "error-0xNN".
std::string errorName(std::uint8_t code);
inline std::string errorName(BxkError e) { return errorName(static_cast<std::uint8_t>(e)); }

} // namespace gongshi::protocols::bxk
