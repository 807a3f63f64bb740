#include "protocols/bx6/Bx6Encoder.h"

#include "common/Error.h"
#include "protocols/bx6/Bx6AreaUpdate.h"
#include "protocols/bx6/Bx6Commands.h"
#include "protocols/bx6/Bx6Frame.h"
#include "protocols/bx6/Bx6Pixels.h"
#include "protocols/bx6/LeWriter.h"

#include <algorithm>
#include <string>

namespace gongshi::protocols::bx6 {

namespace {
// Protocol.cpp's commandName() lives in gongshi_protocols, which links this library: not callable here.
const char* kindName(Command::Kind kind) {
    switch (kind) {
    case Command::Kind::Ping: return "ping";
    case Command::Kind::Reset: return "reset";
    case Command::Kind::SetClock: return "clock";
    case Command::Kind::ScreenOn: return "on";
    case Command::Kind::ScreenOff: return "off";
    case Command::Kind::TimedOnOff: return "timer";
    case Command::Kind::Brightness: return "brightness";
    case Command::Kind::Clear: return "clear";
    case Command::Kind::Bitmap: return "bitmap";
    case Command::Kind::Text: return "text";
    }
    return "unknown";
}

std::uint8_t displayMode(Effect effect) {
    switch (effect) {
    case Effect::Static: return kDisplayStatic;
    case Effect::MoveLeft: return kDisplayMoveLeft;
    case Effect::MoveUp: return kDisplayMoveUp;
    }
    return kDisplayStatic;
}

Bytes dataDomain(std::uint8_t group, std::uint8_t cmd) { return {kReplyWanted, group, cmd}; }
} // namespace

Bx6Encoder::Bx6Encoder(const ScreenSpec& screen) : screen_(screen), settings_(Bx6Settings::fromScreen(screen)) {}

Bytes Bx6Encoder::frame(const Bytes& data) const {
    Bx6Frame f;
    f.dst = screen_.address;
    f.deviceType = settings_.deviceType;
    f.data = data;
    return packFrame(f);
}

std::vector<Bytes> Bx6Encoder::encode(const Command& command) const {
    switch (command.kind) {
    case Command::Kind::Ping: {
        Bytes d = dataDomain(kGroupSystem, kCmdPing);
        d.insert(d.end(), 2, 0);
        return {frame(d)};
    }
    case Command::Kind::Brightness: {
        if (command.brightness < 0 || command.brightness > 15)
            throw InputError("bx-6 brightness must be 0..15, not " + std::to_string(command.brightness));
        Bytes d = dataDomain(kGroupSystem, kCmdBrightness);
        LeWriter w(d);
        w.u16(1 + kBrightnessSlots);
        w.u8(0x00); // manual: the same level all day
        d.insert(d.end(), kBrightnessSlots, static_cast<std::uint8_t>(command.brightness));
        return {frame(d)};
    }
    case Command::Kind::Clear: {
        Bytes d = dataDomain(kGroupArea, kCmdAreaDelete);
        d.insert(d.end(), {0x00, 0x00, 0xFF}); // FF: every dynamic area
        return {frame(d)};
    }
    case Command::Kind::Bitmap: {
        Bytes payload = bitmapPayload(command);
        Bytes d = dataDomain(kGroupArea, kCmdAreaUpdate);
        d.insert(d.end(), payload.begin(), payload.end());
        Bytes whole = frame(d);
        if (whole.size() <= settings_.maxPacket) return {whole};
        return segments(kCmdAreaUpdate, payload);
    }
    case Command::Kind::Text:
        throw InputError("bx-6 cards have no font: render the text and send it as a bitmap");
    case Command::Kind::Reset:
    case Command::Kind::SetClock:
    case Command::Kind::ScreenOn:
    case Command::Kind::ScreenOff:
    case Command::Kind::TimedOnOff:
        break;
    }
    throw InputError(std::string("bx-6 cards do not support '") + kindName(command.kind) +
                     "': Onbon's 6th-generation dynamic-area protocol has no such command (set it with the card's own software)");
}

Bytes Bx6Encoder::bitmapPayload(const Command& command) const {
    if (command.pages.empty()) throw InputError("bx-6 bitmap command has no pages");
    const renderer::Bitmap& first = command.pages.front();
    const int w = first.width(), h = first.height();
    if (w <= 0 || h <= 0 || w > 0xFFFF || h > 0xFFFF)
        throw InputError("bx-6 bitmap page size " + std::to_string(w) + "x" + std::to_string(h) + " is not drawable");
    for (const auto& page : command.pages)
        if (page.width() != w || page.height() != h)
            throw InputError("bx-6 bitmap pages differ in size: all pages of one area must be " + std::to_string(w) + "x" +
                             std::to_string(h));
    if (command.x < 0 || command.y < 0 || command.x > 0xFFFF || command.y > 0xFFFF ||
        (screen_.width > 0 && command.x + w > screen_.width) || (screen_.height > 0 && command.y + h > screen_.height))
        throw InputError("bx-6 area " + std::to_string(w) + "x" + std::to_string(h) + " at " + std::to_string(command.x) +
                         "," + std::to_string(command.y) + " does not fit the " + std::to_string(screen_.width) + "x" +
                         std::to_string(screen_.height) + " screen");
    // 6Q cards hold 32 dynamic areas, numbered from 0.
    if (command.areaId < 0 || command.areaId > 31)
        throw InputError("bx-6 area id must be 0..31, not " + std::to_string(command.areaId));
    if (command.pages.size() > 0xFFFF) throw InputError("bx-6 areas hold at most 65535 pages");

    DynamicArea area;
    area.id = static_cast<std::uint8_t>(command.areaId);
    area.x = static_cast<std::uint16_t>(command.x);
    area.y = static_cast<std::uint16_t>(command.y);
    area.width = static_cast<std::uint16_t>(w);
    area.height = static_cast<std::uint16_t>(h);
    for (const auto& bitmap : command.pages) {
        AreaPage page;
        page.displayMode = displayMode(command.effect);
        page.speed = static_cast<std::uint8_t>(std::clamp(command.speed, 0, 255));
        // Stay is in 10 ms units on the wire, half seconds in the command.
        page.stay10ms = static_cast<std::uint16_t>(std::clamp(command.stayHalfSeconds, 0, 65535 / 50) * 50);
        page.pixels = encodePagePixels(bitmap, settings_.pixels, screen_.color, command.x);
        area.pages.push_back(std::move(page));
    }
    return encodeAreaUpdate({area});
}

std::vector<Bytes> Bx6Encoder::segments(std::uint8_t innerCmd, const Bytes& payload) const {
    // Room for the segment's bytes once escaped, with every header and CRC byte assumed escaped.
    const std::size_t fixed = kPreambleLength + 1 + 2 * (kHeaderSize + 3 + kSegmentHeaderSize) + 4;
    const std::size_t budget = settings_.maxPacket - fixed;
    std::vector<Bytes> out;
    std::size_t offset = 0;
    while (offset < payload.size()) {
        std::size_t end = offset, cost = 0;
        while (end < payload.size()) {
            std::uint8_t b = payload[end];
            std::size_t c = (b == 0xA5 || b == 0xA6 || b == 0x5A || b == 0x5B) ? 2 : 1;
            if (cost + c > budget) break;
            cost += c;
            ++end;
        }
        Bytes d = dataDomain(kGroupArea, kCmdSegment);
        LeWriter w(d);
        w.zeros(2);
        w.u8(innerCmd);
        w.u8(0);
        w.u32(static_cast<std::uint32_t>(payload.size()));
        w.u32(static_cast<std::uint32_t>(offset));
        d.insert(d.end(), payload.begin() + static_cast<std::ptrdiff_t>(offset), payload.begin() + static_cast<std::ptrdiff_t>(end));
        out.push_back(frame(d));
        offset = end;
    }
    return out;
}

} // namespace gongshi::protocols::bx6
