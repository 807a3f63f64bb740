#pragma once
// Pictures made for the print tests: a staff photo drawn in code (a face-like oval on a blue
// ground, the same every run) as JPEG or PNG bytes.
#include "bitmap/Bitmap.h"

#include <string>

namespace gongshi::test {

renderer::Bitmap portrait(int width, int height);
std::string portraitPng(int width, int height);
std::string portraitJpeg(int width, int height, int quality = 90);

} // namespace gongshi::test
