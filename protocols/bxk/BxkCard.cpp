#include "protocols/bxk/BxkCard.h"

#include "common/Error.h"
#include "protocols/ByteReader.h"
#include "protocols/bxk/BxkPixels.h"
#include "protocols/bxk/BxkProgramFile.h"
#include "protocols/bxk/BxkStatus.h"
#include "protocols/bxk/GbkCodec.h"
#include "protocols/onbon/OnbonProgram.h"

#include <algorithm>
#include <cstdio>

namespace gongshi::protocols::bxk {

using renderer::Bitmap;
using renderer::Color;
using renderer::ColorMode;

namespace {

// A BCD byte's value, or -1 when a nibble is not a decimal digit.
int fromBcd(std::uint8_t b) {
    int hi = b >> 4, lo = b & 0x0F;
    return hi > 9 || lo > 9 ? -1 : hi * 10 + lo;
}

std::string twoDigits(int v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

std::string hex16(std::uint16_t v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%04X", v);
    return buf;
}

std::string areaText(int x, int y, int w, int h) {
    return std::to_string(x) + "," + std::to_string(y) + "," + std::to_string(w) + "," + std::to_string(h);
}

// What the frame's group and command are, before the card looks at the payload.
std::string commandOf(const Bytes& data) {
    if (data.size() < 2) return "unknown";
    std::uint8_t g = data[0], c = data[1];
    if (g == kGroupSystem && c == kCmdPing) return "ping";
    if (g == kGroupSystem && c == kCmdReset) return "reset";
    if (g == kGroupSystem && c == kCmdClock) return "clock";
    if (g == kGroupScreen && c == kCmdPower)
        return data.size() > kCommandHeadLength && data[kCommandHeadLength] == kPowerOff ? "off" : "on";
    if (g == kGroupScreen && c == kCmdTimer) return "timer";
    if (g == kGroupScreen && c == kCmdBrightness) return "brightness";
    if (g == kGroupScreen && c == kCmdDynamicArea) return "text";
    if (g == kGroupScreen && c == kCmdClear) return "clear";
    if (g == kGroupSpecial && (c == kCmdSpecialSetup || c == kCmdSpecialData)) return "bitmap";
    if (g == onbon::kGroupFile && (c == onbon::kCmdStartFile || c == onbon::kCmdFileBlock)) return "program";
    if (g == kGroupFile && c == kCmdStatus) return "status";
    return "unknown";
}

const char* effectName(std::uint8_t mode) {
    switch (mode) {
    case kDispStatic:
        return "static";
    case kDispTypeOut:
        return "type-out";
    case kDispMoveLeft:
        return "move-left";
    case kDispMoveRight:
        return "move-right";
    case kDispMoveUp:
        return "move-up";
    case kDispMoveDown:
        return "move-down";
    }
    return "unknown";
}

// Strips the \C1 \C2 \C3 colour codes; the first one gives the colour (red when there is none).
std::string takeColour(const std::string& text, Color& colour, std::string& name) {
    std::string out;
    colour = Color::red();
    name = "red";
    bool found = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 2 < text.size() && text[i + 1] == 'C' && text[i + 2] >= '0' && text[i + 2] <= '9') {
            if (!found) {
                found = true;
                if (text[i + 2] == '2')
                    colour = Color::green(), name = "green";
                else if (text[i + 2] == '3')
                    colour = Color::yellow(), name = "yellow";
            }
            i += 2;
            continue;
        }
        out += text[i];
    }
    return out;
}

} // namespace

void BxkCard::dropDynamic() {
    dynamicOnly_ = Bitmap(spec_.width, spec_.height, spec_.color);
    anyDynamic_ = false;
    dynamicIds_.clear();
    dynamicText_.clear();
    specialPlay_.reset();
}

BxkCard::BxkCard(const ScreenSpec& screen, TextDrawer drawText)
    : spec_(screen), drawText_(std::move(drawText)), flash_(onbon::FileLayout::Bxk, onbon::flashCapacity(screen), onbon::kProgramName) {
    if (screen.color == ColorMode::Rgb) throw InputError("bx-k: K cards drive mono or red-green screens, not rgb");
    content_ = Bitmap(screen.width, screen.height, screen.color);
    dark_ = Bitmap(screen.width, screen.height, screen.color);
    programScreen_ = Bitmap(screen.width, screen.height, screen.color);
    dynamicOnly_ = Bitmap(screen.width, screen.height, screen.color);
}

