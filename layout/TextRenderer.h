#pragma once
// The renderer's front: font chains opened once per profile, layout (with auto-fit), raster.
// One instance per thread (FreeType faces and ICU iterators are not shared between threads).
#include "bitmap/Bitmap.h"
#include "layout/Frames.h"
#include "layout/LayoutEngine.h"
#include "layout/Rasterizer.h"

#include <map>
#include <memory>
#include <string>

namespace gongshi::renderer {

class TextRenderer {
public:
    TextRenderer() = default;

    // `font` is a profile name or "auto": the largest LED profile at which the text fits one
    // page (the smallest one, paged, when none does).
    Layout layout(std::string_view utf8, const std::string& font, const LayoutOptions& options);
    std::vector<Bitmap> renderPages(const Layout& layout, ColorMode mode, Color color);
    Bitmap renderPage(const Layout& layout, std::size_t page, ColorMode mode, Color color);

    fonts::FontChain& chain(const std::string& profile);
    LayoutEngine& engine(const std::string& profile);
    Rasterizer& rasterizer(const std::string& profile);

private:
    struct Profile {
        std::unique_ptr<fonts::FontChain> chain;
        std::unique_ptr<LayoutEngine> engine;
        std::unique_ptr<Rasterizer> rasterizer;
    };
    Profile& open(const std::string& profile);
    std::map<std::string, Profile> profiles_;
};

} // namespace gongshi::renderer
