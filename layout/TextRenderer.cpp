#include "layout/TextRenderer.h"

#include "common/Error.h"
#include "common/Utf8.h"

namespace gongshi::renderer {

TextRenderer::Profile& TextRenderer::open(const std::string& name) {
    auto it = profiles_.find(name);
    if (it != profiles_.end()) return it->second;
    const fonts::FontProfile& profile = fonts::profileByName(name);
    Profile p;
    p.chain = std::make_unique<fonts::FontChain>(profile);
    p.engine = std::make_unique<LayoutEngine>(*p.chain);
    p.rasterizer = std::make_unique<Rasterizer>(*p.chain);
    return profiles_.emplace(name, std::move(p)).first->second;
}

fonts::FontChain& TextRenderer::chain(const std::string& profile) { return *open(profile).chain; }
LayoutEngine& TextRenderer::engine(const std::string& profile) { return *open(profile).engine; }
Rasterizer& TextRenderer::rasterizer(const std::string& profile) { return *open(profile).rasterizer; }

Layout TextRenderer::layout(std::string_view utf8, const std::string& font, const LayoutOptions& options) {
    if (font != "auto") return engine(font).layout(utf8, options);
    std::u32string text = decodeUtf8(utf8);
    std::vector<const fonts::FontProfile*> candidates;
    for (const auto* p : fonts::ledProfilesLargestFirst())
        if (p->pixelSize <= options.height) candidates.push_back(p);
    if (candidates.empty()) throw InputError("a " + std::to_string(options.height) + " px high box is lower than the smallest LED font");
    Layout last;
    for (const auto* p : candidates) {
        last = engine(p->name).layout(text, options);
        if (last.pages.size() == 1) return last;
    }
    return last;
}

Bitmap TextRenderer::renderPage(const Layout& layout, std::size_t page, ColorMode mode, Color color) {
    return rasterizer(layout.font).renderPage(layout, page, mode, color);
}

std::vector<Bitmap> TextRenderer::renderPages(const Layout& layout, ColorMode mode, Color color) {
    std::vector<Bitmap> pages;
    for (std::size_t p = 0; p < layout.pages.size(); ++p) pages.push_back(renderPage(layout, p, mode, color));
    return pages;
}

} // namespace gongshi::renderer
