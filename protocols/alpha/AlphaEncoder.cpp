#include "protocols/alpha/AlphaEncoder.h"

#include "common/Error.h"
#include "protocols/alpha/AlphaCodes.h"
#include "protocols/alpha/AlphaColors.h"
#include "protocols/alpha/AlphaPacket.h"

#include <algorithm>
#include <cstdio>

namespace gongshi::protocols::alpha {

namespace {

std::string hex(unsigned value, int digits) {
    char text[9];
    std::snprintf(text, sizeof text, "%0*X", digits, value);
    return text;
}

std::string twoDigits(int value) {
    char text[4];
    std::snprintf(text, sizeof text, "%02d", value);
    return text;
}

char modeFor(Effect effect) {
    switch (effect) {
    case Effect::Static:
        return code::ModeHold;
    case Effect::MoveLeft:
        return code::ModeRotate;
    case Effect::MoveUp:
        return code::ModeRollUp;
    }
    return code::ModeHold;
}

// Command speed 1 is the fastest; the sign's speed codes run from 1 (slowest) to 5 (fastest).
char speedCode(int speed) {
    int level = std::clamp(6 - speed, 1, 5);
    return static_cast<char>(code::SpeedSlowest + level - 1);
}

std::string codePointName(char32_t cp) { return "U+" + hex(static_cast<unsigned>(cp), cp > 0xFFFF ? 5 : 4); }

// Alpha text is plain ASCII: the sign has no other font, and control bytes would be read as
// framing or formatting. Names the first character that cannot go.
void requireAscii(const std::string& utf8) {
    for (std::size_t i = 0; i < utf8.size();) {
        auto b = static_cast<unsigned char>(utf8[i]);
        if (b >= 0x20 && b < 0x7F) {
            ++i;
            continue;
        }
        if (b < 0x80)
            throw InputError("alpha text cannot carry the control character " + codePointName(b) + " (at byte " + std::to_string(i) +
                             "): send printable ASCII only");
        int length = b >= 0xF0 && b < 0xF8 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
        char32_t cp = length == 4 ? b & 0x07 : length == 3 ? b & 0x0F : b & 0x1F;
        bool valid = length > 0 && b < 0xF8 && i + static_cast<std::size_t>(length) <= utf8.size();
        for (int k = 1; valid && k < length; ++k) {
            auto cont = static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]);
            valid = (cont & 0xC0) == 0x80;
            cp = (cp << 6) | (cont & 0x3F);
        }
        if (!valid) throw InputError("alpha text is not valid UTF-8 (byte 0x" + hex(b, 2) + " at " + std::to_string(i) + ")");
        throw InputError("alpha signs show ASCII text only, and this text has " + codePointName(cp) + " (at byte " + std::to_string(i) +
                         "): the sign has no Chinese font, so Chinese must go as a picture (a bitmap command)");
    }
}

std::string memoryEntry(char label, char type, char lock, const std::string& size, const char* qqqq) {
    return std::string{label, type, lock} + size + qqqq;
}

std::string textFileSize(std::size_t size) {
    if (size > 0xFFFF) throw InputError("alpha TEXT file of " + std::to_string(size) + " bytes is too long (at most 65535)");
    return hex(static_cast<unsigned>(size), 4);
}

} // namespace

AlphaEncoder::AlphaEncoder(const ScreenSpec& screen) : screen_(screen), settings_(AlphaSettings::fromScreen(screen)) {}

// Alpha 1.0 signs (a BetaBrite) have no left or right position: what they get instead is fill,
// which they centre.
char AlphaEncoder::positionFor(HAlign align) const {
    if (settings_.alpha3 && align == HAlign::Left) return code::PositionLeft;
    if (settings_.alpha3 && align == HAlign::Right) return code::PositionRight;
    return code::PositionFill;
}

std::vector<Bytes> AlphaEncoder::encode(const Command& command) const {
    switch (command.kind) {
    case Command::Kind::Text:
        return text(command);
    case Command::Kind::Bitmap:
        return bitmap(command);
    case Command::Kind::Clear:
        return {packet(std::string{code::WriteSpecial, code::SetMemory})};
    case Command::Kind::SetClock:
        return clock(command.clock);
    case Command::Kind::Reset:
        return {packet(std::string{code::WriteSpecial, code::SoftReset})};
    case Command::Kind::Status:
        return {packet(std::string{code::ReadSpecial, code::SetTime})};
    case Command::Kind::Ping:
        throw InputError("alpha signs do not support ping: ask for their status (a read of their clock) instead");
    case Command::Kind::ScreenOn:
        throw InputError("alpha signs do not support switching the screen on");
    case Command::Kind::ScreenOff:
        throw InputError("alpha signs do not support switching the screen off");
    case Command::Kind::TimedOnOff:
        throw InputError("alpha signs do not support timed on/off");
    case Command::Kind::Brightness:
        throw InputError("alpha signs do not support brightness");
    case Command::Kind::Program:
    case Command::Kind::ProgramInfo:
        throw InputError("alpha signs take no program files: pictures go as DOTS files");
    }
    throw InputError("alpha signs do not support this command");
}

