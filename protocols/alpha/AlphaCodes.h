#pragma once
// The bytes of the Alpha Sign Communications Protocol (Adaptive Micro Systems, BetaBrite) that the
// encoder writes and the card reads, in one place so that both sides agree.
#include <cstddef>
#include <cstdint>

namespace gongshi::protocols::alpha::code {

// Framing.
inline constexpr std::uint8_t NUL = 0x00; // five or more open a packet: the sign autobauds on them
inline constexpr std::uint8_t SOH = 0x01;
inline constexpr std::uint8_t STX = 0x02;
inline constexpr std::uint8_t ETX = 0x03; // followed by the 4-hex-digit checksum
inline constexpr std::uint8_t EOT = 0x04;
inline constexpr int SyncNuls = 5;
inline constexpr int ReplyNuls = 20; // a sign's answer starts with 20 NULs
inline constexpr char TypeAllSigns = 'Z';
inline constexpr char TypeResponse = '0'; // the type code of a sign's answer to a read
inline constexpr const char* AllSigns = "00";

// Command codes.
inline constexpr char WriteText = 'A';
inline constexpr char WriteSpecial = 'E';
inline constexpr char ReadSpecial = 'F'; // + function label; the sign answers with 'E' + label + value
inline constexpr char WriteSmallDots = 'I';

// Special functions (after 'E').
inline constexpr char SetTime = ' ';    // + HHMM, 24-hour
inline constexpr char SetMemory = '$';  // + 11-byte file entries
inline constexpr char SetWeekday = '&'; // + '1' Sunday .. '7' Saturday
inline constexpr char SoftReset = ',';  // keeps the files
inline constexpr char SetDate = ';';    // + MMDDYY

// Memory configuration entries: label, type, lock, size (4 hex), QQQQ (4 hex).
inline constexpr std::size_t MemoryEntrySize = 11;
inline constexpr char FileText = 'A';
inline constexpr char FileString = 'B';
inline constexpr char FileDots = 'D';
inline constexpr char Unlocked = 'U';
inline constexpr char Locked = 'L';
// Start and stop time FF: always shown (both public libraries send FFFF).
inline constexpr const char* TextAlways = "FFFF";
// What alphasignpy sends to clear memory after E$ (a configuration of no files is plain E$).
inline constexpr const char* MemoryClearFiller = "$$$";
inline constexpr const char* DotsMono = "1000";
inline constexpr const char* DotsThreeColour = "2000";

// Inside a TEXT file.
inline constexpr std::uint8_t ESC = 0x1B;          // + position + mode: starts a page
inline constexpr std::uint8_t CallDots = 0x14;     // + SMALL DOTS label
inline constexpr std::uint8_t SpeedSlowest = 0x15; // speeds 1..5 are 0x15..0x19
inline constexpr std::uint8_t SpeedFastest = 0x19;
inline constexpr std::uint8_t SelectColor = 0x1C; // + colour code
inline constexpr std::uint8_t CR = 0x0D;          // ends a SMALL DOTS row

inline constexpr char PositionMiddle = 0x20;
inline constexpr char PositionTop = 0x22;
inline constexpr char PositionBottom = 0x26;
inline constexpr char PositionFill = 0x30;
inline constexpr char PositionLeft = 0x31;
inline constexpr char PositionRight = 0x32;

inline constexpr char ModeRotate = 'a';
inline constexpr char ModeHold = 'b';
inline constexpr char ModeRollUp = 'e';
inline constexpr char ModeSpecial = 'n'; // followed by one specifier byte
inline constexpr char ModeAuto = 'o';

// The files this product uses: TEXT 'A' is the one the sign shows out of the box; pictures take
// 'B'..'Z' so that they never meet the priority file '0' or the counter files '1'..'5'.
inline constexpr char TextLabel = 'A';
inline constexpr char FirstPictureLabel = 'B';
inline constexpr char LastPictureLabel = 'Z';
inline constexpr char PriorityLabel = '0';

// SMALL DOTS size fields are 2 hex digits each; 31 rows is the most signs take [I: msparks/alphasign].
inline constexpr int MaxDotsRows = 31;
inline constexpr int MaxDotsColumns = 255;

} // namespace gongshi::protocols::alpha::code
