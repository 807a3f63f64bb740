// What a card plays over time: pages turned after their dwell, moving pages stepping a pixel at a
// time, dynamic areas over the program, pages repeating.
#include "protocols/Playback.h"

#include <doctest/doctest.h>

using namespace gongshi;
using namespace gongshi::protocols;
using renderer::Bitmap;
using renderer::Color;
using renderer::ColorMode;
using Millis = std::chrono::milliseconds;

namespace {

// A page with the columns [from, to) lit.
Bitmap columns(int w, int h, int from, int to, ColorMode mode = ColorMode::Mono) {
    Bitmap b(w, h, mode);
    for (int y = 0; y < h; ++y)
        for (int x = from; x < to; ++x) b.setPixel(x, y, mode == ColorMode::Mono ? Color::white() : Color::red());
    return b;
}

// Which columns of row y are lit, as a string of '#' and '.'.
std::string row(const Bitmap& b, int y) {
    std::string s;
    for (int x = 0; x < b.width(); ++x) s += b.lit(x, y) ? '#' : '.';
    return s;
}

Playlist one(PlayArea area, int w, int h, ColorMode mode = ColorMode::Mono) {
    Playlist p;
    p.width = w;
    p.height = h;
    p.mode = mode;
    p.areas.push_back(std::move(area));
    return p;
}

} // namespace

TEST_CASE("static pages turn after their dwell and repeat from the first") {
    PlayArea a{0, 0, {columns(8, 2, 0, 2), columns(8, 2, 6, 8)}, Effect::Static, 1, 2, {}}; // 1 s a page
    Player player(one(a, 8, 2));
    CHECK(player.playlist().animated());
    CHECK(row(player.frameAt(Millis(0)), 0) == "##......");
    CHECK(row(player.frameAt(Millis(999)), 1) == "##......");
    CHECK(row(player.frameAt(Millis(1000)), 0) == "......##");
    CHECK(row(player.frameAt(Millis(2000)), 0) == "##......");
    CHECK(player.nextChange(Millis(0)) == Millis(1000));
    CHECK(player.nextChange(Millis(1500)) == Millis(2000));
}

TEST_CASE("one still page never changes") {
    PlayArea a{0, 0, {columns(8, 1, 0, 8)}, Effect::Static, 1, 10, {}};
    Player player(one(a, 8, 1));
    CHECK_FALSE(player.playlist().animated());
    CHECK(player.frameAt(Millis(123456)) == player.frameAt(Millis(0)));
    CHECK(player.nextChange(Millis(0)) >= Millis(3600 * 1000));
}

TEST_CASE("a page moving left enters an empty area from the right a pixel every speed x 10 ms, then rests") {
    PlayArea a{0, 0, {columns(8, 1, 0, 8), columns(8, 1, 0, 1)}, Effect::MoveLeft, 2, 1, {}}; // 20 ms a pixel, 0.5 s rest
    Player player(one(a, 8, 1));
    CHECK(row(player.frameAt(Millis(0)), 0) == "........");
    CHECK(row(player.frameAt(Millis(60)), 0) == ".....###");  // three pixels in
    CHECK(row(player.frameAt(Millis(160)), 0) == "########"); // fully in: resting
    CHECK(row(player.frameAt(Millis(659)), 0) == "########");
    // The second page pushes the first out: 2 pixels after the rest.
    CHECK(row(player.frameAt(Millis(660 + 40)), 0) == "#######.");
    CHECK(player.nextChange(Millis(60)) == Millis(80));
    CHECK(player.nextChange(Millis(200)) == Millis(660));
}

TEST_CASE("a page moving up enters from below") {
    Bitmap top(2, 4, ColorMode::Mono);
    top.setPixel(0, 0, Color::white());
    PlayArea a{0, 0, {top}, Effect::MoveUp, 1, 0, {}};
    Player player(one(a, 2, 4));
    CHECK_FALSE(player.frameAt(Millis(0)).lit(0, 3));
    CHECK(player.frameAt(Millis(10)).lit(0, 3)); // the page's first row shows at the bottom
    CHECK(player.frameAt(Millis(30)).lit(0, 1));
    CHECK(player.frameAt(Millis(40)).lit(0, 0));
}

TEST_CASE("dynamic areas are drawn over the program at their place, each cycling on its own") {
    Playlist p;
    p.width = 8;
    p.height = 2;
    p.mode = ColorMode::RedGreen;
    p.areas.push_back(PlayArea{0, 0, {columns(8, 2, 0, 8, ColorMode::RedGreen)}, Effect::Static, 1, 10, {}});
    p.areas.push_back(
        PlayArea{4, 1, {Bitmap(4, 1, ColorMode::RedGreen), columns(4, 1, 0, 4, ColorMode::RedGreen)}, Effect::Static, 1, 1, {}});
    Player player(p);
    Bitmap first = player.frameAt(Millis(0));
    CHECK(row(first, 0) == "########");
    CHECK(row(first, 1) == "####...."); // the dynamic area's dark first page hides the program there
    CHECK(row(player.frameAt(Millis(500)), 1) == "########");
    CHECK(player.frameAt(Millis(500)).pixel(7, 1) == Color::red());
}

TEST_CASE("a live area (a card's clock) is drawn afresh for each moment and changes on the whole second") {
    PlayArea clock;
    clock.x = 2;
    clock.live = [](Millis elapsed) { return columns(4, 1, 0, static_cast<int>(elapsed.count() / 1000) % 4 + 1); };
    Playlist p = one(clock, 8, 1);
    CHECK(p.animated());
    Player player(p);
    CHECK(row(player.frameAt(Millis(0)), 0) == "..#.....");
    CHECK(row(player.frameAt(Millis(999)), 0) == "..#.....");
    CHECK(row(player.frameAt(Millis(1000)), 0) == "..##....");
    CHECK(row(player.frameAt(Millis(3500)), 0) == "..####..");
    CHECK(player.nextChange(Millis(0)) == Millis(1000));
    CHECK(player.nextChange(Millis(2999)) == Millis(3000));
}
