#pragma once
// What Onbon's two generations share in their program files: the display modes they number alike,
// and the name a program is kept under. How a file travels to a card's flash is OnbonFileWrite.h,
// how the card keeps it OnbonFlash.h; what a program file holds is each generation's own
// (bxk/BxkProgramFile.h, bx6/Bx6ProgramFile.h). Flash wears (about 100,000 writes): a program is
// written only when it really changed.
#include "protocols/Protocol.h"

#include <cstdint>

namespace gongshi::protocols::onbon {

inline constexpr std::uint8_t kModeStatic = 0x01, kModeMoveLeft = 0x03, kModeMoveUp = 0x05;
inline constexpr const char* kProgramName = "P000";

// The display modes both generations number alike (1 static, 3 move left, 5 move up).
std::uint8_t displayModeOf(Effect effect);
const char* displayModeName(std::uint8_t mode);

} // namespace gongshi::protocols::onbon
