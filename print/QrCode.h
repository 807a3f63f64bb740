#pragma once
// QR codes through libqrencode: the module matrix, drawn by whoever needs it (the print backend
// as vector squares).
#include <cstdint>
#include <string_view>
#include <vector>

namespace gongshi::renderer {

struct QrCode {
    int size = 0;                   // modules a side, without the quiet zone
    std::vector<std::uint8_t> dark; // size * size, row by row, 1 = dark

    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)] != 0; }
    static constexpr int kQuietZone = 4; // modules of light margin each side the standard asks for
};

// Encodes `text` as bytes (UTF-8 as is) at error correction level M, in the smallest version that
// holds it. Throws InputError for empty text or text too long for a QR code.
QrCode encodeQr(std::string_view text);

} // namespace gongshi::renderer
