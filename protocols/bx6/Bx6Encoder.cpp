#include "protocols/bx6/Bx6Encoder.h"

#include "common/Error.h"
#include "protocols/ByteWriter.h"
#include "protocols/bx6/Bx6AreaUpdate.h"
#include "protocols/bx6/Bx6Commands.h"
#include "protocols/bx6/Bx6ControlFrame.h"
#include "protocols/bx6/Bx6FileList.h"
#include "protocols/bx6/Bx6Frame.h"
#include "protocols/bx6/Bx6ProgramFile.h"
#include "protocols/bx6/Bx6Status.h"
#include "protocols/bx6/Bx6Pixels.h"
#include "protocols/onbon/OnbonFileWrite.h"
#include "protocols/onbon/OnbonFlash.h"
#include "protocols/onbon/OnbonProgram.h"

#include <algorithm>
#include <string>

namespace gongshi::protocols::bx6 {

namespace {
Bytes dataDomain(std::uint8_t group, std::uint8_t cmd) { return {kReplyWanted, group, cmd}; }

void checkLevel(const char* what, int v) {
    if (v < 0 || v > 15) throw InputError(std::string("bx-6 ") + what + " must be 0..15, not " + std::to_string(v));
}

void checkClock(const ClockTime& c) {
    if (c.year < 2000 || c.year > 2099 || c.month < 1 || c.month > 12 || c.day < 1 || c.day > 31 || c.hour < 0 || c.hour > 23 ||
        c.minute < 0 || c.minute > 59 || c.second < 0 || c.second > 59 || c.weekday < 1 || c.weekday > 7)
        throw InputError("bx-6 clock " + std::to_string(c.year) + "-" + std::to_string(c.month) + "-" + std::to_string(c.day) + " " +
                         std::to_string(c.hour) + ":" + std::to_string(c.minute) + ":" + std::to_string(c.second) + " (weekday " +
                         std::to_string(c.weekday) + ") is not a time the card can keep");
}
} // namespace

Bx6Encoder::Bx6Encoder(const ScreenSpec& screen) : screen_(screen), settings_(Bx6Settings::fromScreen(screen)) {}

Bytes Bx6Encoder::frame(const Bytes& data) const {
    Bx6Frame f;
    f.dst = screen_.address;
    f.deviceType = settings_.deviceType;
    f.data = data;
    return packFrame(f);
}

std::vector<Bytes> Bx6Encoder::control(const std::vector<Bytes>& domains) const {
    std::vector<Bytes> frames;
    std::uint16_t sequence = kFirstSequence;
    for (const Bytes& d : domains) {
        Bx6ControlFrame f;
        f.dst = screen_.address;
        f.deviceType = settings_.deviceType;
        f.sequence = sequence;
        sequence = static_cast<std::uint16_t>(sequence + 2);
        f.data = d;
        frames.push_back(packControlFrame(f));
    }
    return frames;
}

std::vector<Bytes> Bx6Encoder::encode(const Command& command) const {
    switch (command.kind) {
    case Command::Kind::Ping:
        return control({controlRequest(kGroupSystem, kCmdPing)});
    case Command::Kind::Reset:
        return control({controlRequest(kGroupSystem, kCmdReset)});
    case Command::Kind::Status:
        return control({controlRequest(kGroupSystem, kCmdStatus)});
    case Command::Kind::ScreenOn:
        return control({controlRequest(kGroupSystem, kCmdOnOff, {0x01})});
    case Command::Kind::ScreenOff:
        return control({controlRequest(kGroupSystem, kCmdOnOff, {0x00})});
    case Command::Kind::SetClock: {
        const ClockTime& c = command.clock;
        checkClock(c);
        Bytes p;
        ByteWriter w(p);
        w.u8(toBcd(c.year % 100));
        w.u8(toBcd(c.year / 100));
        for (int v : {c.month, c.day, c.hour, c.minute, c.second}) w.u8(toBcd(v));
        w.u8(static_cast<unsigned>(c.weekday));
        return control({controlRequest(kGroupSystem, kCmdClock, p)});
    }
    case Command::Kind::Brightness: {
        checkLevel("brightness", command.brightness);
        Bytes p(1 + kBrightnessSlots, static_cast<std::uint8_t>(command.brightness));
        p[0] = 0x00; // set by hand: the same level all day
        return control({controlRequest(kGroupSystem, kCmdBrightness, p)});
    }
    case Command::Kind::Clear: {
        Bytes d = dataDomain(kGroupArea, kCmdAreaDelete);
        ByteWriter w(d);
        w.u8(0x00);
        w.u8(0x00);
        w.u8(0xFF); // FF: every dynamic area
        return {frame(d)};
    }
    case Command::Kind::Bitmap:
        return bitmapFrames(command);
    case Command::Kind::Program:
        return programFrames(command);
    case Command::Kind::ProgramInfo:
        // The SDK's directory read for program files (FileType 00), from the first file on.
        return control({controlRequest(kGroupFile, kCmdDirInfo, dirInfoQuery(kProgramFileType)),
                        controlRequest(kGroupFile, kCmdDirBlock, dirBlockQuery(0))});
    case Command::Kind::Text:
        throw InputError("bx-6 cards have no font: render the text and send it as a bitmap");
    case Command::Kind::TimedOnOff:
        break;
    }
    throw InputError(std::string("bx-6 cards do not support '") + commandName(command.kind) +
                     "' in gongshi: set it with Onbon's own software");
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
        throw InputError("bx-6 area " + std::to_string(w) + "x" + std::to_string(h) + " at " + std::to_string(command.x) + "," +
                         std::to_string(command.y) + " does not fit the " + std::to_string(screen_.width) + "x" +
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
    area.immediatePlay = settings_.dynamicAlone ? 1 : 0;
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
                             std::to_string(command.pages.size()) + " page(s) needs " + std::to_string(bands) + " bands of at most " +
                             std::to_string(settings_.maxPacket) + " bytes, areas " + std::to_string(command.areaId) + ".." +
                             std::to_string(command.areaId + bands - 1) + ", but cards hold areas 0.." + std::to_string(kLastAreaId) +
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
    const auto files = splitProgramFiles(programFile(command));
    // As Onbon's SDK sends a program: start the batch, the data file, the parameter file, end the
    // batch; each file an A1 02 (name, type, length, overwrite, CRC-32) and A1 03 blocks of at most
    // 1000 bytes (fewer when the packet option is smaller), each step numbered from 4 as the SDK's
    // connection per call numbers them.
    const std::size_t fixed = kPreambleLength + 1 + 2 * (kControlHeaderSize + 5 + 9);
    if (settings_.maxPacket <= fixed + 16) throw InputError("bx-6: the packet option leaves no room for file blocks");
    const std::size_t block = std::min(kFileBlock, (settings_.maxPacket - fixed) / 2);
    std::vector<Bytes> frames = control({controlRequest(kGroupFile, kCmdBatchStart)});
    auto write = [&](const char* name, const Bytes& file) {
        std::vector<Bytes> domains;
        for (const auto& c : onbon::fileWriteCommands(onbon::FileLayout::Bx6, name, file, block))
            domains.push_back(controlRequest(kGroupFile, c.cmd, c.payload));
        for (Bytes& f : control(domains)) frames.push_back(std::move(f));
    };
    write(kDataFileName, files->data);
    write(kProgramFileName, files->program);
    for (Bytes& f : control({controlRequest(kGroupFile, kCmdBatchEnd)})) frames.push_back(std::move(f));
    return frames;
}

// A clock face as the card's clock area: the background packed as a picture page, each unit's
// glyphs as bits (MSB the leftmost pixel, 0 = lit) in the E_Color_G56 colour nearest its own.
ProgramArea Bx6Encoder::clockArea(ProgramArea area, const renderer::ClockFace& face) const {
    if (face.background.width() != area.width || face.background.height() != area.height)
        throw InputError("bx-6: a clock's background is " + std::to_string(face.background.width()) + "x" +
                         std::to_string(face.background.height()) + ", not its area's " + std::to_string(area.width) + "x" +
                         std::to_string(area.height));
    area.type = kAreaTypeClock;
    area.clock.background = encodePagePixels(face.background, settings_.pixels, screen_.color, area.x);
    for (const renderer::ClockFaceUnit& u : face.units) {
        ClockUnit unit;
        unit.x = u.x;
        unit.y = u.y;
        unit.field = static_cast<ClockField>(static_cast<int>(u.part));
        unit.mode = u.twelveHour ? 1 : 0;
        unit.color = static_cast<std::uint8_t>((u.color.r >= 128 ? 1 : 0) | (u.color.g >= 128 ? 2 : 0) | (u.color.b >= 128 ? 4 : 0));
        if (unit.color == 0) unit.color = 1; // a dark unit would show nothing: red, the panel's first colour
        for (const renderer::Bitmap& g : u.glyphs) {
            ClockGlyph glyph;
            glyph.width = g.width();
            glyph.height = g.height();
            glyph.rowBytes = (g.width() + 7) / 8;
            glyph.rows.assign(static_cast<std::size_t>(glyph.rowBytes * g.height()), 0xFF);
            for (int y = 0; y < g.height(); ++y)
                for (int x = 0; x < g.width(); ++x)
                    if (g.lit(x, y))
                        glyph.rows[static_cast<std::size_t>(y * glyph.rowBytes + x / 8)] &= static_cast<std::uint8_t>(~(0x80 >> (x % 8)));
            unit.glyphs.push_back(std::move(glyph));
        }
        area.clock.units.push_back(std::move(unit));
    }
    return area;
}

Bytes Bx6Encoder::programFile(const Command& command) const {
    if (command.areas.empty()) throw InputError("a program needs at least one area");
    if (command.areas.size() > 255) throw InputError("a program holds at most 255 areas, not " + std::to_string(command.areas.size()));
    std::vector<ProgramArea> areas;
    for (std::size_t i = 0; i < command.areas.size(); ++i) {
        Command a = command.areas[i];
        a.areaId = 0; // program areas are numbered by their place in the file
        try {
            checkBitmap(a);
        } catch (const InputError& e) {
            throw InputError("program area " + std::to_string(i + 1) + ": " + e.what());
        }
        ProgramArea area;
        area.x = a.x;
        area.y = a.y;
        area.width = a.pages.front().width();
        area.height = a.pages.front().height();
        if (a.clockFace) {
            areas.push_back(clockArea(area, *a.clockFace));
            continue;
        }
        for (const auto& bitmap : a.pages) {
            ProgramPage page;
            page.displayMode = onbon::displayModeOf(a.effect);
            page.speed = static_cast<std::uint8_t>(std::clamp(a.speed, 0, 255));
            page.stay10ms = static_cast<std::uint16_t>(std::clamp(a.stayHalfSeconds, 0, 65535 / 50) * 50);
            page.validLength = static_cast<std::uint16_t>(area.width);
            page.pixels = encodePagePixels(bitmap, settings_.pixels, screen_.color, a.x);
            area.pages.push_back(std::move(page));
        }
        areas.push_back(std::move(area));
    }
    const Bytes file = joinProgramFiles(encodeProgramFiles(areas));
    const std::size_t capacity = onbon::flashCapacity(screen_);
    if (file.size() > capacity)
        throw InputError("bx-6: a program of " + std::to_string(file.size()) + " bytes does not fit the card's " +
                         std::to_string(capacity / 1024) + " KB of flash (option flash_kb)");
    return file;
}

} // namespace gongshi::protocols::bx6
