#pragma once
// The 6th-generation control frame (protocol version 07) that Onbon's SDK uses for system and
// file commands (ping, clock, on/off, brightness, status, file transfer, directory):
//   A5 x8 | Dst u16 | Src u16 | Ver 07 | ProtocolType | DevType u16 | PhyType | Option | Seq u16
//         | FrameLenMax u16 (00FF) | Encryption (96: none) | Random | Secret[6] | DataLen u16
//         | DataCrc u16 (CRC-16/ARC of the data domain) | Rsv | HeaderXor (XOR of the 27 bytes before)
//         | data domain | 5A
// escaped between the preamble and the end byte as every Onbon frame (onbon/OnbonFraming.h). Unlike
// the dynamic-area frame (Bx6Frame.h) no check follows the data: the header carries both checks.
// Onbon's SDK numbers the frames of one connection 2, 4, 6, ... and spends 2 on its first question
// (which card are you), so a command's frames start at 4.
#include "protocols/Protocol.h"
#include "protocols/bx6/Bx6Frame.h"

#include <cstddef>
#include <cstdint>

namespace gongshi::protocols::bx6 {

inline constexpr std::uint8_t kControlVersion = 0x07;
inline constexpr std::size_t kControlHeaderSize = 28;
inline constexpr std::uint16_t kFirstSequence = 4;

struct Bx6ControlFrame {
    std::uint16_t dst = 0xFFFE;
    std::uint16_t src = kHostAddress;
    std::uint8_t protocolType = 0; // the card's, echoed by the SDK from the card's first answer
    std::uint16_t deviceType = 0x0266;
    std::uint8_t option = 0;
    std::uint16_t sequence = kFirstSequence;
    // Requests: RtnReq Grp Cmd DataLen u16 data; answers: Rsv Grp Cmd Status u16 Error u16 DataLen u16 data.
    Bytes data;
};

Bytes packControlFrame(const Bx6ControlFrame& frame);
// `raw` is the frame between the preamble and the end byte, escapes already undone.
UnpackError unpackControlFrame(const Bytes& raw, Bx6ControlFrame& out);

// A request's data domain: RtnReq 01, Grp, Cmd, DataLen u16, payload.
Bytes controlRequest(std::uint8_t group, std::uint8_t cmd, const Bytes& payload = {});

} // namespace gongshi::protocols::bx6
