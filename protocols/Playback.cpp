#include "protocols/Playback.h"

#include "protocols/Protocol.h"

#include <algorithm>

namespace gongshi::protocols {

using Millis = std::chrono::milliseconds;

namespace {

constexpr Millis kStepPerSpeed{10};
constexpr Millis kMinRest{100};
constexpr Millis kNever{3600 * 1000};

bool moves(const PlayArea& a) { return a.effect == Effect::MoveLeft || a.effect == Effect::MoveUp; }

int travel(const PlayArea& a) {
    if (a.pages.empty()) return 0;
    return a.effect == Effect::MoveLeft ? a.pages.front().width() : a.effect == Effect::MoveUp ? a.pages.front().height() : 0;
}

} // namespace

bool Playlist::animated() const {
    return std::any_of(areas.begin(), areas.end(), [](const PlayArea& a) { return a.pages.size() > 1 || moves(a) || a.live; });
}

Millis Player::Timing::cycle() const { return enter + rest; }

Player::Player(Playlist playlist) : playlist_(std::move(playlist)) {}

Player::Timing Player::timing(const PlayArea& area) const {
    Timing t;
    t.step = kStepPerSpeed * std::max(1, area.speed);
    t.enter = moves(area) ? t.step * travel(area) : Millis(0);
    t.rest = std::max(Millis(500) * std::max(0, area.stayHalfSeconds), moves(area) ? Millis(0) : kMinRest);
    return t;
}

void Player::drawArea(renderer::Bitmap& screen, const PlayArea& area, Millis elapsed) const {
    if (area.live) {
        const renderer::Bitmap picture = area.live(elapsed);
        screen.blit(picture.mode() == screen.mode() ? picture : picture.convert(screen.mode()), area.x, area.y);
        return;
    }
    if (area.pages.empty()) return;
    const Timing t = timing(area);
    const auto n = static_cast<long long>(area.pages.size());
    const long long cycle = std::max<long long>(1, t.cycle().count());
    const long long position = elapsed.count() % (cycle * n);
    const long long index = position / cycle;
    const long long within = position % cycle;
    const renderer::Bitmap& page = area.pages[static_cast<std::size_t>(index)];
    const int w = page.width(), h = page.height();
    renderer::Bitmap picture(w, h, page.mode());
    if (within >= t.enter.count()) {
        picture = page; // fully shown, resting
    } else {
        // Entering: the page comes in from the right (or from below), pushing the one before out;
        // the very first page enters an empty area.
        const bool first = elapsed.count() < cycle;
        const renderer::Bitmap blank(w, h, page.mode());
        const renderer::Bitmap& before = first ? blank : area.pages[static_cast<std::size_t>((index + n - 1) % n)];
        const int shift = static_cast<int>(within / t.step.count());
        if (area.effect == Effect::MoveLeft) {
            picture.blit(before, -shift, 0);
            picture.blit(page, w - shift, 0);
        } else {
            picture.blit(before, 0, -shift);
            picture.blit(page, 0, h - shift);
        }
    }
    // The area clips what moves within it; the screen clips the area.
    screen.blit(picture.mode() == screen.mode() ? picture : picture.convert(screen.mode()), area.x, area.y);
}

renderer::Bitmap Player::frameAt(Millis elapsed) const {
    renderer::Bitmap screen(playlist_.width, playlist_.height, playlist_.mode);
    for (const PlayArea& area : playlist_.areas) drawArea(screen, area, elapsed);
    return screen;
}

Millis Player::nextChange(Millis elapsed) const {
    Millis next = elapsed + kNever;
    for (const PlayArea& area : playlist_.areas) {
        if (area.live) {
            next = std::min(next, Millis((elapsed.count() / 1000 + 1) * 1000));
            continue;
        }
        if (area.pages.size() < 2 && !moves(area)) continue;
        const Timing t = timing(area);
        const long long cycle = std::max<long long>(1, t.cycle().count());
        const long long within = elapsed.count() % cycle;
        const long long start = elapsed.count() - within;
        Millis candidate;
        if (within < t.enter.count()) // moving: the next pixel
            candidate = Millis(start + (within / t.step.count() + 1) * t.step.count());
        else if (area.pages.size() > 1 || moves(area)) // resting: the next page starts entering
            candidate = Millis(start + cycle);
        else
            continue;
        next = std::min(next, candidate);
    }
    return next;
}

} // namespace gongshi::protocols
