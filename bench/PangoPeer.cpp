#include "bench/PangoPeer.h"

#include <pango/pangocairo.h>

namespace gongshi::bench {

struct PangoPeer::Impl {
    PangoFontMap* fontMap = nullptr;
    PangoContext* context = nullptr;
    PangoFontDescription* font = nullptr;
    int width = 0, height = 0;
};

PangoPeer::PangoPeer(const std::string& family, int pixelSize, int width, int height) : impl_(new Impl) {
    impl_->fontMap = pango_cairo_font_map_new();
    impl_->context = pango_font_map_create_context(impl_->fontMap);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT);
    pango_cairo_context_set_font_options(impl_->context, options);
    cairo_font_options_destroy(options);
    pango_context_set_language(impl_->context, pango_language_from_string("zh-cn"));
    impl_->font = pango_font_description_from_string(family.c_str());
    pango_font_description_set_absolute_size(impl_->font, pixelSize * PANGO_SCALE);
    impl_->width = width;
    impl_->height = height;
}

PangoPeer::~PangoPeer() {
    pango_font_description_free(impl_->font);
    g_object_unref(impl_->context);
    g_object_unref(impl_->fontMap);
    delete impl_;
}

long PangoPeer::render(const std::string& paragraph) {
    PangoLayout* layout = pango_layout_new(impl_->context);
    pango_layout_set_font_description(layout, impl_->font);
    pango_layout_set_width(layout, impl_->width * PANGO_SCALE);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, paragraph.c_str(), static_cast<int>(paragraph.size()));
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout, &w, &h);
    // All pages stacked in one surface: the same pixels the LED pages hold.
    int pages = (h + impl_->height - 1) / impl_->height;
    if (pages < 1) pages = 1;
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, impl_->width, pages * impl_->height);
    cairo_t* cr = cairo_create(surface);
    pango_cairo_show_layout(cr, layout);
    cairo_surface_flush(surface);
    long lit = 0;
    const unsigned char* data = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    std::vector<unsigned char> bits(static_cast<std::size_t>((impl_->width + 7) / 8));
    for (int y = 0; y < pages * impl_->height; ++y) {
        std::fill(bits.begin(), bits.end(), 0);
        for (int x = 0; x < impl_->width; ++x)
            if (data[y * stride + x] >= 128) {
                bits[static_cast<std::size_t>(x >> 3)] |= static_cast<unsigned char>(0x80 >> (x & 7));
                ++lit;
            }
    }
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    g_object_unref(layout);
    return lit;
}

} // namespace gongshi::bench