void BxkCard::restoreFlash(const std::map<std::string, Bytes>& files) {
    flash_.restore({});
    programPages_.clear();
    programScreen_ = Bitmap(spec_.width, spec_.height, spec_.color);
    auto it = files.find(onbon::kProgramName);
    std::string reason;
    if (it != files.end() && loadProgram(it->second, reason) == BxkError::Ok) flash_.restore({{it->first, it->second}});
    content_ = programScreen_;
    dropDynamic();
}

BxkError BxkCard::loadProgram(const Bytes& file, std::string& reason) {
    auto parsed = parseProgramFile(file);
    if (!parsed.error.empty()) {
        reason = parsed.error;
        return BxkError::FileCrc;
    }
    Bitmap picture(spec_.width, spec_.height, spec_.color);
    std::vector<std::vector<Bitmap>> pages;
    std::vector<TextArea> play;
    for (std::size_t i = 0; i < parsed.areas.size(); ++i) {
        const auto& a = parsed.areas[i];
        if (a.width == 0 || a.height == 0 || a.x + a.width > groupsFor(spec_.width) * 8 || a.y + a.height > spec_.height) {
            reason = "program area " + std::to_string(i + 1) + " " + areaText(a.x, a.y, a.width, a.height) + " is off the screen";
            return BxkError::OutOfMemory;
        }
        Color colour;
        std::string colourName;
        const std::string utf8 = takeColour(decodeGbk(a.text.data(), a.text.size()), colour, colourName);
        const int visibleW = std::min(a.width, spec_.width - a.x);
        TextArea text{utf8, a.x, a.y, visibleW, a.height, colour, HAlign::Left, a.displayMode, a.speed + 1, a.stayHalfSeconds};
        text.singleLine = a.singleLine == kSingleLine;
        Bitmap drawn = heldText(text);
        picture.blit(drawn, a.x, a.y);
        pages.push_back({drawn});
        play.push_back(text);
    }
    programScreen_ = std::move(picture);
    programPages_ = std::move(pages);
    programText_ = std::move(play);
    return BxkError::Ok;
}

Bitmap BxkCard::drawArea(const std::string& utf8, int w, int h, Color colour, HAlign align) const {
    Bitmap drawn(w, h, spec_.color);
    if (!drawText_ || w <= 0 || h <= 0) return drawn;
    Bitmap got = drawText_(utf8, w, h, spec_.color, colour, align);
    if (got.mode() == spec_.color) {
        drawn.blit(got, 0, 0);
    } else {
        for (int py = 0; py < std::min(h, got.height()); ++py)
            for (int px = 0; px < std::min(w, got.width()); ++px) drawn.setPixel(px, py, got.pixel(px, py));
    }
    return drawn;
}

Bitmap BxkCard::drawLine(const std::string& utf8, int w, int h, Color colour) const {
    // A box wider than the text can be (two line heights a character): the drawer never wraps it.
    const auto characters = std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    const int room = std::max(w, static_cast<int>(characters) * 32);
    return drawArea(utf8, room, h, colour, HAlign::Left).crop(0, 0, w, h);
}

Bitmap BxkCard::heldText(const TextArea& t) const {
    if (t.singleLine) return drawLine(t.utf8, t.w, t.h, t.colour);
    return drawArea(t.utf8, t.w, t.h, t.colour, t.align);
}

