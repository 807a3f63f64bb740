#include "delivery/ScreenContent.h"

#include "common/Utf8.h"
#include "delivery/CardFontDrawer.h"
#include "layout/TextRenderer.h"

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

// The text of a marquee's segment, its lines one after another (as cardText joins them).
std::u32string marqueePart(const content::Segment& seg) {
    std::u32string text;
    for (const auto& page : seg.layout.pages)
        for (const auto& line : page.lines) text += line.text;
    return text;
}

// A box no line of `text` fills in a 16-pixel font: two line heights a character.
int oneLineRoom(const std::string& utf8, int least) {
    const auto characters = std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    return std::max(least, static_cast<int>(characters) * 32);
}

// The card draws a marquee as one line of its text, where our picture starts each segment half an
// area after the one before. Where the card's font ends a segment otherwise than our line does (we
// set a full stop at a line's end half wide; on the card's line more text follows), the spaces
// after it take up the difference, so that each segment starts on the card where it starts in the
// picture. The text as cardText made it where the differences are not whole spaces.
std::string alignMarqueeGaps(renderer::TextRenderer& r, const std::vector<const content::Segment*>& segments, const AreaPages& area,
                             const protocols::CardFont& font, const std::string& text) {
    if (area.strips.size() != segments.size() || segments.size() < 2) return text;
    const int half = std::max(1, font.height / 2);
    const int space = font.advance(U' ');
    const int gap = area.width / 2 / half;
    std::vector<std::size_t> starts; // code point of each segment's first character in `text`
    std::vector<int> planned;        // and its column in our picture
    std::size_t at = 0;
    int x = 0;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        starts.push_back(at);
        planned.push_back(x);
        at += marqueePart(*segments[i]).size() + static_cast<std::size_t>(gap);
        x += area.strips[i].width() + area.width / 2;
    }
    renderer::LayoutOptions o;
    o.width = oneLineRoom(text, area.width);
    o.height = std::max(area.height, r.chain("led16").pixelSize());
    const renderer::Layout laid = r.layout(text, "led16", o);
    if (laid.pages.size() != 1 || laid.pages.front().lines.size() != 1) return text;
    const renderer::Line& line = laid.pages.front().lines.front();
    std::u32string out;
    int before = 0; // how far the segment before starts right of our picture on the card
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto glyph = std::find_if(line.glyphs.begin(), line.glyphs.end(), [&](const auto& g) { return g.cluster == starts[i]; });
        if (glyph == line.glyphs.end()) return text;
        const int off = line.x + glyph->x - planned[i];
        if (i == 0 && off != 0) return text;
        if (i > 0) {
            const int extra = (before - off) / space;
            if ((before - off) % space != 0 || gap + extra < 0) return text;
            out.append(static_cast<std::size_t>(gap + extra), U' ');
        }
        out += marqueePart(*segments[i]);
        before = off;
    }
    out.append(static_cast<std::size_t>(gap), U' ');
    return encodeUtf8(out);
}

// Where the card, drawing `text` with its font (the led16 stand-in, as the emulated card draws a
// single-line marquee or a still line), lights other pixels than our `picture` of the area: "" when
// it draws the picture pixel for pixel, else the first column that differs, in Chinese.
std::string drawnOtherwise(renderer::TextRenderer& r, const protocols::Command& text, const renderer::Bitmap& picture) {
    const bool marquee = text.effect == protocols::Effect::MoveLeft;
    // A marquee's line in the picture's width and a little more: what the card draws past it differs.
    const int width = marquee ? picture.width() + 4 * text.height : text.width;
    const renderer::Bitmap drawn =
        drawInCardFont(r, text.text, width, text.height, picture.mode(), text.color, marquee ? protocols::HAlign::Left : text.align);
    for (int x = 0; x < width; ++x)
        for (int y = 0; y < text.height; ++y) {
            const renderer::Color want = x < picture.width() && y < picture.height() ? picture.pixel(x, y) : renderer::Color::black();
            if (!(drawn.pixel(x, y) == want)) return "控制卡字库绘出的文字与预览不同（自第 " + std::to_string(x + 1) + " 列起）";
        }
    return "";
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
            text += marqueePart(*seg);
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
        renderer::Bitmap strip(1, 1, program.colorMode); // a marquee's whole picture
        if (a.effect == content::AreaEffect::Left) {
            // The card scrolls page after page without a stop: the strip cut into area-wide pages.
            strip = joinStrips(a, program.colorMode);
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
            auto text = cardText(segmentsOf[k], a, *font, c.whyPicture);
            if (text && text->effect == protocols::Effect::MoveLeft) text->text = alignMarqueeGaps(r, segmentsOf[k], a, *font, text->text);
            // Text only where the card draws what the preview shows.
            if (text) c.whyPicture = drawnOtherwise(r, *text, text->effect == protocols::Effect::MoveLeft ? strip : cmd.pages.front());
            if (text && c.whyPicture.empty()) {
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
        if (keepsClock && cmd.kind == protocols::Command::Kind::Bitmap && k < segmentsOf.size() && segmentsOf[k].size() == 1 &&
            segmentsOf[k].front()->clockFace) {
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
