#include "protocols/bx6/Bx6Card.h"

#include "protocols/ByteReader.h"
#include "protocols/bx6/Bx6ClockArea.h"
#include "protocols/bx6/Bx6Commands.h"
#include "protocols/bx6/Bx6FileList.h"
#include "protocols/bx6/Bx6Pixels.h"
#include "protocols/bx6/Bx6ProgramFile.h"
#include "protocols/bx6/Bx6Status.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace gongshi::protocols::bx6 {

namespace {
const char* controlName(std::uint8_t group, std::uint8_t cmd, const Bytes& payload) {
    if (group == kGroupSystem) {
        switch (cmd) {
        case kCmdPing:
            return "ping";
        case kCmdReset:
            return "reset";
        case kCmdClock:
            return "clock";
        case kCmdOnOff:
            return !payload.empty() && payload[0] == 0 ? "off" : "on";
        case kCmdBrightness:
            return "brightness";
        case kCmdStatus:
            return "status";
        }
    }
    if (group == kGroupFile) {
        switch (cmd) {
        case kCmdBatchStart:
        case kCmdWriteStart:
        case kCmdWriteBlock:
        case kCmdBatchEnd:
            return "program";
        case kCmdDirInfo:
        case kCmdDirBlock:
            return "program-info";
        }
    }
    return "unknown";
}

std::string hex4(unsigned v) {
    static const char digits[] = "0123456789ABCDEF";
    std::string s = "0x";
    for (int shift = 12; shift >= 0; shift -= 4) s += digits[(v >> shift) & 0xF];
    return s;
}

std::uint8_t colorBits(renderer::ColorMode mode) {
    return mode == renderer::ColorMode::Mono ? 1 : mode == renderer::ColorMode::RedGreen ? 3 : 7;
}

// The SDK's first question on every connection (which card are you): a 15-byte header, its device
// type FE and physical type 01, then A2 00.
bool isCardQuestion(const Bytes& raw) {
    return raw.size() >= 19 && raw[4] == 0 && raw[6] == 0xFE && raw[7] == 0x01 && raw[15] == kGroupSystem;
}
} // namespace

Bx6Card::Bx6Card(const ScreenSpec& screen)
    : spec_(screen), settings_(Bx6Settings::fromScreen(screen)), clockSetAt_(std::chrono::steady_clock::now()),
      flash_(onbon::FileLayout::Bx6, onbon::flashCapacity(screen)) {
    restoreFlash({});
}

ClockTime Bx6Card::now() const {
    return advanced(clock_, std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - clockSetAt_));
}

void Bx6Card::dropProgram() {
    programPages_.clear();
    programAreas_.clear();
    programClocks_.clear();
    programScreen_ = renderer::Bitmap(spec_.width, spec_.height, shownMode(settings_.pixels, spec_.color));
}

void Bx6Card::restoreFlash(const std::map<std::string, Bytes>& files) {
    flash_.restore(files);
    areas_.clear(); // dynamic areas live in RAM
    std::string reason;
    if (!loadProgram(reason)) dropProgram();
    redraw();
}

