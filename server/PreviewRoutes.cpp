// Previews: what a screen shows (its program composed from the records, page by page, at its real
// pixel size or enlarged with LED dots) and ad-hoc text drawn as `gongshi render` draws it.
#include "common/Error.h"
#include "common/Messages.h"
#include "common/Parse.h"
#include "delivery/ScreenContent.h"
#include "protocols/Playback.h"
#include "rules/Wording.h"
#include "compose/Composer.h"
#include "records/Broadcasts.h"
#include "records/Publication.h"
#include "records/QueueCalls.h"
#include "records/RecordJson.h"
#include "records/RecordStore.h"
#include "compose/ScreenPlan.h"
#include "compose/TvComposer.h"
#include "rules/WhatPlays.h"
#include "rules/WorkingDays.h"
#include "bitmap/ImageIO.h"
#include "bitmap/Preview.h"
#include "layout/TextRenderer.h"
#include "common/Utf8.h"
#include "server/ApiContext.h"
#include "server/CentreScope.h"
#include "server/HttpError.h"
#include "server/PictureLimits.h"

#include <Poco/JSON/Object.h>
#include <Poco/URI.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <limits>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
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
    ex.response.set("Access-Control-Expose-Headers", "X-Pages, X-Missing, X-Lines, X-Text, X-Source, X-Warnings");
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
    auto areas = delivery::renderAreas(r, program);
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

// The last few things made from records, by what they were made from (content::pictureKey), newest
// first: the newest always stays; older ones go past `entries` or once those kept pass `bytes`.
template <class T> class RecentCache {
public:
    RecentCache(std::size_t entries, std::size_t bytes, std::function<std::size_t(const T&)> bytesOf)
        : entries_(entries), bytes_(bytes), bytesOf_(std::move(bytesOf)) {}

    std::shared_ptr<const T> find(const std::string& key) {
        std::lock_guard lock(mutex_);
        for (auto it = kept_.begin(); it != kept_.end(); ++it)
            if (it->first == key) {
                kept_.splice(kept_.begin(), kept_, it);
                return it->second;
            }
        return nullptr;
    }
    void keep(const std::string& key, std::shared_ptr<const T> value) {
        std::lock_guard lock(mutex_);
        kept_.emplace_front(key, std::move(value));
        std::size_t bytes = 0, n = 0;
        for (auto it = kept_.begin(); it != kept_.end(); ++it, ++n) {
            bytes += bytesOf_(*it->second);
            if (n > 0 && (bytes > bytes_ || n >= entries_)) {
                kept_.erase(it, kept_.end());
                break;
            }
        }
    }

private:
    const std::size_t entries_, bytes_;
    const std::function<std::size_t(const T&)> bytesOf_;
    std::mutex mutex_;
    std::list<std::pair<std::string, std::shared_ptr<const T>>> kept_;
};

// The pages of the last previews asked, so the other pages of a preview cost no layout. A
// full-colour TV's pages take 200 KB each: a few screens' programs, not every one asked.
std::shared_ptr<RecentCache<ScreenPages>> makePreviewCache() {
    return std::make_shared<RecentCache<ScreenPages>>(8, std::size_t{48} << 20, [](const ScreenPages& pages) {
        std::size_t n = 0;
        for (const auto& f : pages.frames) n += f.bytes().size();
        return n;
    });
}

// Programs as the card plays them (protocols/Player: pages in turn, moving in, resting their
// dwell), so the frames of one playing cost no layout. The last four.
std::shared_ptr<RecentCache<protocols::Player>> makePlayCache() {
    return std::make_shared<RecentCache<protocols::Player>>(4, std::numeric_limits<std::size_t>::max(),
                                                            [](const protocols::Player&) { return std::size_t{0}; });
}

