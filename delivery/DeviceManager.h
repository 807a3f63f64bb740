#pragma once
// Keeps every screen showing what its schedule says, through its device's protocol:
// - one scheduler thread decides each screen's plan (rules/WhatPlays: whatPlays, pictureKey)
//   when records change or the clock crosses a minute, and hands it on only when it differs;
// - one worker per screen connects, keeps its device up to date and healthy: cards (BX) get one
//   its program areas as one program file in flash, written only when the card does not keep
//   that very file (it is asked), and window statuses and urgent notices as dynamic areas in
//   RAM over it, only changed ones again; frame devices (DDP) and web players
//   get frames at the screen's frame rate, only frames that differ; pings tell online from offline;
//   the clock is set on connect and daily; brightness and timed on/off follow the screen's options;
//   links that fail are retried with growing waits, never hanging the worker.
#include "records/Database.h"
#include "records/PlayLog.h"
#include "delivery/Clock.h"
#include "delivery/FrameHub.h"
#include "delivery/DriveLimit.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <map>
#include <optional>
#include <set>
#include <set>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gongshi::delivery {

struct ScreenHealth {
    content::Id screenId = 0;
    std::string protocol;
    std::string address;
    bool online = false;
    std::string lastSeen;        // ISO time of the last answer (or frame sent for devices that never answer)
    std::string lastError;       // for the hall's staff, in Chinese
    std::string lastErrorDetail; // the same as the transport or the device said it, for engineers
    std::string source;          // what it shows: "program 3", "default", "urgent notice 12"
    // The records on the picture the device last acknowledged (the play record, records/PlayLog).
    std::set<content::PlayedRecord> showing;
    std::uint64_t deliveredVersion = 0; // counts deliveries of changed content
    std::string deliveredAt;
    std::uint64_t bytesSent = 0;
    std::uint64_t commandsSent = 0;
    std::uint64_t framesSent = 0;
    std::uint64_t programsWritten = 0; // program files written to the card's flash
    // Since when it has been offline, in real time (not the schedules' clock); unset while online.
    // A screen is offline from its worker's start until its device first answers.
    std::optional<std::chrono::system_clock::time_point> offlineSince;
    std::uint64_t programFailures = 0; // program files the card refused or the link lost mid-write
    std::string lastProgramError;
    int watchers = 0; // live views and web players
};

struct DeliveryOptions {
    std::chrono::milliseconds pingEvery{5000};
    std::chrono::milliseconds replyTimeout{1000};
    std::chrono::milliseconds connectTimeout{1000};
    int retries = 1;
    std::chrono::milliseconds firstBackoff{500};
    std::chrono::milliseconds maxBackoff{10000};
    std::chrono::seconds urgentFor{120};
    int defaultFps = 25;
    // The play record's open intervals are written at most this often (and on every change).
    std::chrono::seconds playFlushEvery{60};
    // This server's name among those sharing the database: set, screens are driven through leases
    // (delivery/ScreenLeases), limited to `drive` when given; empty: every screen, no leases.
    std::string instance;
    DriveLimit drive;
    std::chrono::milliseconds leaseTtl{8000};
};

class ScreenWorker; // delivery/ScreenWorker.h
class ScreenLeases; // delivery/ScreenLeases.h

class DeviceManager {
public:
    DeviceManager(content::Database& db, const Clock& clock, DeliveryOptions options = {});
    ~DeviceManager();
    DeviceManager(const DeviceManager&) = delete;
    DeviceManager& operator=(const DeviceManager&) = delete;

    void start();
    void stop();
    // Records changed: look again now (on the scheduler thread).
    void notifyChanged();
    // Looks again now, on the calling thread, and returns when every screen's plan is handed on
    // (tests with a ManualClock call it after moving the clock).
    void refresh();

    // The urgent notices interrupting centre `centre`'s screens now, as the last look decided (the
    // admin preview shows what the screens show, interruptions included).
    std::vector<content::Id> urgentNow(content::Id centre);

    std::vector<ScreenHealth> health();
    std::optional<ScreenHealth> health(content::Id screen);
    // The live picture of a screen (nullptr for a screen not known).
    std::shared_ptr<FrameHub> hub(content::Id screen);
    // Plans composed since start: a write recomposes only the screens that show what it changed.
    std::uint64_t plansComposed() const { return plansComposed_.load(); }

private:
    void schedulerLoop();
    void evaluate();
    // What each screen shows now into the play record (delivery/PlayRecord.cpp).
    void recordPlay();

    content::Database& db_;
    const Clock& clock_;
    DeliveryOptions options_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool changed_ = true;
    bool stopping_ = false;
    std::thread scheduler_;
    std::map<content::Id, std::unique_ptr<ScreenWorker>> workers_;
    std::atomic<std::uint64_t> plansComposed_{0};
    std::map<content::Id, std::shared_ptr<FrameHub>> hubs_;
    std::unique_ptr<content::PlayLog> playLog_;
    std::unique_ptr<ScreenLeases> leases_; // null without an instance name
    struct Private;
    std::unique_ptr<Private> p_;
};

} // namespace gongshi::delivery