bool Bx6Card::loadProgram(std::string& reason) {
    const auto& files = flash_.files();
    auto p = files.find(kProgramFileName);
    auto d = files.find(kDataFileName);
    if (p == files.end() || d == files.end()) {
        reason = "the card keeps no P000 and D000";
        return false;
    }
    const ParsedProgram parsed = parseProgramFiles(p->second, d->second);
    if (!parsed.error.empty()) {
        reason = parsed.error;
        return false;
    }
    const PixelFormat format = settings_.pixels;
    const renderer::ColorMode mode = spec_.color;
    renderer::Bitmap picture(spec_.width, spec_.height, shownMode(format, mode));
    std::vector<std::vector<renderer::Bitmap>> pages;
    std::vector<PlayArea> plays;
    std::vector<ProgramClock> clocks;
    for (std::size_t i = 0; i < parsed.areas.size(); ++i) {
        const ProgramArea& a = parsed.areas[i];
        if (a.x + a.width > spec_.width || a.y + a.height > spec_.height) {
            reason = "program area " + std::to_string(i + 1) + " is off the screen";
            return false;
        }
        const std::size_t expected = pagePixelBytes(format, mode, a.x, a.width, a.height);
        if (a.type == kAreaTypeClock) {
            if (a.clock.background.size() != expected) {
                reason = "clock area " + std::to_string(i + 1) + "'s background holds " + std::to_string(a.clock.background.size()) +
                         " bytes, not " + std::to_string(expected);
                return false;
            }
            ProgramClock clock{a.x, a.y, decodePagePixels(a.clock.background.data(), format, mode, a.x, a.width, a.height), a.clock.units};
            picture.blit(clock.background, a.x, a.y);
            pages.push_back({clock.background});
            clocks.push_back(std::move(clock));
            continue;
        }
        std::vector<renderer::Bitmap> areaPages;
        for (std::size_t k = 0; k < a.pages.size(); ++k) {
            if (a.pages[k].pixels.size() != expected) {
                reason = "program area " + std::to_string(i + 1) + " page " + std::to_string(k + 1) + " holds " +
                         std::to_string(a.pages[k].pixels.size()) + " bytes, not " + std::to_string(expected);
                return false;
            }
            areaPages.push_back(decodePagePixels(a.pages[k].pixels.data(), format, mode, a.x, a.width, a.height));
        }
        picture.blit(areaPages.front(), a.x, a.y);
        plays.push_back(playArea(a.x, a.y, areaPages, a.pages.front()));
        pages.push_back(std::move(areaPages));
    }
    programScreen_ = std::move(picture);
    programPages_ = std::move(pages);
    programAreas_ = std::move(plays);
    programClocks_ = std::move(clocks);
    return true;
}

std::vector<std::pair<std::string, std::uint8_t>> Bx6Card::filesOfType(std::uint8_t type) const {
    // A file's type is its first byte. Asked for programs (00), the card names their data files too.
    std::vector<std::pair<std::string, std::uint8_t>> out;
    for (const auto& [name, bytes] : flash_.files()) {
        const std::uint8_t t = bytes.empty() ? 0 : bytes[0];
        if (t == type || (type == kProgramFileType && t == kDataFileType)) out.emplace_back(name, t);
    }
    return out;
}

CardState Bx6Card::state() const {
    CardState s;
    s.deviceType = settings_.deviceType;
    s.address = spec_.address;
    s.width = spec_.width;
    s.height = spec_.height;
    s.colorBits = colorBits(spec_.color);
    s.brightness = brightness_;
    s.on = on_;
    s.programs = programPages_.empty() ? 0 : 1;
    s.program = programPages_.empty() ? "" : kProgramFileName;
    s.clock = now();
    return s;
}

std::vector<renderer::Bitmap> Bx6Card::areaPages(int id) const {
    auto it = areas_.find(id);
    return it == areas_.end() ? std::vector<renderer::Bitmap>{} : it->second.pages;
}

std::vector<FrameEvent> Bx6Card::feed(const std::uint8_t* data, std::size_t size) {
    std::vector<FrameEvent> events;
    auto flushGarbage = [&] {
        if (garbage_ == 0) return;
        events.push_back(failedEvent("garbage", "garbage", garbage_));
        garbage_ = 0;
    };
    for (std::size_t i = 0; i < size; ++i) {
        const std::uint8_t b = data[i];
        switch (state_) {
        case State::Idle:
            if (b == kPreambleByte) {
                flushGarbage();
                state_ = State::Preamble;
                frameBytes_ = 1;
            } else {
                ++garbage_;
            }
            break;
        case State::Preamble:
            ++frameBytes_;
            if (b == kPreambleByte) break;
            body_.clear();
            overflow_ = false;
            if (b == kEndByte) {
                events.push_back(finishFrame());
            } else {
                body_.push_back(b);
                state_ = State::Body;
            }
            break;
        case State::Body:
            if (b == kPreambleByte) {
                // Escaping keeps A5 out of a frame: the end byte was lost and a new frame begins.
                events.push_back(failedEvent("garbage", "broken", frameBytes_));
                state_ = State::Preamble;
                frameBytes_ = 1;
                break;
            }
            ++frameBytes_;
            if (b == kEndByte) {
                events.push_back(finishFrame());
            } else if (body_.size() + kPreambleLength + 1 < settings_.maxPacket) {
                body_.push_back(b);
            } else {
                overflow_ = true; // counted, not kept: the card's buffer is full
            }
            break;
        }
    }
    flushGarbage();
    return events;
}

FrameEvent Bx6Card::finishFrame() {
    state_ = State::Idle;
    FrameEvent event = frameEvent(frameBytes_);
    body_.clear();
    body_.shrink_to_fit();
    return event;
}

