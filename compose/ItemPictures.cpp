#include "compose/ItemPictures.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "common/Parse.h"
#include "fonts/FontProfile.h"
#include "layout/TextRenderer.h"
#include "print/QrCode.h"
#include "rules/WhatPlays.h"
#include "print/ImageDecode.h"
#include "records/FileStore.h"
#include "bitmap/Dither.h"

#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>

namespace gongshi::content {
namespace {

std::chrono::sys_days dayOf(const Date& date) {
    const auto ymd = parse::tryDate(date);
    if (!ymd) throw ValidationError("text", "日期“" + date + "”不是有效日期（应为 YYYY-MM-DD）");
    return std::chrono::sys_days(*ymd);
}

// One pattern in one calendar, at `when` (milliseconds, the wall clock read as UTC).
std::string formatIn(const std::string& pattern, const char* locale, UDate when) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString text = icu::UnicodeString::fromUTF8(pattern);
    // Days of the Chinese calendar are written 初一..三十, as on a 农历.
    std::unique_ptr<icu::SimpleDateFormat> f =
        std::string(locale).find("chinese") != std::string::npos
            ? std::make_unique<icu::SimpleDateFormat>(text, icu::UnicodeString(u"d=hanidays"), icu::Locale(locale), status)
            : std::make_unique<icu::SimpleDateFormat>(text, icu::Locale(locale), status);
    if (U_FAILURE(status)) throw ValidationError("text", "时钟格式“" + pattern + "”无法识别：" + u_errorName(status));
    f->setTimeZone(*icu::TimeZone::getGMT());
    icu::UnicodeString out;
    f->format(when, out);
    std::string s;
    out.toUTF8String(s);
    return s;
}

} // namespace

std::string clockText(const std::string& pattern, const Date& date, int minute, int second) {
    const auto day = dayOf(date);
    const UDate when = static_cast<UDate>((day.time_since_epoch().count() * 86400.0 + minute * 60.0 + second) * 1000.0);
    const std::string p = pattern.empty() ? kDefaultClockPattern : pattern;
    std::string out;
    std::size_t at = 0;
    while (at < p.size()) {
        const std::size_t open = p.find('[', at);
        out += formatIn(p.substr(at, open == std::string::npos ? std::string::npos : open - at), "zh_CN", when);
        if (open == std::string::npos) break;
        const std::size_t close = p.find(']', open);
        if (close == std::string::npos) throw ValidationError("text", "时钟格式“" + pattern + "”的农历部分缺少“]”");
        out += formatIn(p.substr(open + 1, close - open - 1), "zh_CN@calendar=chinese", when);
        at = close + 1;
    }
    return out;
}

renderer::ClockTime clockTimeAt(const Date& date, int minute, int second) {
    const auto day = dayOf(date);
    const std::chrono::year_month_day ymd(day);
    return {static_cast<int>(ymd.year()),
            static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day())),
            minute / 60,
            minute % 60,
            second,
            static_cast<int>(std::chrono::weekday(day).iso_encoding())};
}

