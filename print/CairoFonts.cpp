#include "print/CairoFonts.h"

#include "common/Error.h"

#include <map>
#include <mutex>
#include <utility>

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H

namespace gongshi::renderer {

cairo_font_face_t* cairoFontFace(const std::string& path, int index) {
    static std::mutex mutex;
    static FT_Library library = nullptr; // for the process's life, like the faces below
    static std::map<std::pair<std::string, int>, cairo_font_face_t*> faces;

    std::lock_guard lock(mutex);
    auto key = std::make_pair(path, index);
    if (auto it = faces.find(key); it != faces.end()) return it->second;
    if (!library && FT_Init_FreeType(&library) != 0) throw EnvironmentError("FreeType could not be initialised");
    FT_Face face = nullptr;
    if (FT_New_Face(library, path.c_str(), index, &face) != 0)
        throw EnvironmentError("cannot open font " + path + " face " + std::to_string(index) + " for printing");
    // Outlines as designed: print positions come from the layout, not from hinting.
    cairo_font_face_t* cf = cairo_ft_font_face_create_for_ft_face(face, FT_LOAD_NO_HINTING);
    if (cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS)
        throw EnvironmentError("cairo cannot use font " + path + ": " + cairo_status_to_string(cairo_font_face_status(cf)));
    faces.emplace(key, cf);
    return cf;
}

} // namespace gongshi::renderer
