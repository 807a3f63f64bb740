#pragma once
// How many pixels the server draws for one request at most: a preview's or a print page's size
// is counted before anything is drawn (or laid out), so that no request costs gigabytes.
#include <string>

namespace gongshi::server {

// 4096 x 2048 pixels: a 512 x 256 LED wall enlarged 8 times.
inline constexpr long long kMaxPreviewPixels = 4096LL * 2048;
// An A3 page at 300 dpi (3508 x 4961) and a little more.
inline constexpr long long kMaxPrintPagePixels = 20'000'000;

// A preview of `width` x `height` pixels enlarged `scale` times: 400 naming width (the size alone
// is too large) or scale when it passes kMaxPreviewPixels.
void checkPreviewPixels(int width, int height, int scale);

// A print page of `width` x `height` pixels at `dpi`: 400 naming dpi, with the largest dpi this
// paper takes, when it passes kMaxPrintPagePixels.
void checkPrintPagePixels(int width, int height, int dpi);

} // namespace gongshi::server
