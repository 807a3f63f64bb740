#include "server/ListCache.h"

#include <Poco/Logger.h>

namespace gongshi::server {

ListCache::ListCache(content::Database& db) : db_(db) {
    if (!db_.postgres()) return;
    listener_ = std::thread([this] {
        std::unique_ptr<content::Database::ChangeWatch> watch;
        while (!stopping_) {
            try {
                if (!watch) watch = db_.watchChanges();
                // A reconnection counts as a change (what happened meanwhile is unknown).
                const bool changed = watch->changed(250);
                const bool live = watch->live();
                if (changed || !live) ++told_;
                live_ = live;
            } catch (const std::exception& e) {
                live_ = false;
                ++told_;
                watch.reset();
                Poco::Logger::get("gongshi.database").warning("LISTEN for lists: %s", std::string(e.what()));
                for (int i = 0; i < 4 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(250));
            }
        }
    });
}

ListCache::~ListCache() {
    stopping_ = true;
    if (listener_.joinable()) listener_.join();
}

std::optional<std::uint64_t> ListCache::token() const {
    if (!live_) return std::nullopt;
    // Both counts only grow: their sum changes whenever either does.
    return db_.commits() + told_.load();
}

std::shared_ptr<const std::string> ListCache::find(const std::string& key) const {
    const auto now = token();
    if (!now) return nullptr;
    std::lock_guard lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end() || it->second.token != *now) {
        ++misses_;
        return nullptr;
    }
    ++hits_;
    return it->second.body;
}

void ListCache::keep(const std::string& key, std::uint64_t token, std::string body) {
    const auto now = this->token();
    if (!now || *now != token) return; // already out of date
    std::lock_guard lock(mutex_);
    // Bounded: everything older than the records now goes first, then all of it.
    if (entries_.size() >= kMaxEntries || bytes_ + body.size() > kMaxBytes) {
        for (auto it = entries_.begin(); it != entries_.end();) {
            if (it->second.token == *now) {
                ++it;
                continue;
            }
            bytes_ -= it->second.body->size();
            it = entries_.erase(it);
        }
        if (entries_.size() >= kMaxEntries || bytes_ + body.size() > kMaxBytes) {
            entries_.clear();
            bytes_ = 0;
        }
    }
    if (body.size() > kMaxBytes) return;
    auto& e = entries_[key];
    if (e.body) bytes_ -= e.body->size();
    bytes_ += body.size();
    e = {token, std::make_shared<const std::string>(std::move(body))};
}

} // namespace gongshi::server
