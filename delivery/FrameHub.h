#pragma once
// The latest picture of one screen as it was delivered, for whoever watches it live (the admin
// page's live view, the web player): a new picture wakes the watchers; a slow watcher skips
// pictures instead of queueing them.
#include "protocols/Playback.h"
#include "bitmap/Bitmap.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

namespace gongshi::delivery {

class FrameHub {
public:
    struct Picture {
        std::uint64_t serial = 0; // 0: nothing yet
        std::shared_ptr<const std::string> png;
        int width = 0, height = 0;
        // What the card cycles through from this picture on (every page, effects, dwell); null
        // when the picture is all there is (frames of DDP and web screens).
        std::shared_ptr<const protocols::Playlist> playing;
    };

    void publish(const renderer::Bitmap& frame, std::shared_ptr<const protocols::Playlist> playing = nullptr);
    // The newest picture after `serial`, waiting up to `timeout`; serial 0 in the answer when none came.
    Picture next(std::uint64_t serial, std::chrono::milliseconds timeout);
    Picture latest();
    int watchers() const;
    // Web players among the watchers: a web screen is online while one is open.
    int players() const;
    void watch(int delta, bool player = false);
    // Wakes every watcher (the server is stopping).
    void close();
    bool closed() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable cv_;
    Picture current_;
    std::shared_ptr<renderer::Bitmap> pendingFrame_; // published while nobody watched, not yet encoded
    int watchers_ = 0;
    int players_ = 0;
    bool closed_ = false;
};

} // namespace gongshi::delivery
