#pragma once
// The BX "K" frame (protocol version 0x02): 8 x A5 preamble, header, data, check, 5A, with the
// bytes between preamble and end escaped. Shared by the sender's encoder, its reply reader and
// the card's decoder. The preamble, escaping and CRC are onbon/OnbonFraming's, shared with bx-6.
//
//   A5 x8 | Dst u16 | Src u16 | Rsv[3] | Option | [BarCode 16 if Option.bit0] | CheckMode
//         | DisplayMode | DeviceType | ProtoVer | DataLen u16 | Data | Check u16 | 5A
#include "protocols/Protocol.h"
#include "protocols/onbon/OnbonFraming.h"

#include <cstddef>
#include <cstdint>

namespace gongshi::protocols::bxk {

using onbon::kEndByte;
using onbon::kPreambleByte;
using onbon::kPreambleLength;
inline constexpr std::uint16_t kSenderAddress = 0x8000;
inline constexpr std::uint16_t kBroadcastNoReply = 0xFFFF;
inline constexpr std::uint16_t kBroadcastReply = 0xFFFE;
inline constexpr std::uint8_t kAnyDevice = 0xFE;
inline constexpr std::uint8_t kProtocolVersion = 0x02;
inline constexpr std::uint8_t kCheckCrc = 0, kCheckSum = 1, kCheckNone = 2;
// K cards take at most 1 KB per packet, counted on the wire (after escaping).
inline constexpr std::size_t kMaxWireFrame = 1024;
// Header bytes before Data without a bar code, and the check after it.
inline constexpr std::size_t kHeaderLength = 14;
inline constexpr std::size_t kBarCodeLength = 16;
inline constexpr std::size_t kCheckLength = 2;
// Data starts Grp Cmd Resp Rsv Rsv (a reply: Grp Cmd Err Rsv Rsv).
inline constexpr std::size_t kCommandHeadLength = 5;
inline constexpr std::uint8_t kReplyWanted = 0x01, kNoReply = 0x02;

struct BxkFrame {
    std::uint16_t dst = 1;
    std::uint16_t src = kSenderAddress;
    std::uint8_t option = 0;
    Bytes barCode; // 16 bytes, sent only when option bit 0 is set
    std::uint8_t checkMode = kCheckCrc;
    std::uint8_t displayMode = 0;
    std::uint8_t deviceType = kAnyDevice;
    std::uint8_t version = kProtocolVersion;
    Bytes data;
};

// The whole frame as it goes on the wire; DataLen and the check are filled in here. Throws
// InputError when Data exceeds 65535 bytes.
Bytes encodeFrame(const BxkFrame& frame);

enum class FrameStatus {
    Ok,
    TooShort,       // not even a header and a check: line noise, not a frame
    BadEscape,      // an escape the protocol does not define
    LengthMismatch, // DataLen disagrees with the bytes received
    BadCheck,       // CRC or sum wrong, or an unknown check mode
};

struct DecodedFrame {
    FrameStatus status = FrameStatus::TooShort;
    BxkFrame frame; // header fields are filled whenever status != TooShort
};

// Parses the escaped bytes between the preamble and the final 5A.
DecodedFrame decodeBody(const std::uint8_t* escaped, std::size_t size);

// Where the next frame lies in a stream of received bytes.
struct ScanResult {
    enum class Kind { NeedMore, Garbage, Preamble, Frame };
    Kind kind = Kind::NeedMore;
    // Garbage: bytes to drop; Preamble: surplus A5 to drop, part of the frame that follows;
    // Frame: preamble through 5A.
    std::size_t length = 0;
    std::size_t bodyOffset = 0; // Frame: the escaped body's first byte
    std::size_t bodyLength = 0;
};

// Looks at the start of `data`: bytes before an A5 are garbage; a run of A5 (any length) opens a
// frame that ends at the first 5A. An A5 before that 5A means the frame was cut off: what came
// before it is garbage. A body longer than any K frame without its 5A is garbage too, so a lost
// end byte cannot make the reader wait forever; a preamble longer than a frame is trimmed (Preamble)
// so a stream of A5 cannot either. Results do not depend on how the stream was split.
ScanResult scanFrame(const std::uint8_t* data, std::size_t size);

} // namespace gongshi::protocols::bxk
