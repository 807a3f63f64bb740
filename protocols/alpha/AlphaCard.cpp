#include "protocols/alpha/AlphaCard.h"

#include "protocols/alpha/AlphaCodes.h"
#include "protocols/alpha/AlphaColors.h"
#include "protocols/alpha/AlphaPacket.h"
#include "protocols/alpha/AlphaSettings.h"
#include "protocols/alpha/TextFile.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

namespace gongshi::protocols::alpha {

using renderer::Bitmap;
using renderer::Color;

namespace {

void fail(FrameEvent& e, const char* error) {
    if (!e.ok) return; // the first error names the frame
    e.ok = false;
    e.error = error;
}

// Signs read sizes in upper-case hex only.
int hex2(std::string_view s) {
    auto v = parseUpperHex(s);
    return v ? *v : -1;
}

bool allDigits(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
    int n = 0;
    for (char c : s) n = n * 10 + (c - '0');
    return n;
}

std::string printable(char c) {
    if (c >= 0x20 && c < 0x7F) return std::string(1, c);
    char text[8];
    std::snprintf(text, sizeof text, "0x%02X", static_cast<unsigned char>(c));
    return text;
}

const char* fileTypeName(char type) { return type == code::FileText ? "text" : type == code::FileString ? "string" : "dots"; }

HAlign alignFor(char position) {
    if (position == code::PositionLeft) return HAlign::Left;
    if (position == code::PositionRight) return HAlign::Right;
    return HAlign::Center; // the sign centres what it holds
}

} // namespace

AlphaCard::AlphaCard(const ScreenSpec& screen, TextDrawer drawText)
    : spec_(screen), drawText_(std::move(drawText)), screen_(screen.width, screen.height, screen.color) {
    if (spec_.address >= 1 && spec_.address <= 0xFF) ownAddress_ = addressField(spec_.address);
    alpha3_ = AlphaSettings::fromScreen(screen).alpha3;
}

std::vector<FrameEvent> AlphaCard::feed(const std::uint8_t* data, std::size_t size) {
    std::vector<FrameEvent> out;
    for (auto& piece : scanner_.feed(data, size)) {
        switch (piece.kind) {
        case FrameScanner::Piece::Kind::Frame:
            onFrame(piece.frame, piece.size, out);
            break;
        case FrameScanner::Piece::Kind::Garbage:
            out.push_back(failedEvent("garbage", "garbage", piece.size));
            break;
        case FrameScanner::Piece::Kind::Truncated:
            out.push_back(failedEvent("unknown", "truncated", piece.size));
            break;
        case FrameScanner::Piece::Kind::TooLong:
            out.push_back(failedEvent("unknown", "too-long", piece.size));
            break;
        }
    }
    return out;
}

bool AlphaCard::addressedToMe(std::string_view address) const {
    if (address == "00" || spec_.address == 0) return true;
    if (ownAddress_.size() != 2) return false;
    for (std::size_t i = 0; i < 2; ++i)
        if (address[i] != '?' && std::toupper(static_cast<unsigned char>(address[i])) != ownAddress_[i]) return false;
    return true;
}

// frame: SOH type address(2) STX command [ETX checksum(4)] [STX command ...] EOT
void AlphaCard::onFrame(const Bytes& f, std::size_t wireSize, std::vector<FrameEvent>& out) {
    if (f.size() < 6 || f[4] != code::STX) {
        out.push_back(failedEvent("unknown", "format", wireSize));
        return;
    }
    std::string type(1, static_cast<char>(f[1]));
    std::string address{static_cast<char>(f[2]), static_cast<char>(f[3])};
    if (!addressedToMe(address)) {
        FrameEvent e = failedEvent("unknown", "address", wireSize);
        e.details["address"] = address;
        out.push_back(std::move(e));
        return;
    }
    std::vector<std::size_t> starts;
    for (std::size_t i = 4; i + 1 < f.size(); ++i)
        if (f[i] == code::STX) starts.push_back(i);
    std::size_t header = wireSize - f.size() + 4; // the NULs, SOH, type and address
    for (std::size_t k = 0; k < starts.size(); ++k) {
        std::size_t begin = starts[k];
        std::size_t end = k + 1 < starts.size() ? starts[k + 1] : f.size() - 1;
        FrameEvent e;
        e.cmd = "unknown";
        e.bytes = end - begin + (k == 0 ? header : 0) + (k + 1 == starts.size() ? 1 : 0);
        e.details["address"] = address;
        e.details["type"] = type;
        auto etx = std::find(f.begin() + static_cast<std::ptrdiff_t>(begin), f.begin() + static_cast<std::ptrdiff_t>(end), code::ETX);
        std::size_t dataEnd = end;
        if (etx != f.begin() + static_cast<std::ptrdiff_t>(end)) {
            dataEnd = static_cast<std::size_t>(etx - f.begin());
            std::string_view tail(reinterpret_cast<const char*>(f.data()) + dataEnd + 1, end - dataEnd - 1);
            auto sent = parseHex4(tail);
            if (!sent || *sent != checksum(f.data() + begin, dataEnd - begin + 1)) {
                fail(e, "checksum");
                out.push_back(std::move(e));
                continue;
            }
        } else {
            e.details["checksum"] = "none"; // optional in the protocol
        }
        onCommand(std::string_view(reinterpret_cast<const char*>(f.data()) + begin + 1, dataEnd - begin - 1), e);
        out.push_back(std::move(e));
    }
}

void AlphaCard::onCommand(std::string_view command, FrameEvent& e) {
    if (command.empty()) return fail(e, "format");
    std::string_view data = command.substr(1);
    switch (command[0]) {
    case code::WriteText:
        return writeText(data, e);
    case code::WriteSmallDots:
        return writeDots(data, e);
    case code::WriteSpecial:
        return writeSpecial(data, e);
    case code::ReadSpecial:
        return readSpecial(data, e);
    default:
        e.details["code"] = printable(command[0]);
        return fail(e, "no-command");
    }
}

void AlphaCard::writeText(std::string_view data, FrameEvent& e) {
    e.cmd = "text";
    if (data.empty()) return fail(e, "format");
    char label = data[0];
    std::string contents(data.substr(1));
    e.details["label"] = printable(label);
    if (memoryConfigured_ && label != code::PriorityLabel) {
        auto file = files_.find(label);
        if (file == files_.end() || file->second.type != code::FileText) return fail(e, "no-file");
        if (contents.size() > file->second.size) {
            fail(e, "too-big");
            contents.resize(file->second.size); // the sign keeps what fits
        }
    }
    auto pages = parseTextPages(contents);
    bool pictures = std::any_of(pages.begin(), pages.end(), [](const TextPage& p) { return !p.pictures.empty(); });
    e.cmd = contents.empty() ? "clear" : pictures ? "bitmap" : "text";
    e.details["pages"] = std::to_string(pages.size());
    if (!alpha3_) {
        // An Alpha 1.0 sign has no left or right position: it shows such a page its own way.
        for (const TextPage& p : pages)
            if (p.position == code::PositionLeft || p.position == code::PositionRight) fail(e, "no-position");
    }
    if (!pages.empty()) {
        const TextPage& p = pages.front();
        e.details["mode"] = modeName(p.mode);
        e.details["position"] = positionName(p.position);
        if (p.speed > 0) e.details["speed"] = std::to_string(6 - p.speed); // as Command::speed: 1 fastest
        if (p.color) e.details["color"] = colorName(p.color);
        if (!p.text.empty()) e.details["text"] = p.text;
        if (!p.pictures.empty()) e.details["pictures"] = p.pictures;
    }
    texts_[label] = std::move(contents);
    shown_ = label;
    redraw(e, true);
}

void AlphaCard::writeDots(std::string_view data, FrameEvent& e) {
    e.cmd = "bitmap";
    if (data.size() < 5) return fail(e, "format");
    char label = data[0];
    int height = hex2(data.substr(1, 2)), width = hex2(data.substr(3, 2));
    e.details["label"] = printable(label);
    if (height < 0 || width < 0) return fail(e, "format");
    e.details["width"] = std::to_string(width);
    e.details["height"] = std::to_string(height);

    Picture picture{width, height, std::string(static_cast<std::size_t>(width * height), '0')};
    int y = 0;
    for (std::size_t pos = 5; pos < data.size(); ++y) {
        std::size_t cr = data.find(static_cast<char>(code::CR), pos);
        if (cr == std::string_view::npos) return fail(e, "format"); // every row ends with CR
        std::string_view row = data.substr(pos, cr - pos);
        if (y >= height || row.size() > static_cast<std::size_t>(width)) return fail(e, "format");
        for (std::size_t x = 0; x < row.size(); ++x) {
            if (!isDotDigit(row[x])) return fail(e, "format");
            picture.digits[static_cast<std::size_t>(y * width) + x] = row[x];
        }
        pos = cr + 1;
    }
    if (memoryConfigured_) {
        auto file = files_.find(label);
        if (file == files_.end() || file->second.type != code::FileDots) return fail(e, "no-file");
        if (height > file->second.size >> 8 || width > (file->second.size & 0xFF)) return fail(e, "too-big");
    }
    pictures_[label] = std::move(picture);
    redraw(e, false);
}

void AlphaCard::writeSpecial(std::string_view data, FrameEvent& e) {
    if (data.empty()) return fail(e, "format");
    std::string_view args = data.substr(1);
    switch (data[0]) {
    case code::SetTime:
        e.cmd = "clock";
        if (args.size() != 4 || !allDigits(args) || number(args.substr(0, 2)) > 23 || number(args.substr(2)) > 59) return fail(e, "format");
        e.details["time"] = std::string(args.substr(0, 2)) + ":" + std::string(args.substr(2));
        clockMinutes_ = number(args.substr(0, 2)) * 60 + number(args.substr(2));
        clockSetAt_ = std::chrono::steady_clock::now();
        return;
    case code::SetDate: {
        e.cmd = "clock";
        if (args.size() != 6 || !allDigits(args)) return fail(e, "format");
        int month = number(args.substr(0, 2)), day = number(args.substr(2, 2));
        if (month < 1 || month > 12 || day < 1 || day > 31) return fail(e, "format");
        e.details["date"] =
            "20" + std::string(args.substr(4, 2)) + "-" + std::string(args.substr(0, 2)) + "-" + std::string(args.substr(2, 2));
        return;
    }
    case code::SetWeekday: {
        static const char* names[] = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
        e.cmd = "clock";
        if (args.size() != 1 || args[0] < '1' || args[0] > '7') return fail(e, "format");
        e.details["weekday"] = names[args[0] - '1'];
        return;
    }
    case code::SoftReset:
        e.cmd = "reset";
        return;
    case code::SetMemory:
        return setMemory(args, e);
    default:
        e.details["function"] = printable(data[0]);
        return fail(e, "no-command");
    }
}

void AlphaCard::readSpecial(std::string_view data, FrameEvent& e) {
    e.cmd = "status";
    if (data != std::string_view(&code::SetTime, 1)) {
        e.details["function"] = data.empty() ? "none" : printable(data[0]);
        return fail(e, "no-command");
    }
    int minutes = 0;
    if (clockMinutes_) {
        auto ran = std::chrono::duration_cast<std::chrono::minutes>(std::chrono::steady_clock::now() - clockSetAt_);
        minutes = static_cast<int>((*clockMinutes_ + ran.count()) % (24 * 60));
    } else {
        std::time_t t = std::time(nullptr);
        std::tm local{};
        localtime_r(&t, &local);
        minutes = local.tm_hour * 60 + local.tm_min;
    }
    char hhmm[24];
    std::snprintf(hhmm, sizeof hhmm, "%02d%02d", minutes / 60, minutes % 60);
    e.details["time"] = std::string(hhmm, 2) + ":" + std::string(hhmm + 2, 2);
    // A sign answers from its own address, even to a read sent to every sign.
    e.reply = makeReplyPacket(ownAddress_.empty() ? code::AllSigns : ownAddress_, std::string{code::WriteSpecial, code::SetTime} + hhmm);
}

void AlphaCard::setMemory(std::string_view entries, FrameEvent& e) {
    e.cmd = "clear";
    // No files, as msparks/alphasign sends it, or "$$$" after E$, as alphasignpy does: memory clear.
    if (entries == code::MemoryClearFiller) entries = {};
    if (entries.size() % code::MemoryEntrySize != 0) return fail(e, "format");
    std::map<char, File> files;
    std::string list;
    bool dots = false;
    for (std::size_t i = 0; i < entries.size(); i += code::MemoryEntrySize) {
        std::string_view entry = entries.substr(i, code::MemoryEntrySize);
        char label = entry[0], type = entry[1], lock = entry[2];
        // Signs refuse lower-case hex here.
        auto size = parseUpperHex(entry.substr(3, 4));
        auto qqqq = parseUpperHex(entry.substr(7, 4));
        if (label < 0x20 || label > 0x7E || (type != code::FileText && type != code::FileString && type != code::FileDots) ||
            (lock != code::Unlocked && lock != code::Locked) || !size || !qqqq)
            return fail(e, "format");
        files[label] = File{type, lock, *size, std::string(entry.substr(7, 4))};
        dots = dots || type == code::FileDots;
        if (!list.empty()) list += ",";
        list += std::string(1, label) + ":" + fileTypeName(type) + ":" + std::string(entry.substr(3, 4)) + ":" +
                std::string(entry.substr(7, 4));
    }
    // Which command set this memory up, as far as the card can tell: pictures come with DOTS files.
    e.cmd = files.empty() ? "clear" : dots ? "bitmap" : "text";
    e.details["files"] = list;
    // A new configuration erases every file, so the sign goes dark.
    files_ = std::move(files);
    memoryConfigured_ = true;
    texts_.clear();
    pictures_.clear();
    shown_.reset();
    redraw(e, false);
}

Bitmap AlphaCard::render(std::string& missing) const {
    if (!shown_) return Bitmap(spec_.width, spec_.height, spec_.color);
    auto text = texts_.find(*shown_);
    if (text == texts_.end()) return Bitmap(spec_.width, spec_.height, spec_.color);
    auto pages = parseTextPages(text->second);
    // screen() is the first page; playing() cycles them all.
    return pages.empty() ? Bitmap(spec_.width, spec_.height, spec_.color) : renderPage(pages.front(), missing);
}

Bitmap AlphaCard::renderPage(const TextPage& page, std::string& missing) const {
    Bitmap out(spec_.width, spec_.height, spec_.color);
    if (!page.pictures.empty()) {
        int x0 = 0;
        for (char label : page.pictures) {
            auto found = pictures_.find(label);
            if (found == pictures_.end()) {
                missing += label;
                continue;
            }
            const Picture& p = found->second;
            for (int y = 0; y < std::min(p.height, out.height()); ++y)
                for (int x = 0; x < p.width && x0 + x < out.width(); ++x) {
                    char d = p.digits[static_cast<std::size_t>(y * p.width + x)];
                    if (d != '0') out.setPixel(x0 + x, y, signColor(d));
                }
            x0 += p.width;
        }
        return out;
    }
    if (page.text.empty() || !drawText_) return out;
    Bitmap drawn =
        drawText_(page.text, out.width(), out.height(), out.mode(), signColor(page.color ? page.color : '1'), alignFor(page.position));
    for (int y = 0; y < std::min(drawn.height(), out.height()); ++y)
        for (int x = 0; x < std::min(drawn.width(), out.width()); ++x) out.setPixel(x, y, drawn.pixel(x, y));
    return out;
}

Playlist AlphaCard::playing() const {
    Playlist list;
    list.width = spec_.width;
    list.height = spec_.height;
    list.mode = spec_.color;
    PlayArea area;
    area.stayHalfSeconds = 10;
    if (shown_)
        if (auto text = texts_.find(*shown_); text != texts_.end()) {
            const auto pages = parseTextPages(text->second);
            std::string missing;
            for (const TextPage& page : pages) area.pages.push_back(renderPage(page, missing));
            if (!pages.empty()) {
                const char mode = pages.front().mode;
                area.effect = mode == code::ModeRotate ? Effect::MoveLeft : mode == code::ModeRollUp ? Effect::MoveUp : Effect::Static;
                // The sign's speeds run 1 (slowest) .. 5 (fastest); a command's 1 is the fastest.
                area.speed = pages.front().speed > 0 ? 6 - pages.front().speed : 1;
            }
        }
    if (area.pages.empty()) area.pages.push_back(screen_);
    list.areas.push_back(std::move(area));
    return list;
}

void AlphaCard::redraw(FrameEvent& e, bool reportMissing) {
    std::string missing;
    Bitmap next = render(missing);
    e.screenChanged = !(next == screen_);
    screen_ = std::move(next);
    if (reportMissing && !missing.empty()) {
        e.details["missing"] = missing;
        fail(e, "no-picture");
    }
}

} // namespace gongshi::protocols::alpha