// The areas as a card is given them (delivery/cardAreas: pages, effect, speed, dwell per area)
// made into what the card cycles.
protocols::Playlist playlistOf(renderer::TextRenderer& r, const content::ComposedProgram& program) {
    protocols::Playlist list;
    list.width = program.width;
    list.height = program.height;
    list.mode = program.colorMode;
    for (const auto& area : delivery::cardAreas(r, program)) {
        const protocols::Command& c = area.command;
        if (c.pages.empty()) continue;
        protocols::PlayArea a;
        a.x = area.x;
        a.y = area.y;
        a.pages = c.pages;
        a.effect = c.effect;
        a.speed = c.speed;
        a.stayHalfSeconds = c.stayHalfSeconds;
        list.areas.push_back(std::move(a));
    }
    return list;
}

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
    static const std::map<std::string, std::string> labels = {
        {"width", "宽度"}, {"height", "高度"}, {"line-gap", "行距"}, {"scale", "放大倍数"}, {"page", "页码"}};
    const std::string v = field(body, ex, name, "");
    if (v.empty()) return fallback;
    return parse::wholeInt(v, {name, labels.count(name) ? labels.at(name) : name}, min, max);
}

void renderText(ApiContext&, Exchange& ex, const Poco::JSON::Object::Ptr& body) {
    const std::string text = field(body, ex, "text", "");
    renderer::LayoutOptions o;
    o.width = number(body, ex, "width", 0, 1, 4096);
    o.height = number(body, ex, "height", 0, 1, 4096);
    if (o.width == 0 || o.height == 0)
        throw HttpError(400, msg::renderSizeMissing(o.width ? "高度" : "宽度"), o.width ? "height" : "width");
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
    checkPreviewPixels(o.width, o.height, scale);
    const std::string font = field(body, ex, "font", "led16");
    renderer::TextRenderer& r = threadRenderer();
    renderer::Layout layout = r.layout(text.empty() ? std::string_view(" ") : std::string_view(text), font, o);
    const std::size_t pages = std::max<std::size_t>(layout.pages.size(), 1);
    const int page = number(body, ex, "page", 0, 0, 1 << 20);
    if (static_cast<std::size_t>(page) >= pages) throw HttpError(400, msg::noSuchPage(page, pages), "page");
    ex.response.set("X-Lines", std::to_string(layout.pages.empty() ? 0 : layout.pages[page].lines.size()));
    renderer::Bitmap bitmap = layout.pages.empty() ? renderer::Bitmap(o.width, o.height, mode) : r.renderPage(layout, page, mode, color);
    sendPng(ex, bitmap, scale, pages, std::set<char32_t>(layout.missing.begin(), layout.missing.end()));
}

// The page `page` of pages, or 400 naming the page.
void sendPage(Exchange& ex, const ScreenPages& pages, int page, int scale) {
    if (static_cast<std::size_t>(page) >= pages.frames.size()) throw HttpError(400, msg::noSuchPage(page, pages.frames.size()), "page");
    sendPng(ex, pages.frames[page], scale, pages.frames.size(), pages.missing);
}

// The scale a screen's preview asks for, within what the server draws for one request. A
// television is shown at its own size, never as LED dots: its scale is 1 whatever was asked.
int screenScale(Exchange& ex, const content::ScreenRecord& screen) {
    const int asked = ex.queryInt("scale", 1, 1, 16);
    const int scale = content::isTelevision(screen) ? 1 : asked;
    checkPreviewPixels(screen.width, screen.height, scale);
    return scale;
}

// The text lines of a composition, percent-encoded, for X-Text.
std::string shownText(const content::ComposedProgram& program) {
    std::string shown;
    for (const auto& seg : program.segments)
        for (const auto& pg : seg.layout.pages)
            for (const auto& line : pg.lines) shown += (shown.empty() ? "" : "\n") + encodeUtf8(line.text);
    std::string encoded;
    Poco::URI::encode(shown, "", encoded);
    return encoded;
}

// X-Text: the lines shown; X-Warnings: what the composition says of them, a line each (texts
// shortened for the screen, the fee basis by its rule, facts not yet stated, characters no font has).
void setShownHeaders(Exchange& ex, const content::ComposedProgram& program) {
    ex.response.set("X-Text", shownText(program));
    std::string warned;
    for (const auto& w : program.allWarnings()) warned += (warned.empty() ? "" : "\n") + w;
    std::string warnings;
    Poco::URI::encode(warned, "", warnings);
    ex.response.set("X-Warnings", warnings);
}

