#include "fonts/FontFace.h"

#include "common/Error.h"

#include <atomic>
#include <cmath>
#include <cstdlib>

#include <hb-ft.h>
#include <hb-ot.h>

namespace gongshi::fonts {
namespace {
std::atomic<std::uint32_t> nextFaceId{1};
}

FreeTypeLibrary::FreeTypeLibrary() {
    if (FT_Init_FreeType(&lib_) != 0) throw EnvironmentError("FreeType could not be initialised");
}

FreeTypeLibrary::~FreeTypeLibrary() { FT_Done_FreeType(lib_); }

FontFace::FontFace(FT_Library lib, const FaceSpec& spec, int pixelSize, RenderMode mode)
    : spec_(spec), path_(locateFontFile(spec)), id_(nextFaceId++), pixelSize_(pixelSize) {
    if (FT_New_Face(lib, path_.c_str(), spec.index, &face_) != 0)
        throw EnvironmentError("cannot open font " + path_ + " face " + std::to_string(spec.index) + "; reinstall the Debian package " +
                               spec.package);
    FT_Select_Charmap(face_, FT_ENCODING_UNICODE);

    // Prefer an embedded strike of exactly this size: hand-tuned pixels beat hinted outlines.
    int strikeIndex = -1;
    for (int i = 0; i < face_->num_fixed_sizes; ++i)
        if ((face_->available_sizes[i].y_ppem + 32) / 64 == pixelSize) strikeIndex = i;
    if (strikeIndex >= 0) {
        FT_Select_Size(face_, strikeIndex);
        strike_ = true;
    } else if (FT_IS_SCALABLE(face_)) {
        FT_Set_Pixel_Sizes(face_, 0, static_cast<FT_UInt>(pixelSize));
    } else {
        FT_Done_Face(face_);
        throw EnvironmentError("font " + path_ + " is a bitmap font without a " + std::to_string(pixelSize) + " px strike");
    }
    // Outline faces on LED panels: FreeType's own 1-bit rasteriser drops thin CJK strokes (seen
    // with Noto Sans CJK at 24 px), so outlines are drawn light-hinted in grey and thresholded.
    monoThreshold_ = mode == RenderMode::Mono && !strike_;
    loadFlags_ = (mode == RenderMode::Mono && strike_) ? (FT_LOAD_TARGET_MONO | FT_LOAD_MONOCHROME) : FT_LOAD_TARGET_LIGHT;

    hb_ = hb_ft_font_create_referenced(face_);
    hb_ft_font_set_load_flags(hb_, loadFlags_);

    hb_face_t* hbFace = hb_font_get_face(hb_);
    hb_tag_t tags[256];
    unsigned count = 256;
    hb_ot_layout_table_get_feature_tags(hbFace, HB_OT_TAG_GPOS, 0, &count, tags);
    for (unsigned i = 0; i < count; ++i) hasHalt_ = hasHalt_ || tags[i] == HB_TAG('h', 'a', 'l', 't');

    // Centre the ideographs of this face in a row pixelSize high.
    FT_UInt probe = 0;
    for (char32_t cp : {U'中', U'国', U'一'})
        if ((probe = FT_Get_Char_Index(face_, cp)) != 0) break;
    if (probe != 0 && FT_Load_Glyph(face_, probe, loadFlags_) == 0) {
        const FT_Glyph_Metrics& m = face_->glyph->metrics;
        int top = static_cast<int>(std::lround(m.horiBearingY / 64.0));
        int height = static_cast<int>(std::lround(m.height / 64.0));
        baseline_ = (pixelSize - height) / 2 + top;
    } else if (FT_IS_SCALABLE(face_)) {
        double asc = face_->ascender, desc = -face_->descender;
        baseline_ = static_cast<int>(std::lround(pixelSize * asc / (asc + desc)));
    } else {
        baseline_ = static_cast<int>(face_->size->metrics.ascender / 64);
    }
}

FontFace::~FontFace() {
    // The HarfBuzz font took its own reference to the FT_Face; drop both.
    hb_font_destroy(hb_);
    FT_Done_Face(face_);
}

} // namespace gongshi::fonts
