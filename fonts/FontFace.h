#pragma once
// One font face opened through FreeType at one pixel size, with its HarfBuzz font.
#include "fonts/FontProfile.h"

#include <cstdint>
#include <memory>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

namespace gongshi::fonts {

// RAII for FT_Library. Not thread-safe: a FontChain and everything it opens belong to one thread.
class FreeTypeLibrary {
public:
    FreeTypeLibrary();
    ~FreeTypeLibrary();
    FreeTypeLibrary(const FreeTypeLibrary&) = delete;
    FreeTypeLibrary& operator=(const FreeTypeLibrary&) = delete;
    FT_Library get() const { return lib_; }

private:
    FT_Library lib_ = nullptr;
};

class FontFace {
public:
    FontFace(FT_Library lib, const FaceSpec& spec, int pixelSize, RenderMode mode);
    ~FontFace();
    FontFace(const FontFace&) = delete;
    FontFace& operator=(const FontFace&) = delete;

    const FaceSpec& spec() const { return spec_; }
    const std::string& path() const { return path_; }
    FT_Face ft() const { return face_; }
    hb_font_t* hb() const { return hb_; }
    // Unique per opened face, for glyph caches.
    std::uint32_t id() const { return id_; }
    int pixelSize() const { return pixelSize_; }
    // FreeType load flags matching the render mode (also used by HarfBuzz for advances).
    int loadFlags() const { return loadFlags_; }
    bool isBitmapStrike() const { return strike_; }
    // 1-bit glyphs from this face are grey renderings cut at a threshold (outline faces on LED
    // profiles) rather than FreeType's mono rasteriser (bitmap strikes).
    bool monoByThreshold() const { return monoThreshold_; }
    static constexpr int kMonoThreshold = 110;

    bool has(char32_t cp) const { return FT_Get_Char_Index(face_, cp) != 0; }
    // Baseline position in pixels from the top of a row pixelSize high, chosen so that this
    // face's ideographs sit centred in the row (fallback faces then line up with the first).
    int baseline() const { return baseline_; }
    // Whether the face has the OpenType `halt` feature (half-width punctuation).
    bool hasHalt() const { return hasHalt_; }

private:
    FaceSpec spec_;
    std::string path_;
    FT_Face face_ = nullptr;
    hb_font_t* hb_ = nullptr;
    std::uint32_t id_ = 0;
    int pixelSize_ = 0;
    int loadFlags_ = 0;
    int baseline_ = 0;
    bool strike_ = false;
    bool monoThreshold_ = false;
    bool hasHalt_ = false;
};

} // namespace gongshi::fonts
