#pragma once
// Alerts: a screen offline longer than the set time (once per outage, and a "back online" when it
// recovers), a program file a card refused (once until a write succeeds, at most one per screen
// per `programGap`), a full disk (at most once per `diskGap`). One thread watches the
// screens' health and the database, and sends each alert to the webhook and by mail with
// timeouts and bounded retries, from a bounded queue: neither the scheduler nor a screen's
// worker ever waits for a robot or a mail server.
#include "server/AlertSettings.h"

#include <Poco/JSON/Object.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gongshi::content {
class Database;
}
namespace gongshi::delivery {
class DeviceManager;
}

namespace gongshi::server {

struct AlertOptions {
    std::chrono::milliseconds checkEvery{1000};
    int timeoutSeconds = 5; // each connection, send and answer
    int attempts = 3;       // per channel, a growing wait between them
    std::chrono::milliseconds retryWait{2000};
    std::size_t queue = 64; // alerts waiting to go; more are counted as dropped
    std::chrono::seconds programGap{600};
    std::chrono::seconds diskGap{3600}; // a full disk is reported again at most this often
};

struct Alert {
    std::uint64_t id = 0;
    std::string at;   // local time, "2026-11-27 10:14:03"
    std::string kind; // offline, online, program, disk, test
    long long screen = 0;
    std::string title; // the mail's subject
    std::string text;
    std::string webhook; // "", "sent", "failed: <why>"
    std::string mail;
};

class Alerts {
public:
    Alerts(content::Database& db, delivery::DeviceManager* devices, AlertOptions options = {});
    ~Alerts();
    Alerts(const Alerts&) = delete;
    Alerts& operator=(const Alerts&) = delete;

    void start();
    void stop();

    AlertSettings settings();
    // Validated, stored, audited, and in force at once.
    AlertSettings update(const Poco::JSON::Object& body, const std::string& user);
    // A test message on `channel` ("webhook", "email") now, on the calling thread, once; throws
    // Error with the reason in Chinese.
    void test(const std::string& channel);

    // The latest alerts, newest first (at most 100, kept in memory).
    std::vector<Alert> recent();
    // For /metrics: alerts raised by kind, sends by channel and result, dropped.
    std::string metricsText();

private:
    void run();
    void check();
    void raise(Alert a);
    void deliver(Alert& a);
    std::string centreName();

    content::Database& db_;
    delivery::DeviceManager* devices_;
    AlertOptions options_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
    AlertSettings settings_;
    std::deque<Alert> queue_;
    std::deque<Alert> recent_;

    // The watcher's state (alert thread only).
    struct ScreenState {
        bool offline = false;
        std::chrono::system_clock::time_point offlineSince{};
        bool offlineAlerted = false;
        std::uint64_t programFailures = 0, programsWritten = 0;
        bool programFailing = false;
        std::chrono::steady_clock::time_point lastProgramAlert{};
    };
    std::map<long long, ScreenState> screens_;
    std::uint64_t diskRefusals_ = 0;
    std::chrono::steady_clock::time_point lastDiskAlert_{};

    std::map<std::string, std::uint64_t> raised_;                        // by kind
    std::map<std::pair<std::string, std::string>, std::uint64_t> sends_; // channel, result
    std::uint64_t dropped_ = 0;
    std::uint64_t lastId_ = 0;
};

} // namespace gongshi::server
