#pragma once
// Pictures records point at (staff photos: JPEG or PNG, as the API stores them) decoded into an
// Rgb bitmap for print.
#include "bitmap/Bitmap.h"

#include <string>

namespace gongshi::renderer {

// Decodes a JPEG or PNG file's bytes (told apart by their signature). Throws InputError naming
// `what` for anything else or a damaged file.
Bitmap decodeImage(const std::string& bytes, const std::string& what);

} // namespace gongshi::renderer