bool Bx6Card::addressedToMe(std::uint16_t dst, FrameEvent& event) const {
    if (dst == spec_.address || dst == 0xFFFF || dst == 0xFFFE) return true;
    event.details["ignored"] = "addressed to " + std::to_string(dst);
    return false;
}

FrameEvent Bx6Card::frameEvent(std::size_t wireBytes) {
    FrameEvent event;
    event.bytes = wireBytes;
    event.cmd = "unknown";
    ReplyTo to{spec_.address, settings_.deviceType, false, 0};
    if (overflow_) {
        event.ok = false;
        event.error = "too-long";
        event.details["limit"] = std::to_string(settings_.maxPacket);
        event.reply = buildReply(to, CardError::Memory);
        return event;
    }
    bool clean = true;
    const Bytes raw = onbon::unescape(body_.data(), body_.size(), &clean);
    if (!clean) {
        event.ok = false;
        event.error = unpackErrorName(UnpackError::Escape);
        event.reply = buildReply(to, CardError::Crc);
        return event;
    }
    if (isCardQuestion(raw)) {
        // Answered as the SDK needs it: a control frame whose header names this card's type.
        event.cmd = "probe";
        to.control = true;
        to.sequence = static_cast<std::uint16_t>(raw[8] | raw[9] << 8);
        event.reply = buildAnswer(to, kGroupSystem, kCmdPing, encodePingData(state()));
        return event;
    }
    CardError error = CardError::None;
    if (raw.size() > 4 && raw[4] == kControlVersion) {
        to.control = true;
        Bx6ControlFrame frame;
        if (UnpackError e = unpackControlFrame(raw, frame); e != UnpackError::None) {
            event.ok = false;
            event.error = unpackErrorName(e);
            event.reply = buildReply(to, CardError::Crc);
            return event;
        }
        to.sequence = frame.sequence;
        ByteReader r(frame.data.data(), frame.data.size());
        const std::uint8_t rtn = r.u8(), group = r.u8(), cmd = r.u8();
        const std::size_t len = r.u16();
        if (!r.ok() || len != r.remaining()) {
            event.ok = false;
            event.error = "length";
            event.reply = buildReply(to, CardError::Parameter);
            return event;
        }
        const Bytes payload(r.here(), r.here() + r.remaining());
        event.cmd = controlName(group, cmd, payload);
        if (!addressedToMe(frame.dst, event)) return event;
        std::optional<Bytes> answer;
        if (frame.deviceType != settings_.deviceType && frame.deviceType != kAnyDevice) {
            error = CardError::ControllerType;
            event.details["device"] = hex4(frame.deviceType);
        } else {
            dispatchControl(group, cmd, payload, event, error, answer);
        }
        if (error != CardError::None) {
            event.ok = false;
            event.error = cardErrorName(static_cast<std::uint16_t>(error));
        }
        if (rtn == kReplyWanted)
            event.reply = answer && error == CardError::None ? buildAnswer(to, group, cmd, *answer) : buildReply(to, error);
        return event;
    }
    Bx6Frame frame;
    if (UnpackError e = unpackRawFrame(raw, frame); e != UnpackError::None) {
        // The card cannot trust any field of a damaged frame; it answers with a checksum error.
        event.ok = false;
        event.error = unpackErrorName(e);
        event.reply = buildReply(to, CardError::Crc);
        return event;
    }
    const std::uint8_t group = frame.data[1], cmd = frame.data[2];
    event.cmd = group == kGroupArea && cmd == kCmdAreaUpdate   ? "bitmap"
                : group == kGroupArea && cmd == kCmdAreaDelete ? "clear"
                : group == kGroupSystem                        ? controlName(group, cmd, {})
                                                               : "unknown";
    if (frame.version != kProtocolVersion) {
        // Other generations (the K protocol's 0x02) are not for this card: no answer.
        event.ok = false;
        event.error = "version";
        event.details["version"] = std::to_string(frame.version);
        return event;
    }
    if (!addressedToMe(frame.dst, event)) return event;
    if (frame.deviceType != settings_.deviceType && frame.deviceType != kAnyDevice) {
        error = CardError::ControllerType;
        event.details["device"] = hex4(frame.deviceType);
    } else {
        dispatchArea(frame, event, error);
    }
    if (error != CardError::None) {
        event.ok = false;
        event.error = cardErrorName(static_cast<std::uint16_t>(error));
    }
    if (frame.data[0] == kReplyWanted) event.reply = buildReply(to, error);
    return event;
}

