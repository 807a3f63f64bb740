#pragma once
// A screen's plan made into what its device takes: for cards that cycle content themselves (BX),
// one command per program area with all its pages, effect and dwell, and a hash of each so that
// only changed areas are sent again; for frame devices (DDP, the web player), the picture at any
// moment of the program's cycle, so frames can be streamed at the screen's frame rate.
#include "compose/Composer.h"
#include "protocols/Protocol.h"
#include "bitmap/Bitmap.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::delivery {

inline constexpr std::uint64_t kHashSeed = 1469598103934665603ull;
std::uint64_t hashBitmap(const renderer::Bitmap& b, std::uint64_t seed = kHashSeed);
// Mixes `v` into hash `h` (FNV-1a over its bytes), as hashBitmap does with pixels.
std::uint64_t mixHash(std::uint64_t h, std::uint64_t v);

// A program's area with its segments rendered: pages of the area's size, or for an area that
// scrolls left (effect left) the strips of its marquees (and its pages, scrolling with them).
struct AreaPages {
    int x = 0, y = 0, width = 0, height = 0;
    content::AreaEffect effect = content::AreaEffect::Static;
    int speed = 1;
    int dwellSeconds = 5;
    std::vector<renderer::Bitmap> pages;
    std::vector<renderer::Bitmap> strips;
    bool dynamic = false; // shows a window's status
};

// The program's segments grouped by area (place and size), in the order areas first appear.
std::vector<std::vector<const content::Segment*>> segmentsByArea(const content::ComposedProgram& program);

// The program's segments grouped by area, in the order areas first appear.
std::vector<AreaPages> renderAreas(renderer::TextRenderer& renderer, const content::ComposedProgram& program);

struct CardArea {
    int x = 0, y = 0, width = 0, height = 0;
    // Text for the card's own font where it can draw the area (cardText), else Bitmap: the area's
    // pages, effect, speed, dwell.
    protocols::Command command;
    // For a Text command: the same area as pictures, for when the card cannot take the text.
    std::optional<protocols::Command> picture;
    // For a Bitmap command on a card with a font: why the area is not text (in Chinese).
    std::string whyPicture;
    std::uint64_t hash = 0; // of the pages or text and every parameter
    // What the card's program keeps of the area: `hash`, but for a clock the card keeps itself
    // (command.clockFace) its face, not the time it was drawn at, so that the program is written
    // once and not every minute.
    std::uint64_t programHash = 0;
    // What changes often (a window's status): a dynamic area in the card's RAM, not in the
    // program kept in its flash.
    bool dynamic = false;
};

// Segments sharing an area go into one command: pages one after another; marquee strips joined
// (with a gap of half the area) and cut into area-wide pages that scroll left without a stop.
// With `font` (a card that draws text itself), an area goes as text when the card draws it as
// we lay it out (cardText) and its font's stand-in (led16, as the emulated card draws a single
// line or a still line) lights the preview's pixels exactly; else as pictures, with whyPicture.
// With `keepsClock` (the card has clock areas, Protocol::keepsClock), an area holding only a clock
// face (Segment::clockFace) goes in the program as the card's own clock, not as a dynamic area.
std::vector<CardArea> cardAreas(renderer::TextRenderer& renderer, const content::ComposedProgram& program,
                                const protocols::CardFont* font = nullptr, bool keepsClock = false);
// A hash of every pixel and place of a clock face.
std::uint64_t hashClockFace(const renderer::ClockFace& face);

// An area's segments as text in the card's font, or nullopt with `why` (in Chinese). Text when the
// card draws it as we lay it out: the area one line of the font high, every segment laid out at
// the font's size in one colour, every character in the font; a marquee (effect "left") is the
// segments' texts joined with spaces as wide as the pictures' gap (half the area); a still area is
// one segment of one line on one page, which fits, set in by spaces where we centred it.
std::optional<protocols::Command> cardText(const std::vector<const content::Segment*>& segments, const AreaPages& area,
                                           const protocols::CardFont& font, std::string& why);

class Playout {
public:
    Playout(renderer::TextRenderer& renderer, const content::ComposedProgram& program, int fps);

    // The whole screen `t` after the program started; the cycle repeats.
    renderer::Bitmap frameAt(std::chrono::milliseconds t) const;
    // False when every area holds one still page: one frame says it all.
    bool animated() const { return animated_; }
    // When, after the program started, the picture next changes after `t`: the next frame while
    // something moves, else the next page turn (a television's pages only turn); an hour on when
    // nothing changes.
    std::chrono::milliseconds nextChange(std::chrono::milliseconds t) const;
    int fps() const { return fps_; }
    int width() const { return width_; }
    int height() const { return height_; }
    // Of every area's place, effect, timing and pixels: equal hashes play the same.
    std::uint64_t hash() const { return hash_; }

private:
    struct Area : AreaPages {
        renderer::Bitmap strip; // left: the strips joined
    };
    void drawArea(renderer::Bitmap& frame, const Area& a, std::chrono::milliseconds t) const;

    int width_ = 0, height_ = 0, fps_ = 25;
    renderer::ColorMode mode_ = renderer::ColorMode::Mono;
    std::vector<Area> areas_;
    bool animated_ = false;
    std::uint64_t hash_ = kHashSeed;
};

} // namespace gongshi::delivery