namespace {

// One piece of a clock pattern: fixed text, or a field of the time with the texts of its glyphs.
struct ClockPiece {
    std::string literal;
    std::optional<renderer::ClockPart> part;
    bool twelveHour = false;
    std::vector<std::string> glyphs;
};

// How many glyphs a field draws: four digits of the year, one name, else two digits.
int glyphsDrawn(renderer::ClockPart part) {
    if (part == renderer::ClockPart::Year) return 4;
    if (part == renderer::ClockPart::AmPm || part == renderer::ClockPart::Weekday) return 1;
    return 2;
}

// The field pattern letter `c`, `n` times, stands for on a card's clock; none for what it cannot keep.
std::optional<ClockPiece> clockField(char c, std::size_t n) {
    using renderer::ClockPart;
    ClockPiece f;
    for (char d = '0'; d <= '9'; ++d) f.glyphs.emplace_back(1, d);
    const bool upToTwo = n <= 2;
    if (c == 'y' && n != 2) {
        f.part = ClockPart::Year;
    } else if (c == 'M' && upToTwo) {
        f.part = ClockPart::Month;
    } else if (c == 'd' && upToTwo) {
        f.part = ClockPart::Day;
    } else if ((c == 'H' || c == 'h') && upToTwo) {
        f.part = ClockPart::Hour;
        f.twelveHour = c == 'h';
    } else if (c == 'm' && upToTwo) {
        f.part = ClockPart::Minute;
    } else if (c == 's' && upToTwo) {
        f.part = ClockPart::Second;
    } else if (c == 'a') {
        f.part = ClockPart::AmPm;
        f.glyphs = {clockText("a", "2024-01-01", 9 * 60, 0), clockText("a", "2024-01-01", 15 * 60, 0)};
    } else if (c == 'E') {
        f.part = ClockPart::Weekday;
        f.glyphs.clear();
        for (int day = 1; day <= 7; ++day) // 2024-01-01 was a Monday
            f.glyphs.push_back(clockText(std::string(n, 'E'), "2024-01-0" + std::to_string(day), 0, 0));
    } else {
        return std::nullopt;
    }
    return f;
}

// The pattern's pieces for a card's clock; none, with `why`, for what the card cannot keep.
std::optional<std::vector<ClockPiece>> clockPieces(const std::string& pattern, std::string& why) {
    std::vector<ClockPiece> out;
    auto literal = [&](const std::string& text) {
        if (out.empty() || out.back().part) out.emplace_back();
        out.back().literal += text;
    };
    const std::string p = pattern.empty() ? kDefaultClockPattern : pattern;
    for (std::size_t i = 0; i < p.size();) {
        const char c = p[i];
        if (c == '\'') { // '' is a quote; 'text' is text as it stands
            if (i + 1 < p.size() && p[i + 1] == '\'') {
                literal("'");
                i += 2;
                continue;
            }
            const std::size_t close = p.find('\'', i + 1);
            literal(p.substr(i + 1, close == std::string::npos ? std::string::npos : close - i - 1));
            i = close == std::string::npos ? p.size() : close + 1;
            continue;
        }
        if (c == '[') {
            why = "控制卡的时钟不显示农历";
            return std::nullopt;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            literal(std::string(1, c));
            ++i;
            continue;
        }
        std::size_t n = 1;
        while (i + n < p.size() && p[i + n] == c) ++n;
        auto field = clockField(c, n);
        if (!field) {
            why = "控制卡的时钟不显示时钟格式中的“" + std::string(n, c) + "”";
            return std::nullopt;
        }
        out.push_back(std::move(*field));
        i += n;
    }
    return out;
}

} // namespace

std::optional<renderer::ClockFace> cardClockFace(renderer::TextRenderer& r, const std::string& pattern, const std::string& font, int width,
                                                 int height, renderer::ColorMode mode, renderer::Color color, std::string& why) {
    const auto pieces = clockPieces(pattern, why);
    if (!pieces) return std::nullopt;
    const int em = fonts::profileByName(font).pixelSize;
    if (height < em) {
        why = "区域高 " + std::to_string(height) + " 像素，放不下一行 " + std::to_string(em) + " 像素的字";
        return std::nullopt;
    }
    // A text on one line, as wide as it advances, one line high.
    auto draw = [&](const std::string& text) -> std::optional<renderer::Bitmap> {
        renderer::LayoutOptions o;
        o.width = 1;
        o.height = em;
        o.marquee = true;
        const renderer::Layout layout = r.layout(text, font, o);
        if (!layout.missing.empty()) {
            why = "字体缺少“" + text + "”中的字符";
            return std::nullopt;
        }
        if (layout.pages.empty()) return renderer::Bitmap(1, em, mode);
        return r.renderPage(layout, 0, mode, color);
    };
    struct Drawn {
        std::optional<renderer::Bitmap> literal;
        std::vector<renderer::Bitmap> glyphs; // each centred in a cell as wide as the widest
        int width = 0;
    };
    std::vector<Drawn> drawn;
    int total = 0;
    for (const ClockPiece& piece : *pieces) {
        Drawn d;
        if (!piece.part) {
            d.literal = draw(piece.literal);
            if (!d.literal) return std::nullopt;
            d.width = d.literal->width();
        } else {
            std::vector<renderer::Bitmap> glyphs;
            int cell = 1;
            for (const std::string& g : piece.glyphs) {
                auto b = draw(g);
                if (!b) return std::nullopt;
                cell = std::max(cell, b->width());
                glyphs.push_back(std::move(*b));
            }
            for (const renderer::Bitmap& g : glyphs) {
                renderer::Bitmap c(cell, em, mode);
                c.blit(g, (cell - g.width()) / 2, 0);
                d.glyphs.push_back(std::move(c));
            }
            d.width = cell * glyphsDrawn(*piece.part);
        }
        total += d.width;
        drawn.push_back(std::move(d));
    }
    if (total > width) {
        why = "时钟一行宽 " + std::to_string(total) + " 像素，超出区域宽度 " + std::to_string(width) + " 像素";
        return std::nullopt;
    }
    renderer::ClockFace face;
    face.background = renderer::Bitmap(width, height, mode);
    int x = (width - total) / 2;
    const int y = (height - em) / 2;
    for (std::size_t i = 0; i < pieces->size(); ++i) {
        Drawn& d = drawn[i];
        if (d.literal) {
            face.background.blit(*d.literal, x, y);
        } else {
            renderer::ClockFaceUnit u;
            u.part = *(*pieces)[i].part;
            u.twelveHour = (*pieces)[i].twelveHour;
            u.x = x;
            u.y = y;
            u.color = color;
            u.glyphs = std::move(d.glyphs);
            face.units.push_back(std::move(u));
        }
        x += d.width;
    }
    return face;
}

