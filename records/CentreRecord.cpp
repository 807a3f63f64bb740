#include "records/RecordTraits.h"

namespace gongshi::content {

const Shape<Centre>& RecordTraits<Centre>::shape() {
    static const Shape<Centre> shape = recordShape<Centre>({
        choice("kind", "类型", &Centre::kind, centreKindNames).required(),
        text("county", "县（市、区）", &Centre::county),
        text("township", "乡（镇）", &Centre::township),
        text("street", "街道", &Centre::street),
        text("station", "站点地名", &Centre::station),
        text("village", "村（社区）", &Centre::village),
        text("name", "名称", &Centre::name),
        whole("population", "服务人口", &Centre::population),
        flag("ethnic_minority_area", "民族地区", &Centre::ethnicMinorityArea),
        number("hall_area", "大厅面积", &Centre::hallArea, 0),
        whole("grade", "等级", &Centre::grade, 1, 3),
        flag("publishing_needs_approval", "发布须审批", &Centre::publishingNeedsApproval),
        text("complaint_phone", "投诉电话", &Centre::complaintPhone),
        text("review_url", "好差评地址", &Centre::reviewUrl, 500),
    });
    return shape;
}

} // namespace gongshi::content
