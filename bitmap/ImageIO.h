#pragma once
#include "bitmap/Bitmap.h"

#include <string>

namespace gongshi::renderer {

// PNG through libpng: mono as 1-bit greyscale (lit = white), red-green and rgb as 8-bit RGB.
// dpi > 0 records the resolution in a pHYs chunk. Throws Error on I/O failure.
void writePng(const Bitmap& bitmap, const std::string& path, int dpi = 0);
// The same PNG as bytes in memory (for HTTP answers).
std::string encodePng(const Bitmap& bitmap, int dpi = 0);
// Reads any PNG into an Rgb bitmap. Throws InputError naming the file.
Bitmap readPng(const std::string& path);
// The same from the file's bytes; errors name `what`.
Bitmap decodePng(const std::string& bytes, const std::string& what);
// Netpbm P4: lit pixels (any colour) are 1 (black in PBM viewers' convention).
void writePbm(const Bitmap& bitmap, const std::string& path);

} // namespace gongshi::renderer
