#pragma once
// Which screens a server may drive when several share one database (`gongshi serve --drive`, the
// config key `drive`, and the form kept in `instances.drives` for the other servers to read):
//   centre=3,7            the screens of centres 3 and 7
//   tag=串口,大厅          the screens tagged 串口 or 大厅 (the screen option `tags`)
//   centre=3;tag=串口      both: centre 3's screens tagged 串口
// Empty: no limit, every screen the limited servers alive leave.
#include "records/Records.h"

#include <set>
#include <string>

namespace gongshi::delivery {

struct DriveLimit {
    std::set<content::Id> centres; // empty: any centre
    std::set<std::string> tags;    // empty: any screen; else one with at least one of them

    bool empty() const { return centres.empty() && tags.empty(); }
    bool usesTags() const { return !tags.empty(); }
    bool matches(content::Id centre, const std::set<std::string>& screenTags) const;
    // Throws a ValidationError when the screen's `tags` option is bad.
    bool matches(const content::ScreenRecord& screen) const;
    // "centre=3,7;tag=串口", centres and tags in order: one limit, one text; "" without a limit.
    std::string text() const;
    // The inverse of text(), from what a person typed: InputError in Chinese naming the bad part.
    static DriveLimit parse(const std::string& text);

    bool operator==(const DriveLimit&) const = default;
};

} // namespace gongshi::delivery
