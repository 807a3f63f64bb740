// Screens as they are: health (online, last seen, last error, what they show, bytes sent), the
// live picture of each as it was delivered (a WebSocket of PNG frames), and the frames of web
// players (/player/{id} pages on TVs).
#include "common/Error.h"
#include "common/Messages.h"
#include "records/RecordStore.h"
#include "protocols/Protocol.h"
#include "server/ApiContext.h"
#include "delivery/ScreenLeases.h"
#include "server/CentreScope.h"
#include "server/HttpError.h"
#include "bitmap/ImageIO.h"

#include <algorithm>
#include <optional>

#include <set>
#include <Poco/JSON/Array.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>

namespace gongshi::server {
namespace {

bool webPlayer(const content::ScreenRecord& screen) { return protocols::deviceKindOf(screen.protocol) == protocols::DeviceKind::WebPlayer; }

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr healthJson(const delivery::ScreenHealth& h) {
    Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("screen_id", h.screenId);
    o->set("protocol", h.protocol);
    o->set("address", h.address);
    o->set("online", h.online);
    o->set("last_seen", h.lastSeen);
    o->set("last_error", h.lastError);
    o->set("last_error_detail", h.lastErrorDetail);
    o->set("showing", h.source);
    o->set("delivered_version", static_cast<Poco::UInt64>(h.deliveredVersion));
    o->set("delivered_at", h.deliveredAt);
    o->set("bytes_sent", static_cast<Poco::UInt64>(h.bytesSent));
    o->set("commands_sent", static_cast<Poco::UInt64>(h.commandsSent));
    o->set("frames_sent", static_cast<Poco::UInt64>(h.framesSent));
    o->set("programs_written", static_cast<Poco::UInt64>(h.programsWritten));
    o->set("watchers", h.watchers);
    return o;
}

delivery::DeviceManager& devices(ApiContext& ctx) {
    if (!ctx.devices) throw HttpError(404, msg::notDrivingScreens());
    return *ctx.devices;
}

// A place among the WebSockets open, held while one streams. Web players (anonymous: anyone who
// can reach the port) have their own budget, which leaves `staffLiveViews` places for staff's live
// views however many players come.
class WebSocketSlot {
public:
    WebSocketSlot(ApiContext& ctx, bool player) : ctx_(ctx), player_(player) {
        if (player_) {
            const int playerCap = std::max(0, ctx.config.maxWebSockets - ctx.config.staffLiveViews);
            if (ctx.webPlayers.fetch_add(1) >= playerCap) {
                ctx.webPlayers.fetch_sub(1);
                throw HttpError(503, msg::tooManyWebPlayers(playerCap));
            }
        }
        if (ctx.webSockets.fetch_add(1) >= ctx.config.maxWebSockets) {
            ctx.webSockets.fetch_sub(1);
            if (player_) ctx.webPlayers.fetch_sub(1);
            throw HttpError(503, msg::tooManyLiveViews(ctx.config.maxWebSockets));
        }
    }
    ~WebSocketSlot() {
        ctx_.webSockets.fetch_sub(1);
        if (player_) ctx_.webPlayers.fetch_sub(1);
    }
    WebSocketSlot(const WebSocketSlot&) = delete;
    WebSocketSlot& operator=(const WebSocketSlot&) = delete;

private:
    ApiContext& ctx_;
    bool player_;
};

// Streams the hub's pictures to one WebSocket until either side goes.
void streamFrames(ApiContext& ctx, Exchange& ex, std::shared_ptr<delivery::FrameHub> hub, bool player) {
    const WebSocketSlot slot(ctx, player);
    struct Release {
        delivery::FrameHub& hub;
        bool watching = false;
        bool player = false;
        ~Release() {
            if (watching) hub.watch(-1, player);
        }
    } release{*hub, false, player};
    std::unique_ptr<Poco::Net::WebSocket> ws;
    try {
        ws = std::make_unique<Poco::Net::WebSocket>(ex.request, ex.response);
    } catch (const Poco::Net::WebSocketException& e) {
        throw HttpError(400, msg::webSocketExpected(e.displayText()));
    }
    hub->watch(1, player);
    release.watching = true;
    ws->setSendTimeout(Poco::Timespan(5, 0));
    std::uint64_t serial = 0;
    char buffer[256];
    auto send = [&](const std::string& png) {
        ws->sendFrame(png.data(), static_cast<int>(png.size()), Poco::Net::WebSocket::FRAME_BINARY);
    };
    // A card that cycles pages is played here as it plays them, for this watcher alone: nobody
    // watching costs nothing.
    std::optional<protocols::Player> cycling;
    std::chrono::steady_clock::time_point playStart;
    renderer::Bitmap shown;
    try {
        delivery::FrameHub::Picture pic = hub->latest();
        while (!hub->closed()) {
            if (pic.serial > serial && pic.png) {
                send(*pic.png);
                serial = pic.serial;
                cycling.reset();
                if (pic.playing && pic.playing->animated()) {
                    cycling.emplace(*pic.playing);
                    playStart = std::chrono::steady_clock::now();
                    shown = cycling->frameAt(std::chrono::milliseconds(0));
                }
            }
            auto wait = std::chrono::milliseconds(500);
            if (cycling) {
                const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - playStart);
                renderer::Bitmap now = cycling->frameAt(elapsed);
                if (!(now == shown)) {
                    send(renderer::encodePng(now));
                    shown = std::move(now);
                }
                // Moving text at ten pictures a second at most; page turns on time.
                wait = std::clamp(cycling->nextChange(elapsed) - elapsed, std::chrono::milliseconds(100), wait);
            }
            // Whatever the other side says (a close, a ping) is read without waiting.
            while (ws->poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) {
                int flags = 0;
                const int n = ws->receiveFrame(buffer, sizeof buffer, flags);
                const int op = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
                if (n <= 0 || op == Poco::Net::WebSocket::FRAME_OP_CLOSE) {
                    ws->shutdown();
                    return;
                }
                if (op == Poco::Net::WebSocket::FRAME_OP_PING)
                    ws->sendFrame(buffer, n,
                                  static_cast<int>(Poco::Net::WebSocket::FRAME_FLAG_FIN) |
                                      static_cast<int>(Poco::Net::WebSocket::FRAME_OP_PONG));
            }
            delivery::FrameHub::Picture newer = hub->next(serial, wait);
            if (newer.serial != 0) pic = std::move(newer);
        }
        ws->shutdown();
    } catch (const Poco::Exception&) {
        // The viewer went away (tab closed, network gone): nothing more to send.
    }
}

} // namespace

