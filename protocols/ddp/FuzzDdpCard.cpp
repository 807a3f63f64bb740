// libFuzzer target for the DDP display. Built by fuzz/CMakeLists.txt (cmake -DGONGSHI_FUZZ=ON, or
// scripts/fuzz) from gongshi_proto_ddp, or by hand in /work/main from exactly these sources:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address -I/work/main \
//     protocols/ddp/FuzzDdpCard.cpp protocols/ddp/DdpCard.cpp protocols/ddp/DdpEncoder.cpp \
//     protocols/ddp/DdpHeader.cpp protocols/ddp/DdpProtocol.cpp protocols/ddp/DdpStatus.cpp protocols/ProtocolCore.cpp \
//     bitmap/Bitmap.cpp bitmap/ImageIO.cpp bitmap/Preview.cpp \
//     -lpng -o fuzz-ddp
//   ./fuzz-ddp -max_total_time=30
//
// Byte 0 picks the screen size (including 0 x 0); the rest is a list of (u16 length, datagram).
#include "protocols/ddp/DdpCard.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace gongshi::protocols;
using namespace gongshi::protocols::ddp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    ScreenSpec screen;
    screen.width = data[0] & 0x0F;
    screen.height = data[0] >> 4;
    screen.color = gongshi::renderer::ColorMode::Rgb;
    DdpCard card(screen);
    std::size_t at = 1;
    bool pushed = false; // before the first push the display shows packets as they come (WLED)
    while (at + 2 <= size) {
        std::size_t len = static_cast<std::size_t>(data[at] << 8 | data[at + 1]);
        at += 2;
        len = std::min(len, size - at);
        Bytes datagram(data + at, data + at + len);
        at += len;
        auto events = card.feedDatagram(datagram);
        if (events.size() != 1) std::abort();
        const FrameEvent& e = events[0];
        if (e.ok == !e.error.empty() || e.bytes != len) std::abort();
        const bool push = e.details.count("push") && e.details.at("push") == "1";
        if (e.screenChanged && !push && pushed) std::abort();
        pushed = pushed || push;
        if (card.screen().width() != screen.width || card.screen().height() != screen.height) std::abort();
    }
    return 0;
}
