// libFuzzer target for the K card emulation. Built by fuzz/CMakeLists.txt (cmake -DGONGSHI_FUZZ=ON, or
// scripts/fuzz) from gongshi_proto_bxk, or by hand in /work/main from exactly these sources:
//   clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address -I/work/main \
//     protocols/bxk/FuzzBxkCard.cpp protocols/bxk/BxkCard.cpp protocols/bxk/BxkEncoder.cpp \
//     protocols/bxk/BxkErrors.cpp protocols/bxk/BxkFrame.cpp protocols/bxk/BxkPixels.cpp \
//     protocols/bxk/BxkProtocol.cpp protocols/bxk/BxkReply.cpp protocols/bxk/GbkCodec.cpp \
//     protocols/onbon/OnbonFraming.cpp protocols/ProtocolCore.cpp bitmap/Bitmap.cpp \
//     bitmap/ImageIO.cpp bitmap/Preview.cpp \
//     -lpng -o fuzz-bxk-card
//   ./fuzz-bxk-card -max_total_time=30 corpus/
//
// Input: the first byte picks how the rest is used. Bit 0 clear: the rest is the byte stream as
// is (framing, escaping, garbage). Bit 0 set: the rest is cut at each F0 0D into Data fields that
// are wrapped in frames with a correct CRC, so the command handlers are reached; bit 1 then sends
// them to the 0xFFFE broadcast address instead of the card's own.
//
// Besides the sanitizers it checks: the screen keeps its size; feeding the stream in uneven
// pieces gives the same events and screen as feeding it whole; every reply reads as a whole reply.
#include "protocols/bxk/BxkCard.h"
#include "protocols/bxk/BxkFrame.h"
#include "protocols/bxk/BxkReply.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

using namespace gongshi::protocols;
using namespace gongshi::protocols::bxk;
using gongshi::renderer::Bitmap;

namespace {

Bitmap drawText(const std::string& utf8, int width, int height, gongshi::renderer::ColorMode mode, gongshi::renderer::Color color, HAlign) {
    Bitmap b(width, height, mode);
    for (std::size_t i = 0; i < utf8.size(); ++i)
        b.setPixel(static_cast<int>(i) % std::max(width, 1), static_cast<int>(i / std::max<std::size_t>(width, 1)), color);
    return b;
}

void require(bool condition) {
    if (!condition) std::abort();
}

bool sameEvents(const std::vector<FrameEvent>& a, const std::vector<FrameEvent>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].cmd != b[i].cmd || a[i].ok != b[i].ok || a[i].error != b[i].error || a[i].bytes != b[i].bytes ||
            a[i].reply != b[i].reply || a[i].details != b[i].details || a[i].screenChanged != b[i].screenChanged)
            return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    ScreenSpec spec;
    spec.width = 64;
    spec.height = 32;
    spec.color = gongshi::renderer::ColorMode::RedGreen;
    spec.address = 1;

    Bytes stream;
    const std::uint8_t mode = data[0];
    if (mode & 1) {
        std::size_t start = 1;
        for (std::size_t i = 1; i <= size; ++i) {
            bool cut = i == size || (i + 1 < size && data[i] == 0xF0 && data[i + 1] == 0x0D);
            if (!cut) continue;
            BxkFrame f;
            f.dst = (mode & 2) ? kBroadcastReply : spec.address;
            f.data.assign(data + start, data + std::min(i, start + 0xFFFF));
            Bytes wire = encodeFrame(f);
            stream.insert(stream.end(), wire.begin(), wire.end());
            start = i + 2;
            ++i;
        }
    } else {
        stream.assign(data + 1, data + size);
    }

    BxkCard whole(spec, drawText), pieces(spec, drawText);
    std::vector<FrameEvent> a = whole.feed(stream.data(), stream.size());
    std::vector<FrameEvent> b;
    for (std::size_t at = 0, step = 1; at < stream.size(); step = step % 13 + 1) {
        std::size_t n = std::min(step, stream.size() - at);
        auto got = pieces.feed(stream.data() + at, n);
        b.insert(b.end(), got.begin(), got.end());
        at += n;
    }
    require(sameEvents(a, b));
    require(whole.screen() == pieces.screen());
    require(whole.screen().width() == 64 && whole.screen().height() == 32);
    std::size_t total = 0;
    for (const auto& e : a) {
        total += e.bytes;
        if (e.reply.empty()) continue;
        auto r = parseBxkReply(e.reply);
        require(r.has_value() && r->consumed == e.reply.size() && r->ok == e.ok);
    }
    require(total <= stream.size());
    return 0;
}