// One record as a television shows it over the whole screen, under its header.
void composeTelevisionRecord(ApiContext& ctx, Exchange& ex, const content::ScreenRecord& screen, const Poco::JSON::Object::Ptr& body,
                             int scale) {
    const content::ComposeRecords records = content::loadPublishedRecords(ctx.db, screen.centreId);
    content::TvComposer tv(screen, previewMoment(ctx));
    content::ComposedProgram program;
    program.width = screen.width;
    program.height = screen.height;
    program.colorMode = renderer::ColorMode::Rgb;
    const int top = tv.headerHeight();
    program.segments = tv.header(records.centre, content::Area{0, 0, screen.width, top, std::nullopt, 1, 60});
    const content::Area area{0, top, screen.width, screen.height - top, std::nullopt, 1, content::kTvDwellSeconds};
    auto add = [&](std::vector<content::Segment> segments) {
        for (auto& s : segments) program.segments.push_back(std::move(s));
    };
    auto part = [&](const char* key) { return body->has(key) ? body->getObject(key) : Poco::JSON::Object::Ptr(); };
    if (auto m = part("matter")) {
        add(tv.matter(content::fromJson<content::Matter>(*m), area));
    } else if (auto n = part("notice")) {
        const content::Notice notice = content::fromJson<content::Notice>(*n);
        add(tv.notices({&notice}, area));
    } else if (auto w = part("window")) {
        const content::Window window = content::fromJson<content::Window>(*w);
        add(tv.windows({&window}, records.staff, records.absentStaff, area));
    } else if (auto b = part("broadcast")) {
        add(tv.broadcast(b->optValue<std::string>("text", ""), area));
    } else {
        throw ValidationError("matter", "请求中应有要预览的事项（matter）、公告（notice）、窗口（window）或插播（broadcast）");
    }
    setShownHeaders(ex, program);
    sendPage(ex, screenPages(threadRenderer(), program), ex.queryInt("page", 0, 0, 1 << 20), scale);
}

// One record as screen {id} shows it over its whole area, from the editor's unsaved values:
// the screens' own wording and layout, not a second copy of them in the browser. X-Text carries
// the characters shown (percent-encoded UTF-8), so the page can mark those the font lacks.
void composeRecord(ApiContext& ctx, Exchange& ex) {
    const content::ScreenRecord screen = getRecord<content::ScreenRecord>(ctx.db, ex, ex.id());
    const int scale = screenScale(ex, screen);
    const Poco::JSON::Object::Ptr body = ex.jsonBody();
    renderer::TextRenderer& r = threadRenderer();
    if (content::isTelevision(screen)) {
        composeTelevisionRecord(ctx, ex, screen, body, scale);
        return;
    }
    content::Composer composer(r, screen);
    content::ComposedProgram program;
    program.width = screen.width;
    program.height = screen.height;
    program.colorMode = composer.colorMode();
    const content::Area area = composer.screenArea();
    auto part = [&](const char* key) { return body->has(key) ? body->getObject(key) : Poco::JSON::Object::Ptr(); };
    if (auto m = part("matter")) {
        // The matter as the lists show it, then its row of the fee table when it charges.
        const content::Matter matter = content::fromJson<content::Matter>(*m);
        program.segments = composer.matter(matter, area);
        for (auto& s : composer.feeTable({matter}, area)) program.segments.push_back(std::move(s));
    } else if (auto n = part("notice")) {
        program.segments = composer.notice(content::fromJson<content::Notice>(*n), area);
    } else if (auto w = part("window")) {
        const content::ComposeRecords records = content::loadPublishedRecords(ctx.db, screen.centreId);
        program.segments = composer.windowStatus(content::fromJson<content::Window>(*w), records.staff, records.absentStaff, area);
    } else if (auto b = part("broadcast")) {
        // An emergency broadcast's text as this screen will show it, before it is started.
        program.segments = composer.broadcast(b->optValue<std::string>("text", ""), area);
    } else {
        throw ValidationError("matter", "请求中应有要预览的事项（matter）、公告（notice）、窗口（window）或插播（broadcast）");
    }
    setShownHeaders(ex, program);
    sendPage(ex, screenPages(r, program), ex.queryInt("page", 0, 0, 1 << 20), scale);
}

