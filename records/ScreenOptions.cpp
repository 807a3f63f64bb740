#include "records/ScreenOptions.h"

#include "common/Error.h"
#include "common/Parse.h"
#include "common/Utf8.h"
#include "records/QueueCalls.h"

#include <string_view>

namespace gongshi::content {

namespace {
const std::string* option(const ScreenRecord& s, const std::string& key) {
    auto it = s.options.find(key);
    return it == s.options.end() ? nullptr : &it->second;
}

parse::Field field(const std::string& key, const char* label) { return {"options." + key, label}; }

// The comma-separated items of an option, each given to `read`.
template <class F> void eachItem(const std::string& text, F&& read) {
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t comma = text.find(',', from);
        const std::size_t end = comma == std::string::npos ? text.size() : comma;
        read(std::string_view(text).substr(from, end - from));
        if (comma == std::string::npos) break;
        from = comma + 1;
    }
}
} // namespace

std::optional<std::uint16_t> cardAddress(const ScreenRecord& s) {
    const std::string* v = option(s, "card_address");
    if (!v) return std::nullopt;
    return static_cast<std::uint16_t>(parse::wholeInt(*v, field("card_address", "控制卡地址"), 0, 65535));
}

std::optional<int> fixedBrightness(const ScreenRecord& s) {
    const std::string* v = option(s, "brightness");
    if (!v) return std::nullopt;
    return parse::wholeInt(*v, field("brightness", "亮度"), 0, 15);
}

std::vector<BrightnessStep> brightnessSchedule(const ScreenRecord& s) {
    std::vector<BrightnessStep> steps;
    const std::string* v = option(s, "brightness_schedule");
    if (!v) return steps;
    const parse::Field f = field("brightness_schedule", "分时亮度");
    eachItem(*v, [&](std::string_view item) {
        const auto eq = item.find('=');
        if (eq == std::string_view::npos)
            throw ValidationError(f.key, f.label + "“" + std::string(item) + "”应写作“时间=亮度”，如“07:00=15”");
        steps.push_back({parse::clockMinutes(item.substr(0, eq), f), parse::wholeInt(item.substr(eq + 1), f, 0, 15)});
    });
    return steps;
}

std::vector<OnOffWindow> onOffWindows(const ScreenRecord& s) {
    std::vector<OnOffWindow> windows;
    const std::string* v = option(s, "on_off");
    if (!v) return windows;
    const parse::Field f = field("on_off", "定时开关屏");
    eachItem(*v, [&](std::string_view item) {
        const auto dash = item.find('-');
        if (dash == std::string_view::npos)
            throw ValidationError(f.key, f.label + "“" + std::string(item) + "”应写作“开屏时间-关屏时间”，如“07:30-18:00”");
        windows.push_back({parse::clockMinutes(item.substr(0, dash), f), parse::clockMinutes(item.substr(dash + 1), f, true)});
    });
    return windows;
}

std::optional<int> framesPerSecond(const ScreenRecord& s) {
    const std::string* v = option(s, "fps");
    if (!v) return std::nullopt;
    return parse::wholeInt(*v, field("fps", "每秒帧数"), 1, 60);
}

std::set<std::string> tagNames(std::string_view text, const parse::Field& f) {
    std::set<std::string> names;
    eachItem(std::string(text), [&](std::string_view item) {
        const auto first = item.find_first_not_of(" \t");
        const std::string name =
            first == std::string_view::npos ? "" : std::string(item.substr(first, item.find_last_not_of(" \t") - first + 1));
        if (name.empty())
            throw ValidationError(f.key, f.label + "“" + std::string(text) + "”中有空的名称：名称之间用一个英文逗号隔开，如“串口,大厅”");
        if (name.find_first_of("=;") != std::string::npos) throw ValidationError(f.key, f.label + "“" + name + "”不能含有“=”或“;”");
        if (decodeUtf8(name).size() > kTagChars)
            throw ValidationError(f.key, f.label + "“" + name + "”太长：最多" + std::to_string(kTagChars) + "个字");
        names.insert(name);
    });
    return names;
}

std::set<std::string> screenTags(const ScreenRecord& s) {
    const std::string* v = option(s, "tags");
    if (!v) return {};
    return tagNames(*v, field("tags", "标签"));
}

std::optional<int> brightnessAt(const ScreenRecord& s, int minute) {
    const auto steps = brightnessSchedule(s);
    if (steps.empty()) return fixedBrightness(s);
    std::optional<int> level;
    for (const BrightnessStep& step : steps)
        if (step.minute <= minute) level = step.level;
    return level ? level : steps.back().level; // the last level of the day holds from midnight
}

void checkScreenOptions(const ScreenRecord& s) {
    cardAddress(s);
    fixedBrightness(s);
    brightnessSchedule(s);
    onOffWindows(s);
    framesPerSecond(s);
    callsShown(s);
    screenTags(s);
}

} // namespace gongshi::content
