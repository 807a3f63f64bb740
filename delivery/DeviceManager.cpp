// The scheduler thread: each screen's plan, handed to its worker when it changes; health and live pictures by screen.
#include "delivery/DeviceManager.h"

#include "delivery/ScreenLeases.h"

#include "compose/Composer.h"
#include "records/Broadcasts.h"
#include "records/Publication.h"
#include "records/QueueCalls.h"
#include "records/RecordStore.h"
#include "compose/ScreenPlan.h"
#include "rules/WhatPlays.h"
#include "rules/WorkingDays.h"
#include "delivery/FlashRecords.h"
#include "delivery/ScreenContent.h"
#include "delivery/ScreenWorker.h"
#include "layout/TextRenderer.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <set>

namespace gongshi::delivery {
namespace {

using Millis = std::chrono::milliseconds;
using protocols::DeviceKind;

std::int64_t millisOf(std::chrono::system_clock::time_point t) { return std::chrono::duration_cast<Millis>(t.time_since_epoch()).count(); }

} // namespace

struct DeviceManager::Private {
    renderer::TextRenderer renderer;                           // the scheduler thread's own
    std::map<content::Id, content::UrgentNotices> urgent;      // by centre
    std::map<content::Id, std::vector<content::Id>> urgentNow; // by centre, as last decided (under mutex_)
    std::map<content::Id, std::string> lastKey;                // by screen: what its plan was made from (pictureKey)
    std::map<content::Id, std::uint64_t> lastHash;
    // Writes by other processes or servers: SQLite's data_version, looked at by the scheduler twice
    // a second; PostgreSQL's LISTEN, waited on by a thread of its own that wakes the scheduler.
    std::unique_ptr<content::Database::ChangeWatch> watch;
    std::thread listener;
    std::optional<std::chrono::system_clock::time_point> urgentEnd; // the next interruption's end
    std::optional<std::int64_t> broadcastEnd;                       // the next broadcast's end, ms since 1970
    std::optional<std::int64_t> callEnd;                            // the next queue call's end, ms since 1970
    std::mutex evaluating;                                          // one evaluation at a time (the scheduler thread, or refresh())
    std::shared_ptr<FlashRecords> flashRecords;
};

DeviceManager::DeviceManager(content::Database& db, const Clock& clock, DeliveryOptions options)
    : db_(db), clock_(clock), options_(options), p_(std::make_unique<Private>()) {
    // Beside the database in the data directory; an in-memory database keeps them in memory.
    const std::string dir = db_.dataDir();
    p_->flashRecords = std::make_shared<FlashRecords>(
        dir.empty() || db_.path().find(":memory:") != std::string::npos ? "" : (std::filesystem::path(dir) / "flash-records.txt").string());
    playLog_ = std::make_unique<content::PlayLog>(db_, options_.playFlushEvery);
}

DeviceManager::~DeviceManager() { stop(); }

void DeviceManager::start() {
    if (!options_.instance.empty()) {
        LeaseOptions lo;
        lo.instance = options_.instance;
        lo.drive = options_.drive;
        lo.ttl = options_.leaseTtl;
        lo.margin = std::min(lo.margin, lo.ttl / 4);
        leases_ = std::make_unique<ScreenLeases>(db_, lo, [this] { notifyChanged(); });
        leases_->start();
    }
    if (db_.postgres()) {
        p_->listener = std::thread([this] {
            auto watch = db_.watchChanges();
            while (true) {
                {
                    std::lock_guard lock(mutex_);
                    if (stopping_) return;
                }
                try {
                    if (watch->changed(250)) notifyChanged();
                } catch (const std::exception& e) {
                    Poco::Logger::get("gongshi.devices").warning("LISTEN: %s", std::string(e.what()));
                    std::this_thread::sleep_for(std::chrono::milliseconds(250));
                }
            }
        });
    } else {
        p_->watch = db_.watchChanges();
    }
    scheduler_ = std::thread([this] { schedulerLoop(); });
}

void DeviceManager::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    cv_.notify_all();
    if (scheduler_.joinable()) scheduler_.join();
    if (p_->listener.joinable()) p_->listener.join();
    std::map<content::Id, std::unique_ptr<ScreenWorker>> workers;
    {
        std::lock_guard lock(mutex_);
        workers.swap(workers_);
        for (auto& [id, hub] : hubs_) hub->close();
    }
    for (auto& [id, w] : workers) w->stop();
    // Only now, with every worker stopped, may another server take the screens.
    if (leases_) leases_->stop();
    try {
        playLog_->flush();
    } catch (const std::exception& e) {
        Poco::Logger::get("gongshi.devices").error("play record: %s", std::string(e.what()));
    }
}

