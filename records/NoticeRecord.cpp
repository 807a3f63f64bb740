#include "records/RecordTraits.h"

namespace gongshi::content {

const Shape<Notice>& RecordTraits<Notice>::shape() {
    static const Shape<Notice> shape = recordShape<Notice>({
        id("centre_id", "中心", &Notice::centreId),
        choice("category", "类别", &Notice::category, noticeCategoryNames).required(),
        requiredText("title", "标题", &Notice::title),
        text("body", "正文", &Notice::body, 5000),
        date("publish_from", "公示开始", &Notice::publishFrom),
        periodEnd("publish_until", "公示结束", &Notice::publishUntil, &Notice::publishFrom, "公示开始"),
        flag("urgent", "紧急", &Notice::urgent),
    });
    return shape;
}

} // namespace gongshi::content
