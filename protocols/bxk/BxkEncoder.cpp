#include "protocols/bxk/BxkEncoder.h"

#include "common/Error.h"
#include "protocols/ByteWriter.h"
#include "protocols/bxk/BxkCommands.h"
#include "protocols/bxk/BxkFrame.h"
#include "protocols/bxk/BxkPixels.h"
#include "protocols/bxk/GbkCodec.h"
#include "protocols/bxk/BxkProgramFile.h"
#include "protocols/onbon/OnbonFileWrite.h"
#include "protocols/onbon/OnbonFlash.h"
#include "protocols/onbon/OnbonProgram.h"

#include <algorithm>
#include <tuple>

namespace gongshi::protocols::bxk {

using renderer::ColorMode;

namespace {

std::uint8_t bcd(int v) { return static_cast<std::uint8_t>(((v / 10) << 4) | (v % 10)); }

void requireRange(const char* what, int v, int lo, int hi) {
    if (v < lo || v > hi)
        throw InputError(std::string("bx-k: ") + what + " " + std::to_string(v) + " is out of range " + std::to_string(lo) + ".." +
                         std::to_string(hi));
}

// K cards place areas on 8-pixel columns (X and W count bytes of 8 pixels on 5K cards).
void requireAreaStart(int x, int y, const ScreenSpec& s) {
    if (x < 0 || y < 0 || x >= s.width || y >= s.height)
        throw InputError("bx-k: area origin (" + std::to_string(x) + ", " + std::to_string(y) + ") is off the " + std::to_string(s.width) +
                         "x" + std::to_string(s.height) + " screen");
    if (x % 8 != 0)
        throw InputError("bx-k: area x = " + std::to_string(x) + " is not a multiple of 8; K cards place areas on 8-pixel columns");
}

// The in-text colour code of K cards: \C1 red, \C2 green, \C3 yellow.
const char* colourCode(renderer::Color c) {
    bool r = c.r >= 128, g = c.g >= 128;
    if (r && g) return "\\C3";
    if (g) return "\\C2";
    return "\\C1";
}

} // namespace

Bytes BxkEncoder::frame(std::uint8_t group, std::uint8_t cmd, const Bytes& payload) const {
    BxkFrame f;
    f.dst = screen_.address;
    f.data.reserve(kCommandHeadLength + payload.size());
    f.data = {group, cmd, kReplyWanted, 0x00, 0x00};
    // Appended byte by byte: GCC 12 warns falsely (-Warray-bounds) on inserting a range here.
    for (std::uint8_t b : payload) f.data.push_back(b);
    return encodeFrame(f);
}

std::vector<Bytes> BxkEncoder::encode(const Command& c) const {
    using K = Command::Kind;
    switch (c.kind) {
    case K::Ping:
        return {frame(kGroupSystem, kCmdPing, {})};
    case K::Reset:
        return {frame(kGroupSystem, kCmdReset, {})};
    case K::SetClock:
        return {clock(c.clock)};
    case K::ScreenOn:
        return {frame(kGroupScreen, kCmdPower, {kPowerOn})};
    case K::ScreenOff:
        return {frame(kGroupScreen, kCmdPower, {kPowerOff})};
    case K::TimedOnOff:
        return {timer(c.onOff)};
    case K::Brightness:
        return {brightness(c.brightness)};
    case K::Clear:
        return {frame(kGroupScreen, kCmdClear, {})};
    case K::Text:
        return {text(c)};
    case K::Bitmap:
        return bitmap(c);
    case K::Program:
        return program(c);
    case K::Status:
        return {frame(kGroupFile, kCmdStatus, {})};
    case K::ProgramInfo:
        // Onbon's sources name a file-information command (bx.k.java BxCmdCode A1 0A) but show
        // neither its request nor its answer: a K card cannot be asked which program it keeps.
        throw InputError("bx-k: K cards cannot be asked which program file they keep");
    }
    throw InputError("bx-k: unknown command kind");
}

Bytes BxkEncoder::clock(const ClockTime& t) const {
    requireRange("clock year", t.year, 0, 9999);
    requireRange("clock month", t.month, 1, 12);
    requireRange("clock day", t.day, 1, 31);
    requireRange("clock hour", t.hour, 0, 23);
    requireRange("clock minute", t.minute, 0, 59);
    requireRange("clock second", t.second, 0, 59);
    requireRange("clock weekday", t.weekday, 1, 7);
    // Year as two BCD bytes, low pair first: 2024 -> 24 20.
    return frame(
        kGroupSystem, kCmdClock,
        {bcd(t.year % 100), bcd(t.year / 100), bcd(t.month), bcd(t.day), bcd(t.hour), bcd(t.minute), bcd(t.second), bcd(t.weekday)});
}

Bytes BxkEncoder::timer(const std::vector<OnOffTime>& times) const {
    requireRange("number of on/off times", static_cast<int>(times.size()), 0, 255);
    Bytes p{static_cast<std::uint8_t>(times.size())};
    for (const auto& t : times) {
        requireRange("switch-on time (minutes after midnight)", t.onMinutes, 0, 24 * 60 - 1);
        requireRange("switch-off time (minutes after midnight)", t.offMinutes, 0, 24 * 60 - 1);
        p.insert(p.end(), {bcd(t.onMinutes / 60), bcd(t.onMinutes % 60), bcd(t.offMinutes / 60), bcd(t.offMinutes % 60)});
    }
    return frame(kGroupScreen, kCmdTimer, p);
}

Bytes BxkEncoder::brightness(int level) const {
    requireRange("brightness", level, 0, kMaxBrightness);
    // Forced: the level applies now; the half-hour table that follows is zeros, as Led5kSDK.dll's
    // SCREEN_SetBrightness sends it for a forced level.
    Bytes p(2 + kHalfHours, 0x00);
    p[0] = kBrightnessForced;
    p[1] = static_cast<std::uint8_t>(level);
    return frame(kGroupScreen, kCmdBrightness, p);
}

Bytes BxkEncoder::textBody(const Command& c) const {
    Bytes body;
    // A one-colour card has no colour planes to choose from: a green code could light nothing.
    if (screen_.color != ColorMode::Mono) {
        std::string code = colourCode(c.color);
        body.assign(code.begin(), code.end());
    }
    Bytes gbk = encodeGbk(c.text);
    body.insert(body.end(), gbk.begin(), gbk.end());
    return body;
}

std::pair<int, int> BxkEncoder::textAreaSize(const Command& c) const {
    const int w = c.width > 0 ? c.width : screen_.width - c.x;
    const int h = c.height > 0 ? c.height : screen_.height - c.y;
    if (c.x + w > screen_.width || c.y + h > screen_.height)
        throw InputError("bx-k: a " + std::to_string(w) + "x" + std::to_string(h) + " text area at (" + std::to_string(c.x) + ", " +
                         std::to_string(c.y) + ") runs off the " + std::to_string(screen_.width) + "x" + std::to_string(screen_.height) +
                         " screen");
    return {w, h};
}

std::uint8_t BxkEncoder::displayModeOf(Effect e) {
    return e == Effect::MoveLeft ? kDispMoveLeft : e == Effect::MoveUp ? kDispMoveUp : kDispStatic;
}

Bytes BxkEncoder::text(const Command& c) const {
    requireAreaStart(c.x, c.y, screen_);
    requireRange("area id", c.areaId, 0, 255);
    const Bytes body = textBody(c);

    const bool scroll = c.effect == Effect::MoveLeft;
    Bytes area;
    ByteWriter a(area);
    a.u8(kAreaTypeDynamic);
    a.u16(static_cast<unsigned>(c.x / 8));
    a.u16(static_cast<unsigned>(c.y));
    const auto [w, h] = textAreaSize(c);
    a.u16(static_cast<unsigned>(groupsFor(w)));
    a.u16(static_cast<unsigned>(h));
    a.u8(static_cast<std::uint8_t>(c.areaId));
    a.u8(0x00); // line spacing
    a.u8(0x00); // run mode: loop
    a.u16(0);   // timeout (s), unused when looping
    a.u8(0x00); // no speech
    a.u8(0x00); // no extended parameters
    a.u8(c.align == HAlign::Right ? kAlignRight : c.align == HAlign::Center ? kAlignCenter : kAlignLeft);
    a.u8(scroll ? kSingleLine : kMultiLine);
    a.u8(scroll ? kNoAutoWrap : kAutoWrap);
    a.u8(displayModeOf(c.effect));
    a.u8(0x00); // exit mode
    a.u8(static_cast<std::uint8_t>(std::clamp(c.speed - 1, 0, kSlowestSpeed)));
    a.u8(static_cast<std::uint8_t>(std::clamp(c.stayHalfSeconds, 0, 255)));
    a.u32(static_cast<std::uint32_t>(body.size()));
    a.bytes(body);

    Bytes p{0x00 /* delete no areas */, 0x01 /* one area */};
    ByteWriter pw(p);
    pw.u16(static_cast<unsigned>(area.size()));
    pw.bytes(area);
    Bytes wire = frame(kGroupScreen, kCmdDynamicArea, p);
    if (wire.size() > kMaxWireFrame)
        throw InputError("bx-k: text of " + std::to_string(body.size()) + " GBK bytes needs a " + std::to_string(wire.size()) +
                         "-byte packet; K cards take at most " + std::to_string(kMaxWireFrame) + ": shorten it or send it as a bitmap");
    return wire;
}

void BxkEncoder::checkPages(const Command& c) const {
    if (screen_.color == ColorMode::Rgb) throw InputError("bx-k: K cards drive mono or red-green screens, not rgb");
    if (c.pages.empty()) throw InputError("bx-k: a bitmap command needs at least one page");
    if (c.pages.size() > 255) throw InputError("bx-k: at most 255 pages fit one special area, got " + std::to_string(c.pages.size()));
    const int w = c.pages.front().width(), h = c.pages.front().height();
    for (const auto& p : c.pages)
        if (p.width() != w || p.height() != h || w <= 0 || h <= 0) throw InputError("bx-k: all pages must have the same, non-empty size");
    requireAreaStart(c.x, c.y, screen_);
    if (c.x + w > screen_.width || c.y + h > screen_.height)
        throw InputError("bx-k: a " + std::to_string(w) + "x" + std::to_string(h) + " page at (" + std::to_string(c.x) + ", " +
                         std::to_string(c.y) + ") runs off the " + std::to_string(screen_.width) + "x" + std::to_string(screen_.height) +
                         " screen");
}

std::vector<Bytes> BxkEncoder::bitmap(const Command& c) const {
    checkPages(c);
    // The special area shows one page of dots (PageTotal 0): pages that take turns are sent in turn.
    if (c.pages.size() > 1)
        throw InputError("bx-k: the special dynamic area holds one page of dots, not " + std::to_string(c.pages.size()) +
                         "; send the pages one after another");
    const int w = c.pages.front().width(), h = c.pages.front().height();
    std::vector<Bytes> frames;
    Bytes setup;
    ByteWriter sw(setup);
    sw.u16(static_cast<unsigned>(c.x / 8));
    sw.u16(static_cast<unsigned>(c.y));
    sw.u16(static_cast<unsigned>(groupsFor(w)));
    sw.u16(static_cast<unsigned>(h));
    sw.u8(kDataTypeDots);
    sw.u8(0x00); // PageTotal: 0 for dot data (Led5k API document)
    sw.u8(0x00); // run state: loop
    sw.u16(0);   // timeout (s), unused when looping
    sw.zeros(3); // single line, line spacing, new line: text only
    sw.u16(0);   // StayTime: 0 for dot data
    sw.zeros(kSpecialSetupLength - 18);
    if (!c.areaReady) frames.push_back(frame(kGroupSpecial, kCmdSpecialSetup, setup));

    Bytes dots;
    for (const auto& p : c.pages) packPage(p, screen_.color, dots);

    // Cut the pixels so each escaped frame fits 1 KB even if every header, address, length and
    // check byte also needed escaping; data bytes are counted at their escaped size.
    constexpr std::size_t kFixed = kHeaderLength + kCommandHeadLength + kSpecialDataHeadLength + kCheckLength;
    constexpr std::size_t kBudget = kMaxWireFrame - kPreambleLength - 1 - 2 * kFixed;
    auto cost = [](std::uint8_t b) -> std::size_t { return onbon::needsEscape(b) ? 2 : 1; };
    for (std::size_t at = 0; at < dots.size();) {
        if (at > 0xFFFF)
            throw InputError("bx-k: " + std::to_string(dots.size()) +
                             " bytes of pages exceed the 64 KB a special area can address; send fewer pages");
        std::size_t end = at, used = 0;
        while (end < dots.size() && used + cost(dots[end]) <= kBudget) used += cost(dots[end++]);
        Bytes block{static_cast<std::uint8_t>(end == dots.size() ? 1 : 0)};
        ByteWriter(block).u16(static_cast<unsigned>(at));
        block.insert(block.end(), dots.begin() + static_cast<std::ptrdiff_t>(at), dots.begin() + static_cast<std::ptrdiff_t>(end));
        frames.push_back(frame(kGroupSpecial, kCmdSpecialData, block));
        at = end;
    }
    return frames;
}

std::vector<Bytes> BxkEncoder::program(const Command& c) const {
    const Bytes file = programFile(c);
    // Blocks of 450 bytes of the file, as Led5kSDK.dll's OFS_SendFileData cuts them; even escaped
    // twice over such a block fits the 1 KB packet.
    std::vector<Bytes> frames;
    for (const auto& c : onbon::fileWriteCommands(onbon::FileLayout::Bxk, onbon::kProgramName, file, kFileBlockData))
        frames.push_back(frame(kGroupFile, c.cmd, c.payload));
    return frames;
}

ProgramTextArea BxkEncoder::programArea(const Command& a) const {
    ProgramTextArea area;
    area.x = a.x;
    area.y = a.y;
    if (a.kind == Command::Kind::Text) {
        requireAreaStart(a.x, a.y, screen_);
        std::tie(area.width, area.height) = textAreaSize(a);
        area.text = textBody(a);
        const bool scroll = a.effect == Effect::MoveLeft;
        area.singleLine = scroll ? kSingleLine : kMultiLine;
        area.newLine = scroll ? kNoAutoWrap : kAutoWrap;
        area.displayMode = displayModeOf(a.effect);
        area.speed = static_cast<std::uint8_t>(std::clamp(a.speed - 1, 0, kSlowestSpeed));
        area.stayHalfSeconds = static_cast<std::uint8_t>(std::clamp(a.stayHalfSeconds, 0, 255));
        return area;
    }
    // A picture cannot go into a K program file (the card draws text with its own font); a dark
    // picture is an area without text, which the card shows dark.
    checkPages(a);
    for (const auto& page : a.pages)
        if (!(page == renderer::Bitmap(page.width(), page.height(), page.mode())))
            throw InputError("bx-k: K program files carry text areas drawn with the card's font, not pictures");
    area.width = a.pages.front().width();
    area.height = a.pages.front().height();
    return area;
}

Bytes BxkEncoder::programFile(const Command& c) const {
    std::vector<ProgramTextArea> areas;
    for (std::size_t i = 0; i < c.areas.size(); ++i) {
        try {
            areas.push_back(programArea(c.areas[i]));
        } catch (const InputError& e) {
            throw InputError("program area " + std::to_string(i + 1) + ": " + e.what());
        }
    }
    const Bytes file = encodeProgramFile(areas);
    const std::size_t capacity = onbon::flashCapacity(screen_);
    if (file.size() > capacity)
        throw InputError("bx-k: a program of " + std::to_string(file.size()) + " bytes does not fit the card's " +
                         std::to_string(capacity / 1024) + " KB of flash (option flash_kb)");
    return file;
}

} // namespace gongshi::protocols::bxk
