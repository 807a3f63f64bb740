#include "protocols/ddp/DdpEncoder.h"

#include "common/Error.h"
#include "protocols/ddp/DdpHeader.h"

#include <algorithm>
#include <string>

namespace gongshi::protocols::ddp {

DdpEncoder::DdpEncoder(const ScreenSpec& screen) : screen_(screen) {
    if (screen.width <= 0 || screen.height <= 0)
        throw InputError("ddp needs the screen's size: the frame is the whole screen (" + std::to_string(screen.width) + "x" +
                         std::to_string(screen.height) + " given)");
}

renderer::Bitmap DdpEncoder::frameFor(const Command& command) const {
    renderer::Bitmap frame(screen_.width, screen_.height, renderer::ColorMode::Rgb);
    if (command.kind == Command::Kind::Clear) return frame;
    if (command.kind != Command::Kind::Bitmap)
        throw InputError(std::string("ddp carries only pictures (bitmap, clear), not '") + commandName(command.kind) + "'");
    if (command.pages.empty()) throw InputError("ddp bitmap command has no pages");
    // DDP has no pages or effects: the first page is the frame, as a viewer sees it (mono lit = white).
    const renderer::Bitmap& page = command.pages.front();
    if (command.x < 0 || command.y < 0 || command.x + page.width() > screen_.width || command.y + page.height() > screen_.height)
        throw InputError("ddp picture " + std::to_string(page.width()) + "x" + std::to_string(page.height()) + " at " +
                         std::to_string(command.x) + "," + std::to_string(command.y) + " does not fit the " +
                         std::to_string(screen_.width) + "x" + std::to_string(screen_.height) + " screen");
    frame.blit(page.toRgb(), command.x, command.y);
    return frame;
}

std::vector<Bytes> DdpEncoder::packets(const renderer::Bitmap& frame, std::uint8_t sequence) const {
    const std::vector<std::uint8_t>& rgb = frame.bytes();
    std::vector<Bytes> out;
    for (std::size_t offset = 0; offset < rgb.size(); offset += kMaxData) {
        const std::size_t length = std::min(kMaxData, rgb.size() - offset);
        DdpHeader h;
        h.sequence = sequence;
        h.offset = static_cast<std::uint32_t>(offset);
        h.length = static_cast<std::uint16_t>(length);
        if (offset + length == rgb.size()) h.flags |= kFlagPush;
        Bytes packet;
        packet.reserve(kHeaderSize + length);
        h.appendTo(packet);
        packet.insert(packet.end(), rgb.begin() + static_cast<std::ptrdiff_t>(offset),
                      rgb.begin() + static_cast<std::ptrdiff_t>(offset + length));
        out.push_back(std::move(packet));
    }
    return out;
}

} // namespace gongshi::protocols::ddp