// How the screens word each record of a list page: a matter's time limit, fee and fee basis, a
// window's state. The admin page shows these instead of wording records a second time.
Poco::JSON::Object::Ptr wording(ApiContext& ctx, const Exchange& ex, const Poco::JSON::Object::Ptr& body) {
    Poco::JSON::Object::Ptr out = new Poco::JSON::Object;
    auto list = [&](const char* key) { return body->has(key) ? body->getArray(key) : Poco::JSON::Array::Ptr(); };
    if (auto matters = list("matters")) {
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (std::size_t i = 0; i < matters->size(); ++i) {
            const content::Matter m = content::fromJson<content::Matter>(*matters->getObject(static_cast<unsigned>(i)));
            Poco::JSON::Object::Ptr w = new Poco::JSON::Object;
            w->set("time_limit", content::timeLimitText(m));
            w->set("fee", content::feeText(m));
            w->set("fee_basis", content::feeBasisText(m));
            w->set("fee_basis_missing", content::feeBasisMissing(m));
            items->add(w);
        }
        out->set("matters", items);
    }
    if (auto windows = list("windows")) {
        std::map<content::Id, content::ComposeRecords> byCentre;
        Poco::JSON::Array::Ptr items = new Poco::JSON::Array;
        for (std::size_t i = 0; i < windows->size(); ++i) {
            const content::Window win = content::fromJson<content::Window>(*windows->getObject(static_cast<unsigned>(i)));
            // Worded with its centre's staff: another centre's are not the caller's to read.
            requireCentre(ex, win.centreId, msg::recordNotFound(content::RecordTraits<content::Centre>::label, win.centreId));
            auto at = byCentre.find(win.centreId);
            if (at == byCentre.end()) at = byCentre.emplace(win.centreId, content::loadPublishedRecords(ctx.db, win.centreId)).first;
            const auto phrases = content::windowStatusPhrases(win, at->second.staff, at->second.absentStaff);
            Poco::JSON::Object::Ptr w = new Poco::JSON::Object;
            w->set("status", phrases.size() > 1 ? content::joinPhrases(phrases[1]) : std::string());
            items->add(w);
        }
        out->set("windows", items);
    }
    return out;
}

// What runs on `screen` now ahead of its programs, as the screens are told (delivery/DeviceManager).
content::Interruptions runningOn(ApiContext& ctx, const content::ScreenRecord& screen, const std::vector<content::Program>& programs) {
    const std::int64_t nowMs = std::chrono::duration_cast<std::chrono::milliseconds>(ctx.clock().now().time_since_epoch()).count();
    return content::interruptionsFor(content::activeBroadcasts(ctx.db, nowMs), content::activeQueueCalls(ctx.db, nowMs), screen, programs);
}

// The phone page words its own window as the screens do; window staff word nothing else.
void requireOwnWindowOnly(const User& user, const Poco::JSON::Object& body) {
    bool own = body.size() == 1 && body.has("windows");
    if (own) {
        const Poco::JSON::Array::Ptr windows = body.getArray("windows");
        own = windows && windows->size() == 1 && windows->getObject(0) &&
              windows->getObject(0)->optValue<content::Id>("id", 0) == user.windowId && user.windowId != 0;
    }
    if (!own) throw HttpError(403, msg::onlyOwnWindow());
}

} // namespace

