// Previews: what a screen shows (its program composed from the records, page by page, at its real
// pixel size or enlarged with LED dots) and ad-hoc text drawn as `gongshi render` draws it.
#include "common/Error.h"
#include "content/Composer.h"
#include "content/Publication.h"
#include "content/RecordStore.h"
#include "content/WhatPlays.h"
#include "content/WorkingDays.h"
#include "renderer/ImageIO.h"
#include "renderer/Preview.h"
#include "renderer/TextRenderer.h"
#include "server/ApiContext.h"
#include "server/HttpError.h"
#include "server/ScreenContent.h"

#include <Poco/JSON/Object.h>

#include <algorithm>
#include <cstdio>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

namespace gongshi::server {
namespace {

std::string missingHeader(const std::set<char32_t>& missing) {
    std::string out;
    for (char32_t cp : missing) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
        if (!out.empty()) out.push_back(' ');
        out.append(buf);
    }
    return out;
}

void sendPng(Exchange& ex, const renderer::Bitmap& bitmap, int scale, std::size_t pages, const std::set<char32_t>& missing) {
    ex.response.set("X-Pages", std::to_string(pages));
    ex.response.set("X-Missing", missingHeader(missing));
    ex.response.set("Access-Control-Expose-Headers", "X-Pages, X-Missing, X-Lines");
    ex.response.set("Cache-Control", "no-store");
    ex.sendBytes(200, "image/png", renderer::encodePng(scale > 1 ? renderer::ledPreview(bitmap, scale) : bitmap));
}

// The screen at step `n` of its program: every area shows its n-th page (cycling when it has
// fewer); a marquee shows the start of its strip.
struct ScreenPages {
    std::vector<renderer::Bitmap> frames;
    std::set<char32_t> missing;
};

ScreenPages screenPages(renderer::TextRenderer& r, const content::ComposedProgram& program) {
    ScreenPages out;
    for (const auto& seg : program.segments) out.missing.insert(seg.layout.missing.begin(), seg.layout.missing.end());
    auto areas = renderAreas(r, program);
    // A marquee area shows the start of each strip, one page each.
    for (auto& a : areas)
        for (auto& strip : a.strips) {
            renderer::Bitmap page(a.width, a.height, program.colorMode);
            page.blit(strip.crop(0, 0, std::min(strip.width(), a.width), std::min(strip.height(), a.height)), 0, 0);
            a.pages.push_back(std::move(page));
        }
    std::size_t count = 1;
    for (const auto& a : areas) count = std::max(count, a.pages.size());
    for (std::size_t n = 0; n < count; ++n) {
        renderer::Bitmap frame(program.width, program.height, program.colorMode);
        for (const auto& a : areas)
            if (!a.pages.empty()) frame.blit(a.pages[n % a.pages.size()], a.x, a.y);
        out.frames.push_back(std::move(frame));
    }
    return out;
}

// The pages of the last previews asked, by what they were made from (content::pictureKey), so the
// other pages of a preview cost no layout.
class PreviewCache {
public:
    std::shared_ptr<const ScreenPages> find(const std::string& key) {
        std::lock_guard lock(mutex_);
        for (auto it = entries_.begin(); it != entries_.end(); ++it)
            if (it->first == key) {
                entries_.splice(entries_.begin(), entries_, it);
                return it->second;
            }
        return nullptr;
    }
    void keep(const std::string& key, std::shared_ptr<const ScreenPages> pages) {
        std::lock_guard lock(mutex_);
        entries_.emplace_front(key, std::move(pages));
        if (entries_.size() > kEntries) entries_.pop_back();
    }

private:
    static constexpr std::size_t kEntries = 8; // a few MB at most: screens' pages are small
    std::mutex mutex_;
    std::list<std::pair<std::string, std::shared_ptr<const ScreenPages>>> entries_;
};

// The moment a preview shows: the screens' clock; a server given its day (config.today) but no
// clock of its own shows that day at the present time of day.
content::LocalTime previewMoment(const ApiContext& ctx) {
    const content::LocalTime now = ctx.clock().local();
    if (ctx.config.clock || !ctx.config.today) return now;
    return content::localTimeAt(ctx.today(), now.minute);
}

std::string field(const Poco::JSON::Object::Ptr& body, const Exchange& ex, const std::string& name, const std::string& fallback) {
    if (body) {
        if (!body->has(name) || body->get(name).isEmpty()) return fallback;
        return body->get(name).toString();
    }
    return ex.query(name, fallback);
}

int number(const Poco::JSON::Object::Ptr& body, const Exchange& ex, const std::string& name, int fallback, int min, int max) {
    const std::string v = field(body, ex, name, "");
    if (v.empty()) return fallback;
    bool digits = v.size() <= 9 && v.find_first_not_of("0123456789") == std::string::npos;
    int n = digits ? std::stoi(v) : -1;
    if (!digits || n < min || n > max)
        throw HttpError(400, name + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max), name);
    return n;
}