PlayArea BxkCard::playText(const TextArea& t) const {
    const std::string& utf8 = t.utf8;
    const int w = t.w, h = t.h;
    PlayArea a;
    a.x = t.x;
    a.y = t.y;
    a.speed = std::max(1, t.speed);
    a.stayHalfSeconds = t.stay;
    a.effect = t.displayMode == kDispMoveLeft ? Effect::MoveLeft : t.displayMode == kDispMoveUp ? Effect::MoveUp : Effect::Static;
    if (w <= 0 || h <= 0) return a;
    // The card's font: 8 x 16 for ASCII, 16 x 16 for the rest; lines of 16 pixels.
    int columns = 0, lines = 1, lineColumns = 0;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto b = static_cast<unsigned char>(utf8[i]);
        const std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : 4;
        const int advance = b < 0x80 ? 8 : 16;
        if (b == '\n') {
            ++lines, lineColumns = 0;
        } else {
            columns += advance;
            lineColumns += advance;
            if (lineColumns > w) ++lines, lineColumns = advance;
        }
        i += n;
    }
    if (a.effect == Effect::MoveLeft || t.singleLine) {
        // One line as wide as the text, cut into area-wide pages; moving left, they enter from
        // the right one after another without a stop.
        const int pageCount = std::max(1, (columns + w - 1) / w);
        const Bitmap strip = drawLine(utf8, pageCount * w, h, t.colour);
        for (int k = 0; k < pageCount; ++k) a.pages.push_back(strip.crop(k * w, 0, w, h));
        if (a.effect == Effect::MoveLeft) a.stayHalfSeconds = 0;
        return a;
    }
    const int linesPerPage = std::max(1, h / 16);
    const int pageCount = std::max(1, (lines + linesPerPage - 1) / linesPerPage);
    const Bitmap all = drawArea(utf8, w, pageCount * h, t.colour, t.align);
    for (int k = 0; k < pageCount; ++k) a.pages.push_back(all.crop(0, k * h, w, h));
    return a;
}

Playlist BxkCard::playing() const {
    Playlist list;
    list.width = spec_.width;
    list.height = spec_.height;
    list.mode = spec_.color;
    if (!on_) {
        list.areas.push_back(PlayArea{0, 0, {dark_}, Effect::Static, 1, 10, {}});
        return list;
    }
    auto add = [&](PlayArea a) {
        if (!a.pages.empty()) list.areas.push_back(std::move(a));
    };
    if (!(dynamicPriority_ && anyDynamic_))
        for (const auto& t : programText_) add(playText(t));
    for (const auto& [id, t] : dynamicText_) add(playText(t));
    if (specialPlay_) add(*specialPlay_);
    if (list.areas.empty()) list.areas.push_back(PlayArea{0, 0, {dark_}, Effect::Static, 1, 10, {}});
    return list;
}

void BxkCard::drawDynamic(const Bitmap& b, int x, int y) {
    content_.blit(b, x, y);
    dynamicOnly_.blit(b, x, y);
    anyDynamic_ = true;
}

BxkError BxkCard::errorOf(onbon::FlashResult result) {
    switch (result) {
    case onbon::FlashResult::Ok:
    case onbon::FlashResult::Complete:
        return BxkError::Ok;
    case onbon::FlashResult::BadName:
        return BxkError::FileName;
    case onbon::FlashResult::OutOfOrder:
        return BxkError::BlockNo;
    case onbon::FlashResult::BadSize:
        return BxkError::OutOfMemory;
    case onbon::FlashResult::BadCrc:
        return BxkError::FileCrc;
    case onbon::FlashResult::Malformed:
    case onbon::FlashResult::NoStart:
    case onbon::FlashResult::Incomplete:
        break;
    }
    return BxkError::Download;
}

BxkCard::Outcome BxkCard::fileStart(const std::uint8_t* p, std::size_t n) {
    Outcome o;
    o.error = errorOf(flash_.start(p, n));
    if (o.error != BxkError::Ok) o.details["reason"] = flash_.reason();
    o.details["file"] = flash_.name();
    o.details["step"] = "start";
    o.details["size"] = std::to_string(flash_.expected());
    return o;
}

