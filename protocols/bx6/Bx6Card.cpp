#include "protocols/bx6/Bx6Card.h"

#include "protocols/ByteReader.h"
#include "protocols/bx6/Bx6Commands.h"
#include "protocols/bx6/Bx6Pixels.h"

#include <string>

namespace gongshi::protocols::bx6 {

namespace {
const char* commandOf(std::uint8_t group, std::uint8_t cmd) {
    if (group == kGroupSystem && cmd == kCmdPing) return "ping";
    if (group == kGroupSystem && cmd == kCmdBrightness) return "brightness";
    if (group == kGroupArea && cmd == kCmdAreaUpdate) return "bitmap";
    if (group == kGroupArea && cmd == kCmdAreaDelete) return "clear";
    if (group == onbon::kGroupFile && (cmd == onbon::kCmdStartFile || cmd == onbon::kCmdFileBlock)) return "program";
    if (group == onbon::kGroupFile && cmd == onbon::kCmdFileInfo) return "program-info";
    return "unknown";
}

std::string hex4(unsigned v) {
    static const char digits[] = "0123456789ABCDEF";
    std::string s = "0x";
    for (int shift = 12; shift >= 0; shift -= 4) s += digits[(v >> shift) & 0xF];
    return s;
}
} // namespace

Bx6Card::Bx6Card(const ScreenSpec& screen)
    : spec_(screen), settings_(Bx6Settings::fromScreen(screen)), receiver_(onbon::flashCapacity(screen)) {
    restoreFlash({});
}

void Bx6Card::restoreFlash(const std::map<std::string, Bytes>& files) {
    flash_.clear();
    programPages_.clear();
    programScreen_ = renderer::Bitmap(spec_.width, spec_.height, shownMode(settings_.pixels, spec_.color));
    auto it = files.find(onbon::kProgramName);
    std::string reason;
    if (it != files.end() && loadProgram(it->second, reason) == CardError::None) flash_[it->first] = it->second;
    redraw();
}

CardError Bx6Card::loadProgram(const Bytes& file, std::string& reason) {
    const PixelFormat format = settings_.pixels;
    const renderer::ColorMode mode = spec_.color;
    auto parsed = onbon::parseProgramFile(file, [&](int x, int w, int h) { return pagePixelBytes(format, mode, x, w, h); });
    if (!parsed.error.empty()) {
        reason = parsed.error;
        return CardError::FileCrc;
    }
    renderer::Bitmap picture(spec_.width, spec_.height, shownMode(format, mode));
    std::vector<std::vector<renderer::Bitmap>> pages;
    for (std::size_t i = 0; i < parsed.areas.size(); ++i) {
        const auto& a = parsed.areas[i];
        if (a.x + a.width > spec_.width || a.y + a.height > spec_.height) {
            reason = "program area " + std::to_string(i + 1) + " is off the screen";
            return CardError::Memory;
        }
        const std::size_t perPage = pagePixelBytes(format, mode, a.x, a.width, a.height);
        std::vector<renderer::Bitmap> areaPages;
        for (int k = 0; k < a.pageCount; ++k)
            areaPages.push_back(decodePagePixels(a.pixels.data() + perPage * static_cast<std::size_t>(k), format, mode, a.x, a.width, a.height));
        picture.blit(areaPages.front(), a.x, a.y);
        pages.push_back(std::move(areaPages));
    }
    programScreen_ = std::move(picture);
    programPages_ = std::move(pages);
    return CardError::None;
}

void Bx6Card::writeFile(std::uint8_t cmd, const std::uint8_t* payload, std::size_t size, FrameEvent& event, CardError& error) {
    using R = onbon::FileReceiver::Outcome;
    const R result = cmd == onbon::kCmdStartFile ? receiver_.start(payload, size) : receiver_.block(payload, size);
    event.details["file"] = receiver_.name();
    event.details["step"] = cmd == onbon::kCmdStartFile ? "start" : "block";
    if (cmd == onbon::kCmdStartFile) event.details["size"] = std::to_string(receiver_.expected());
    else event.details["received"] = std::to_string(receiver_.received());
    switch (result) {
    case R::Ok: return;
    case R::Complete: break;
    case R::BadName: error = CardError::FileName; break;
    case R::BadBlock: error = CardError::BlockNumber; break;
    case R::TooLarge: error = CardError::Memory; break;
    default: error = CardError::Download; break;
    }
    if (error != CardError::None) {
        event.details["reason"] = receiver_.reason();
        return;
    }
    std::string reason;
    if (CardError e = loadProgram(receiver_.file(), reason); e != CardError::None) {
        // A file the card cannot play is not kept: the program in flash stays as it was.
        error = e;
        event.details["reason"] = reason;
        return;
    }
    flash_[receiver_.name()] = receiver_.file();
    areas_.clear(); // the new program starts afresh
    redraw();
    event.flashChanged = true;
    event.screenChanged = true;
    event.details["step"] = "written";
    event.details["areas"] = std::to_string(programPages_.size());
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

FrameEvent Bx6Card::frameEvent(std::size_t wireBytes) {
    FrameEvent event;
    event.bytes = wireBytes;
    event.cmd = "unknown";
    if (overflow_) {
        event.ok = false;
        event.error = "too-long";
        event.details["limit"] = std::to_string(settings_.maxPacket);
        event.reply = buildReply(spec_.address, settings_.deviceType, CardError::Memory);
        return event;
    }
    Bx6Frame frame;
    if (UnpackError e = unpackFrame(body_.data(), body_.size(), frame); e != UnpackError::None) {
        // The card cannot trust any field of a damaged frame; it answers with a checksum error.
        event.ok = false;
        event.error = unpackErrorName(e);
        event.reply = buildReply(spec_.address, settings_.deviceType, CardError::Crc);
        return event;
    }
    const std::uint8_t group = frame.data[1], cmd = frame.data[2];
    event.cmd = commandOf(group, cmd);
    if (frame.version != kProtocolVersion) {
        // Other generations (the K protocol's 0x02) are not for this card: no answer.
        event.ok = false;
        event.error = "version";
        event.details["version"] = std::to_string(frame.version);
        return event;
    }
    if (frame.dst != spec_.address && frame.dst != 0xFFFF && frame.dst != 0xFFFE) {
        event.details["ignored"] = "addressed to " + std::to_string(frame.dst);
        return event;
    }
    CardError error = CardError::None;
    if (frame.deviceType != settings_.deviceType && frame.deviceType != kAnyDevice) {
        error = CardError::ControllerType;
        event.details["device"] = hex4(frame.deviceType);
    } else {
        dispatch(frame, event, error);
    }
    if (error != CardError::None) {
        event.ok = false;
        event.error = cardErrorName(static_cast<std::uint16_t>(error));
    }
    Bytes data;
    if (error == CardError::None && group == onbon::kGroupFile && cmd == onbon::kCmdFileInfo)
        data = onbon::encodeFileInfo(flash_.at(onbon::kProgramName));
    if (frame.data[0] == kReplyWanted) event.reply = buildReply(spec_.address, settings_.deviceType, error, data);
    return event;
}

void Bx6Card::dispatch(const Bx6Frame& frame, FrameEvent& event, CardError& error) {
    const std::uint8_t group = frame.data[1], cmd = frame.data[2];
    const std::uint8_t* payload = frame.data.data() + 3;
    const std::size_t size = frame.data.size() - 3;
    if (group == onbon::kGroupFile && (cmd == onbon::kCmdStartFile || cmd == onbon::kCmdFileBlock)) {
        writeFile(cmd, payload, size, event, error);
        return;
    }
    if (group == onbon::kGroupFile && cmd == onbon::kCmdFileInfo) {
        if (!flash_.count(onbon::kProgramName)) error = CardError::NoFile;
        return;
    }
    if (group != kGroupSystem && group != kGroupArea) {
        error = CardError::Group;
        return;
    }
    if (group == kGroupSystem && cmd == kCmdPing) return;
    if (group == kGroupSystem && cmd == kCmdBrightness) {
        ByteReader r(payload, size);
        std::uint16_t len = r.u16();
        std::uint8_t mode = r.u8();
        std::uint8_t first = r.u8();
        if (!r.ok() || len != 1 + kBrightnessSlots || size != 2u + len || first > 15) {
            error = CardError::Parameter;
            return;
        }
        brightness_ = first;
        event.details["mode"] = std::to_string(mode);
        event.details["level"] = std::to_string(first);
        return;
    }
    if (group == kGroupArea && cmd == kCmdAreaDelete) {
        ByteReader r(payload, size);
        r.skip(2);
        std::uint8_t count = r.u8();
        if (!r.ok() || (count != 0xFF && r.remaining() != count)) {
            error = CardError::Parameter;
            return;
        }
        std::size_t before = areas_.size();
        if (count == 0xFF) areas_.clear();
        else
            for (std::size_t i = 0; i < count; ++i) areas_.erase(payload[3 + i]);
        event.details["areas"] = count == 0xFF ? "all" : std::to_string(count);
        event.screenChanged = areas_.size() != before;
        redraw();
        return;
    }
    if (group == kGroupArea && cmd == kCmdAreaUpdate) {
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
                event.details["reason"] = "page data length " + std::to_string(page.pixels.size()) + ", expected " +
                                          std::to_string(expected);
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
        areas_[id] = std::move(area);
    }
    if (accepted.size() > 1) event.details["areas"] = std::to_string(accepted.size());
    event.screenChanged = true;
    redraw();
}

void Bx6Card::redraw() {
    screen_ = programScreen_;
    for (const auto& [id, area] : areas_) screen_.blit(area.pages.front(), area.params.x, area.params.y);
}

} // namespace gongshi::protocols::bx6
