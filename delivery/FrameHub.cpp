#include "delivery/FrameHub.h"

#include "bitmap/ImageIO.h"

namespace gongshi::delivery {

void FrameHub::publish(const renderer::Bitmap& frame, std::shared_ptr<const protocols::Playlist> playing) {
    // Encoding costs: only when somebody watches, or for the first picture (a watcher's start).
    {
        std::lock_guard lock(mutex_);
        if (watchers_ == 0 && current_.serial != 0) {
            current_.png.reset(); // stale: made again when somebody comes
            current_.playing = std::move(playing);
            ++current_.serial;
            pendingFrame_ = std::make_shared<renderer::Bitmap>(frame);
            return;
        }
    }
    auto png = std::make_shared<const std::string>(renderer::encodePng(frame));
    std::lock_guard lock(mutex_);
    ++current_.serial;
    current_.png = std::move(png);
    current_.width = frame.width();
    current_.height = frame.height();
    current_.playing = std::move(playing);
    pendingFrame_.reset();
    cv_.notify_all();
}

FrameHub::Picture FrameHub::latest() {
    std::unique_lock lock(mutex_);
    if (!current_.png && pendingFrame_) {
        auto frame = pendingFrame_;
        lock.unlock();
        auto png = std::make_shared<const std::string>(renderer::encodePng(*frame));
        lock.lock();
        if (!current_.png) {
            current_.png = std::move(png);
            current_.width = frame->width();
            current_.height = frame->height();
        }
    }
    return current_.png ? current_ : Picture{};
}

FrameHub::Picture FrameHub::next(std::uint64_t serial, std::chrono::milliseconds timeout) {
    {
        std::unique_lock lock(mutex_);
        cv_.wait_for(lock, timeout, [&] { return closed_ || current_.serial > serial; });
        if (closed_ || current_.serial <= serial) return {};
    }
    return latest();
}

int FrameHub::watchers() const {
    std::lock_guard lock(mutex_);
    return watchers_;
}

int FrameHub::players() const {
    std::lock_guard lock(mutex_);
    return players_;
}

void FrameHub::watch(int delta, bool player) {
    std::lock_guard lock(mutex_);
    watchers_ += delta;
    if (player) players_ += delta;
}

void FrameHub::close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    cv_.notify_all();
}

bool FrameHub::closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
}

} // namespace gongshi::delivery
