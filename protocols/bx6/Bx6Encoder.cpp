#include "protocols/bx6/Bx6Encoder.h"

#include "common/Error.h"
#include "protocols/ByteWriter.h"
#include "protocols/bx6/Bx6AreaUpdate.h"
#include "protocols/bx6/Bx6Commands.h"
#include "protocols/bx6/Bx6Frame.h"
#include "protocols/bx6/Bx6Pixels.h"
#include "protocols/onbon/OnbonProgram.h"

#include <algorithm>
#include <string>

namespace gongshi::protocols::bx6 {

namespace {
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
        ByteWriter w(d);
        w.u16(1 + kBrightnessSlots);
        w.u8(0x00); // manual: the same level all day
        d.insert(d.end(), kBrightnessSlots, static_cast<std::uint8_t>(command.brightness));
        return {frame(d)};
    }
    case Command::Kind::Clear: {
        Bytes d = dataDomain(kGroupArea, kCmdAreaDelete);
        ByteWriter w(d);
        w.u8(0x00);
        w.u8(0x00);
        w.u8(0xFF); // FF: every dynamic area
        return {frame(d)};
    }
    case Command::Kind::Bitmap: return bitmapFrames(command);
    case Command::Kind::Program: return programFrames(command);
    case Command::Kind::ProgramInfo: {
        Bytes d = dataDomain(onbon::kGroupFile, onbon::kCmdFileInfo);
        const Bytes q = onbon::fileInfoQuery();
        d.insert(d.end(), q.begin(), q.end());
        return {frame(d)};
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
    throw InputError(std::string("bx-6 cards do not support '") + commandName(command.kind) +
                     "': Onbon's 6th-generation dynamic-area protocol has no such command (set it with the card's own software)");
}

void Bx6Encoder::checkBitmap(const Command& command) const {
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
    if (command.areaId < 0 || command.areaId > kLastAreaId)
        throw InputError("bx-6 area id must be 0.." + std::to_string(kLastAreaId) + ", not " + std::to_string(command.areaId));
    if (command.pages.size() > 0xFFFF) throw InputError("bx-6 areas hold at most 65535 pages");
}

Bytes Bx6Encoder::bandFrame(const Command& command, int id, int top, int rows) const {
    const int w = command.pages.front().width();
    DynamicArea area;
    area.id = static_cast<std::uint8_t>(id);
    area.x = static_cast<std::uint16_t>(command.x);
    area.y = static_cast<std::uint16_t>(command.y + top);
    area.width = static_cast<std::uint16_t>(w);
    area.height = static_cast<std::uint16_t>(rows);
    const bool whole = top == 0 && rows == command.pages.front().height();
    for (const auto& bitmap : command.pages) {
        AreaPage page;
        page.displayMode = onbon::displayModeOf(command.effect);
        page.speed = static_cast<std::uint8_t>(std::clamp(command.speed, 0, 255));
        // Stay is in 10 ms units on the wire, half seconds in the command.
        page.stay10ms = static_cast<std::uint16_t>(std::clamp(command.stayHalfSeconds, 0, 65535 / 50) * 50);
        page.pixels = encodePagePixels(whole ? bitmap : bitmap.crop(0, top, w, rows), settings_.pixels, screen_.color, command.x);
        area.pages.push_back(std::move(page));
    }
    Bytes d = dataDomain(kGroupArea, kCmdAreaUpdate);
    Bytes payload = encodeAreaUpdate({area});
    d.insert(d.end(), payload.begin(), payload.end());
    return frame(d);
}

int Bx6Encoder::bandRows(const Command& command) const {
    const int w = command.pages.front().width();
    // The parameters of one area with these pages, without pixels: what every band's frame carries.
    DynamicArea empty;
    empty.pages.resize(command.pages.size());
    const std::size_t params = encodeAreaUpdate({empty}).size();
    // Every byte around the pixels counted as escaped, pixel bytes as 1 in 8 escaped.
    const std::size_t fixed = kPreambleLength + 1 + 2 * (kHeaderSize + 3 + params + 2);
    if (fixed >= settings_.maxPacket) return 0;
    const std::size_t rowBytes = pagePixelBytes(settings_.pixels, screen_.color, command.x, w, 1) * command.pages.size();
    const std::size_t rowCost = rowBytes + (rowBytes + 7) / 8;
    return static_cast<int>(std::min<std::size_t>((settings_.maxPacket - fixed) / rowCost, 0xFFFF));
}

std::vector<Bytes> Bx6Encoder::bitmapFrames(const Command& command) const {
    checkBitmap(command);
    const int w = command.pages.front().width(), h = command.pages.front().height();
    // From the geometry's band height down: only pictures with unusually many escapes go lower.
    for (int rows = std::clamp(bandRows(command), 1, h); rows >= 1; --rows) {
        const int bands = (h + rows - 1) / rows;
        if (command.areaId + bands - 1 > kLastAreaId)
            throw InputError("bx-6 picture " + std::to_string(w) + "x" + std::to_string(h) + " with " +
                             std::to_string(command.pages.size()) + " page(s) needs " + std::to_string(bands) +
                             " bands of at most " + std::to_string(settings_.maxPacket) + " bytes, areas " +
                             std::to_string(command.areaId) + ".." + std::to_string(command.areaId + bands - 1) +
                             ", but cards hold areas 0.." + std::to_string(kLastAreaId) +
                             ": send fewer pages, a smaller picture or a lower area id");
        std::vector<Bytes> frames;
        for (int band = 0; band < bands; ++band) {
            const int top = band * rows;
            frames.push_back(bandFrame(command, command.areaId + band, top, std::min(rows, h - top)));
            if (frames.back().size() > settings_.maxPacket) break;
        }
        if (frames.size() == static_cast<std::size_t>(bands) && frames.back().size() <= settings_.maxPacket) return frames;
    }
    throw InputError("bx-6 picture rows " + std::to_string(w) + " pixels wide with " + std::to_string(command.pages.size()) +
                     " page(s) do not fit one " + std::to_string(settings_.maxPacket) +
                     "-byte packet even one row at a time: send fewer pages or a narrower picture");
}

std::vector<Bytes> Bx6Encoder::programFrames(const Command& command) const {
    const Bytes file = programFile(command);
    std::vector<Bytes> frames;
    auto add = [&](std::uint8_t cmd, const Bytes& payload) {
        Bytes d = dataDomain(onbon::kGroupFile, cmd);
        d.insert(d.end(), payload.begin(), payload.end());
        frames.push_back(frame(d));
    };
    add(onbon::kCmdStartFile, onbon::startFilePayload(file));
    // Every byte around the data counted as escaped; blocks of at most 16 KB keep a lost reply cheap.
    const std::size_t fixed = kPreambleLength + 1 + 2 * (kHeaderSize + 3 + onbon::kBlockHeadLength + 2);
    if (settings_.maxPacket <= fixed + 16) throw InputError("bx-6: the packet option leaves no room for file blocks");
    const std::size_t budget = std::min<std::size_t>(settings_.maxPacket - fixed, 16 * 1024);
    for (const Bytes& block : onbon::fileBlockPayloads(file, budget)) add(onbon::kCmdFileBlock, block);
    return frames;
}

Bytes Bx6Encoder::programFile(const Command& command) const {
    for (std::size_t i = 0; i < command.areas.size(); ++i) {
        Command area = command.areas[i];
        area.areaId = 0; // program areas are numbered by their place in the file
        try {
            checkBitmap(area);
        } catch (const InputError& e) {
            throw InputError("program area " + std::to_string(i + 1) + ": " + e.what());
        }
    }
    const Bytes file = onbon::encodeProgramFile(command.areas, [this](const renderer::Bitmap& page, int x, Bytes& out) {
        Bytes pixels = encodePagePixels(page, settings_.pixels, screen_.color, x);
        out.insert(out.end(), pixels.begin(), pixels.end());
    });
    const std::size_t capacity = onbon::flashCapacity(screen_);
    if (file.size() > capacity)
        throw InputError("bx-6: a program of " + std::to_string(file.size()) + " bytes does not fit the card's " +
                         std::to_string(capacity / 1024) + " KB of flash (option flash_kb)");
    return file;
}

} // namespace gongshi::protocols::bx6