BxkCard::Outcome BxkCard::fileBlock(const std::uint8_t* p, std::size_t n) {
    Outcome o;
    const auto result = flash_.block(p, n);
    o.details["file"] = flash_.name();
    o.details["step"] = "block";
    o.details["received"] = std::to_string(flash_.received());
    // Each block is answered with the file's bytes taken so far (u32): Led5kSDK.dll waits for these
    // 4 bytes, and sends the block again when they equal the block's own offset.
    const auto taken = static_cast<std::uint32_t>(flash_.received());
    if (result == onbon::FlashResult::Ok || result == onbon::FlashResult::Complete)
        o.replyData = {static_cast<std::uint8_t>(taken), static_cast<std::uint8_t>(taken >> 8), static_cast<std::uint8_t>(taken >> 16),
                       static_cast<std::uint8_t>(taken >> 24)};
    if (result == onbon::FlashResult::Ok) return o;
    o.error = errorOf(result);
    if (o.error != BxkError::Ok) {
        o.details["reason"] = flash_.reason();
        return o;
    }
    std::string reason;
    if (BxkError e = loadProgram(flash_.file(), reason); e != BxkError::Ok) {
        // A file the card cannot play is not kept: the program in flash stays as it was.
        o.error = e;
        o.details["reason"] = reason;
        return o;
    }
    flash_.keepReceived();
    content_ = programScreen_; // the new program starts afresh
    dropDynamic();
    special_ = SpecialArea{};
    pages_.clear();
    o.flash = true;
    o.details["step"] = "written";
    o.details["areas"] = std::to_string(programPages_.size());
    return o;
}

std::vector<FrameEvent> BxkCard::feed(const std::uint8_t* data, std::size_t size) {
    std::vector<FrameEvent> events;
    buffer_.insert(buffer_.end(), data, data + size);
    std::size_t at = 0;
    while (at < buffer_.size()) {
        ScanResult s = scanFrame(buffer_.data() + at, buffer_.size() - at);
        if (s.kind == ScanResult::Kind::NeedMore) break;
        if (s.kind == ScanResult::Kind::Preamble) {
            pendingPreamble_ += s.length;
        } else if (s.kind == ScanResult::Kind::Garbage) {
            pendingGarbage_ += s.length + pendingPreamble_;
            pendingPreamble_ = 0;
        } else {
            DecodedFrame d = decodeBody(buffer_.data() + at + s.bodyOffset, s.bodyLength);
            if (d.status == FrameStatus::TooShort) {
                pendingGarbage_ += s.length + pendingPreamble_;
            } else {
                flushGarbage(events);
                events.push_back(onFrame(d, s.length + pendingPreamble_));
            }
            pendingPreamble_ = 0;
        }
        at += s.length;
    }
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(at));
    return events;
}

void BxkCard::flushGarbage(std::vector<FrameEvent>& events) {
    if (pendingGarbage_ == 0) return;
    events.push_back(failedEvent("garbage", "garbage", pendingGarbage_));
    pendingGarbage_ = 0;
}

Bytes BxkCard::reply(std::uint16_t to, BxkError error, const Bytes& data, std::uint8_t cmd) const {
    BxkFrame f;
    f.dst = to;
    f.src = spec_.address;
    // An answer that carries data names the command it answers where an ACK has 00: Led5kSDK.dll
    // takes the data of A1 02 and A1 06 answers only then (else ERR_PROTOCOL, 101).
    const std::uint8_t second = error != BxkError::Ok ? kNack : data.empty() ? kAck : cmd;
    f.data = {kGroupReply, second, static_cast<std::uint8_t>(error), 0x00, 0x00};
    for (std::uint8_t b : data) f.data.push_back(b);
    return encodeFrame(f);
}

FrameEvent BxkCard::onFrame(const DecodedFrame& d, std::size_t wireBytes) {
    FrameEvent ev;
    ev.bytes = wireBytes;
    const BxkFrame& f = d.frame;
    ev.cmd = commandOf(f.data);
    const bool forUs = f.dst == spec_.address || f.dst == kBroadcastReply || f.dst == kBroadcastNoReply;
    // A frame that fails its check may carry a damaged address; answering only frames that name
    // this card keeps a bus of cards from all answering one broken frame.
    const bool mayAnswer = forUs && f.dst != kBroadcastNoReply;
    if (d.status != FrameStatus::Ok) {
        ev.ok = false;
        ev.error = errorName(BxkError::Crc);
        ev.details["reason"] = d.status == FrameStatus::BadEscape        ? "undefined escape"
                               : d.status == FrameStatus::LengthMismatch ? "length disagrees with DataLen"
                                                                         : "check failed";
        if (mayAnswer) ev.reply = reply(f.src, BxkError::Crc);
        return ev;
    }
    if (!forUs) {
        ev.ok = false;
        ev.error = "address";
        ev.details["dst"] = hex16(f.dst);
        return ev;
    }
    Bitmap before = screen();
    // Header DisplayMode 1 (dynamic mode): the dynamic areas take priority over the program.
    if (f.data.size() >= 2 && (f.data[0] == kGroupSpecial || (f.data[0] == kGroupScreen && f.data[1] == kCmdDynamicArea)))
        dynamicPriority_ = f.displayMode == 1;
    Outcome o = apply(f.data);
    ev.cmd = o.cmd;
    ev.ok = o.error == BxkError::Ok;
    if (!ev.ok) ev.error = errorName(o.error);
    ev.details = std::move(o.details);
    ev.flashChanged = o.flash;
    ev.screenChanged = !(screen() == before);
    const bool replyWanted = f.data.size() < 3 || f.data[2] != kNoReply;
    if (mayAnswer && replyWanted) ev.reply = reply(f.src, o.error, o.replyData, f.data.size() > 1 ? f.data[1] : kAck);
    return ev;
}

