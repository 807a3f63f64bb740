#include "server/PictureLimits.h"

#include "common/Messages.h"
#include "server/HttpError.h"

#include <cmath>

namespace gongshi::server {

void checkPreviewPixels(int width, int height, int scale) {
    const long long w = width, h = height;
    if (w * h > kMaxPreviewPixels)
        throw HttpError(400,
                        msg::pictureTooLarge("宽度（width）" + std::to_string(width) + "、高度（height）" + std::to_string(height), w, h,
                                             kMaxPreviewPixels, "请减小宽度或高度"),
                        "width");
    if (w * h * scale * scale > kMaxPreviewPixels) {
        const int largest = static_cast<int>(std::sqrt(static_cast<double>(kMaxPreviewPixels) / static_cast<double>(w * h)));
        throw HttpError(400,
                        msg::pictureTooLarge("放大倍数（scale）为" + std::to_string(scale), w * scale, h * scale, kMaxPreviewPixels,
                                             "这个尺寸最多放大" + std::to_string(largest) + "倍"),
                        "scale");
    }
}

void checkPrintPagePixels(int width, int height, int dpi) {
    const long long w = width, h = height;
    if (w * h <= kMaxPrintPagePixels) return;
    const int largest = static_cast<int>(dpi * std::sqrt(static_cast<double>(kMaxPrintPagePixels) / static_cast<double>(w * h)));
    throw HttpError(400,
                    msg::pictureTooLarge("每英寸点数（dpi）为" + std::to_string(dpi), w, h, kMaxPrintPagePixels,
                                         "这种纸最多用" + std::to_string(largest) + " dpi"),
                    "dpi");
}

} // namespace gongshi::server
