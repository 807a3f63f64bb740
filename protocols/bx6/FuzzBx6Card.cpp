// libFuzzer target for the bx-6 card and reply parser. Built by fuzz/CMakeLists.txt (cmake
// -DGONGSHI_FUZZ=ON, or scripts/fuzz) from gongshi_proto_bx6, or by hand in /work/main from exactly
// these sources:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address -I/work/main \
//     protocols/bx6/FuzzBx6Card.cpp protocols/bx6/Bx6AreaUpdate.cpp protocols/bx6/Bx6Card.cpp \
//     protocols/bx6/Bx6Encoder.cpp protocols/bx6/Bx6Frame.cpp protocols/bx6/Bx6Pixels.cpp \
//     protocols/bx6/Bx6Protocol.cpp protocols/bx6/Bx6Reply.cpp protocols/bx6/Bx6Settings.cpp \
//     protocols/onbon/OnbonFraming.cpp protocols/ProtocolCore.cpp bitmap/Bitmap.cpp \
//     bitmap/ImageIO.cpp bitmap/Preview.cpp \
//     -lpng -o fuzz-bx6
//   ./fuzz-bx6 -max_total_time=30
//
// Byte 0 picks the card (colour mode, pixel format, screen size) and how the rest is read:
// - bit 7 clear: the rest is a raw byte stream, fed in chunks of byte 1's size (framing, escapes,
//   garbage, the reply parser);
// - bit 7 set: the rest is a list of (u16 length, data domain) that are packed into valid frames
//   with a correct CRC, so the fuzzer reaches the command parsers (areas, brightness).
#include "protocols/bx6/Bx6Card.h"
#include "protocols/bx6/Bx6Frame.h"
#include "protocols/bx6/Bx6Reply.h"

#include <cstdint>
#include <cstdlib>

using namespace gongshi::protocols;
using namespace gongshi::protocols::bx6;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::uint8_t mode = data[0];
    ScreenSpec screen;
    screen.color = static_cast<gongshi::renderer::ColorMode>(mode % 3);
    screen.options["pixels"] = (mode & 0x04) ? "planes" : "rgb888";
    screen.width = (mode & 0x08) ? 64 : 40;
    screen.height = (mode & 0x10) ? 32 : 8;
    if (mode & 0x20) screen.options["packet"] = "300";
    Bx6Card card(screen);

    auto check = [&](const std::vector<FrameEvent>& events) {
        for (const FrameEvent& e : events) {
            if (e.ok == !e.error.empty()) std::abort(); // an error name exactly when not ok
            if (!e.reply.empty() && !parseReplyFrame(e.reply)) std::abort();
        }
        const auto& s = card.screen();
        if (s.width() != screen.width || s.height() != screen.height) std::abort();
    };

    if ((mode & 0x80) == 0) {
        const std::size_t chunk = data[1] % 64 + 1;
        for (std::size_t at = 2; at < size; at += chunk) check(card.feed(data + at, std::min(chunk, size - at)));
        Bytes all(data + 2, data + size);
        (void)parseReplyFrame(all);
        return 0;
    }
    std::size_t at = 1;
    while (at + 2 <= size) {
        std::size_t len = static_cast<std::size_t>(data[at] | (data[at + 1] << 8));
        at += 2;
        len = std::min(len, size - at);
        Bx6Frame f;
        f.data.assign(data + at, data + at + len);
        if (f.data.size() < 3) f.data.resize(3);
        at += len;
        Bytes wire = packFrame(f);
        check(card.feed(wire.data(), wire.size()));
    }
    return 0;
}