BxkCard::Outcome BxkCard::apply(const Bytes& data) {
    Outcome o;
    o.cmd = commandOf(data);
    if (data.size() < kCommandHeadLength) {
        o.error = BxkError::NoCommand;
        o.details["reason"] = "data shorter than Grp Cmd Resp Rsv Rsv";
        return o;
    }
    const std::uint8_t g = data[0], c = data[1];
    const std::uint8_t* p = data.data() + kCommandHeadLength;
    const std::size_t n = data.size() - kCommandHeadLength;
    Outcome r;
    if (g == kGroupSystem && c == kCmdPing) {
        r = o;
    } else if (g == kGroupSystem && c == kCmdReset) {
        // A reset erases everything but the firmware: programs, areas and what they showed.
        content_ = Bitmap(spec_.width, spec_.height, spec_.color);
        dropDynamic();
        special_ = SpecialArea{};
        pages_.clear();
        r = o;
        r.flash = !flash_.empty();
        restoreFlash({});
    } else if (g == kGroupSystem && c == kCmdClock) {
        r = setClock(p, n);
    } else if (g == kGroupScreen && c == kCmdPower) {
        if (n < 1 || (p[0] != kPowerOn && p[0] != kPowerOff)) {
            o.error = BxkError::NoCommand;
            o.details["reason"] = "power state is neither 01 (on) nor 02 (off)";
            return o;
        }
        on_ = p[0] == kPowerOn;
        o.details["state"] = on_ ? "on" : "off";
        r = o;
    } else if (g == kGroupScreen && c == kCmdTimer) {
        r = setTimers(p, n);
    } else if (g == kGroupScreen && c == kCmdBrightness) {
        r = setBrightness(p, n);
    } else if (g == kGroupScreen && c == kCmdDynamicArea) {
        r = dynamicArea(p, n);
    } else if (g == kGroupScreen && c == kCmdClear) {
        content_ = programScreen_; // the dynamic areas go; the program in flash plays on
        dropDynamic();
        r = o;
    } else if (g == onbon::kGroupFile && c == onbon::kCmdStartFile) {
        r = fileStart(p, n);
    } else if (g == onbon::kGroupFile && c == onbon::kCmdFileBlock) {
        r = fileBlock(p, n);
    } else if (g == kGroupFile && c == kCmdStatus) {
        r = o;
        KStatus st;
        st.on = on_;
        st.brightness = brightness_;
        st.clock = clock_;
        st.programs = flash_.empty() ? 0 : 1;
        if (!flash_.empty()) st.program = flash_.files().begin()->first;
        st.specialArea = special_.ready;
        for (int id : dynamicIds_) st.dynamicAreas.push_back(id);
        r.replyData = encodeStatus(st);
        r.details["programs"] = std::to_string(st.programs);
    } else if (g == kGroupSpecial && c == kCmdSpecialSetup) {
        r = specialSetup(p, n);
    } else if (g == kGroupSpecial && c == kCmdSpecialData) {
        r = specialData(p, n);
    } else {
        o.error = BxkError::NoCommand;
        o.details["group"] = std::to_string(g);
        o.details["command"] = std::to_string(c);
        return o;
    }
    r.cmd = o.cmd;
    return r;
}

