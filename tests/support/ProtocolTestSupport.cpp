#include "tests/support/ProtocolTestSupport.h"

#include <utility>

namespace gongshi::test {

using protocols::Bytes;
using protocols::FrameEvent;

protocols::ScreenSpec screenSpec(int width, int height, renderer::ColorMode mode, std::uint16_t address,
                                 std::map<std::string, std::string> options) {
    protocols::ScreenSpec s;
    s.width = width;
    s.height = height;
    s.color = mode;
    s.address = address;
    s.options = std::move(options);
    return s;
}

protocols::Command bitmapCommand(std::vector<renderer::Bitmap> pages, int x, int y) {
    protocols::Command c;
    c.kind = protocols::Command::Kind::Bitmap;
    c.pages = std::move(pages);
    c.x = x;
    c.y = y;
    return c;
}

Bytes joined(const std::vector<Bytes>& packets) {
    Bytes all;
    for (const Bytes& p : packets) all.insert(all.end(), p.begin(), p.end());
    return all;
}

std::vector<FrameEvent> feedBytes(protocols::CardDecoder& card, const Bytes& bytes) { return card.feed(bytes.data(), bytes.size()); }

std::vector<FrameEvent> feedAll(protocols::CardDecoder& card, const std::vector<Bytes>& packets, bool byteByByte) {
    const Bytes all = joined(packets);
    if (!byteByByte) return feedBytes(card, all);
    std::vector<FrameEvent> events;
    for (std::uint8_t b : all) {
        auto some = card.feed(&b, 1);
        events.insert(events.end(), some.begin(), some.end());
    }
    return events;
}

} // namespace gongshi::test
