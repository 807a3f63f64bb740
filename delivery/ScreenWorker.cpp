// One screen's worker: its thread, the run loop, connecting and dropping the link, its health.
#include "delivery/ScreenWorker.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/ScreenOptions.h"
#include "delivery/CardFontDrawer.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <ctime>

namespace gongshi::delivery {

std::string ScreenWorker::isoNow(const Clock& clock) {
    const std::time_t t = std::chrono::system_clock::to_time_t(clock.now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

ScreenWorker::ScreenWorker(content::ScreenRecord screen, const Clock& clock, const DeliveryOptions& options, std::shared_ptr<FrameHub> hub,
                           std::shared_ptr<FlashRecords> records)
    : screen_(std::move(screen)), clock_(clock), options_(options), hub_(std::move(hub)), records_(std::move(records)) {
    health_.screenId = screen_.meta.id;
    health_.protocol = screen_.protocol;
    health_.address = screen_.address;
    health_.offlineSince = std::chrono::system_clock::now();
    spec_.width = screen_.width;
    spec_.height = screen_.height;
    try {
        spec_.color = renderer::parseColorMode(screen_.color);
        kind_ = protocols::deviceKindOf(screen_.protocol);
        if (kind_ != DeviceKind::WebPlayer) protocol_ = protocols::makeProtocol(screen_.protocol);
    } catch (const InputError& e) {
        health_.lastError = msg::chineseOr(e.what(), msg::screenSettingsWrong());
        health_.lastErrorDetail = e.what();
    }
    spec_.options = screen_.options;
    fps_ = options_.defaultFps;
    try {
        // Options saved before they were checked on saving: a bad one leaves the screen undriven,
        // saying why, rather than driven at a guessed address or level.
        content::checkScreenOptions(screen_);
        if (auto address = content::cardAddress(screen_)) spec_.address = *address;
        if (auto fps = content::framesPerSecond(screen_)) fps_ = *fps;
        for (const auto& w : content::onOffWindows(screen_)) onOff_.push_back({w.onMinute, w.offMinute});
    } catch (const InputError& e) {
        health_.lastError = msg::chineseOr(e.what(), msg::screenSettingsWrong());
        health_.lastErrorDetail = e.what();
        protocol_.reset();
    }
    backoff_ = options_.firstBackoff;
    retryBackoff_ = options_.firstBackoff;
    thread_ = std::thread([this] { run(); });
}

void ScreenWorker::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

// Latest wins: a plan not yet delivered is replaced by a newer one (the queue holds one).
void ScreenWorker::post(std::shared_ptr<const Content> content) {
    {
        std::lock_guard lock(mutex_);
        pending_ = std::move(content);
    }
    cv_.notify_all();
}

ScreenHealth ScreenWorker::health() {
    std::lock_guard lock(mutex_);
    ScreenHealth h = health_;
    h.watchers = hub_->watchers();
    if (kind_ == DeviceKind::WebPlayer) h.online = hub_->players() > 0;
    return h;
}

void ScreenWorker::setError(const std::string& error, bool offline, const std::string& detail) {
    std::lock_guard lock(mutex_);
    health_.lastError = error;
    health_.lastErrorDetail = detail;
    if (offline) {
        if (health_.online || !health_.offlineSince) health_.offlineSince = std::chrono::system_clock::now();
        health_.online = false;
    }
}

void ScreenWorker::seen() {
    std::lock_guard lock(mutex_);
    health_.online = true;
    health_.offlineSince.reset();
    health_.lastSeen = isoNow(clock_);
}

void ScreenWorker::run() {
    auto& log = Poco::Logger::get("gongshi.devices");
    Clk::time_point nextFrame = Clk::now();
    while (true) {
        std::shared_ptr<const Content> incoming;
        {
            std::unique_lock lock(mutex_);
            Clk::time_point wake = Clk::now() + Millis(1000);
            if (!link_ && kind_ != DeviceKind::WebPlayer && protocol_) wake = std::min(wake, nextConnect_);
            if (link_ && protocol_ && kind_ == DeviceKind::Card) wake = std::min(wake, nextPing_);
            if (link_ && protocol_ && kind_ == DeviceKind::Card && changed_ && current_) wake = std::min(wake, retryAt_);
            if (link_ && kind_ == DeviceKind::Card && !changed_)
                for (const auto& [area, r] : rotations_) wake = std::min(wake, r.nextAt);
            if (current_ && current_->playout && (link_ || kind_ == DeviceKind::WebPlayer) &&
                (current_->playout->animated() || framePending_))
                wake = std::min(wake, nextFrame);
            cv_.wait_until(lock, wake, [&] { return stopping_ || pending_ != nullptr; });
            if (stopping_) break;
            incoming = std::move(pending_);
            pending_.reset();
        }
        try {
            if (incoming && (!current_ || incoming->hash != current_->hash)) {
                current_ = incoming;
                changed_ = true;
                retryAt_ = Clk::now();
                retryBackoff_ = options_.firstBackoff;
                // A television's pages go on turning where they were when its clock or records
                // change (it is composed again every minute); other screens start their program.
                if (kind_ != DeviceKind::WebPlayer || playStart_ == Clk::time_point{}) playStart_ = Clk::now();
                framePending_ = true;
                nextFrame = Clk::now();
                std::lock_guard lock(mutex_);
                health_.source = current_->source;
            }
            if (kind_ == DeviceKind::WebPlayer) {
                // The web player draws what the hub has: frames at the screen's rate.
                if (current_ && current_->playout && Clk::now() >= nextFrame) {
                    publishFrame();
                    // Pictures only when they change: a television's 6 MB frames are not made
                    // 25 times a second to find them equal.
                    const auto played = std::chrono::duration_cast<Millis>(Clk::now() - playStart_);
                    nextFrame = std::max(playStart_ + current_->playout->nextChange(played), Clk::now() + Millis(1000 / fps_));
                }
                continue;
            }
            if (!protocol_) continue;
            if (!link_) {
                if (Clk::now() < nextConnect_) continue;
                connect();
            }
            if (!link_) continue;
            if (kind_ == DeviceKind::Card) {
                if (changed_ && current_ && Clk::now() >= retryAt_) deliverCard();
                if (link_ && !changed_ && current_) rotate();
                // A delivery that found the device gone has dropped the link: nothing more to send.
                if (link_) maintain();
                if (link_ && Clk::now() >= nextPing_) ping();
            } else if (current_ && current_->playout && Clk::now() >= nextFrame) {
                sendFrame();
                nextFrame += Millis(1000 / fps_);
                if (nextFrame < Clk::now()) nextFrame = Clk::now() + Millis(1000 / fps_);
            }
        } catch (const TransportError& e) {
            drop(msg::screenLinkLost(), e.what());
        } catch (const InputError& e) {
            // The device cannot take this content (a protocol limit): say so, keep the link.
            setError(msg::chineseOr(e.what(), msg::screenCannotShow()), false, e.what());
            changed_ = false;
            log.warning("screen %s: %s", std::to_string(screen_.meta.id), std::string(e.what()));
        }
    }
    if (link_) link_->close();
}

void ScreenWorker::connect() {
    protocols::transport::Timeouts t;
    t.connect = options_.connectTimeout;
    t.write = options_.replyTimeout;
    t.read = options_.replyTimeout;
    try {
        link_ = protocols::transport::openTransport(screen_.address, t, protocols::transport::RetryPolicy{1, Millis(0)});
    } catch (const Error& e) {
        setError(msg::screenUnreachable(screen_.address), true, std::string("cannot reach ") + screen_.address + ": " + e.what());
        nextConnect_ = Clk::now() + backoff_;
        backoff_ = std::min(backoff_ * 2, options_.maxBackoff);
        return;
    }
    // A device that comes (back) is brought up to date: its clock, its settings, everything.
    backoff_ = options_.firstBackoff;
    sentHashes_.clear();
    chunks_.clear();
    rotations_.clear();
    // What the card holds in RAM is not known: its dynamic areas are cleared before the first delivery.
    cardRects_ = {{-1, -1, -1, -1}};
    areaPages_.clear();
    decoder_ = protocol_->makeCard(spec_, cardFontDrawer());
    changed_ = true;
    retryAt_ = Clk::now();
    retryBackoff_ = options_.firstBackoff;
    lastArea_.reset();
    framePending_ = true;
    lastFrameHash_ = 0;
    clockDate_.clear();
    brightness_.reset();
    flashChecked_ = false; // another card may be on the line now: ask it what it keeps
    flashKey_.reset();
    onOffSent_ = false;
    nextPing_ = Clk::now() + options_.pingEvery;
}

void ScreenWorker::drop(const std::string& why, const std::string& detail) {
    if (link_) link_->close();
    link_.reset();
    setError(why, true, detail);
    nextConnect_ = Clk::now() + backoff_;
    backoff_ = std::min(backoff_ * 2, options_.maxBackoff);
}

bool ScreenWorker::stopRequested() {
    std::lock_guard lock(mutex_);
    return stopping_;
}

} // namespace gongshi::delivery