BxkCard::Outcome BxkCard::setClock(const std::uint8_t* p, std::size_t n) {
    Outcome o;
    if (n < 8) {
        o.error = BxkError::DateFormat;
        o.details["reason"] = "clock needs 8 BCD bytes";
        return o;
    }
    int v[8];
    for (int i = 0; i < 8; ++i) v[i] = fromBcd(p[i]);
    ClockTime t;
    t.year = v[1] * 100 + v[0];
    t.month = v[2], t.day = v[3], t.hour = v[4], t.minute = v[5], t.second = v[6], t.weekday = v[7];
    bool valid = std::none_of(v, v + 8, [](int x) { return x < 0; }) && t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31 &&
                 t.hour <= 23 && t.minute <= 59 && t.second <= 59 && t.weekday >= 1 && t.weekday <= 7;
    if (!valid) {
        o.error = BxkError::DateFormat;
        o.details["reason"] = "clock fields are not valid BCD date and time";
        return o;
    }
    clock_ = t;
    o.details["time"] = std::to_string(t.year) + "-" + twoDigits(t.month) + "-" + twoDigits(t.day) + " " + twoDigits(t.hour) + ":" +
                        twoDigits(t.minute) + ":" + twoDigits(t.second);
    o.details["weekday"] = std::to_string(t.weekday);
    return o;
}

BxkCard::Outcome BxkCard::setTimers(const std::uint8_t* p, std::size_t n) {
    Outcome o;
    ByteReader r(p, n);
    int count = r.u8();
    std::vector<OnOffTime> times;
    std::string text;
    for (int i = 0; i < count; ++i) {
        int v[4];
        for (int& x : v) x = fromBcd(r.u8());
        if (!r.ok() || std::any_of(v, v + 4, [](int x) { return x < 0; }) || v[0] > 23 || v[1] > 59 || v[2] > 23 || v[3] > 59) {
            o.error = BxkError::DateFormat;
            o.details["reason"] = "on/off time " + std::to_string(i + 1) + " is missing or not BCD hh mm";
            return o;
        }
        times.push_back({v[0] * 60 + v[1], v[2] * 60 + v[3]});
        if (!text.empty()) text.push_back(';');
        text.append(twoDigits(v[0])).append(":").append(twoDigits(v[1])).append("-");
        text.append(twoDigits(v[2])).append(":").append(twoDigits(v[3]));
    }
    if (!r.ok()) {
        o.error = BxkError::NoCommand;
        o.details["reason"] = "timer count missing";
        return o;
    }
    timers_ = std::move(times);
    o.details["count"] = std::to_string(count);
    o.details["times"] = text;
    return o;
}

BxkCard::Outcome BxkCard::setBrightness(const std::uint8_t* p, std::size_t n) {
    Outcome o;
    if (n < 2 || (p[0] != kBrightnessForced && p[0] != kBrightnessTimed)) {
        o.error = BxkError::NoCommand;
        o.details["reason"] = "brightness needs type 01 (forced) or 02 (timed) and a level";
        return o;
    }
    if (p[0] == kBrightnessForced) {
        brightness_ = std::min<int>(p[1], kMaxBrightness);
        o.details["type"] = "forced";
        o.details["level"] = std::to_string(brightness_);
    } else {
        o.details["type"] = "timed";
        o.details["levels"] = std::to_string(std::min(n - 2, kHalfHours));
    }
    return o;
}

