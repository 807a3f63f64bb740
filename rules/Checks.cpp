#include "rules/Checks.h"

#include "common/Error.h"
#include "records/CentreNaming.h"
#include "rules/Wording.h"
#include "records/Database.h"
#include "records/RecordStore.h"
#include "common/Messages.h"
#include "fonts/FontProfile.h"
#include "layout/TextRenderer.h"
#include "common/Utf8.h"

#include <Poco/JSON/Array.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace gongshi::content {
namespace {

Finding error(std::string kind, std::string record, Id id, std::string field, std::string message) {
    return {"error", std::move(kind), std::move(record), id, std::move(field), std::move(message)};
}

Finding warning(std::string kind, std::string record, Id id, std::string field, std::string message) {
    return {"warning", std::move(kind), std::move(record), id, std::move(field), std::move(message)};
}

std::string quoted(const std::string& s) { return "“" + s + "”"; }

std::string number(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

template <class T> const T* byId(const std::vector<T>& records, Id id) {
    for (const auto& r : records)
        if (r.meta.id == id) return &r;
    return nullptr;
}

std::string gradeName(int grade) {
    static const char* names[] = {"一级", "二级", "三级"};
    return grade >= 1 && grade <= 3 ? names[grade - 1] : std::to_string(grade) + "级";
}

// ---- screens -----------------------------------------------------------------------------------

// One text a screen shows, from one field of one record.
struct Shown {
    std::string record;
    Id id = 0;
    std::string field;
    std::string label; // "员工“张三”的姓名"
    std::string text;
};

class ShownTexts {
public:
    void add(std::string record, Id id, std::string field, std::string label, const std::string& text) {
        if (isBlankText(text)) return;
        if (!seen_.insert({record, id, field}).second) return;
        items_.push_back({std::move(record), id, std::move(field), std::move(label), text});
    }
    const std::vector<Shown>& items() const { return items_; }

private:
    std::set<std::tuple<std::string, Id, std::string>> seen_;
    std::vector<Shown> items_;
};

void addMatter(ShownTexts& out, const Matter& m, bool withBasis) {
    const std::string who = "事项" + quoted(m.name);
    out.add("matter", m.meta.id, "name", who + "的名称", m.name);
    for (std::size_t i = 0; i < m.fees.size(); ++i) {
        const std::string at = "fees[" + std::to_string(i) + "].";
        out.add("matter", m.meta.id, at + "name", who + "的收费项目", m.fees[i].name);
        out.add("matter", m.meta.id, at + "unit", who + "的收费单位", m.fees[i].unit);
    }
    if (withBasis) out.add("matter", m.meta.id, "fee_basis", who + "的收费依据", m.feeBasis);
}

void addNotice(ShownTexts& out, const Notice& n) {
    const std::string who = "公告" + quoted(n.title);
    out.add("notice", n.meta.id, "title", who + "的标题", n.title);
    out.add("notice", n.meta.id, "body", who + "的正文", n.body);
}

void addWindow(ShownTexts& out, const Window& w, const CheckRecords& records) {
    const std::string who = windowLabel(w);
    out.add("window", w.meta.id, "number", who + "的编号", w.number);
    out.add("window", w.meta.id, "business", who + "的业务名称", w.business);
    out.add("window", w.meta.id, "away.where", who + "的去向留言", w.away.where);
    out.add("window", w.meta.id, "away.why", who + "的去向留言", w.away.why);
    out.add("window", w.meta.id, "away.back_at", who + "的去向留言", w.away.backAt);
    out.add("window", w.meta.id, "away.phone", who + "的去向留言", w.away.phone);
    for (Id post : {w.postA, w.postB})
        if (const Staff* s = byId(records.staff, post)) out.add("staff", s->meta.id, "name", "员工" + quoted(s->name) + "的姓名", s->name);
}

// Every text the programs of `screen` show.
ShownTexts shownOn(const ScreenRecord& screen, const CheckRecords& records) {
    ShownTexts out;
    for (const auto& p : records.programs) {
        if (p.screenId != screen.meta.id) continue;
        for (std::size_t a = 0; a < p.areas.size(); ++a) {
            for (std::size_t i = 0; i < p.areas[a].items.size(); ++i) {
                const ProgramItem& item = p.areas[a].items[i];
                if (item.kind == ItemKind::Matter) {
                    if (const Matter* m = byId(records.matters, item.recordId)) addMatter(out, *m, false);
                } else if (item.kind == ItemKind::MatterList || item.kind == ItemKind::FeeTable) {
                    const bool fees = item.kind == ItemKind::FeeTable;
                    for (const auto& m : records.matters)
                        if (m.centreId == screen.centreId && (!fees || charged(m))) addMatter(out, m, fees);
                } else if (item.kind == ItemKind::Notice) {
                    if (const Notice* n = byId(records.notices, item.recordId)) addNotice(out, *n);
                } else if (item.kind == ItemKind::NoticeList) {
                    for (const auto& n : records.notices)
                        if (n.centreId == screen.centreId) addNotice(out, n);
                } else if (item.kind == ItemKind::Window) {
                    if (const Window* w = byId(records.windows, item.recordId)) addWindow(out, *w, records);
                } else if (item.kind == ItemKind::Centre) {
                    if (const Centre* c = byId(records.centres, screen.centreId))
                        out.add("centre", c->meta.id, "name", "中心名称", c->name);
                } else if (item.kind == ItemKind::Text) {
                    out.add("program", p.meta.id, "areas[" + std::to_string(a) + "].items[" + std::to_string(i) + "].text",
                            "节目" + quoted(p.name) + "的文字", item.text);
                }
            }
        }
    }
    return out;
}

// "U+2A6D7（𪛗）、U+…": the code points and the characters themselves, for a person to find them.
std::string characterList(const std::set<char32_t>& missing) {
    std::string list;
    for (char32_t cp : missing) {
        std::string ch;
        appendUtf8(ch, cp);
        list += (list.empty() ? "" : "、") + codePointName(cp) + "（" + ch + "）";
    }
    return list;
}

std::string screenLabel(const ScreenRecord& s) { return "屏幕" + quoted(s.name); }

// The profiles a screen may draw with: its own, or under "auto" every LED profile.
std::vector<std::string> screenFonts(const ScreenRecord& s) {
    std::vector<std::string> out;
    if (s.fontProfile == "auto") {
        for (const auto* p : fonts::ledProfilesLargestFirst()) out.push_back(p->name);
    } else {
        out.push_back(fonts::profileByName(s.fontProfile).name);
    }
    return out;
}

void checkGlyphs(const ScreenRecord& screen, const std::vector<std::string>& fontNames, const ShownTexts& shown,
                 renderer::TextRenderer& renderer, std::vector<Finding>& out) {
    for (const Shown& s : shown.items()) {
        std::set<char32_t> missing;
        try {
            for (const auto& font : fontNames) {
                // Coverage does not depend on the box: one marquee line of the font's own height.
                renderer::LayoutOptions o;
                o.width = std::max(screen.width, 1);
                o.height = fonts::profileByName(font).pixelSize;
                o.marquee = true;
                renderer::Layout layout = renderer.layout(s.text, font, o);
                missing.insert(layout.missing.begin(), layout.missing.end());
            }
        } catch (const InputError& e) { // only invalid UTF-8 gets here
            out.push_back(error("text-invalid-utf8", s.record, s.id, s.field,
                                s.label + "含有无法识别的文字编码（" + e.what() + "），请重新输入这段文字。"));
            continue;
        }
        if (missing.empty()) continue;
        const std::string list = characterList(missing);
        out.push_back(error("screen-missing-glyphs", s.record, s.id, s.field,
                            screenLabel(screen) + "（字体" + screen.fontProfile + "）显示不了" + s.label + "中的字符 " + list +
                                "，屏上会显示为方框。请为这些字补充点阵字模，或为该屏换用含这些字的字体。"));
    }
}

// A short field on a static area must fit one page: otherwise it flips between pieces of itself.
void checkStaticFit(const ScreenRecord& screen, const CheckRecords& records, renderer::TextRenderer& renderer, std::vector<Finding>& out) {
    for (const auto& p : records.programs) {
        if (p.screenId != screen.meta.id) continue;
        for (std::size_t a = 0; a < p.areas.size(); ++a) {
            const ProgramArea& area = p.areas[a];
            if (area.effect != AreaEffect::Static || area.width <= 0 || area.height <= 0) continue;
            const std::string where = screenLabel(screen) + "的节目" + quoted(p.name) + "第" + std::to_string(a + 1) + "个区域（" +
                                      std::to_string(area.width) + "×" + std::to_string(area.height) + "像素，静止显示）";
            for (std::size_t i = 0; i < area.items.size(); ++i) {
                const ProgramItem& item = area.items[i];
                std::string text, what;
                if (item.kind == ItemKind::Window) {
                    const Window* w = byId(records.windows, item.recordId);
                    if (!w) continue;
                    std::vector<std::string> all;
                    for (const auto& group : windowStatusPhrases(*w, records.staff, {})) all.insert(all.end(), group.begin(), group.end());
                    text = joinPhrases(all);
                    what = windowLabel(*w) + "的状态";
                } else if (item.kind == ItemKind::Centre) {
                    const Centre* c = byId(records.centres, screen.centreId);
                    if (!c) continue;
                    text = welcomeText(*c);
                    what = "欢迎语";
                } else {
                    continue;
                }
                const std::string field = "areas[" + std::to_string(a) + "].items[" + std::to_string(i) + "]";
                try {
                    decodeUtf8(text);
                } catch (const InputError&) { // reported as text-invalid-utf8; the area is not to blame
                    continue;
                }
                renderer::LayoutOptions o;
                o.width = area.width;
                o.height = area.height;
                o.align = renderer::Align::Center;
                renderer::Layout layout;
                try {
                    layout = renderer.layout(text, screen.fontProfile, o);
                } catch (const InputError&) { // the box is lower than one line of the font
                    out.push_back(warning("area-text-overflow", "program", p.meta.id, field,
                                          where + "放不下一行" +
                                              (screen.fontProfile == "auto" ? std::string("最小的led12") : screen.fontProfile) +
                                              "字体的文字，" + what + "无法显示。请加高区域或为该屏换用小一号的字体。"));
                    continue;
                }
                if (layout.pages.size() > 1)
                    out.push_back(warning("area-text-overflow", "program", p.meta.id, field,
                                          where + "放不下" + what + quoted(text) + "，要分" + std::to_string(layout.pages.size()) +
                                              "屏翻页显示。请把该区域改为左移滚动，或加大区域、缩短文字。"));
            }
        }
    }
}

} // namespace

CheckRecords loadCheckRecords(Database& db) {
    CheckRecords r;
    r.centres = RecordStore<Centre>(db).all();
    r.windows = RecordStore<Window>(db).all();
    r.staff = RecordStore<Staff>(db).all();
    r.matters = RecordStore<Matter>(db).all();
    r.notices = RecordStore<Notice>(db).all();
    r.screens = RecordStore<ScreenRecord>(db).all();
    r.programs = RecordStore<Program>(db).all();
    return r;
}

std::vector<Finding> checkCentre(const Centre& c) {
    std::vector<Finding> out;
    const Id id = c.meta.id;
    const std::string who = c.name.empty() ? "便民服务中心（编号" + std::to_string(id) + "）" : quoted(c.name);
    try {
        const std::string expected = standardCentreName(c);
        if (c.name != expected)
            out.push_back(error("centre-name-nonstandard", "centre", id, "name",
                                c.name.empty()
                                    ? "便民服务中心名称未填写，按名称规范（附件1）应为" + quoted(expected) + "，请填写。"
                                    : msg::centreNameNotStandard(c.name, expected) + "，请更正（标识牌、屏幕和公示栏一并更正）。"));
    } catch (const ValidationError& e) {
        out.push_back(
            error("centre-place-name", "centre", id, e.field(), who + "：" + e.what() + "，否则无法按名称规范（附件1）核对名称。"));
    }
    if (hallAreaStandardApplies(c.kind)) {
        if (c.hallArea <= 0 || c.population <= 0) {
            out.push_back(warning("centre-hall-area-unknown", "centre", id, c.hallArea <= 0 ? "hall_area" : "population",
                                  who + "未填写" + std::string(c.hallArea <= 0 ? "大厅面积" : "服务人口") +
                                      "，无法对照大厅面积标准（附件2）核对，请补充。"));
        } else {
            try {
                const int least = minimumHallArea(c.population, c.grade, c.ethnicMinorityArea);
                if (c.hallArea < least)
                    out.push_back(warning("centre-hall-area-small", "centre", id, "hall_area",
                                          who + "大厅面积" + number(c.hallArea) + "平方米，低于大厅面积标准（附件2）对服务人口" +
                                              std::to_string(c.population) + "人、" + gradeName(c.grade) + "标准" +
                                              (c.ethnicMinorityArea && c.population < 15000 ? "（民族地区）" : "") + "要求的不少于" +
                                              std::to_string(least) + "平方米，请扩大大厅或核对人口和等级。"));
            } catch (const ValidationError& e) {
                out.push_back(
                    warning("centre-hall-area-unknown", "centre", id, e.field(), who + "的等级应为1、2或3，无法核对大厅面积，请更正。"));
            }
        }
    }
    return out;
}

std::vector<Finding> checkMatter(const Matter& m) {
    std::vector<Finding> out;
    const Id id = m.meta.id;
    const std::string who = "事项" + quoted(m.name);
    if (m.materials.empty()) out.push_back(error("matter-no-materials", "matter", id, "materials", who + "没有列出申请材料，请补充。"));
    if (!m.statutoryDays && !m.promisedDays)
        out.push_back(error("matter-no-time-limit", "matter", id, "promised_days",
                            who + "既没有法定办结时限，也没有承诺办结时限，请至少填写承诺办结时限（工作日数，当场办结填0）。"));
    else if (!m.promisedDays)
        out.push_back(error("matter-no-promised-limit", "matter", id, "promised_days",
                            who + "没有填写承诺办结时限，请补充（工作日数，当场办结填0，不得超过法定时限" +
                                std::to_string(*m.statutoryDays) + "个工作日）。"));
    else if (!m.statutoryDays)
        out.push_back(warning("matter-no-statutory-limit", "matter", id, "statutory_days",
                              who + "没有填写法定办结时限。请按办事指南补充；法律法规没有规定时限的，可不填。"));
    else if (*m.promisedDays > *m.statutoryDays)
        out.push_back(error("matter-promise-exceeds-statute", "matter", id, "promised_days",
                            who + "的承诺办结时限" + std::to_string(*m.promisedDays) + "个工作日长于法定办结时限" +
                                std::to_string(*m.statutoryDays) + "个工作日，承诺时限不得超过法定时限，请更正。"));
    if (!m.free && m.fees.empty())
        out.push_back(error("matter-fee-unstated", "matter", id, "fee", who + "的收费标准未填写，不收费请明确填写‘不收费’。"));
    if (feeBasisMissing(m))
        out.push_back(
            error("matter-fee-no-basis", "matter", id, "fee_basis", who + "收费，但没有填写收费依据，请补充收费依据（文件名称和文号）。"));
    return out;
}

std::vector<Finding> checkNotices(const CheckRecords& records, const WorkingDays& calendar, const Date& today) {
    const auto day = parseDate(today);
    std::map<Id, const ScreenRecord*> screens;
    for (const auto& s : records.screens) screens[s.meta.id] = &s;

    std::vector<Finding> out;
    // What the screens show of an expired notice: nothing. A notice list (and the default program)
    // shows only notices in their period (Wording's publishedOn, as the composer asks), so an
    // expired one has simply left it; a program item naming the notice itself shows nothing either,
    // and that empty item is what a person should remove.
    for (const auto& p : records.programs) {
        auto s = screens.find(p.screenId);
        if (s == screens.end()) continue;
        for (std::size_t a = 0; a < p.areas.size(); ++a)
            for (std::size_t i = 0; i < p.areas[a].items.size(); ++i) {
                const ProgramItem& item = p.areas[a].items[i];
                if (item.kind != ItemKind::Notice) continue;
                const Notice* n = byId(records.notices, item.recordId);
                if (!n || n->publishUntil.empty() || !(parseDate(n->publishUntil) < day)) continue;
                out.push_back(warning("program-notice-expired", "program", p.meta.id,
                                      "areas[" + std::to_string(a) + "].items[" + std::to_string(i) + "].record_id",
                                      screenLabel(*s->second) + "的节目" + quoted(p.name) + "第" + std::to_string(a + 1) + "个区域第" +
                                          std::to_string(i + 1) + "项是公告" + quoted(n->title) + "，其公示期已于" + n->publishUntil +
                                          "结束，屏上这一项已不再显示。请从节目中移除这一项；如需继续公示，请延长该公告的公示期。"));
            }
    }
    for (const Notice& n : records.notices) {
        const std::string who = "公告" + quoted(n.title);
        if (!n.publishFrom.empty() && !n.meta.changedAt.empty()) {
            const Date made = dateOfTimestamp(n.meta.changedAt);
            int gap = 0;
            try {
                gap = calendar.workingDaysBetween(made, n.publishFrom);
            } catch (const InputError&) {
                continue; // a timestamp not written by the store: nothing to measure from
            }
            if (gap > kPublishWithinWorkingDays)
                out.push_back(warning("notice-published-late", "notice", n.meta.id, "publish_from",
                                      who + "于" + made + "制作或修改，公示却从" + n.publishFrom + "开始，相隔" + std::to_string(gap) +
                                          "个工作日，超过《政府信息公开条例》第二十六条要求的" + std::to_string(kPublishWithinWorkingDays) +
                                          "个工作日。请提前公示开始日期。"));
        }
    }
    return out;
}

std::vector<Finding> checkScreens(const CheckRecords& records, renderer::TextRenderer& renderer) {
    std::vector<Finding> out;
    for (const ScreenRecord& screen : records.screens) {
        std::vector<std::string> fontNames;
        try {
            fontNames = screenFonts(screen);
        } catch (const InputError&) {
            std::string known;
            for (const auto& p : fonts::allProfiles()) known += (known.empty() ? "" : "、") + p.name;
            out.push_back(error("screen-font-unknown", "screen", screen.meta.id, "font_profile",
                                screenLabel(screen) + "的字体" + quoted(screen.fontProfile) + "不存在，请选用" + known + "或auto。"));
            continue;
        }
        checkGlyphs(screen, fontNames, shownOn(screen, records), renderer, out);
        checkStaticFit(screen, records, renderer, out);
    }
    return out;
}

std::vector<Finding> checkPrint(const CheckRecords& records, renderer::TextRenderer& renderer) {
    ShownTexts printed;
    for (const auto& c : records.centres) printed.add("centre", c.meta.id, "name", "中心名称", c.name);
    for (const auto& m : records.matters) {
        addMatter(printed, m, true);
        const std::string who = "事项" + quoted(m.name);
        for (std::size_t i = 0; i < m.materials.size(); ++i)
            printed.add("matter", m.meta.id, "materials[" + std::to_string(i) + "].name", who + "的申请材料", m.materials[i].name);
        printed.add("matter", m.meta.id, "legal_basis", who + "的设定依据", m.legalBasis);
    }
    for (const auto& n : records.notices) addNotice(printed, n);
    for (const auto& s : records.staff) {
        const std::string who = "员工" + quoted(s.name);
        printed.add("staff", s.meta.id, "name", who + "的姓名", s.name);
        printed.add("staff", s.meta.id, "unit", who + "的单位", s.unit);
        printed.add("staff", s.meta.id, "position", who + "的职务", s.position);
    }
    std::vector<Finding> out;
    for (const Shown& s : printed.items()) {
        std::set<char32_t> missing;
        try {
            renderer::LayoutOptions o;
            o.width = 4096;
            o.height = fonts::profileByName("print-sans").pixelSize;
            o.marquee = true;
            const renderer::Layout layout = renderer.layout(s.text, "print-sans", o);
            missing.insert(layout.missing.begin(), layout.missing.end());
        } catch (const InputError&) {
            continue; // not UTF-8: reported for screens as text-invalid-utf8 where shown
        }
        if (missing.empty()) continue;
        const std::string list = characterList(missing);
        out.push_back(error("print-missing-glyphs", s.record, s.id, s.field,
                            "打印用字体（Noto CJK、花园明朝）中没有" + s.label + "里的字符 " + list +
                                "，公示栏、办事指南和岗位牌上会印成方框。请核对用字，或改用通用规范汉字。"));
    }
    return out;
}

std::vector<Finding> runChecks(const CheckRecords& records, const WorkingDays& calendar, const Date& today,
                               renderer::TextRenderer& renderer) {
    parseDate(today);
    std::vector<Finding> out;
    auto add = [&](std::vector<Finding> more) {
        for (auto& f : more) out.push_back(std::move(f));
    };
    for (const auto& c : records.centres) add(checkCentre(c));
    for (const auto& m : records.matters) add(checkMatter(m));
    add(checkNotices(records, calendar, today));
    add(checkScreens(records, renderer));
    add(checkPrint(records, renderer));
    // Errors first, then warnings, then notes; within each the order above.
    auto rank = [](const Finding& f) { return f.severity == "error" ? 0 : f.severity == "warning" ? 1 : 2; };
    std::stable_sort(out.begin(), out.end(), [&](const Finding& a, const Finding& b) { return rank(a) < rank(b); });
    return out;
}

std::vector<Finding> runChecks(Database& db, const Date& today) {
    parseDate(today);
    const CheckRecords records = loadCheckRecords(db);
    const WorkingDays calendar = WorkingDays::load(db);
    renderer::TextRenderer renderer;
    return runChecks(records, calendar, today, renderer);
}

Poco::JSON::Object::Ptr toJson(const Finding& f) {
    Poco::JSON::Object::Ptr o = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("severity", f.severity);
    o->set("kind", f.kind);
    o->set("record", f.record);
    o->set("id", f.id);
    o->set("field", f.field);
    o->set("message", f.message);
    return o;
}

Poco::JSON::Object::Ptr findingsJson(const std::vector<Finding>& findings) {
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const auto& f : findings) list->add(toJson(f));
    Poco::JSON::Object::Ptr root = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    root->set("findings", list);
    return root;
}

} // namespace gongshi::content
