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

} // namespace gongshi::renderer
