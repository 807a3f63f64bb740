#pragma once
// The one pixel currency of the product: what the renderer draws, protocols encode, the emulator
// decodes and previews show.
//
// Mono and RedGreen store 1-bit planes, rows packed MSB = leftmost pixel, 1 = lit; RedGreen holds
// the red plane then the green plane (both lit = yellow). Rgb stores 3 bytes per pixel.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gongshi::renderer {

enum class ColorMode { Mono, RedGreen, Rgb };

ColorMode parseColorMode(std::string_view name); // "mono", "red-green", "rgb"; throws InputError
const char* colorModeName(ColorMode mode);

struct Color {
    std::uint8_t r = 0, g = 0, b = 0;
    static constexpr Color black() { return {0, 0, 0}; }
    static constexpr Color white() { return {255, 255, 255}; }
    static constexpr Color red() { return {255, 0, 0}; }
    static constexpr Color green() { return {0, 255, 0}; }
    static constexpr Color yellow() { return {255, 255, 0}; }
    bool isBlack() const { return r == 0 && g == 0 && b == 0; }
    friend bool operator==(const Color&, const Color&) = default;
};

// "red", "green", "yellow", "white", "#RRGGBB"; throws InputError.
Color parseColor(std::string_view name);

class Bitmap {
public:
    Bitmap() = default;
    Bitmap(int width, int height, ColorMode mode);

    int width() const { return width_; }
    int height() const { return height_; }
    ColorMode mode() const { return mode_; }
    int planes() const { return mode_ == ColorMode::RedGreen ? 2 : 1; }
    // Bytes per row of one plane.
    int stride() const { return stride_; }
    const std::uint8_t* row(int plane, int y) const;
    std::uint8_t* row(int plane, int y);
    const std::vector<std::uint8_t>& bytes() const { return data_; }

    bool lit(int x, int y) const;
    // The colour a viewer sees: mono lit pixels are white, red-green are red, green or yellow.
    Color pixel(int x, int y) const;
    void setPixel(int x, int y, Color c);
    void fill(Color c);
    // Draws an 8-bit coverage mask with its top-left at (x, y), clipped to the bitmap. 1-bit modes
    // light pixels with coverage >= 128; Rgb blends.
    void drawMask(const std::uint8_t* mask, int maskWidth, int maskHeight, int x, int y, Color c);
    // Draws a packed 1-bit mask (MSB = left, `bitStride` bytes a row) with its top-left at (x, y),
    // clipped: whole bytes shifted into place on 1-bit panels.
    void drawBits(const std::uint8_t* bits, int bitStride, int maskWidth, int maskHeight, int x, int y, Color c);
    // Copies `src` (same mode) with its top-left at (x, y), clipped.
    void blit(const Bitmap& src, int x, int y);
    Bitmap crop(int x, int y, int width, int height) const;
    Bitmap toRgb() const;
    // The same picture in another colour mode: 1-bit modes light what is at least half bright
    // in the channel they show (any channel for mono).
    Bitmap convert(ColorMode mode) const;
    std::size_t litCount() const;

    friend bool operator==(const Bitmap& a, const Bitmap& b) {
        return a.width_ == b.width_ && a.height_ == b.height_ && a.mode_ == b.mode_ && a.data_ == b.data_;
    }

private:
    int width_ = 0;
    int height_ = 0;
    ColorMode mode_ = ColorMode::Mono;
    int stride_ = 0;
    std::vector<std::uint8_t> data_;
};

} // namespace gongshi::renderer