void addPreviewRoutes(ApiContext& ctx) {
    auto cache = makePreviewCache();
    ctx.router
        .add("GET", "/api/screens/{id}/preview.png", Access::Editor, "What a screen shows, page N of its program (program, page, scale)",
             [&ctx, cache](Exchange& ex) {
                 const content::ScreenRecord screen = getRecord<content::ScreenRecord>(ctx.db, ex, ex.id());
                 const int scale = screenScale(ex, screen);
                 const content::ComposeRecords records = content::loadPublishedRecords(ctx.db, screen.centreId);
                 const content::Id programId = ex.queryInt("program", 0, 0, 1 << 30);
                 // What the screen plays now, as the screens are told, an urgent notice's interruption
                 // included (the device manager keeps those); ?program=N: that program.
                 const std::vector<content::Id> urgent = ctx.devices ? ctx.devices->urgentNow(screen.centreId) : std::vector<content::Id>{};
                 const auto programs = content::RecordStore<content::Program>(ctx.db).all(screen.meta.id);
                 content::Interruptions running = runningOn(ctx, screen, programs);
                 const content::ScreenChoice choice =
                     content::whatPlays(screen, programs, records, content::WorkingDays::load(ctx.db), previewMoment(ctx), urgent,
                                        programId ? std::optional<content::Id>(programId) : std::nullopt, std::move(running.broadcast),
                                        std::move(running.calls));
                 auto pages = cache->find(choice.key);
                 if (!pages) {
                     renderer::TextRenderer& r = threadRenderer();
                     pages =
                         std::make_shared<const ScreenPages>(screenPages(r, content::composeChoice(r, screen, choice, records).program));
                     cache->keep(choice.key, pages);
                 }
                 ex.response.set("X-Source", choice.source());
                 sendPage(ex, *pages, ex.queryInt("page", 0, 0, 1 << 20), scale);
             })
        .answering("image/png");
    auto plays = makePlayCache();
    ctx.router
        .add("GET", "/api/screens/{id}/play.png", Access::Editor,
             "A program of the screen (or what plays now) as its card plays it, the picture t ms after it starts "
             "(program, t, scale; X-Next-Change)",
             [&ctx, plays](Exchange& ex) {
                 const content::ScreenRecord screen = getRecord<content::ScreenRecord>(ctx.db, ex, ex.id());
                 const int scale = screenScale(ex, screen);
                 const content::Id programId = ex.queryInt("program", 0, 1, 1 << 30);
                 const long long t = ex.queryInt("t", 0, 0, std::numeric_limits<int>::max());
                 const content::ComposeRecords records = content::loadPublishedRecords(ctx.db, screen.centreId);
                 const auto programs = content::RecordStore<content::Program>(ctx.db).all(screen.meta.id);
                 content::Interruptions running = runningOn(ctx, screen, programs);
                 const content::ScreenChoice choice =
                     content::whatPlays(screen, programs, records, content::WorkingDays::load(ctx.db), previewMoment(ctx), {},
                                        programId ? std::optional<content::Id>(programId) : std::nullopt, std::move(running.broadcast),
                                        std::move(running.calls));
                 auto player = plays->find(choice.key);
                 if (!player) {
                     renderer::TextRenderer& r = threadRenderer();
                     player = std::make_shared<const protocols::Player>(
                         playlistOf(r, content::composeChoice(r, screen, choice, records).program));
                     plays->keep(choice.key, player);
                 }
                 const std::chrono::milliseconds at(t);
                 const renderer::Bitmap frame = player->frameAt(at);
                 ex.response.set("X-Source", choice.source());
                 ex.response.set("X-Next-Change", std::to_string(player->nextChange(at).count()));
                 ex.response.set("Access-Control-Expose-Headers", "X-Source, X-Next-Change");
                 ex.response.set("Cache-Control", "no-store");
                 ex.sendBytes(200, "image/png", renderer::encodePng(scale > 1 ? renderer::ledPreview(frame, scale) : frame));
             })
        .answering("image/png");
    ctx.router
        .add("GET", "/api/render.png", Access::Editor,
             "Text as gongshi render draws it (text, width, height, font, color, fg, align, valign, breaks, line-gap, page, scale)",
             [&ctx](Exchange& ex) { renderText(ctx, ex, nullptr); })
        .answering("image/png");
    ctx.router
        .add("POST", "/api/render.png", Access::Editor, "The same with the options as a JSON object",
             [&ctx](Exchange& ex) { renderText(ctx, ex, ex.jsonBody()); })
        .answering("image/png")
        .leavesScreens();
    ctx.router
        .add("POST", "/api/screens/{id}/record.png", Access::Editor,
             "One record as the screen shows it, from a form's unsaved values: {matter}, {notice}, {window} or {broadcast: {text}} "
             "(page, scale; X-Pages, X-Missing, X-Text, X-Warnings)",
             [&ctx](Exchange& ex) { composeRecord(ctx, ex); })
        .answering("image/png")
        .leavesScreens();
    ctx.router
        .add("POST", "/api/wording", Access::Session,
             "How the screens word records: {matters: [...]} gives each matter's time_limit, fee, fee_basis; "
             "{windows: [...]} each window's status (window staff: their own window only)",
             [&ctx](Exchange& ex) {
                 const Poco::JSON::Object::Ptr body = ex.jsonBody();
                 if (!ex.user->canEdit()) requireOwnWindowOnly(*ex.user, *body);
                 ex.reply(wording(ctx, ex, body));
             })
        .leavesScreens();
}

} // namespace gongshi::server
