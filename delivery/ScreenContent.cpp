#include "delivery/ScreenContent.h"

#include "common/Utf8.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace gongshi::delivery {
namespace {

using AreaKey = std::tuple<int, int, int, int>;

renderer::Bitmap joinStrips(const AreaPages& a, renderer::ColorMode mode) {
    const int gap = a.width / 2;
    int width = 0;
    for (const auto& s : a.strips) width += s.width() + gap;
    renderer::Bitmap strip(std::max(width, 1), a.height, mode);
    int x = 0;
    for (const auto& s : a.strips) {
        strip.blit(s.crop(0, 0, s.width(), std::min(s.height(), a.height)), x, 0);
        x += s.width() + gap;
    }
    return strip;
}

} // namespace

std::vector<std::vector<const content::Segment*>> segmentsByArea(const content::ComposedProgram& program) {
    std::vector<std::vector<const content::Segment*>> out;
    std::map<AreaKey, std::size_t> index;
    for (const auto& seg : program.segments) {
        const auto it = index.emplace(AreaKey{seg.x, seg.y, seg.width, seg.height}, out.size()).first;
        if (it->second == out.size()) out.emplace_back();
        out[it->second].push_back(&seg);
    }
    return out;
}

std::vector<AreaPages> renderAreas(renderer::TextRenderer& r, const content::ComposedProgram& program) {
    std::vector<AreaPages> out;
    for (const auto& segments : segmentsByArea(program)) {
        const content::Segment& first = *segments.front();
        AreaPages a;
        a.x = first.x;
        a.y = first.y;
        a.width = first.width;
        a.height = first.height;
        a.effect = first.effect;
        a.speed = std::max(1, first.speed);
        a.dwellSeconds = std::max(1, first.dwellSeconds);
        for (const content::Segment* seg : segments) {
            // A window's status and a clock change without the program changing: dynamic areas.
            if (seg->source.rfind("window ", 0) == 0 || seg->source == "clock") a.dynamic = true;
            for (auto& page : content::renderSegment(r, *seg, program.colorMode)) {
                if (seg->effect == content::AreaEffect::Left) {
                    a.strips.push_back(std::move(page));
                } else if (page.width() == a.width && page.height() == a.height) {
                    a.pages.push_back(std::move(page));
                } else {
                    renderer::Bitmap fitted(a.width, a.height, program.colorMode);
                    fitted.blit(page.crop(0, 0, std::min(page.width(), a.width), std::min(page.height(), a.height)), 0, 0);
                    a.pages.push_back(std::move(fitted));
                }
            }
        }
        out.push_back(std::move(a));
    }
    // An area holds one effect: one that got marquee strips and pages scrolls all of it left.
    for (auto& a : out) {
        if (a.strips.empty()) continue;
        a.effect = content::AreaEffect::Left;
        for (auto& p : a.pages) a.strips.push_back(std::move(p));
        a.pages.clear();
    }
    return out;
}

std::uint64_t mixHash(std::uint64_t h, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) {
        h ^= (v >> (8 * i)) & 0xFF;
        h *= 1099511628211ull;
    }
    return h;
}

std::uint64_t hashBitmap(const renderer::Bitmap& b, std::uint64_t h) {
    h = mixHash(h, static_cast<std::uint64_t>(b.width()));
    h = mixHash(h, static_cast<std::uint64_t>(b.height()));
    h = mixHash(h, static_cast<std::uint64_t>(b.mode()));
    for (std::uint8_t byte : b.bytes()) {
        h ^= byte;
        h *= 1099511628211ull;
    }
    return h;
}

