#include "records/RecordTraits.h"

namespace gongshi::content {
namespace {

constexpr int maxScreenSide = 4096;

const Shape<ProgramItem>& itemShape() {
    static const Shape<ProgramItem> shape{
        choice("kind", "类型", &ProgramItem::kind, itemKindNames, itemKindChinese).required(),
        id("record_id", "记录", &ProgramItem::recordId),
        text("text", "文字", &ProgramItem::text, 1000),
    };
    return shape;
}

const Shape<ProgramArea>& areaShape() {
    static const Shape<ProgramArea> shape{
        whole("x", "x", &ProgramArea::x, 0, maxScreenSide),
        whole("y", "y", &ProgramArea::y, 0, maxScreenSide),
        whole("width", "宽", &ProgramArea::width, 0, maxScreenSide),
        whole("height", "高", &ProgramArea::height, 0, maxScreenSide),
        list("items", "内容", &ProgramArea::items, itemShape),
        choice("effect", "效果", &ProgramArea::effect, areaEffectNames, areaEffectChinese),
        whole("speed", "速度", &ProgramArea::speed),
        whole("dwell_seconds", "停留秒数", &ProgramArea::dwellSeconds),
    };
    return shape;
}

const Shape<TimeWindow>& timeShape() {
    static const Shape<TimeWindow> shape{
        clock("start", "开始", &TimeWindow::startMinute, false),
        clock("end", "结束", &TimeWindow::endMinute, true).check([](const TimeWindow& r, const JsonIn&, const parse::Field& f) {
            if (r.endMinute <= r.startMinute) refuse(f, "“" + clockText(r.endMinute) + "”不晚于开始“" + clockText(r.startMinute) + "”");
        }),
    };
    return shape;
}

const Shape<Schedule>& scheduleShape() {
    static const Shape<Schedule> shape{
        date("from", "开始日期", &Schedule::from),
        periodEnd("until", "结束日期", &Schedule::until, &Schedule::from, "开始日期"),
        wholes("weekdays", "星期", &Schedule::weekdays, 1, 7),
        list("times", "时段", &Schedule::times, timeShape),
        flag("working_days_only", "仅工作日", &Schedule::workingDaysOnly),
        whole("priority", "优先级", &Schedule::priority, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()),
    };
    return shape;
}

} // namespace

const Shape<Program>& RecordTraits<Program>::shape() {
    static const Shape<Program> shape = recordShape<Program>({
        id("screen_id", "显示屏", &Program::screenId),
        text("name", "名称", &Program::name),
        list("areas", "区域", &Program::areas, areaShape),
        part("schedule", "播放时间", &Program::schedule, scheduleShape),
    });
    return shape;
}

} // namespace gongshi::content