void Bx6Card::dispatchControl(std::uint8_t group, std::uint8_t cmd, const Bytes& payload, FrameEvent& event, CardError& error,
                              std::optional<Bytes>& answer) {
    if (group == kGroupFile) {
        fileCommand(cmd, payload, event, error, answer);
        return;
    }
    if (group != kGroupSystem) {
        error = CardError::Group;
        return;
    }
    switch (cmd) {
    case kCmdPing:
        answer = encodePingData(state());
        return;
    case kCmdStatus:
        answer = encodeStatus(state());
        return;
    case kCmdReset:
        // A restart: the dynamic areas in RAM are gone, the program plays again from flash.
        event.screenChanged = !areas_.empty();
        areas_.clear();
        redraw();
        return;
    case kCmdClock: {
        if (payload.size() != 8) {
            error = CardError::Parameter;
            return;
        }
        ClockTime c;
        c.year = fromBcd(payload[1]) * 100 + fromBcd(payload[0]);
        c.month = fromBcd(payload[2]);
        c.day = fromBcd(payload[3]);
        c.hour = fromBcd(payload[4]);
        c.minute = fromBcd(payload[5]);
        c.second = fromBcd(payload[6]);
        c.weekday = payload[7];
        if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > 31 || c.hour > 23 || c.minute > 59 || c.second > 59 || c.weekday < 1 ||
            c.weekday > 7) {
            error = CardError::DateFormat;
            return;
        }
        clock_ = c;
        clockSetAt_ = std::chrono::steady_clock::now();
        if (!programClocks_.empty()) { // the program's clocks show the new time at once
            redraw();
            event.screenChanged = true;
        }
        char text[64];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second);
        event.details["time"] = text;
        event.details["weekday"] = std::to_string(c.weekday);
        return;
    }
    case kCmdOnOff:
        if (payload.size() != 1 || payload[0] > 1) {
            error = CardError::Parameter;
            event.details["reason"] = "power state is neither 01 (on) nor 00 (off)";
            return;
        }
        on_ = payload[0] == 1;
        event.details["state"] = on_ ? "on" : "off";
        return;
    case kCmdBrightness:
        if (payload.size() != 1 + kBrightnessSlots || payload[1] > 15) {
            error = CardError::Parameter;
            return;
        }
        brightness_ = payload[1];
        event.details["mode"] = std::to_string(payload[0]);
        event.details["level"] = std::to_string(payload[1]);
        return;
    }
    event.details["command"] = hex4(static_cast<unsigned>(group << 8 | cmd));
    error = CardError::NoCommand;
}

CardError Bx6Card::errorOf(onbon::FlashResult result) {
    switch (result) {
    case onbon::FlashResult::Ok:
    case onbon::FlashResult::Complete:
        return CardError::None;
    case onbon::FlashResult::Malformed:
        return CardError::Parameter;
    case onbon::FlashResult::NoStart:
    case onbon::FlashResult::BadName:
        return CardError::FileName;
    case onbon::FlashResult::OutOfOrder:
        return CardError::BlockNumber;
    case onbon::FlashResult::BadSize:
        return CardError::Memory;
    case onbon::FlashResult::Incomplete:
    case onbon::FlashResult::BadCrc:
        break;
    }
    return CardError::FileCrc;
}

