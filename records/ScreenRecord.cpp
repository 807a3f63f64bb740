#include "records/RecordTraits.h"
#include "records/ScreenOptions.h"

namespace gongshi::content {
namespace {
constexpr int maxScreenSide = 4096;
}

const Shape<ScreenRecord>& RecordTraits<ScreenRecord>::shape() {
    static const Shape<ScreenRecord> shape = recordShape<ScreenRecord>({
        id("centre_id", "中心", &ScreenRecord::centreId),
        requiredText("name", "名称", &ScreenRecord::name),
        text("location", "位置", &ScreenRecord::location),
        whole("width", "宽", &ScreenRecord::width, 1, maxScreenSide).required(),
        whole("height", "高", &ScreenRecord::height, 1, maxScreenSide).required(),
        oneOf("color", "色彩", &ScreenRecord::color, {"mono", "red-green", "rgb"}),
        text("font_profile", "字体", &ScreenRecord::fontProfile),
        text("protocol", "协议", &ScreenRecord::protocol),
        text("address", "地址", &ScreenRecord::address, 500),
        // The options gongshi reads itself are checked on save, not first when the screen is driven.
        textMap("options", "选项", &ScreenRecord::options).check([](const ScreenRecord& r, const JsonIn&, const parse::Field&) {
            checkScreenOptions(r);
        }),
    });
    return shape;
}

} // namespace gongshi::content