void renderText(ApiContext&, Exchange& ex, const Poco::JSON::Object::Ptr& body) {
    const std::string text = field(body, ex, "text", "");
    renderer::LayoutOptions o;
    o.width = number(body, ex, "width", 0, 1, 4096);
    o.height = number(body, ex, "height", 0, 1, 4096);
    if (o.width == 0 || o.height == 0) throw HttpError(400, "width and height are required", o.width ? "height" : "width");
    renderer::ColorMode mode;
    renderer::Color color;
    try {
        o.align = renderer::parseAlign(field(body, ex, "align", "left"));
        o.valign = renderer::parseVAlign(field(body, ex, "valign", "center"));
        o.rules = renderer::parseBreakRules(field(body, ex, "breaks", "gb"));
        mode = renderer::parseColorMode(field(body, ex, "color", "mono"));
        color = renderer::parseColor(field(body, ex, "fg", mode == renderer::ColorMode::Mono ? "white" : "red"));
    } catch (const InputError& e) {
        throw HttpError(400, e.what());
    }
    o.lineGap = number(body, ex, "line-gap", 0, 0, 1000);
    const int scale = number(body, ex, "scale", 1, 1, 16);
    const std::string font = field(body, ex, "font", "led16");
    renderer::TextRenderer& r = threadRenderer();
    renderer::Layout layout = r.layout(text.empty() ? std::string_view(" ") : std::string_view(text), font, o);
    const std::size_t pages = std::max<std::size_t>(layout.pages.size(), 1);
    const int page = number(body, ex, "page", 0, 0, 1 << 20);
    if (static_cast<std::size_t>(page) >= pages)
        throw HttpError(400, "page " + std::to_string(page) + " does not exist: the text has " + std::to_string(pages) + " page(s)", "page");
    ex.response.set("X-Lines", std::to_string(layout.pages.empty() ? 0 : layout.pages[page].lines.size()));
    renderer::Bitmap bitmap = layout.pages.empty() ? renderer::Bitmap(o.width, o.height, mode) : r.renderPage(layout, page, mode, color);
    sendPng(ex, bitmap, scale, pages, std::set<char32_t>(layout.missing.begin(), layout.missing.end()));
}

} // namespace

void addPreviewRoutes(ApiContext& ctx) {
    auto cache = std::make_shared<PreviewCache>();
    ctx.router.add("GET", "/api/screens/{id}/preview.png", Access::Editor,
                   "What a screen shows, page N of its program (program, page, scale)", [&ctx, cache](Exchange& ex) {
                       const content::ScreenRecord screen = content::RecordStore<content::ScreenRecord>(ctx.db).get(ex.id());
                       const content::ComposeRecords records = content::loadPublishedRecords(ctx.db, screen.centreId);
                       const content::Id programId = ex.queryInt("program", 0, 0, 1 << 30);
                       // What the screen plays now, as the screens are told (but for an urgent notice's
                       // interruption, minutes long, which the live view shows); ?program=N: that program.
                       const content::ScreenChoice choice = content::whatPlays(
                           screen, content::RecordStore<content::Program>(ctx.db).all(screen.meta.id), records,
                           content::WorkingDays::load(ctx.db), previewMoment(ctx), {},
                           programId ? std::optional<content::Id>(programId) : std::nullopt);
                       auto pages = cache->find(choice.key);
                       if (!pages) {
                           renderer::TextRenderer& r = threadRenderer();
                           pages = std::make_shared<const ScreenPages>(
                               screenPages(r, content::composeChoice(r, screen, choice, records).program));
                           cache->keep(choice.key, pages);
                       }
                       const int page = ex.queryInt("page", 0, 0, 1 << 20);
                       if (static_cast<std::size_t>(page) >= pages->frames.size())
                           throw HttpError(400, "page " + std::to_string(page) + " does not exist: the screen has " +
                                                    std::to_string(pages->frames.size()) + " page(s)", "page");
                       sendPng(ex, pages->frames[page], ex.queryInt("scale", 1, 1, 16), pages->frames.size(), pages->missing);
                   });
    ctx.router.add("GET", "/api/render.png", Access::Editor,
                   "Text as gongshi render draws it (text, width, height, font, color, fg, align, valign, breaks, line-gap, page, scale)",
                   [&ctx](Exchange& ex) { renderText(ctx, ex, nullptr); });
    ctx.router.add("POST", "/api/render.png", Access::Editor, "The same with the options as a JSON object",
                   [&ctx](Exchange& ex) { renderText(ctx, ex, ex.jsonBody()); });
}

} // namespace gongshi::server
