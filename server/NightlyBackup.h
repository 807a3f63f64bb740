#pragma once
// The nightly backup of a serving data directory: once a day, at a set local time, an archive
// (records/Backup) into the backup directory, named by the day, keeping the newest N. Admins
// download the latest from the admin page (GET /api/backups/latest).
#include "delivery/Clock.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace gongshi::server {

struct BackupOptions {
    std::string dir;            // empty: DATA_DIR/backups
    int keep = 7;               // archives kept; 0: no nightly backup
    int atMinute = 2 * 60 + 30; // local minutes after midnight
};

struct BackupFile {
    std::string name; // "gongshi-2026-12-05.zip"
    std::string path;
    std::uintmax_t bytes = 0;
};

class NightlyBackup {
public:
    NightlyBackup(std::string dataDir, BackupOptions options, const delivery::Clock& clock);
    ~NightlyBackup();
    NightlyBackup(const NightlyBackup&) = delete;
    NightlyBackup& operator=(const NightlyBackup&) = delete;

    void start(); // the thread that looks every 30 s (nothing when keep is 0)
    void stop();
    // Makes today's backup when its time has come and it is not made yet, then keeps the newest
    // `keep`; true when it made one. The thread calls it; tests with a manual clock call it too.
    bool runDue();
    // Newest first.
    std::vector<BackupFile> list() const;
    std::optional<BackupFile> latest() const;
    std::string lastError() const; // the last failed backup's reason, logged once

private:
    std::string dataDir_;
    BackupOptions options_;
    const delivery::Clock& clock_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::string lastError_;
    std::thread thread_;
};

} // namespace gongshi::server
