#include "records/RecordTraits.h"

namespace gongshi::content {

const Shape<Staff>& RecordTraits<Staff>::shape() {
    static const Shape<Staff> shape = recordShape<Staff>({
        id("centre_id", "中心", &Staff::centreId),
        text("unit", "单位", &Staff::unit),
        requiredText("name", "姓名", &Staff::name),
        text("position", "职务", &Staff::position),
        phone("phone", "电话", &Staff::phone),
        text("photo", "照片", &Staff::photo),
        flag("party_member", "党员", &Staff::partyMember),
    });
    return shape;
}

} // namespace gongshi::content