bool clockShowsSeconds(const std::string& pattern) {
    bool quoted = false;
    for (char c : pattern) {
        if (c == '\'') quoted = !quoted;
        if (!quoted && (c == 's' || c == 'S')) return true;
    }
    return false;
}

int daysUntil(const Date& today, const Date& target) { return static_cast<int>((dayOf(target) - dayOf(today)).count()); }

std::optional<std::string> countdownText(int days, bool noticePeriod) {
    if (days < 0) return std::nullopt;
    if (days == 0) return std::string("今天截止");
    return std::string(noticePeriod ? "距公示期满还有" : "距截止日还有") + std::to_string(days) + "天";
}

std::optional<renderer::Bitmap> qrPicture(const std::string& text, int width, int height, renderer::ColorMode mode, renderer::Color lit) {
    const renderer::QrCode qr = renderer::encodeQr(text);
    const int side = qr.size + 2 * renderer::QrCode::kQuietZone;
    const int module = std::min(width, height) / side;
    if (module < 1) return std::nullopt;
    renderer::Bitmap out(width, height, mode);
    const int x0 = (width - side * module) / 2, y0 = (height - side * module) / 2;
    for (int y = 0; y < side * module; ++y)
        for (int x = 0; x < side * module; ++x) {
            const int mx = x / module - renderer::QrCode::kQuietZone, my = y / module - renderer::QrCode::kQuietZone;
            const bool dark = mx >= 0 && my >= 0 && mx < qr.size && my < qr.size && qr.at(mx, my);
            if (!dark) out.setPixel(x0 + x, y0 + y, lit);
        }
    return out;
}

std::shared_ptr<const renderer::Bitmap> uploadedPicture(const Picture& picture, const std::string& dataDir) {
    // Compositions run on the scheduler's thread and the server's workers: one cache for all.
    static std::mutex mutex;
    static std::deque<std::pair<std::string, std::shared_ptr<const renderer::Bitmap>>> kept;
    constexpr std::size_t kKept = 8;
    const std::string key = dataDir + "/" + picture.path;
    {
        std::lock_guard lock(mutex);
        for (const auto& [path, bitmap] : kept)
            if (path == key) return bitmap;
    }
    const std::string bytes = FileStore(dataDir).read(picture.path);
    auto bitmap = std::make_shared<const renderer::Bitmap>(renderer::decodeImage(bytes, picture.name));
    std::lock_guard lock(mutex);
    kept.emplace_front(key, bitmap);
    if (kept.size() > kKept) kept.pop_back();
    return bitmap;
}

std::shared_ptr<const renderer::Bitmap> pictureToShow(const Picture& picture, const std::string& dataDir, int width, int height,
                                                      std::vector<std::string>& warnings) {
    if (width < kSmallestPictureArea || height < kSmallestPictureArea) {
        warnings.push_back(msg::pictureTooSmallArea(picture.name, width, height));
        return nullptr;
    }
    try {
        return uploadedPicture(picture, dataDir);
    } catch (const InputError&) {
        warnings.push_back(msg::pictureNotShown(picture.name, msg::pictureDamaged()));
    } catch (const NotFoundError& e) {
        warnings.push_back(msg::pictureNotShown(picture.name, e.what()));
    }
    return nullptr;
}

} // namespace gongshi::content