std::optional<protocols::Command> cardText(const std::vector<const content::Segment*>& segments, const AreaPages& area,
                                           const protocols::CardFont& font, std::string& why) {
    if (segments.empty()) return std::nullopt;
    if (area.height < font.height || area.height >= 2 * font.height) {
        why = "区域高 " + std::to_string(area.height) + " 像素，不是控制卡字库的一行（" + std::to_string(font.height) + " 像素）";
        return std::nullopt;
    }
    const bool marquee = area.effect == content::AreaEffect::Left;
    const renderer::Color colour = segments.front()->color;
    std::u32string text;
    const int half = std::max(1, font.height / 2);
    for (const content::Segment* seg : segments) {
        if (seg->layout.pixelSize != font.height) {
            why = "字号 " + std::to_string(seg->layout.pixelSize) + " 像素，与控制卡字库（" + std::to_string(font.height) + " 像素）不同";
            return std::nullopt;
        }
        if (!(seg->color == colour)) {
            why = "一个区域内有多种颜色";
            return std::nullopt;
        }
        if (!seg->layout.missing.empty()) {
            why = "有字体缺少的字符";
            return std::nullopt;
        }
        if (marquee != (seg->effect == content::AreaEffect::Left)) {
            why = "滚动与静止内容同在一个区域";
            return std::nullopt;
        }
        if (marquee) {
            for (const auto& page : seg->layout.pages)
                for (const auto& line : page.lines) text += line.text;
            // The pictures' gap between marquees: half the area.
            text.append(static_cast<std::size_t>(area.width / 2 / half), U' ');
            continue;
        }
        if (segments.size() != 1 || seg->layout.pages.size() != 1 || seg->layout.pages.front().lines.size() != 1) {
            why = "静止内容多于一行或一页";
            return std::nullopt;
        }
        const renderer::Line& line = seg->layout.pages.front().lines.front();
        text.append(static_cast<std::size_t>((line.x + half / 2) / half), U' ');
        text += line.text;
    }
    int columns = 0;
    for (char32_t c : text) {
        if (!font.covers || !font.covers(c)) {
            why = "字符“" + encodeUtf8(std::u32string(1, c)) + "”（" + codePointName(c) + "）不在控制卡字库中";
            return std::nullopt;
        }
        columns += font.advance(c);
    }
    if (!marquee && columns > area.width) {
        why = "按控制卡字库排版超出区域宽度";
        return std::nullopt;
    }
    protocols::Command cmd;
    cmd.kind = protocols::Command::Kind::Text;
    cmd.text = encodeUtf8(text);
    cmd.color = colour;
    cmd.x = area.x;
    cmd.y = area.y;
    cmd.width = area.width;
    cmd.height = area.height;
    cmd.speed = area.speed;
    cmd.effect = marquee ? protocols::Effect::MoveLeft : protocols::Effect::Static;
    cmd.stayHalfSeconds = marquee ? 0 : area.dwellSeconds * 2;
    return cmd;
}

std::uint64_t hashClockFace(const renderer::ClockFace& face) {
    std::uint64_t h = hashBitmap(face.background);
    for (const auto& u : face.units) {
        for (int v : {static_cast<int>(u.part), u.x, u.y, static_cast<int>(u.twelveHour), int(u.color.r), int(u.color.g), int(u.color.b)})
            h = mixHash(h, static_cast<std::uint64_t>(v));
        for (const auto& g : u.glyphs) h = hashBitmap(g, h);
    }
    return h;
}

std::vector<CardArea> cardAreas(renderer::TextRenderer& r, const content::ComposedProgram& program, const protocols::CardFont* font,
                                bool keepsClock) {
    std::vector<CardArea> out;
    int areaId = 0;
    // Each area's segments, in the order renderAreas finds the areas.
    const auto segmentsOf = segmentsByArea(program);
    auto areas = renderAreas(r, program);
    for (std::size_t k = 0; k < areas.size(); ++k) {
        auto& a = areas[k];
        CardArea c;
        c.x = a.x;
        c.y = a.y;
        c.width = a.width;
        c.height = a.height;
        c.dynamic = a.dynamic;
        protocols::Command& cmd = c.command;
        cmd.kind = protocols::Command::Kind::Bitmap;
        cmd.x = a.x;
        cmd.y = a.y;
        cmd.areaId = areaId++;
        cmd.speed = a.speed;
        if (a.effect == content::AreaEffect::Left) {
            // The card scrolls page after page without a stop: the strip cut into area-wide pages.
            const renderer::Bitmap strip = joinStrips(a, program.colorMode);
            for (int x = 0; x < strip.width(); x += a.width) {
                renderer::Bitmap page(a.width, a.height, program.colorMode);
                page.blit(strip.crop(x, 0, std::min(a.width, strip.width() - x), a.height), 0, 0);
                cmd.pages.push_back(std::move(page));
            }
            cmd.effect = protocols::Effect::MoveLeft;
            cmd.stayHalfSeconds = 0;
        } else {
            cmd.pages = std::move(a.pages);
            cmd.effect = a.effect == content::AreaEffect::Up ? protocols::Effect::MoveUp : protocols::Effect::Static;
            cmd.stayHalfSeconds = a.dwellSeconds * 2;
        }
        if (cmd.pages.empty()) cmd.pages.emplace_back(a.width, a.height, program.colorMode);
        std::uint64_t h = kHashSeed;
        for (int v : {c.x, c.y, c.width, c.height, cmd.areaId, cmd.speed, cmd.stayHalfSeconds, static_cast<int>(cmd.effect)})
            h = mixHash(h, static_cast<std::uint64_t>(v));
        for (const auto& p : cmd.pages) h = hashBitmap(p, h);
        if (font && k < segmentsOf.size()) {
            if (auto text = cardText(segmentsOf[k], a, *font, c.whyPicture)) {
                text->areaId = cmd.areaId;
                c.picture = std::move(cmd);
                c.command = std::move(*text);
                h = mixHash(h, 0x7465787400ull);
                for (unsigned char ch : c.command.text) h = mixHash(h, ch);
                h = mixHash(h, (static_cast<std::uint64_t>(c.command.color.r) << 16) | (c.command.color.g << 8) | c.command.color.b);
            }
        }
        c.hash = h;
        c.programHash = h;
        if (keepsClock && k < segmentsOf.size() && segmentsOf[k].size() == 1 && segmentsOf[k].front()->clockFace) {
            // The card's own clock: in the program, kept by its face.
            cmd.clockFace = segmentsOf[k].front()->clockFace;
            c.dynamic = false;
            c.programHash = mixHash(hashClockFace(*cmd.clockFace), 0x636c6f636bull);
            for (int v : {c.x, c.y, c.width, c.height}) c.programHash = mixHash(c.programHash, static_cast<std::uint64_t>(v));
        }
        out.push_back(std::move(c));
    }
    return out;
}