void Bx6Card::fileCommand(std::uint8_t cmd, const Bytes& payload, FrameEvent& event, CardError& error, std::optional<Bytes>& answer) {
    switch (cmd) {
    case kCmdBatchStart:
        event.details["step"] = "start";
        return;
    case kCmdWriteStart: {
        const onbon::FlashResult result = flash_.start(payload.data(), payload.size());
        error = errorOf(result);
        if (result == onbon::FlashResult::Malformed) return;
        event.details["file"] = flash_.name();
        event.details["step"] = "open";
        event.details["size"] = std::to_string(flash_.expected());
        if (error != CardError::None) event.details["reason"] = flash_.reason();
        return;
    }
    case kCmdWriteBlock: {
        const onbon::FlashResult result = flash_.block(payload.data(), payload.size());
        error = errorOf(result);
        if (result == onbon::FlashResult::Malformed) return;
        event.details["file"] = flash_.name();
        event.details["step"] = "block";
        if (error != CardError::None) {
            event.details["reason"] = flash_.reason();
            return;
        }
        event.details["received"] = std::to_string(flash_.received());
        if (result != onbon::FlashResult::Complete) return;
        // A 6th-generation card keeps every file that arrived whole; the batch's end decides what plays.
        flash_.keepReceived();
        event.flashChanged = true;
        event.details["step"] = "written";
        return;
    }
    case kCmdBatchEnd: {
        event.details["step"] = "end";
        std::string reason;
        if (!flash_.files().count(kProgramFileName)) return;
        if (!loadProgram(reason)) {
            // The files stay in flash; the card plays no program from them.
            error = CardError::FileCrc;
            event.details["reason"] = reason;
            dropProgram();
        } else {
            event.details["areas"] = std::to_string(programPages_.size());
        }
        areas_.clear(); // the new program starts afresh
        redraw();
        event.screenChanged = true;
        return;
    }
    case kCmdDirInfo:
        if (payload.size() != 2) {
            error = CardError::Parameter;
            return;
        }
        event.details["type"] = std::to_string(payload[0]);
        answer = encodeDirCount(filesOfType(payload[0]).size());
        listedType_ = payload[0];
        return;
    case kCmdDirBlock: {
        if (payload.size() != 2) {
            error = CardError::Parameter;
            return;
        }
        const std::size_t first = static_cast<std::size_t>(payload[0] | payload[1] << 8);
        std::vector<FileEntry> entries;
        const auto files = filesOfType(listedType_);
        for (std::size_t i = first; i < files.size(); ++i)
            entries.push_back(entryOf(files[i].first, files[i].second, flash_.files().at(files[i].first)));
        event.details["files"] = std::to_string(entries.size());
        answer = encodeDirBlock(entries);
        return;
    }
    }
    event.details["command"] = hex4(static_cast<unsigned>(kGroupFile << 8 | cmd));
    error = CardError::NoCommand;
}

void Bx6Card::dispatchArea(const Bx6Frame& frame, FrameEvent& event, CardError& error) {
    const std::uint8_t group = frame.data[1], cmd = frame.data[2];
    const std::uint8_t* payload = frame.data.data() + 3;
    const std::size_t size = frame.data.size() - 3;
    if (group == kGroupSystem && cmd == kCmdPing) return; // the dynamic-area manual's ping (5.5.1), in an F0 frame
    if (group == kGroupSystem && cmd == kCmdBrightness) {
        // The manual's brightness (5.5.2): DataLen u16 (49), Mode, 48 levels, in an F0 frame.
        ByteReader r(payload, size);
        const std::size_t len = r.u16();
        if (!r.ok() || len != 1 + kBrightnessSlots || r.remaining() != len || payload[3] > 15) {
            error = CardError::Parameter;
            return;
        }
        brightness_ = payload[3];
        event.details["mode"] = std::to_string(payload[2]);
        event.details["level"] = std::to_string(payload[3]);
        return;
    }
    if (group != kGroupArea) {
        error = CardError::Group;
        return;
    }
    if (cmd == kCmdAreaDelete) {
        ByteReader r(payload, size);
        r.skip(2);
        std::uint8_t count = r.u8();
        if (!r.ok() || (count != 0xFF && r.remaining() != count)) {
            error = CardError::Parameter;
            return;
        }
        std::size_t before = areas_.size();
        if (count == 0xFF)
            areas_.clear();
        else
            for (std::size_t i = 0; i < count; ++i) areas_.erase(payload[3 + i]);
        event.details["areas"] = count == 0xFF ? "all" : std::to_string(count);
        event.screenChanged = areas_.size() != before;
        redraw();
        return;
    }
    if (cmd == kCmdAreaUpdate) {
        updateAreas(payload, size, event, error);
        return;
    }
    event.details["command"] = hex4(static_cast<unsigned>(group << 8 | cmd));
    error = CardError::NoCommand;
}

