#include "records/RecordTraits.h"

namespace gongshi::content {
namespace {

const Shape<AwayMessage>& awayShape() {
    static const Shape<AwayMessage> shape{
        text("where", "去向", &AwayMessage::where),
        text("why", "事由", &AwayMessage::why),
        clockTime("back_at", "预计返回", &AwayMessage::backAt),
        phone("phone", "电话", &AwayMessage::phone),
    };
    return shape;
}

} // namespace

const Shape<Window>& RecordTraits<Window>::shape() {
    static const Shape<Window> shape = recordShape<Window>({
        id("centre_id", "中心", &Window::centreId),
        requiredText("number", "窗口号", &Window::number),
        text("business", "业务", &Window::business),
        id("post_a", "A岗", &Window::postA),
        id("post_b", "B岗", &Window::postB),
        choice("status", "状态", &Window::status, windowStatusNames),
        part("away", "外出", &Window::away, awayShape),
    });
    return shape;
}

} // namespace gongshi::content