#include "compose/Composer.h"

namespace gongshi::content {

std::vector<Segment> Composer::clock(const std::string& pattern, const Date& today, const Area& area, std::vector<std::string>& warnings) {
    std::vector<Segment> out = text(clockText(pattern, today, minute_, second_), area);
    for (auto& s : out) s.source = "clock";
    if (!keepsOwnClock(screen_) || out.empty()) return out;
    std::string why;
    auto face = cardClockFace(renderer_, pattern, bodyFont(area.height), area.width, area.height, mode_, out.front().color, why);
    if (!face) {
        warnings.push_back("时钟由服务器每分钟送一次，不用控制卡自带的时钟：" + why);
        return out;
    }
    // What the card draws from its own clock, drawn here at the time composed.
    Segment s = std::move(out.front());
    s.layout = {};
    s.effect = AreaEffect::Static;
    s.pictures = {renderer::drawClockFace(*face, clockTimeAt(today, minute_, second_))};
    s.clockFace = std::make_shared<const renderer::ClockFace>(std::move(*face));
    return {std::move(s)};
}

std::optional<std::string> countdownWording(const Date& target, bool noticePeriod, const Date& today, std::vector<std::string>& warnings) {
    auto wording = countdownText(daysUntil(today, target), noticePeriod);
    if (!wording) warnings.push_back("倒计时的日期 " + target + " 已过，该内容不再显示");
    return wording;
}

std::optional<renderer::Bitmap> reviewQrPicture(const Centre& centre, int width, int height, renderer::ColorMode mode, renderer::Color lit,
                                                std::vector<std::string>& warnings) {
    if (centre.reviewUrl.empty()) {
        warnings.push_back("中心没有填写好差评地址，好差评二维码不显示");
        return std::nullopt;
    }
    auto picture = qrPicture(centre.reviewUrl, width, height, mode, lit);
    if (!picture)
        warnings.push_back("区域 " + std::to_string(width) + "×" + std::to_string(height) + " 放不下好差评二维码（连同四个模块的空白边）");
    return picture;
}

std::vector<Segment> Composer::countdown(const Date& target, bool noticePeriod, const Date& today, const Area& area,
                                         std::vector<std::string>& warnings) {
    const auto wording = countdownWording(target, noticePeriod, today, warnings);
    if (!wording) return {};
    std::vector<Segment> out = text(*wording, area);
    for (auto& s : out) s.source = "countdown";
    return out;
}

Segment pictureSegment(std::string source, const Area& area, renderer::Color color, renderer::Bitmap picture) {
    Segment s;
    s.source = std::move(source);
    s.effect = AreaEffect::Static;
    s.dwellSeconds = area.dwellSeconds;
    s.speed = area.speed;
    s.x = area.x;
    s.y = area.y;
    s.width = area.width;
    s.height = area.height;
    s.color = color;
    s.pictures.push_back(std::move(picture));
    return s;
}

std::vector<Segment> Composer::reviewQr(const Centre& centre, const Area& area, std::vector<std::string>& warnings) {
    // Yellow on a red-green panel lights both colours: the brightest light a scanner can read.
    const renderer::Color lit = mode_ == renderer::ColorMode::RedGreen ? renderer::Color::yellow() : renderer::Color::white();
    auto picture = reviewQrPicture(centre, area.width, area.height, mode_, lit, warnings);
    if (!picture) return {};
    return {pictureSegment("review-qr", area, lit, std::move(*picture))};
}

std::vector<Segment> Composer::image(const Picture& picture, const std::string& dataDir, const Area& area,
                                     std::vector<std::string>& warnings) {
    const auto rgb = pictureToShow(picture, dataDir, area.width, area.height, warnings);
    if (!rgb) return {};
    return {pictureSegment("image " + std::to_string(picture.id), area, renderer::Color::white(),
                           renderer::fitPicture(*rgb, area.width, area.height, mode_))};
}

} // namespace gongshi::content
