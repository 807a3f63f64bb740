#include "protocols/bxk/BxkErrors.h"

#include <array>
#include <cstdio>

namespace gongshi::protocols::bxk {

std::string errorName(std::uint8_t code) {
    static constexpr std::array<const char*, 17> kNames = {
        "ok",        "group",     "no-command", "busy",         "out-of-memory", "crc",         "no-file",     "flash",    "download",
        "file-name", "file-type", "file-crc",   "font-missing", "firmware-type", "date-format", "file-exists", "block-no",
    };
    if (code < kNames.size()) return kNames[code];
    char buf[16];
    std::snprintf(buf, sizeof buf, "error-0x%02X", code);
    return buf;
}

} // namespace gongshi::protocols::bxk