void Bx6Card::updateAreas(const std::uint8_t* payload, std::size_t size, FrameEvent& event, CardError& error) {
    auto parsed = parseAreaUpdate(payload, size);
    if (!parsed) {
        error = CardError::Parameter;
        event.details["reason"] = "area parameters";
        return;
    }
    std::vector<std::pair<int, Area>> accepted;
    for (DynamicArea& a : *parsed) {
        if (a.width == 0 || a.height == 0 || a.x + a.width > spec_.width || a.y + a.height > spec_.height) {
            error = CardError::Parameter;
            event.details["reason"] = "area outside the screen";
            return;
        }
        Area area;
        const std::size_t expected = pagePixelBytes(settings_.pixels, spec_.color, a.x, a.width, a.height);
        for (AreaPage& page : a.pages) {
            if (page.pixels.size() != expected) {
                error = CardError::Parameter;
                event.details["reason"] =
                    "page data length " + std::to_string(page.pixels.size()) + ", expected " + std::to_string(expected);
                return;
            }
            area.pages.push_back(decodePagePixels(page.pixels.data(), settings_.pixels, spec_.color, a.x, a.width, a.height));
            page.pixels.clear(); // the pictures keep the pixels
        }
        area.params = std::move(a);
        accepted.emplace_back(area.params.id, std::move(area));
    }
    for (auto& [id, area] : accepted) {
        const DynamicArea& p = area.params;
        event.details["area"] = std::to_string(id);
        event.details["x"] = std::to_string(p.x);
        event.details["y"] = std::to_string(p.y);
        event.details["width"] = std::to_string(p.width);
        event.details["height"] = std::to_string(p.height);
        event.details["pages"] = std::to_string(p.pages.size());
        event.details["effect"] = onbon::displayModeName(p.pages.front().displayMode);
        event.details["speed"] = std::to_string(p.pages.front().speed);
        event.details["stay_ms"] = std::to_string(p.pages.front().stay10ms * 10);
        event.details["play"] = p.immediatePlay == 1 ? "alone" : "with-program";
        areas_[id] = std::move(area);
    }
    if (accepted.size() > 1) event.details["areas"] = std::to_string(accepted.size());
    event.screenChanged = true;
    redraw();
}

Playlist Bx6Card::playing() const {
    Playlist list;
    list.width = spec_.width;
    list.height = spec_.height;
    list.mode = screen_.mode();
    bool alone = false;
    for (const auto& [id, area] : areas_) alone = alone || area.params.immediatePlay == 1;
    // The program: its first pages, then each area cycling its pages and each clock keeping time,
    // from the card's time now; stopped while a dynamic area plays alone.
    list.areas.push_back(
        PlayArea{0, 0, {alone ? renderer::Bitmap(spec_.width, spec_.height, screen_.mode()) : programScreen_}, Effect::Static, 1, 10, {}});
    if (!alone) {
        for (const PlayArea& a : programAreas_) list.areas.push_back(a);
        const ClockTime start = now();
        for (const ProgramClock& c : programClocks_) {
            PlayArea a;
            a.x = c.x;
            a.y = c.y;
            a.live = [background = c.background, units = c.units, start](std::chrono::milliseconds elapsed) {
                return drawClockArea(background, units, advanced(start, std::chrono::duration_cast<std::chrono::seconds>(elapsed)));
            };
            list.areas.push_back(std::move(a));
        }
    }
    for (const auto& [id, area] : areas_) {
        if (area.pages.empty() || area.params.pages.empty()) continue;
        // The card's timing is per page; the first page's stands for the area's.
        list.areas.push_back(playArea(area.params.x, area.params.y, area.pages, area.params.pages.front()));
    }
    return list;
}

PlayArea Bx6Card::playArea(int x, int y, const std::vector<renderer::Bitmap>& pages, const AreaPage& first) {
    PlayArea a;
    a.x = x;
    a.y = y;
    a.pages = pages;
    a.effect = first.displayMode == kDisplayMoveLeft ? Effect::MoveLeft
               : first.displayMode == kDisplayMoveUp ? Effect::MoveUp
                                                     : Effect::Static;
    a.speed = std::max<int>(1, first.speed);
    a.stayHalfSeconds = first.stay10ms / 50;
    return a;
}

void Bx6Card::redraw() {
    // An area played alone (ImmePlay 1) stops the program: the areas show on black.
    bool alone = false;
    for (const auto& [id, area] : areas_) alone = alone || area.params.immediatePlay == 1;
    screen_ = alone ? renderer::Bitmap(spec_.width, spec_.height, programScreen_.mode()) : programScreen_;
    if (!alone) {
        const ClockTime t = now();
        for (const ProgramClock& c : programClocks_) screen_.blit(drawClockArea(c.background, c.units, t), c.x, c.y);
    }
    for (const auto& [id, area] : areas_) screen_.blit(area.pages.front(), area.params.x, area.params.y);
}

} // namespace gongshi::protocols::bx6