void DeviceManager::notifyChanged() {
    {
        std::lock_guard lock(mutex_);
        changed_ = true;
    }
    cv_.notify_all();
}

void DeviceManager::schedulerLoop() {
    auto& log = Poco::Logger::get("gongshi.devices");
    std::string lastMinute;
    while (true) {
        {
            std::unique_lock lock(mutex_);
            // Records written by another process show in the database's data_version; look twice a second.
            cv_.wait_for(lock, Millis(500), [&] { return stopping_ || changed_; });
            if (stopping_) return;
        }
        bool external = false;
        try {
            if (p_->watch) external = p_->watch->changed(0);
        } catch (const Poco::Exception& e) {
            log.warning("data_version: %s", e.displayText());
        }
        const LocalTime now = clock_.local();
        const std::string minute = now.date + " " + std::to_string(now.minute);
        bool changed;
        {
            std::lock_guard lock(mutex_);
            changed = changed_ || external;
            changed_ = false;
        }
        try {
            // urgentEnd is written by evaluate(), which refresh() may run on another thread.
            std::lock_guard lock(p_->evaluating);
            recordPlay();
            const bool urgentEnded = p_->urgentEnd && clock_.now() >= *p_->urgentEnd;
            const bool broadcastEnded = p_->broadcastEnd && millisOf(clock_.now()) >= *p_->broadcastEnd;
            const bool callEnded = p_->callEnd && millisOf(clock_.now()) >= *p_->callEnd;
            if (!changed && minute == lastMinute && !urgentEnded && !broadcastEnded && !callEnded) continue;
            lastMinute = minute;
            evaluate();
        } catch (const std::exception& e) {
            log.error("scheduling screens: %s", std::string(e.what()));
        }
    }
}

void DeviceManager::refresh() {
    std::lock_guard lock(p_->evaluating);
    evaluate();
    recordPlay();
}

