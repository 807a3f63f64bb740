#pragma once
// Records made into a television's pictures (a screen with protocol "web", rules/isTelevision):
// laid out for the screen's own size with the print fonts (anti-aliased Noto CJK through cairo,
// print/PrintDocument), in full colour. The result is a ComposedProgram like an LED panel's, whose
// segments carry their pages already drawn (Segment::pictures), so the scheduler, the previews,
// the live view and the web player take it as they take any other.
//
// The television's own layout (no program): a header with the centre's name and a clock (time,
// date, weekday, drawn at composition; the scheduler composes a television again every minute),
// the matter list as a table (事项名称 | 承诺时限 | 收费), the windows' statuses, the notices in
// their period, and the complaint telephone in a footer. Each part cycles its pages on its own.
// A program on a television keeps its areas: each area's items are drawn in this style at the
// area's size, one after another; its pages flip (a marquee or an upward scroll is drawn as pages:
// the web player gets whole pictures, not moving text). Emergency broadcasts and urgent notices
// take the whole screen under the header.
#include "compose/Composer.h"
#include "compose/ScreenPlan.h"
#include "rules/WhatPlays.h"

#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace gongshi::content {

// The pages one area of a television cycles through at most: each is kept as full-colour pixels
// (a 1200 x 880 table page is 3 MB), and twenty pages at ten seconds is over three minutes.
inline constexpr std::size_t kTvMaxAreaPages = 20;
// How long a television's page stays, without a program saying otherwise.
inline constexpr int kTvDwellSeconds = 10;

class TvComposer {
public:
    // `at`: the moment the header's clock shows. Throws InputError for a screen without a size.
    TvComposer(const ScreenRecord& screen, const LocalTime& at);

    Area screenArea() const;

    // The centre's name on the left, the time, date and weekday on the right.
    std::vector<Segment> header(const Centre& centre, const Area& area);
    // The complaint telephone (nothing when the centre has none).
    std::vector<Segment> footer(const Centre& centre, const Area& area);
    // 事项名称 | 承诺时限 | 收费, rows packed into pages, a matter never split.
    std::vector<Segment> matterTable(const std::vector<Matter>& matters, const Area& area);
    // 事项名称 | 收费 | 收费依据, charged matters only.
    std::vector<Segment> feeTable(const std::vector<Matter>& matters, const Area& area);
    // One matter: its name, time limit, fee and fee basis.
    std::vector<Segment> matter(const Matter& m, const Area& area);
    // Title and body; a notice longer than a page runs on with its title marked （续）.
    std::vector<Segment> notices(const std::vector<const Notice*>& notices, const Area& area);
    // Number, business and state (在岗, 暂停服务, 暂离 14:30回) of each window.
    std::vector<Segment> windows(const std::vector<const Window*>& windows, const std::vector<Staff>& staff,
                                 const std::set<Id>& absentStaff, const Area& area);
    // "<centre name>欢迎您", as large as the area takes it.
    std::vector<Segment> welcome(const Centre& centre, const Area& area);
    // Text as large as the area takes it, centred.
    std::vector<Segment> text(const std::string& text, const Area& area);
    // An emergency broadcast: white on red, as large as the area takes it.
    std::vector<Segment> broadcast(const std::string& text, const Area& area);

    // The television's own layout (see above).
    ComposedProgram defaultProgram(const ComposeRecords& records, const Date& today);
    // The default layout's parts other than the header (what does not change with the minute).
    ComposedProgram body(const ComposeRecords& records, const Date& today);
    // A program's areas, each item in this style at its area's size.
    ComposedProgram program(const Program& program, const ComposeRecords& records, const Date& today);
    // The header, then `text` over the rest of the screen.
    ComposedProgram broadcastProgram(const Centre& centre, const std::string& text);
    // The header, then the urgent notices over the rest of the screen.
    ComposedProgram urgentProgram(const ComposeRecords& records, const std::vector<Id>& urgent);
    // Where the header ends: the default layout's areas below it.
    int headerHeight() const;

private:
    ComposedProgram empty() const;
    std::vector<Segment> itemSegments(const ProgramItem& item, const ComposeRecords& records, const Date& today, const Area& area,
                                      std::vector<std::string>& warnings);

    ScreenRecord screen_;
    LocalTime at_;
    double unit_; // pixels per pixel of a 1920 x 1080 design
};

// composeChoice for a television. The default layout's body is kept between minutes (only the
// header's clock is drawn again) until what it is made from changes.
ScreenPlan composeTelevision(const ScreenRecord& screen, const ScreenChoice& choice, const ComposeRecords& records);

} // namespace gongshi::content
