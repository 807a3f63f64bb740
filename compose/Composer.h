#pragma once
// Composition: records made into what one screen shows, laid out for that screen's size and font.
// The same matter becomes a two-line table row on a 192x64 hall screen and a marquee on a 64x16
// window screen; the result is a list of segments, each a renderer::Layout with its effect.
#include "records/CentreRecords.h"
#include "records/Records.h"
#include "bitmap/Bitmap.h"
#include "bitmap/ClockFace.h"
#include "layout/Layout.h"

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace gongshi::renderer {
class TextRenderer;
}

namespace gongshi::content {

// One thing a screen area plays: pages (static or scrolled up) or a marquee strip (scrolled left).
struct Segment {
    std::string source; // "welcome", "matter-list", "fee-table", "matter 3", "notice 12", "window 2", "text"
    AreaEffect effect = AreaEffect::Static;
    int dwellSeconds = 5; // per page
    int speed = 1;
    int x = 0, y = 0; // the area on the panel
    int width = 0, height = 0;
    std::string font;      // the font profile used (= layout.font)
    renderer::Color color; // what its text is drawn in
    // Pages of the area's size; for effect left one page holding one line, as wide as the text
    // (layout.width is the strip's width, `width` the area's).
    renderer::Layout layout;
    // Pages already drawn at the area's size (a television's, compose/TvComposer; a drawn item such
    // as the 好差评 QR code): when set they are the segment's pages and `layout` is empty.
    std::vector<renderer::Bitmap> pictures;
    // A clock the card keeps itself (bitmap/ClockFace.h); `pictures` is the face at the time composed.
    std::shared_ptr<const renderer::ClockFace> clockFace;
    std::vector<std::string> warnings; // characters no font has, text cut, facts not yet stated
};

struct ComposedProgram {
    int width = 0, height = 0;
    renderer::ColorMode colorMode = renderer::ColorMode::Mono;
    std::vector<Segment> segments;
    std::vector<std::string> warnings; // the segments' and the program's own (records not found)

    std::vector<std::string> allWarnings() const;
};

// Where a composition goes: the whole screen or one program area. No effect lets the
// composition choose (pages, or on a box one line high a marquee for what does not fit); a set
// one is honoured (left: one-line marquees; static, up: pages).
struct Area {
    int x = 0, y = 0, width = 0, height = 0;
    std::optional<AreaEffect> effect;
    int speed = 1;
    int dwellSeconds = 5;
};

class Composer {
public:
    // The screen gives the size, colour mode and font profile ("auto": chosen per box height).
    // Throws InputError for an unknown colour mode or font profile, or a screen without a size.
    Composer(renderer::TextRenderer& renderer, const ScreenRecord& screen);

    const ScreenRecord& screen() const { return screen_; }
    renderer::ColorMode colorMode() const { return mode_; }
    Area screenArea() const;

    // The font for running text in a box this high: the screen's profile if its lines fit the box,
    // else (and for "auto") the largest LED profile giving the box max(1, min(4, height / 16)) lines.
    std::string bodyFont(int boxHeight) const;

