// Programs beyond their field table: the check every save passes (areas on the screen and apart,
// contents that exist and belong to the screen's centre), the lists the program editor offers,
// and a screen's week as the scheduler sees it (rules/WhatPlays, minute by minute).
#include "common/Error.h"
#include "common/Messages.h"
#include "common/Parse.h"
#include "compose/ItemPictures.h"
#include "protocols/Protocol.h"
#include "records/Pictures.h"
#include "records/RecordShape.h"
#include "records/RecordStore.h"
#include "rules/WhatPlays.h"
#include "rules/WorkingDays.h"
#include "server/ApiContext.h"
#include "server/CentreScope.h"
#include "server/HttpError.h"
#include "server/ProgramRoutes.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <chrono>
#include <vector>
#include <optional>
#include <string>

namespace gongshi::server {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr newObject() { return new Object(Poco::JSON_PRESERVE_KEY_ORDER); }

// What the cards take: bx-k counts speed 0..0x18 (we say 1..25), and every card counts a page's
// dwell in half seconds in one byte.
constexpr int kSlowestSpeed = 25;
constexpr int kLongestDwell = 127;

std::string indexed(const std::string& name, std::size_t i) { return name + "[" + std::to_string(i) + "]"; }

std::string kindChinese(content::ItemKind kind) {
    for (const auto& [k, name] : content::itemKindChinese())
        if (k == kind) return std::string(name);
    return std::string(content::itemKindName(kind));
}

// The record an item of `kind` names, or none: its record type's Chinese name and collection.
struct ItemRecord {
    const char* label;
    const char* collection;
};
std::optional<ItemRecord> recordOf(content::ItemKind kind) {
    switch (kind) {
    case content::ItemKind::Matter:
        return ItemRecord{"事项", "matters"};
    case content::ItemKind::Notice:
    case content::ItemKind::Countdown: // naming a notice is optional: the end of its period
        return ItemRecord{"公告", "notices"};
    case content::ItemKind::Window:
        return ItemRecord{"窗口", "windows"};
    default:
        return std::nullopt;
    }
}

// The centre of record `id` of the item's kind, or nullopt when there is no such record.
std::optional<content::Id> centreOfItem(ApiContext& ctx, content::ItemKind kind, content::Id id) {
    auto centre = [](const auto& r) -> std::optional<content::Id> {
        if (!r) return std::nullopt;
        return r->centreId;
    };
    switch (kind) {
    case content::ItemKind::Matter:
        return centre(content::RecordStore<content::Matter>(ctx.db).find(id));
    case content::ItemKind::Notice:
    case content::ItemKind::Countdown:
        return centre(content::RecordStore<content::Notice>(ctx.db).find(id));
    case content::ItemKind::Window:
        return centre(content::RecordStore<content::Window>(ctx.db).find(id));
    default:
        return std::nullopt;
    }
}

Object::Ptr option(const std::string& value, const std::string& label) {
    Object::Ptr o = newObject();
    o->set("value", value);
    o->set("label", label);
    return o;
}

Object::Ptr option(int value, const std::string& label) {
    Object::Ptr o = newObject();
    o->set("value", value);
    o->set("label", label);
    return o;
}

Object::Ptr programOptions() {
    Object::Ptr out = newObject();
    Array::Ptr kinds = new Array;
    for (const auto& [kind, label] : content::itemKindChinese()) {
        Object::Ptr o = option(std::string(content::itemKindName(kind)), std::string(label));
        // A countdown's date is typed; naming a notice instead is for the API.
        const auto record = kind == content::ItemKind::Countdown ? std::nullopt : recordOf(kind);
        o->set("record", record                             ? Poco::Dynamic::Var(std::string(record->collection))
                         : kind == content::ItemKind::Image ? Poco::Dynamic::Var(std::string("pictures"))
                                                            : Poco::Dynamic::Var());
        o->set("text", kind == content::ItemKind::Text || kind == content::ItemKind::Clock || kind == content::ItemKind::Countdown);
        if (kind == content::ItemKind::Clock)
            o->set("placeholder", std::string("时钟格式，如 yyyy年M月d日 EEEE HH:mm，农历写在 [U年MMMd] 中；空着为 HH:mm"));
        else if (kind == content::ItemKind::Countdown)
            o->set("placeholder", std::string("截止日期 YYYY-MM-DD"));
        kinds->add(o);
    }
    out->set("item_kinds", kinds);
    Array::Ptr effects = new Array;
    for (const auto& [effect, label] : content::areaEffectChinese())
        effects->add(option(std::string(content::areaEffectName(effect)), std::string(label)));
    out->set("effects", effects);
    Array::Ptr speeds = new Array;
    const std::pair<int, const char*> speedNames[] = {{1, "最快"}, {2, "快"},    {4, "中等"},
                                                      {8, "慢"},   {16, "很慢"}, {kSlowestSpeed, "最慢"}};
    for (const auto& [value, label] : speedNames) speeds->add(option(value, label));
    out->set("speeds", speeds);
    Array::Ptr dwells = new Array;
    for (int s : {2, 3, 5, 8, 10, 15, 20, 30, 60, 120}) dwells->add(option(s, std::to_string(s) + " 秒"));
    out->set("dwells", dwells);
    Array::Ptr weekdays = new Array;
    const char* names[] = {"一", "二", "三", "四", "五", "六", "日"};
    for (int d = 1; d <= 7; ++d) weekdays->add(option(d, std::string("星期") + names[d - 1]));
    out->set("weekdays", weekdays);
    out->set("slowest_speed", kSlowestSpeed);
    out->set("longest_dwell", kLongestDwell);
    return out;
}

// Monday of the week of `day`.
std::chrono::sys_days mondayOf(std::chrono::sys_days day) {
    const unsigned wd = std::chrono::weekday(day).iso_encoding();
    return day - std::chrono::days(wd - 1);
}

Object::Ptr weekOf(ApiContext& ctx, const content::ScreenRecord& screen, const std::string& fromText) {
    std::chrono::sys_days from;
    try {
        from = content::parseDate(fromText);
    } catch (const ValidationError&) {
        throw ValidationError("from", msg::weekFromDate(fromText));
    }
    const std::vector<content::Program> programs = content::RecordStore<content::Program>(ctx.db).all(screen.meta.id);
    const content::WorkingDays calendar = content::WorkingDays::load(ctx.db);
    Array::Ptr days = new Array;
    for (int d = 0; d < 7; ++d) {
        const content::Date date = content::formatDate(from + std::chrono::days(d));
        Object::Ptr day = newObject();
        day->set("date", date);
        day->set("weekday", content::localTimeAt(date, 0).weekday);
        day->set("working", calendar.isWorkingDay(date));
        if (const auto* listed = calendar.listed(date)) {
            day->set("listed", listed->working ? "make-up" : "holiday");
            day->set("name", listed->name);
        } else {
            day->set("listed", "");
            day->set("name", "");
        }
        // Minute by minute through the one rule the screens follow; a span per run of one program.
        Array::Ptr spans = new Array;
        content::Id current = -1;
        int start = 0;
        std::string name;
        auto close = [&](int end) {
            if (current < 0) return;
            Object::Ptr span = newObject();
            span->set("start", content::clockText(start));
            span->set("end", content::clockText(end));
            span->set("start_minute", start);
            span->set("end_minute", end);
            span->set("program_id", current);
            span->set("program", name);
            spans->add(span);
        };
        for (int minute = 0; minute < 24 * 60; ++minute) {
            const auto chosen = content::chooseProgram(programs, content::localTimeAt(date, minute), calendar);
            const content::Id id = chosen ? chosen->meta.id : 0;
            if (id == current) continue;
            close(minute);
            current = id;
            start = minute;
            name = chosen ? chosen->name : "默认节目";
        }
        close(24 * 60);
        day->set("spans", spans);
        days->add(day);
    }
    Object::Ptr out = newObject();
    out->set("screen_id", screen.meta.id);
    out->set("from", content::formatDate(from));
    out->set("until", content::formatDate(from + std::chrono::days(6)));
    out->set("days", days);
    return out;
}

} // namespace

