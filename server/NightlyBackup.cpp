#include "server/NightlyBackup.h"

#include "common/Error.h"
#include "records/Backup.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <filesystem>

namespace gongshi::server {
namespace fs = std::filesystem;

NightlyBackup::NightlyBackup(std::string dataDir, BackupOptions options, const delivery::Clock& clock)
    : dataDir_(std::move(dataDir)), options_(std::move(options)), clock_(clock) {
    if (options_.dir.empty()) options_.dir = (fs::path(dataDir_) / "backups").string();
}

NightlyBackup::~NightlyBackup() { stop(); }

void NightlyBackup::start() {
    if (options_.keep <= 0) return;
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            runDue();
            lock.lock();
            wake_.wait_for(lock, std::chrono::seconds(30), [this] { return stopping_; });
        }
    });
}

void NightlyBackup::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

bool NightlyBackup::runDue() {
    if (options_.keep <= 0) return false;
    const auto now = clock_.local();
    if (now.minute < options_.atMinute) return false;
    const std::string name = "gongshi-" + now.date + ".zip";
    const fs::path file = fs::path(options_.dir) / name;
    if (fs::exists(file)) return false;
    try {
        fs::create_directories(options_.dir);
        const content::BackupSummary s = content::backupDataDir(dataDir_, file.string());
        Poco::Logger::get("gongshi.backup").information("nightly backup %s: %z bytes, %z entries", file.string(), s.bytes, s.entries);
        std::lock_guard lock(mutex_);
        lastError_.clear();
    } catch (const std::exception& e) {
        std::lock_guard lock(mutex_);
        if (lastError_ != e.what())
            Poco::Logger::get("gongshi.backup").error("nightly backup %s failed: %s", file.string(), std::string(e.what()));
        lastError_ = e.what();
        return false;
    }
    const auto all = list();
    for (std::size_t i = static_cast<std::size_t>(options_.keep); i < all.size(); ++i) {
        std::error_code ec;
        fs::remove(all[i].path, ec);
    }
    return true;
}

std::vector<BackupFile> NightlyBackup::list() const {
    std::vector<BackupFile> out;
    std::error_code ec;
    if (!fs::is_directory(options_.dir, ec)) return out;
    for (const auto& e : fs::directory_iterator(options_.dir, ec)) {
        const std::string name = e.path().filename().string();
        if (!e.is_regular_file() || name.rfind("gongshi-", 0) != 0 || e.path().extension() != ".zip") continue;
        out.push_back({name, e.path().string(), e.file_size()});
    }
    // The day is in the name: newest first.
    std::sort(out.begin(), out.end(), [](const BackupFile& a, const BackupFile& b) { return a.name > b.name; });
    return out;
}

std::optional<BackupFile> NightlyBackup::latest() const {
    auto all = list();
    if (all.empty()) return std::nullopt;
    return all.front();
}

std::string NightlyBackup::lastError() const {
    std::lock_guard lock(mutex_);
    return lastError_;
}

} // namespace gongshi::server