    // (5) "<centre name>欢迎您": on a box of several lines centred, in the largest LED font (at least
    // the body font) that shows it on one page broken where the name breaks ("青石镇人民政府" /
    // "便民服务中心欢迎您"), else the largest that fits it at all; on a one-line box static if it
    // fits, else a marquee.
    std::vector<Segment> welcome(const Centre& centre, const Area& area);
    // (1) Every matter: name, then its time limit with the fee set flush right (or below it when
    // both do not fit), packed into pages without splitting a matter that fits a page; a matter
    // taller than a page gets pages of its own, each further one opening with "续：<name>". One-line
    // boxes get a segment per matter: "name：承诺5个工作日，不收费", static if it fits, else a marquee.
    std::vector<Segment> matterList(const std::vector<Matter>& matters, const Area& area);
    std::vector<Segment> matter(const Matter& m, const Area& area);
    // (2) Charged matters only: name with the amount flush right, then the fee basis in the fullest
    // of feeBasisScreenForms that keeps the entry on a page (a warning names each one shortened).
    std::vector<Segment> feeTable(const std::vector<Matter>& matters, const Area& area);
    // (3) "【类别】title：body" scrolling left (the category only where it fits, categoryFits).
    std::vector<Segment> noticeMarquee(const Notice& n, const Area& area);
    // (3) The heading then the body as pages, scrolling up; a marquee on a one-line box.
    std::vector<Segment> notice(const Notice& n, const Area& area);
    // (4) A window in windowScreenGroups order: paused or away, the state first ("暂离　14:30回"),
    // serving, the number first. One-line boxes: the first group (or its first phrase) as a static
    // page, then the rest scrolling left; marquee areas: all of it in that order; larger boxes:
    // centred pages, a group's phrases sharing rows.
    std::vector<Segment> windowStatus(const Window& w, const std::vector<Staff>& staff, const std::set<Id>& absentStaff, const Area& area);
    std::vector<Segment> text(const std::string& text, const Area& area);
    // The wall-clock time clock items show (set by whoever composes for a moment; else midnight).
    void setTime(int minute, int second) {
        minute_ = minute;
        second_ = second;
    }
    // A clock item: `pattern` (compose/ItemPictures clockText) at `today` and the time set, centred;
    // source "clock". On a screen whose card keeps a clock (rules/keepsOwnClock) the card's clock
    // face (cardClockFace) drawn at that time, with the face in Segment::clockFace; where the card
    // cannot keep the pattern, the text and a warning saying why.
    std::vector<Segment> clock(const std::string& pattern, const Date& today, const Area& area, std::vector<std::string>& warnings);
    // A countdown item: the days from `today` to `target`, centred; nothing and a warning once past.
    std::vector<Segment> countdown(const Date& target, bool noticePeriod, const Date& today, const Area& area,
                                   std::vector<std::string>& warnings);
    // The centre's 好差评 QR code at whole modules; nothing and a warning without an address or room.
    std::vector<Segment> reviewQr(const Centre& centre, const Area& area, std::vector<std::string>& warnings);
    // An uploaded picture (its file under `dataDir`) as large as the area takes it, its proportions
    // kept, centred, in the panel's colours (bitmap/Dither); source "image ID". Nothing and a
    // warning for an area under 4x4 or a file that cannot be read.
    std::vector<Segment> image(const Picture& picture, const std::string& dataDir, const Area& area, std::vector<std::string>& warnings);
    // An emergency broadcast: the text centred in red (where the screen has red), as pages, or a
    // marquee on a one-line box.
    std::vector<Segment> broadcast(const std::string& text, const Area& area);
    // Queue calls ("请 A012 号到 3 号窗口"), newest first, in green (where the screen has green):
    // on a box of several lines one call a line, as many at once as it holds, centred; on a
    // one-line box each call static if it fits, else a marquee.
    std::vector<Segment> queueCall(const std::vector<std::string>& calls, const Area& area);

    // For a screen nobody has set up: the welcome line, the notices published on `today`, then the
    // matter list, each over the whole screen.
    ComposedProgram defaultProgram(const ComposeRecords& records, const Date& today);
    // A program record: each area's items, in order, at the area's position, with its effect,
    // speed and dwell. Items naming records that do not exist are left out with a warning.
    ComposedProgram program(const Program& program, const ComposeRecords& records, const Date& today);
    // One composition over the whole screen, for previews: "welcome", "matter-list", "fee-table",
    // "notices" (those published on `today`), "window:ID". Throws InputError for anything else.
    ComposedProgram preview(std::string_view what, const ComposeRecords& records, const Date& today);

private:
    int minute_ = 0, second_ = 0;
    struct Box;
    Box boxFor(const Area& area) const;
    // A notice's 【类别】 only where a line of the box holds kCategoryMinCharsPerLine characters.
    bool categoryFits(const Box& box) const;
    Segment segmentFor(const Box& box, std::string source) const;
    Segment marqueeOrFit(const Box& box, std::string source, const std::string& text, const std::string& font);
    Segment marquee(const Box& box, std::string source, const std::string& text, const std::string& font);
    Segment pages(const Box& box, std::string source, const std::string& text, const std::string& font, renderer::Align align,
                  renderer::VAlign valign);
    int measure(const std::string& text, const std::string& font);
    void noteLayout(Segment& s) const;
    // The notices published on `today`, each over `area`, after `out`, until the area holds more
    // pages than it shows.
    void addNotices(std::vector<Segment>& out, const ComposeRecords& records, const Date& today, const Area& area);
    std::vector<Segment> itemSegments(const ProgramItem& item, const ComposeRecords& records, const Date& today, const Area& area,
                                      std::vector<std::string>& warnings);

    renderer::TextRenderer& renderer_;
    ScreenRecord screen_;
    renderer::ColorMode mode_;
};

// Each area of `program` handed to `compose` after the checks every screen makes: an area without
// a size is left out and one reaching outside a `width` x `height` screen warned of (as "区域N", in
// `out`); an InputError composing one area (too low for any font) is a warning, the others kept.
void composeAreas(const Program& program, int width, int height, ComposedProgram& out,
                  const std::function<void(const ProgramArea& area)>& compose);

// The pages of a segment as bitmaps in `mode` (area-sized; a marquee gives its one strip).
std::vector<renderer::Bitmap> renderSegment(renderer::TextRenderer& renderer, const Segment& segment, renderer::ColorMode mode);

} // namespace gongshi::content
