#include "delivery/CardFontDrawer.h"

#include "layout/TextRenderer.h"

#include <algorithm>
#include <memory>
#include <mutex>

namespace gongshi::delivery {

renderer::Bitmap drawInCardFont(renderer::TextRenderer& r, const std::string& utf8, int width, int height, renderer::ColorMode mode,
                                renderer::Color color, protocols::HAlign align) {
    renderer::LayoutOptions o;
    o.width = width;
    o.height = std::max(height, r.chain("led16").pixelSize());
    o.align = align == protocols::HAlign::Center  ? renderer::Align::Center
              : align == protocols::HAlign::Right ? renderer::Align::Right
                                                  : renderer::Align::Left;
    const renderer::Layout layout = r.layout(utf8, "led16", o);
    return r.renderPage(layout, 0, mode, color).crop(0, 0, width, height);
}

protocols::TextDrawer cardFontDrawer() {
    struct Shared {
        std::mutex mutex;
        std::unique_ptr<renderer::TextRenderer> renderer;
    };
    static Shared shared;
    return [](const std::string& text, int width, int height, renderer::ColorMode mode, renderer::Color color, protocols::HAlign align) {
        std::lock_guard lock(shared.mutex);
        if (!shared.renderer) shared.renderer = std::make_unique<renderer::TextRenderer>();
        return drawInCardFont(*shared.renderer, text, width, height, mode, color, align);
    };
}

} // namespace gongshi::delivery