std::vector<Bytes> AlphaEncoder::text(const Command& command) const {
    requireAscii(command.text);
    std::string contents{static_cast<char>(code::ESC), positionFor(command.align),           modeFor(command.effect),
                         speedCode(command.speed),     static_cast<char>(code::SelectColor), textColorCode(command.color, screen_.color)};
    contents += command.text;
    // Reconfiguring memory erases the sign's files, but it is the only way to be sure TEXT 'A' is
    // big enough: the sign cuts a longer write short without a word.
    std::string memory{code::WriteSpecial, code::SetMemory};
    memory += memoryEntry(code::TextLabel, code::FileText, code::Unlocked, textFileSize(contents.size()), code::TextAlways);
    return {packet(memory), packet(std::string{code::WriteText, code::TextLabel} + contents)};
}

std::vector<Bytes> AlphaEncoder::bitmap(const Command& command) const {
    const auto& pages = command.pages;
    if (pages.empty()) throw InputError("a bitmap command for an alpha sign needs at least one page");
    const std::size_t maxPages = code::LastPictureLabel - code::FirstPictureLabel + 1;
    if (pages.size() > maxPages)
        throw InputError("alpha signs take at most " + std::to_string(maxPages) + " pictures per command, not " +
                         std::to_string(pages.size()));

    // The sign shows one TEXT file across the whole panel and has no areas, so a page smaller than
    // the screen, or placed away from its corner, is drawn into a picture of the screen's size.
    bool screenSized = screen_.width > 0 && screen_.height > 0;
    const char* colorStatus = screen_.color == renderer::ColorMode::Mono ? code::DotsMono : code::DotsThreeColour;

    std::string memory{code::WriteSpecial, code::SetMemory};
    std::string textContents;
    std::vector<std::string> pictures;
    for (std::size_t n = 0; n < pages.size(); ++n) {
        const renderer::Bitmap& page = pages[n];
        int width = screenSized ? screen_.width : page.width();
        int height = screenSized ? screen_.height : page.height();
        int x0 = screenSized ? command.x : 0, y0 = screenSized ? command.y : 0;
        if (width < 1 || height < 1) throw InputError("bitmap page " + std::to_string(n + 1) + " is empty");
        if (width > code::MaxDotsColumns || height > code::MaxDotsRows)
            throw InputError("a " + std::to_string(width) + "x" + std::to_string(height) +
                             " picture is too big for an alpha sign: SMALL DOTS pictures are at most " +
                             std::to_string(code::MaxDotsColumns) + " columns by " + std::to_string(code::MaxDotsRows) + " rows");
        char label = static_cast<char>(code::FirstPictureLabel + n);
        std::string size = hex(static_cast<unsigned>(height), 2) + hex(static_cast<unsigned>(width), 2);
        // Locked: the hand-held remote cannot edit a picture usefully, only spoil it.
        memory += memoryEntry(label, code::FileDots, code::Locked, size, colorStatus);

        std::string picture{code::WriteSmallDots, label};
        picture += size;
        picture.reserve(picture.size() + static_cast<std::size_t>((width + 1) * height));
        for (int y = 0; y < height; ++y) {
            for (int x = 0; x < width; ++x) picture += dotDigit(page.pixel(x - x0, y - y0), screen_.color);
            picture += static_cast<char>(code::CR);
        }
        pictures.push_back(std::move(picture));

        textContents += std::string{static_cast<char>(code::ESC),      code::PositionFill,
                                    modeFor(command.effect),           speedCode(command.speed),
                                    static_cast<char>(code::CallDots), label};
    }
    // TEXT 'A' stays unlocked so that the hall can still put up a message from the remote when the
    // server is down.
    memory.insert(2, memoryEntry(code::TextLabel, code::FileText, code::Unlocked, textFileSize(textContents.size()), code::TextAlways));

    std::vector<Bytes> out;
    out.push_back(packet(memory));
    for (const auto& picture : pictures) out.push_back(packet(picture));
    out.push_back(packet(std::string{code::WriteText, code::TextLabel} + textContents));
    return out;
}

std::vector<Bytes> AlphaEncoder::clock(const ClockTime& t) const {
    auto check = [](bool ok, const char* what, int value) {
        if (!ok) throw InputError(std::string("clock ") + what + " " + std::to_string(value) + " is out of range");
    };
    check(t.hour >= 0 && t.hour <= 23, "hour", t.hour);
    check(t.minute >= 0 && t.minute <= 59, "minute", t.minute);
    check(t.month >= 1 && t.month <= 12, "month", t.month);
    check(t.day >= 1 && t.day <= 31, "day", t.day);
    check(t.weekday >= 1 && t.weekday <= 7, "weekday", t.weekday);
    // The sign keeps a two-digit year.
    check(t.year >= 2000 && t.year <= 2099, "year", t.year);
    // The sign counts the week from Sunday ('1'); ClockTime from Monday (1).
    char weekday = static_cast<char>('1' + t.weekday % 7);
    return {
        packet(std::string{code::WriteSpecial, code::SetTime} + twoDigits(t.hour) + twoDigits(t.minute)),
        packet(std::string{code::WriteSpecial, code::SetDate} + twoDigits(t.month) + twoDigits(t.day) + twoDigits(t.year % 100)),
        packet(std::string{code::WriteSpecial, code::SetWeekday, weekday}),
    };
}

Bytes AlphaEncoder::packet(const std::string& command) const { return makePacket(settings_.address, command); }

} // namespace gongshi::protocols::alpha