void addDeliveryRoutes(ApiContext& ctx) {
    ctx.router.add("GET", "/api/health", Access::Editor, "Every screen's health", [&ctx](Exchange& ex) {
        Array::Ptr items = new Array;
        const auto all = devices(ctx).health();
        const std::string me = ctx.config.deliveryOptions.instance;
        const content::Id centre = listCentre(ex);
        std::set<content::Id> screens; // of the centre, when one
        if (centre)
            for (const auto& s : content::RecordStore<content::ScreenRecord>(ctx.db).all(centre)) screens.insert(s.meta.id);
        int shown = 0;
        for (const auto& h : all)
            if (!centre || screens.count(h.screenId)) {
                auto o = healthJson(h);
                o->set("driver", me);
                items->add(o);
                ++shown;
            }
        Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("items", items);
        o->set("total", shown);
        ex.sendJson(200, o);
    });
    ctx.router.add("GET", "/api/screens/{id}/health", Access::Editor,
                   "A screen's health: online, last seen, last error, what it shows, bytes sent", [&ctx](Exchange& ex) {
                       const content::Id id = ex.id();
                       requireRecord<content::ScreenRecord>(ctx.db, ex, id);
                       auto h = devices(ctx).health(id);
                       const std::string me = ctx.config.deliveryOptions.instance;
                       if (h) {
                           auto o = healthJson(*h);
                           o->set("driver", me);
                           o->set("driven_here", true);
                           ex.sendJson(200, o);
                           return;
                       }
                       // Another server sharing the database drives it: named by its lease, the
                       // same answer on every server; its details are that server's to tell.
                       const std::string driver = me.empty() ? "" : delivery::ScreenLeases::driverOf(ctx.db, id);
                       if (driver.empty()) throw NotFoundError(msg::screenNotDriven(std::to_string(id)));
                       Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
                       o->set("screen_id", id);
                       o->set("driver", driver);
                       o->set("driven_here", false);
                       ex.sendJson(200, o);
                   });
    ctx.router
        .add("GET", "/api/screens/{id}/live", Access::Editor, "WebSocket: the screen's picture as delivered, a PNG per change",
             [&ctx](Exchange& ex) {
                 requireRecord<content::ScreenRecord>(ctx.db, ex, ex.id());
                 auto hub = devices(ctx).hub(ex.id());
                 if (!hub) throw NotFoundError(msg::screenNotDriven(ex.params["id"]));
                 streamFrames(ctx, ex, hub, false);
             })
        .webSocket(); // a GET, but the Origin check of writes applies to it too
    ctx.router.add("GET", "/api/player/{id}/frames", Access::Public,
                   "WebSocket: the frames of a web player screen (protocol web), a PNG per change", [&ctx](Exchange& ex) {
                       const auto screen = content::RecordStore<content::ScreenRecord>(ctx.db).get(ex.id());
                       if (!webPlayer(screen)) throw NotFoundError(msg::notWebPlayer(ex.params["id"]));
                       auto hub = devices(ctx).hub(screen.meta.id);
                       if (!hub) throw NotFoundError(msg::screenNotDriven(ex.params["id"]));
                       streamFrames(ctx, ex, hub, true);
                   });
    ctx.router.add("GET", "/api/player/{id}", Access::Public, "A web player screen's size and name", [&ctx](Exchange& ex) {
        const auto screen = content::RecordStore<content::ScreenRecord>(ctx.db).get(ex.id());
        if (!webPlayer(screen)) throw NotFoundError(msg::notWebPlayer(ex.params["id"]));
        Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
        o->set("id", screen.meta.id);
        o->set("name", screen.name);
        o->set("width", screen.width);
        o->set("height", screen.height);
        o->set("color", screen.color);
        ex.sendJson(200, o);
    });
}

} // namespace gongshi::server
