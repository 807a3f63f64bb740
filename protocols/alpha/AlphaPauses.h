#pragma once
// Where an Alpha sign needs the line quiet inside one of our packets (alphasignpy's Packet and
// Sign.send, msparks/alphasign's clear_memory):
//   100 ms after each STX, before the command code, where alphasignpy pauses;
//   100 ms after a SMALL DOTS picture's label and size, before its rows;
//   1 s after a memory configuration or memory clear (E$), while the sign rebuilds its files.
#include "protocols/Protocol.h"

#include <chrono>
#include <vector>

namespace gongshi::protocols::alpha {

inline constexpr std::chrono::milliseconds kCommandPause{100};
inline constexpr std::chrono::milliseconds kDotsSizePause{100};
inline constexpr std::chrono::milliseconds kMemoryPause{1000};

// The pauses of one packet as makePacket builds it, in order of their offsets.
std::vector<PacketPause> pausesIn(const Bytes& packet);

} // namespace gongshi::protocols::alpha