void DeviceManager::evaluate() {
    content::RecordStore<content::ScreenRecord> screenStore(db_);
    // Only the screens this server holds the lease of, when it shares them with other servers.
    const auto screens = leases_ ? screenStore.allOf(leases_->held(), true) : screenStore.all();
    std::set<content::Id> screenIds, centreIds;
    for (const auto& s : screens) {
        screenIds.insert(s.meta.id);
        centreIds.insert(s.centreId);
    }
    const auto programs =
        leases_ ? content::RecordStore<content::Program>(db_).allOf(screenIds) : content::RecordStore<content::Program>(db_).all();
    // Each centre's records in one read per kind, however many centres.
    auto centres = content::loadPublishedRecords(db_, centreIds);
    const auto calendar = content::WorkingDays::load(db_);
    const LocalTime now = clock_.local();
    const std::int64_t nowMs = millisOf(clock_.now());
    // Emergency broadcasts take their screens over ahead of everything (rules/WhatPlays).
    const auto broadcasts = content::activeBroadcasts(db_, nowMs);
    // Queue calls running now, then ahead of urgent notices and programs.
    const auto calls = content::activeQueueCalls(db_, nowMs);

    // Workers follow the screen records: new ones start, changed ones start again, gone ones stop.
    std::vector<std::unique_ptr<ScreenWorker>> retired;
    {
        std::lock_guard lock(mutex_);
        std::set<content::Id> present;
        for (const auto& s : screens) {
            present.insert(s.meta.id);
            auto& hub = hubs_[s.meta.id];
            if (!hub) hub = std::make_shared<FrameHub>();
            auto it = workers_.find(s.meta.id);
            if (it != workers_.end() && it->second->version() == s.meta.version) continue;
            if (it != workers_.end()) retired.push_back(std::move(it->second));
            workers_[s.meta.id] = std::make_unique<ScreenWorker>(s, clock_, options_, hub, p_->flashRecords);
            p_->lastKey.erase(s.meta.id);
            p_->lastHash.erase(s.meta.id);
        }
        for (auto it = workers_.begin(); it != workers_.end();) {
            if (present.count(it->first)) {
                ++it;
                continue;
            }
            retired.push_back(std::move(it->second));
            hubs_[it->first]->close();
            hubs_.erase(it->first);
            it = workers_.erase(it);
        }
    }
    std::set<content::Id> stoppedIds;
    for (auto& w : retired) {
        stoppedIds.insert(w->screenId());
        w->stop();
    }
    if (leases_ && !stoppedIds.empty()) leases_->released(stoppedIds);

    for (const auto& screen : screens) {
        auto rec = centres.find(screen.centreId);
        if (rec == centres.end()) continue; // a screen of no centre shows nothing
        std::vector<content::Program> mine;
        for (const auto& p : programs)
            if (p.screenId == screen.meta.id) mine.push_back(p);
        // Each centre's tracker interrupts for the configured time (not the tracker's default).
        auto tracker = p_->urgent.try_emplace(screen.centreId, options_.urgentFor).first;
        const auto urgent = tracker->second.active(rec->second.notices, now.date, clock_.now());
        {
            std::lock_guard lock(mutex_);
            p_->urgentNow[screen.centreId] = urgent;
        }
        content::Interruptions running = content::interruptionsFor(broadcasts, calls, screen, mine);
        const content::ScreenChoice choice = content::whatPlays(screen, mine, rec->second, calendar, now, urgent, std::nullopt,
                                                                std::move(running.broadcast), std::move(running.calls));
        if (p_->lastKey[screen.meta.id] == choice.key) continue;
        p_->lastKey[screen.meta.id] = choice.key;

        const content::ScreenPlan plan = content::composeChoice(p_->renderer, screen, choice, rec->second);
        ++plansComposed_;
        ScreenWorker* worker = nullptr;
        {
            std::lock_guard lock(mutex_);
            worker = workers_[screen.meta.id].get();
        }
        // Rendered once, in the form the device takes.
        auto content = std::make_shared<ScreenWorker::Content>();
        content->source = plan.source;
        {
            std::vector<std::string> sources;
            for (const auto& seg : plan.program.segments) sources.push_back(seg.source);
            content->shown = content::playedRecordsOf(sources);
        }
        content->urgent = plan.urgent;
        if (worker->kind() == DeviceKind::Card) {
            const auto font = worker->cardFont();
            content->areas = cardAreas(p_->renderer, plan.program, font ? &*font : nullptr, worker->keepsClock());
            for (const auto& a : content->areas)
                if (!a.whyPicture.empty())
                    Poco::Logger::get("gongshi.devices")
                        .information("screen %s: area (%d, %d) goes as pictures: %s", std::to_string(screen.meta.id), a.x, a.y,
                                     a.whyPicture);
            std::uint64_t h = kHashSeed;
            for (const auto& a : content->areas) h = mixHash(h, a.hash);
            content->hash = h;
        } else {
            content->playout = std::make_shared<Playout>(p_->renderer, plan.program, worker->fps());
            content->hash = content->playout->hash();
        }
        if (p_->lastHash[screen.meta.id] == content->hash) continue; // the same pixels: nothing to send
        p_->lastHash[screen.meta.id] = content->hash;
        worker->post(content);
    }
    p_->broadcastEnd.reset();
    for (const auto& b : broadcasts)
        if (auto end = b.endAt(); end && (!p_->broadcastEnd || *end < *p_->broadcastEnd)) p_->broadcastEnd = end;
    p_->callEnd.reset();
    for (const auto& c : calls)
        if (!p_->callEnd || c.endsAt() < *p_->callEnd) p_->callEnd = c.endsAt();
    p_->urgentEnd.reset();
    for (const auto& [centre, tracker] : p_->urgent)
        if (auto end = tracker.nextEnd(clock_.now()); end && (!p_->urgentEnd || *end < *p_->urgentEnd)) p_->urgentEnd = end;
}

std::vector<content::Id> DeviceManager::urgentNow(content::Id centre) {
    std::lock_guard lock(mutex_);
    auto it = p_->urgentNow.find(centre);
    return it == p_->urgentNow.end() ? std::vector<content::Id>{} : it->second;
}

std::vector<ScreenHealth> DeviceManager::health() {
    std::lock_guard lock(mutex_);
    std::vector<ScreenHealth> out;
    for (auto& [id, w] : workers_) out.push_back(w->health());
    return out;
}

std::optional<ScreenHealth> DeviceManager::health(content::Id screen) {
    std::lock_guard lock(mutex_);
    auto it = workers_.find(screen);
    if (it == workers_.end()) return std::nullopt;
    return it->second->health();
}

std::shared_ptr<FrameHub> DeviceManager::hub(content::Id screen) {
    std::lock_guard lock(mutex_);
    auto it = hubs_.find(screen);
    return it == hubs_.end() ? nullptr : it->second;
}

} // namespace gongshi::delivery
