#pragma once
// Pictures records point at (staff photos: JPEG or PNG, as the API stores them) decoded into an
// Rgb bitmap for print.
#include "bitmap/Bitmap.h"

#include <string>

namespace gongshi::renderer {

struct PictureHeader {
    std::string type; // "jpg" or "png"
    int width = 0;
    int height = 0;
};

// "png" or "jpg" by the file's signature (its first bytes), empty for anything else.
std::string pictureType(const std::string& bytes);

// The type and size of a JPEG or PNG from its header alone, so that a huge picture is refused
// before its pixels take memory. Throws InputError naming `what` for anything else or a header
// that cannot be read.
PictureHeader readPictureHeader(const std::string& bytes, const std::string& what);

// Decodes a JPEG or PNG file's bytes (told apart by their signature). Throws InputError naming
// `what` for anything else or a damaged file.
Bitmap decodeImage(const std::string& bytes, const std::string& what);
// The same, no more than `maxSide` pixels on its long side: a JPEG is decoded at a reduced size
// (libjpeg's 1/2, 1/4, 1/8), then either is averaged down to fit.
Bitmap decodeImage(const std::string& bytes, const std::string& what, int maxSide);

// The picture averaged down so that its long side is at most `maxSide` pixels (itself when it fits).
Bitmap shrinkToFit(const Bitmap& rgb, int maxSide);

// An Rgb bitmap as a baseline JPEG.
std::string encodeJpeg(const Bitmap& rgb, int quality = 90);

// Pictures as they are kept: what people upload (a phone's photo of 12 or more megapixels) is
// decoded and kept at most this many pixels on its long side, more than any sheet prints.
inline constexpr int kStoredPictureSide = 1600;
// What an upload may hold at most: its pixels decoded take 3 bytes each.
inline constexpr long long kMaxPicturePixels = 40'000'000;

struct StoredPicture {
    std::string type; // "jpg" or "png"
    std::string bytes;
    int width = 0, height = 0;
};

// A picture made ready to keep: decoded, no more than `maxSide` pixels on its long side, and
// encoded again in its own type (nothing else the file held is kept). Throws InputError naming
// `what` when it is no JPEG or PNG or cannot be decoded.
StoredPicture normalisePicture(const std::string& bytes, const std::string& what, int maxSide = kStoredPictureSide);

} // namespace gongshi::renderer
