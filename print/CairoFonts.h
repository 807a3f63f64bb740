#pragma once
// cairo font faces for the print backend, one per font file and face index, made once per process
// and kept for its life (cairo caches scaled fonts past any one document).
//
// They sit on FT_Faces of their own, opened from the same files as the layout's FontChain (so the
// glyph ids are the same): cairo sets the size of the FT_Face it draws with, and the FontChain's
// faces must keep the size HarfBuzz measures them at.
#include <string>

#include <cairo.h>

namespace gongshi::renderer {

// Thread-safe. Throws EnvironmentError when the file cannot be opened.
cairo_font_face_t* cairoFontFace(const std::string& path, int index);

} // namespace gongshi::renderer