BxkCard::Outcome BxkCard::dynamicArea(const std::uint8_t* p, std::size_t n) {
    Outcome o;
    ByteReader r(p, n);
    std::uint8_t deleteCount = r.u8();
    std::vector<int> deleted;
    if (deleteCount != 0xFF)
        for (int i = 0; i < deleteCount; ++i) deleted.push_back(r.u8());
    int areas = r.u8();
    if (!r.ok()) {
        o.error = BxkError::NoCommand;
        o.details["reason"] = "dynamic area command truncated";
        return o;
    }
    if (deleteCount == 0xFF) dynamicIds_.clear(), dynamicText_.clear();
    for (int id : deleted) dynamicIds_.erase(id), dynamicText_.erase(id);
    struct Drawn {
        int x, y, w, h, id;
        Bitmap bitmap;
        TextArea play;
    };
    std::vector<Drawn> drawn;
    for (int i = 0; i < areas; ++i) {
        // Every area is logged: the first with plain keys, the others' keys end in .2, .3, ...
        const std::string k = i == 0 ? "" : "." + std::to_string(i + 1);
        std::uint16_t length = r.u16();
        const std::uint8_t* areaStart = r.here();
        if (!r.skip(length)) {
            o.error = BxkError::NoCommand;
            o.details["reason"] = "area " + std::to_string(i + 1) + " runs past the data";
            return o;
        }
        ByteReader a(areaStart, length);
        a.u8(); // area type
        int x = a.u16() * 8, y = a.u16(), w = a.u16() * 8, h = a.u16();
        int id = a.u8();
        a.u8();  // line spacing
        a.u8();  // run mode
        a.u16(); // timeout
        // Speech: mode 1 speaks the area's own text and mode 2 a text of its own; both carry
        // person/repeat, volume and speed, only mode 2 its SoundDataLen u32 and sound text.
        const std::uint8_t sound = a.u8();
        std::string spoken;
        if (sound == 1 || sound == 2) a.skip(3);
        if (sound == 2) {
            const std::uint32_t soundLength = a.u32();
            const std::uint8_t* soundText = a.here();
            if (a.skip(soundLength)) spoken = decodeGbk(soundText, soundLength);
        }
        a.skip(a.u8()); // extended parameters
        std::uint8_t align = a.u8();
        const bool singleLine = a.u8() == kSingleLine;
        a.u8(); // auto wrap: a single line never wraps, more lines do
        std::uint8_t mode = a.u8();
        a.u8(); // exit mode
        int speed = a.u8(), stay = a.u8();
        std::uint32_t textLength = a.u32();
        const std::uint8_t* text = a.here();
        if (!a.skip(textLength) || sound > 2) {
            o.error = BxkError::NoCommand;
            o.details["reason"] =
                "area " + std::to_string(i + 1) + (sound > 2 ? " sound mode is not 0, 1 or 2" : " fields or text cut short");
            return o;
        }
        // The card keeps its areas in a frame buffer the size of the screen: an area beyond it is
        // refused (Err 4, out of the memory volume) and nothing of the frame is shown.
        if (w == 0 || h == 0 || x + w > groupsFor(spec_.width) * 8 || y + h > spec_.height) {
            o.error = BxkError::OutOfMemory;
            o.details["reason"] = "area " + std::to_string(i + 1) + " " + areaText(x, y, w, h) + " does not fit the " +
                                  std::to_string(spec_.width) + "x" + std::to_string(spec_.height) + " screen";
            return o;
        }
        Color colour;
        std::string colourName;
        std::string utf8 = takeColour(decodeGbk(text, textLength), colour, colourName);
        HAlign halign = (align & 0x03) == kAlignRight ? HAlign::Right : (align & 0x03) == kAlignCenter ? HAlign::Center : HAlign::Left;
        const int visibleW = std::min(w, spec_.width - x);
        const TextArea area{utf8, x, y, visibleW, h, colour, halign, mode, speed + 1, stay, singleLine};
        drawn.push_back({x, y, visibleW, h, id, heldText(area), area});
        o.details["text" + k] = utf8;
        o.details["effect" + k] = effectName(mode);
        o.details["color" + k] = colourName;
        o.details["align" + k] = halign == HAlign::Right ? "right" : halign == HAlign::Center ? "center" : "left";
        o.details["area" + k] = areaText(x, y, w, h);
        o.details["id" + k] = std::to_string(id);
        o.details["speed" + k] = std::to_string(speed);
        o.details["stay" + k] = std::to_string(stay);
        if (sound != 0) o.details["sound" + k] = std::to_string(sound);
        if (!spoken.empty()) o.details["spoken" + k] = spoken;
    }
    for (const auto& d : drawn) {
        drawDynamic(d.bitmap, d.x, d.y);
        dynamicIds_.insert(d.id);
        dynamicText_[d.id] = d.play;
    }
    o.details["areas"] = std::to_string(areas);
    return o;
}

