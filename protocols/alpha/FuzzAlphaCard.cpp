// libFuzzer target for the Alpha card. Built by fuzz/CMakeLists.txt (cmake -DGONGSHI_FUZZ=ON, or
// scripts/fuzz) from gongshi_proto_alpha, or by hand in /work/main from exactly these sources:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -I/work/main \
//     protocols/alpha/FuzzAlphaCard.cpp protocols/alpha/AlphaCard.cpp protocols/alpha/AlphaColors.cpp \
//     protocols/alpha/AlphaEncoder.cpp protocols/alpha/AlphaPacket.cpp protocols/alpha/FrameScanner.cpp \
//     protocols/alpha/AlphaSettings.cpp protocols/alpha/TextFile.cpp protocols/ProtocolCore.cpp bitmap/Bitmap.cpp bitmap/ImageIO.cpp \
//     bitmap/Preview.cpp \
//     -lpng -o fuzz-alpha-card
//   ./fuzz-alpha-card -max_total_time=30
//
// Beyond not crashing, it checks that the chunking never changes what the card makes of the
// bytes: fed whole or in pieces, the events and the screen must be the same.
#include "protocols/alpha/AlphaCard.h"

#include <cstdint>
#include <cstdlib>

using gongshi::protocols::FrameEvent;
using gongshi::protocols::HAlign;
using gongshi::protocols::ScreenSpec;
using gongshi::protocols::alpha::AlphaCard;
using gongshi::renderer::Bitmap;
using gongshi::renderer::Color;
using gongshi::renderer::ColorMode;

namespace {

Bitmap drawText(const std::string& text, int width, int height, ColorMode mode, Color color, HAlign) {
    Bitmap b(width, height, mode);
    for (std::size_t i = 0; i < text.size(); ++i) b.setPixel(static_cast<int>(i), static_cast<int>(i) % (height + 1), color);
    return b;
}

bool same(const std::vector<FrameEvent>& a, const std::vector<FrameEvent>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].cmd != b[i].cmd || a[i].ok != b[i].ok || a[i].error != b[i].error || a[i].bytes != b[i].bytes ||
            a[i].details != b[i].details || a[i].screenChanged != b[i].screenChanged)
            return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    // The first byte picks the screen and the chunk size.
    ScreenSpec spec;
    spec.width = 1 + (data[0] & 0x0F) * 8;
    spec.height = 1 + (data[0] >> 4);
    spec.color = data[0] & 0x80 ? ColorMode::RedGreen : (data[0] & 0x40 ? ColorMode::Rgb : ColorMode::Mono);
    spec.address = data[0] & 0x20 ? 0 : 1;
    std::size_t chunk = 1 + (data[0] % 7);
    ++data;
    --size;

    AlphaCard whole(spec, drawText);
    auto wholeEvents = whole.feed(data, size);
    AlphaCard pieces(spec, drawText);
    std::vector<FrameEvent> pieceEvents;
    for (std::size_t at = 0; at < size; at += chunk) {
        auto some = pieces.feed(data + at, std::min(chunk, size - at));
        pieceEvents.insert(pieceEvents.end(), some.begin(), some.end());
    }
    if (!same(wholeEvents, pieceEvents) || !(whole.screen() == pieces.screen())) std::abort();
    std::size_t counted = 0;
    for (const auto& e : wholeEvents) counted += e.bytes;
    if (counted > size) std::abort(); // events never claim more bytes than arrived
    if (whole.screen().width() != spec.width || whole.screen().height() != spec.height) std::abort();
    return 0;
}