void checkProgram(ApiContext& ctx, const content::Program& p) {
    const auto screen = content::RecordStore<content::ScreenRecord>(ctx.db).find(p.screenId);
    if (!screen) return; // the owner's own check names it
    // Frame devices draw areas one over another; the cards keep areas side by side.
    const bool overlapAllowed = protocols::deviceKindOf(screen->protocol) != protocols::DeviceKind::Card;
    for (std::size_t i = 0; i < p.areas.size(); ++i) {
        const content::ProgramArea& a = p.areas[i];
        const std::string key = indexed("areas", i), label = indexed("区域", i);
        if (a.width <= 0 || a.height <= 0)
            throw ValidationError(key + (a.width <= 0 ? ".width" : ".height"), msg::areaNoSize(label, a.width, a.height));
        if (a.x + a.width > screen->width || a.y + a.height > screen->height) {
            const std::string field =
                a.x + a.width > screen->width ? (a.x >= screen->width ? ".x" : ".width") : (a.y >= screen->height ? ".y" : ".height");
            throw ValidationError(key + field, msg::areaOffScreen(label, a.x, a.y, a.width, a.height, screen->width, screen->height));
        }
        if (!overlapAllowed)
            for (std::size_t j = 0; j < i; ++j) {
                const content::ProgramArea& b = p.areas[j];
                if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
                    throw ValidationError(key, msg::areasOverlap(label, indexed("区域", j)));
            }
        if (a.speed < 1 || a.speed > kSlowestSpeed)
            throw ValidationError(key + ".speed", msg::areaSpeedRange(label, a.speed, kSlowestSpeed));
        if (a.dwellSeconds < 1 || a.dwellSeconds > kLongestDwell)
            throw ValidationError(key + ".dwell_seconds", msg::areaDwellRange(label, a.dwellSeconds, kLongestDwell));
        if (a.items.empty()) throw ValidationError(key + ".items", msg::areaEmpty(label));
        for (std::size_t k = 0; k < a.items.size(); ++k) {
            const content::ProgramItem& item = a.items[k];
            const std::string itemKey = key + "." + indexed("items", k), itemLabel = label + "." + indexed("内容", k);
            if (item.kind == content::ItemKind::Text) {
                if (item.text.find_first_not_of(" \t\r\n") == std::string::npos)
                    throw ValidationError(itemKey + ".text", msg::itemNeedsText(itemLabel));
                continue;
            }
            if (item.kind == content::ItemKind::Clock) {
                try {
                    (void)content::clockText(item.text, "2026-01-01", 0, 0);
                } catch (const ValidationError& e) {
                    throw ValidationError(itemKey + ".text", msg::clockPatternRefused(itemLabel, e.what()));
                }
                continue;
            }
            if (item.kind == content::ItemKind::Countdown && item.recordId == 0) {
                if (!parse::tryDate(item.text)) throw ValidationError(itemKey + ".text", msg::countdownNeedsDate(itemLabel, item.text));
                continue;
            }
            if (item.kind == content::ItemKind::ReviewQr) {
                const auto centre = content::RecordStore<content::Centre>(ctx.db).find(screen->centreId);
                if (!centre || centre->reviewUrl.empty()) throw ValidationError(itemKey + ".kind", msg::reviewQrWithoutAddress(itemLabel));
                continue;
            }
            if (item.kind == content::ItemKind::Image) {
                // Pictures belong to no centre: any uploaded one may show.
                if (item.recordId == 0)
                    throw ValidationError(itemKey + ".record_id", msg::itemNeedsRecord(itemLabel, kindChinese(item.kind), "图片"));
                if (!content::findPicture(ctx.db, item.recordId))
                    throw ValidationError(itemKey + ".record_id", msg::itemRecordMissing(itemLabel, "已上传的图片", item.recordId));
                continue;
            }
            const auto record = recordOf(item.kind);
            if (!record) continue;
            if (item.recordId == 0)
                throw ValidationError(itemKey + ".record_id", msg::itemNeedsRecord(itemLabel, kindChinese(item.kind), record->label));
            const auto centre = centreOfItem(ctx, item.kind, item.recordId);
            if (!centre) throw ValidationError(itemKey + ".record_id", msg::itemRecordMissing(itemLabel, record->label, item.recordId));
            if (*centre != screen->centreId)
                throw ValidationError(itemKey + ".record_id", msg::itemRecordElsewhere(itemLabel, record->label, item.recordId));
        }
    }
}

void addProgramRoutes(ApiContext& ctx) {
    ctx.router.add("GET", "/api/program-options", Access::Editor,
                   "What a program's areas may hold: item kinds, effects, speeds, dwells and weekdays, with their Chinese names",
                   [](Exchange& ex) { ex.reply(programOptions()); });
    ctx.router.add("GET", "/api/screens/{id}/week", Access::Editor,
                   "Which program the screen plays when, for the 7 days from `from` (default: this week's Monday), with the "
                   "calendar's holidays and make-up days",
                   [&ctx](Exchange& ex) {
                       const content::ScreenRecord screen = getRecord<content::ScreenRecord>(ctx.db, ex, ex.id());
                       std::string from = ex.query("from");
                       if (from.empty()) from = content::formatDate(mondayOf(content::parseDate(ctx.today())));
                       ex.reply(weekOf(ctx, screen, from));
                   });
}

} // namespace gongshi::server