BxkCard::Outcome BxkCard::specialSetup(const std::uint8_t* p, std::size_t n) {
    Outcome o;
    ByteReader r(p, n);
    int x = r.u16() * 8, y = r.u16(), groups = r.u16(), h = r.u16();
    std::uint8_t type = r.u8();
    int pages = r.u8();
    if (!r.ok()) {
        o.error = BxkError::NoCommand;
        o.details["reason"] = "special area setup cut short";
        return o;
    }
    if (type != kDataTypeDots) {
        o.error = BxkError::FileType;
        o.details["reason"] = "only dot-matrix special areas (DataType 1) are emulated";
        return o;
    }
    // The card keeps the special area in a frame buffer the size of the screen.
    if (groups == 0 || h == 0 || x + groups * 8 > groupsFor(spec_.width) * 8 || y + h > spec_.height) {
        o.error = BxkError::OutOfMemory;
        o.details["reason"] = "special area " + areaText(x, y, groups * 8, h) + " does not fit the screen";
        return o;
    }
    special_ = SpecialArea{};
    special_.ready = true;
    special_.x = x, special_.y = y, special_.groups = groups, special_.height = h;
    special_.pageCount = pages == 0 ? 1 : pages; // Onbon's SDK sends 0: one page of dots
    special_.data.assign(static_cast<std::size_t>(special_.pageCount) * pageBytes(groups, h, spec_.color), 0xFF);
    o.details["area"] = areaText(x, y, groups * 8, h);
    o.details["pages"] = std::to_string(special_.pageCount);
    return o;
}

BxkCard::Outcome BxkCard::specialData(const std::uint8_t* p, std::size_t n) {
    Outcome o;
    if (n < kSpecialDataHeadLength) {
        o.error = BxkError::NoCommand;
        o.details["reason"] = "dot data block header cut short";
        return o;
    }
    if (!special_.ready) {
        o.error = BxkError::BlockNo;
        o.details["reason"] = "dot data before the special area was set up (A4 01)";
        return o;
    }
    const bool last = p[0] != 0;
    const std::size_t addr = static_cast<std::size_t>(p[1] | (p[2] << 8));
    const std::size_t len = n - kSpecialDataHeadLength;
    if (addr == 0) { // a new series of blocks: the pictures of an area set up earlier
        special_.blocks = 0;
        special_.received = 0;
    }
    // Blocks come in order; a block sent again (its reply was lost) is taken again.
    if (addr > special_.received) {
        o.error = BxkError::BlockNo;
        o.details["reason"] = "block at " + std::to_string(addr) + " leaves a gap after " + std::to_string(special_.received);
        return o;
    }
    if (addr + len > special_.data.size()) {
        o.error = BxkError::OutOfMemory;
        o.details["reason"] =
            "block ends at " + std::to_string(addr + len) + ", past the " + std::to_string(special_.data.size()) + " bytes of the pages";
        return o;
    }
    std::copy(p + kSpecialDataHeadLength, p + n, special_.data.begin() + static_cast<std::ptrdiff_t>(addr));
    special_.received = std::max(special_.received, addr + len);
    ++special_.blocks;
    o.details["blocks"] = std::to_string(special_.blocks);
    if (!last) return o;
    if (special_.received != special_.data.size()) {
        o.error = BxkError::BlockNo;
        o.details["reason"] =
            "last block arrived with " + std::to_string(special_.received) + " of " + std::to_string(special_.data.size()) + " bytes";
        return o;
    }
    const std::size_t perPage = pageBytes(special_.groups, special_.height, spec_.color);
    const int visibleW = std::min(special_.groups * 8, spec_.width - special_.x);
    pages_.clear();
    for (int i = 0; i < special_.pageCount; ++i) {
        Bitmap page =
            unpackPage(special_.data.data() + static_cast<std::size_t>(i) * perPage, special_.groups, special_.height, spec_.color);
        pages_.push_back(page.crop(0, 0, visibleW, special_.height));
    }
    drawDynamic(pages_.front(), special_.x, special_.y); // the card starts with page 1
    specialPlay_ = PlayArea{special_.x, special_.y, pages_, Effect::Static, 1, 10, {}};
    o.details["pages"] = std::to_string(special_.pageCount);
    o.details["area"] = areaText(special_.x, special_.y, special_.groups * 8, special_.height);
    return o;
}

} // namespace gongshi::protocols::bxk
