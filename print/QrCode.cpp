#include "print/QrCode.h"

#include "common/Error.h"

#include <memory>
#include <string>

#include <qrencode.h>

namespace gongshi::renderer {
namespace {
struct QrFree {
    void operator()(QRcode* q) const { QRcode_free(q); }
};
} // namespace

QrCode encodeQr(std::string_view text) {
    if (text.empty()) throw InputError("a QR code needs some text");
    const std::string data(text);
    std::unique_ptr<QRcode, QrFree> q(
        QRcode_encodeData(static_cast<int>(data.size()), reinterpret_cast<const unsigned char*>(data.data()), 0, QR_ECLEVEL_M));
    if (!q) throw InputError("cannot make a QR code of " + std::to_string(data.size()) + " bytes (too long?)");
    QrCode out;
    out.size = q->width;
    out.dark.resize(static_cast<std::size_t>(q->width) * static_cast<std::size_t>(q->width));
    // Bit 0 of each byte is the module's colour; the other bits say what the module is for.
    for (std::size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = q->data[i] & 1;
    return out;
}

} // namespace gongshi::renderer
