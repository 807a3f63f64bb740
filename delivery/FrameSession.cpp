// A screen worker's frames, for frame devices (DDP) and web players: sent or published when they differ.
#include "delivery/ScreenWorker.h"

namespace gongshi::delivery {

renderer::Bitmap ScreenWorker::frameNow() {
    return current_->playout->frameAt(std::chrono::duration_cast<Millis>(Clk::now() - playStart_));
}

void ScreenWorker::publishFrame() {
    renderer::Bitmap frame = frameNow();
    const std::uint64_t h = hashBitmap(frame);
    framePending_ = false;
    if (h == lastFrameHash_) return;
    lastFrameHash_ = h;
    hub_->publish(frame);
    std::lock_guard lock(mutex_);
    ++health_.framesSent;
    if (hub_->players() > 0) health_.lastSeen = isoNow(clock_); // a player has it
    if (changed_) {
        ++health_.deliveredVersion;
        health_.deliveredAt = isoNow(clock_);
        if (current_) health_.showing = current_->shown;
        changed_ = false;
    }
}

// Frame devices get a frame only when it differs from the last one sent.
void ScreenWorker::sendFrame() {
    renderer::Bitmap frame = frameNow();
    const std::uint64_t h = hashBitmap(frame);
    framePending_ = false;
    if (h == lastFrameHash_) return;
    protocols::Command c;
    c.kind = protocols::Command::Kind::Bitmap;
    c.pages.push_back(frame);
    const auto packets = protocol_->encode(c, spec_);
    std::size_t bytes = 0;
    for (const auto& p : packets) {
        link_->write(p);
        bytes += p.size();
    }
    lastFrameHash_ = h;
    hub_->publish(frame);
    std::lock_guard lock(mutex_);
    health_.bytesSent += bytes;
    ++health_.framesSent;
    health_.online = true;
    health_.offlineSince.reset();
    health_.lastSeen = isoNow(clock_);
    if (changed_) {
        ++health_.deliveredVersion;
        health_.deliveredAt = health_.lastSeen;
        if (current_) health_.showing = current_->shown;
        health_.lastError.clear();
        health_.lastErrorDetail.clear();
        changed_ = false;
    }
}

} // namespace gongshi::delivery