Playout::Playout(renderer::TextRenderer& r, const content::ComposedProgram& program, int fps)
    : width_(program.width), height_(program.height), fps_(std::clamp(fps, 1, 60)), mode_(program.colorMode) {
    for (auto& a : renderAreas(r, program)) {
        Area area;
        if (a.effect == content::AreaEffect::Left) {
            area.strip = joinStrips(a, program.colorMode);
            animated_ = true;
        } else if (a.pages.size() > 1) {
            animated_ = true;
        }
        a.strips.clear(); // joined
        static_cast<AreaPages&>(area) = std::move(a);
        for (int v : {area.x, area.y, area.width, area.height, area.speed, area.dwellSeconds * 1000,
                      static_cast<int>(area.effect == content::AreaEffect::Left)})
            hash_ = mixHash(hash_, static_cast<std::uint64_t>(v));
        if (area.effect == content::AreaEffect::Left) hash_ = hashBitmap(area.strip, hash_);
        for (const auto& page : area.pages) hash_ = hashBitmap(page, hash_);
        areas_.push_back(std::move(area));
    }
}

void Playout::drawArea(renderer::Bitmap& frame, const Area& a, std::chrono::milliseconds t) const {
    const long long ms = t.count();
    if (a.effect == content::AreaEffect::Left) {
        // One pixel per frame at speed 1, slower for higher speeds; the strip enters from the right.
        const long long step = static_cast<long long>(ms) * fps_ / 1000 / a.speed;
        const long long span = a.strip.width() + a.width;
        const int pos = static_cast<int>(step % span); // how far the strip has come in
        const int from = std::max(0, pos - a.width);   // strip column at the area's left edge
        const int at = std::max(0, a.width - pos);     // area column where the strip starts
        const int w = std::min(a.width - at, a.strip.width() - from);
        if (w > 0) frame.blit(a.strip.crop(from, 0, w, a.height), a.x + at, a.y);
        return;
    }
    if (a.pages.empty()) return;
    const long long n = static_cast<long long>(a.pages.size());
    const long long dwellMs = a.dwellSeconds * 1000LL;
    const long long index = (ms / dwellMs) % n;
    const renderer::Bitmap& page = a.pages[static_cast<std::size_t>(index)];
    if (a.effect == content::AreaEffect::Up && n > 1) {
        // The page slides in from below during its first frames, one pixel a frame.
        const long long into = (ms % dwellMs) * fps_ / 1000 / a.speed;
        if (into == 0) {
            frame.blit(a.pages[static_cast<std::size_t>((index + n - 1) % n)], a.x, a.y);
            return;
        }
        if (into < a.height) {
            const int shift = a.height - static_cast<int>(into);
            const renderer::Bitmap& prev = a.pages[static_cast<std::size_t>((index + n - 1) % n)];
            frame.blit(prev.crop(0, a.height - shift, a.width, shift), a.x, a.y);
            frame.blit(page.crop(0, 0, a.width, a.height - shift), a.x, a.y + shift);
            return;
        }
    }
    frame.blit(page, a.x, a.y);
}

std::chrono::milliseconds Playout::nextChange(std::chrono::milliseconds t) const {
    using std::chrono::milliseconds;
    milliseconds next = t + std::chrono::hours(1);
    for (const auto& a : areas_) {
        const bool moves = a.effect == content::AreaEffect::Left || (a.effect == content::AreaEffect::Up && a.pages.size() > 1);
        if (moves) return t + milliseconds(std::max(1, 1000 / fps_));
        if (a.pages.size() > 1) {
            const long long dwell = a.dwellSeconds * 1000LL;
            next = std::min(next, milliseconds((t.count() / dwell + 1) * dwell));
        }
    }
    return next;
}

renderer::Bitmap Playout::frameAt(std::chrono::milliseconds t) const {
    renderer::Bitmap frame(width_, height_, mode_);
    for (const auto& a : areas_) drawArea(frame, a, t);
    return frame;
}

} // namespace gongshi::delivery
