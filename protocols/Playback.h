#pragma once
// What a card plays, over time: the areas it holds (its program's areas, the dynamic areas over
// them), each cycling through its pages with its effect, speed and dwell. A card decoder says what
// it holds (CardDecoder::playing); a Player turns that into the picture at any moment, so the
// emulator and the live view show every page as the card shows it, not only the first.
//
// The card's clock of effects, as modelled here: a moving page advances one pixel every
// `speed` x 10 ms (speed 1 fastest), a page rests `stayHalfSeconds` x 0.5 s once fully shown (at
// least 100 ms for a page that does not move, so a cycle always takes time), and an area's pages
// repeat from the first after the last.
#include "bitmap/Bitmap.h"

#include <chrono>
#include <functional>
#include <vector>

namespace gongshi::protocols {

enum class Effect { Static, MoveLeft, MoveUp };

struct PlayArea {
    int x = 0, y = 0;                    // place on the screen; the size is the pages' size
    std::vector<renderer::Bitmap> pages; // all of one size
    Effect effect = Effect::Static;
    int speed = 1;
    int stayHalfSeconds = 10;
    // An area the card draws afresh as time passes (its clock): the picture `elapsed` after the
    // playlist started, drawn at x, y in place of pages. It must be safe to call from any thread.
    std::function<renderer::Bitmap(std::chrono::milliseconds elapsed)> live;
};

// Drawn in order: later areas over earlier ones (a program's areas first, dynamic areas last).
struct Playlist {
    int width = 0, height = 0;
    renderer::ColorMode mode = renderer::ColorMode::Mono;
    std::vector<PlayArea> areas;

    // Whether anything changes over time (some area has more than one page, moves, or is live).
    bool animated() const;
};

class Player {
public:
    explicit Player(Playlist playlist);

    // The picture `elapsed` after the playlist started.
    renderer::Bitmap frameAt(std::chrono::milliseconds elapsed) const;
    // The first moment after `elapsed` at which the picture may change (a live area: the next whole
    // second); elapsed + 1 h when nothing ever does.
    std::chrono::milliseconds nextChange(std::chrono::milliseconds elapsed) const;
    const Playlist& playlist() const { return playlist_; }

private:
    struct Timing {
        std::chrono::milliseconds enter{0}; // moving in (0 for a static page)
        std::chrono::milliseconds rest{0};
        std::chrono::milliseconds step{10}; // per pixel while moving
        std::chrono::milliseconds cycle() const;
    };
    Timing timing(const PlayArea& area) const;
    void drawArea(renderer::Bitmap& screen, const PlayArea& area, std::chrono::milliseconds elapsed) const;

    Playlist playlist_;
};

} // namespace gongshi::protocols
