#pragma once
// The options of a screen record that gongshi reads itself, read in one place: when a screen is
// saved (a bad value is a 400 naming `options.<key>`) and when its device is driven. Other options
// go to the screen's protocol as they are (protocols/Protocol.h ScreenSpec::options).
//   card_address          the controller card's address, 0..65535
//   brightness            a fixed level, 0..15
//   brightness_schedule   levels by time of day, "07:00=15,19:00=6" (the last level also holds from
//                         midnight to the first time)
//   on_off                screen on and off times, "07:30-18:00[,...]" (off may be "24:00")
//   fps                   frames a second for frame devices, 1..60
//   calls                 which queue calls it shows: hall, window (default), off (records/QueueCalls.h)
//   tags                  names the screen goes by, "串口,大厅": a server started with `--drive tag=串口`
//                         drives the screens of that tag (delivery/DriveLimit.h)
#include "common/Parse.h"
#include "records/Records.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

namespace gongshi::content {

struct BrightnessStep {
    int minute = 0; // after midnight
    int level = 0;
};

struct OnOffWindow {
    int onMinute = 0, offMinute = 0;
};

// Each throws a ValidationError whose field is "options.<key>" when the option is there but bad;
// nullopt or empty when it is not there.
std::optional<std::uint16_t> cardAddress(const ScreenRecord& s);
std::optional<int> fixedBrightness(const ScreenRecord& s);
std::vector<BrightnessStep> brightnessSchedule(const ScreenRecord& s);
std::vector<OnOffWindow> onOffWindows(const ScreenRecord& s);
std::optional<int> framesPerSecond(const ScreenRecord& s);
std::set<std::string> screenTags(const ScreenRecord& s);

// Tag names separated by commas, each trimmed of spaces, not empty, at most kTagChars characters,
// without '=' or ';' (they separate the parts of `--drive`); a ValidationError naming `f` else.
constexpr std::size_t kTagChars = 32;
std::set<std::string> tagNames(std::string_view text, const parse::Field& f);

// The level at `minute` after midnight: the schedule's, else the fixed level, else nullopt.
std::optional<int> brightnessAt(const ScreenRecord& s, int minute);

// Reads every option above once: the first bad one throws.
void checkScreenOptions(const ScreenRecord& s);

} // namespace gongshi::content
