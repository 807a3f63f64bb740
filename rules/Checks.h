#pragma once
// Checks of what a centre publishes against the province's standard and the open-government
// regulation: each problem is a Finding a staff member can act on (Chinese message), naming the
// record and the field to fix. Errors are what the standard requires and is missing or wrong;
// warnings are what a person should look at.
//
// The checks and their kinds:
//   matter-no-materials        error    a matter lists no application materials
//   matter-no-time-limit       error    neither a statutory nor a promised time limit
//   matter-no-promised-limit   error    a statutory limit but no promised one (promised_days)
//   matter-no-statutory-limit  warning  a promised limit but no statutory one: many matters have
//                                        none in law (即办件), so a person should look, no more
//   matter-promise-exceeds-statute error the promised limit is longer than the statutory one
//   matter-fee-unstated        error    neither "free" nor any fee given
//   matter-fee-no-basis        error    fees charged without their basis (fee_basis)
//   program-notice-expired     warning  a program item of kind "notice" names a notice whose
//                                        publish_until is before today: the screen shows nothing
//                                        for it (a notice list hides expired notices by itself, so
//                                        it is no finding); the finding names the item's record_id
//   notice-published-late      warning  publish_from more than 20 working days after the date of
//                                        meta.changedAt (政府信息公开条例 Art. 26)
//   centre-name-nonstandard    error    the name differs from Attachment 1's form
//   centre-place-name          error    a place name Attachment 1's form needs is missing or lacks
//                                        its ending (乡/镇, 县/市/区, 街道, 村, 社区)
//   centre-hall-area-small     warning  hall area below Attachment 2's least area (township and
//                                        street centres only: Attachment 2 is for 便民服务中心)
//   centre-hall-area-unknown   warning  such a centre without its hall area or population (0)
//   screen-font-unknown        error    a screen names a font profile that does not exist
//   screen-missing-glyphs      error    a text a screen shows has characters its font profile
//                                        cannot draw (laid out with renderer::TextRenderer; "auto"
//                                        checks every LED profile, as any may be chosen)
//   text-invalid-utf8          error    a text a screen shows is not valid UTF-8
//   print-missing-glyphs       error    a text the printed sheets carry (centre name, a matter's
//                                        name, materials, fees, bases; notices; staff names, units,
//                                        positions) has characters the print fonts cannot draw
//   area-text-overflow         warning  a short field (a window's status, a centre's welcome line)
//                                        in an area whose effect is "static" needs more than one
//                                        page at the area's size in the screen's font, so it
//                                        flips between pieces; or the area is lower than one line
//
// The texts a screen shows, per item kind: matter, matter-list (every matter of the centre): name
// and fees; fee-table: the charged matters' name, fees and fee basis; notice, notice-list (every
// notice of the centre): title and body; window: number, business, away message and the names of
// its A and B posts (staff records); centre: the centre's name; text: the item's own text.
#include "records/Records.h"
#include "rules/WorkingDays.h"

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

namespace gongshi::renderer {
class TextRenderer;
}

namespace gongshi::content {

class Database;

struct Finding {
    std::string severity; // "error", "warning" or "info"
    std::string kind;     // "matter-no-materials", ...
    std::string record;   // "matter", "notice", "centre", "staff", "window", "screen", "program"
    Id id = 0;
    std::string field;   // as the API spells it: "fee_basis", "materials", "areas[0].items[1].text"
    std::string message; // Chinese, says what to do

    bool isError() const { return severity == "error"; }
};

// Every record of a data directory, as plain values.
struct CheckRecords {
    std::vector<Centre> centres;
    std::vector<Window> windows;
    std::vector<Staff> staff;
    std::vector<Matter> matters;
    std::vector<Notice> notices;
    std::vector<ScreenRecord> screens;
    std::vector<Program> programs;
};

CheckRecords loadCheckRecords(Database& db);

// A notice counts as late when published more than this many working days after it was made.
constexpr int kPublishWithinWorkingDays = 20;

std::vector<Finding> checkCentre(const Centre& c);
std::vector<Finding> checkMatter(const Matter& m);
// Program items naming an expired notice, and notices published late (in working days of
// `calendar`, which WorkingDays::load gives with the shipped holidays); `today` is "YYYY-MM-DD".
std::vector<Finding> checkNotices(const CheckRecords& records, const WorkingDays& calendar, const Date& today);
// Characters the screens' fonts cannot draw, and static short fields that do not fit their area.
std::vector<Finding> checkScreens(const CheckRecords& records, renderer::TextRenderer& renderer);

// Characters of printed texts that the print-sans profile cannot draw.
std::vector<Finding> checkPrint(const CheckRecords& records, renderer::TextRenderer& renderer);

// All of the above, errors first, then warnings, then notes; within a severity in the order above
// (centres, matters, notices, screens, print), each in record id order.
std::vector<Finding> runChecks(const CheckRecords& records, const WorkingDays& calendar, const Date& today,
                               renderer::TextRenderer& renderer);
// Loads the records and the working-day calendar from `db` and runs every check.
std::vector<Finding> runChecks(Database& db, const Date& today);

// {"severity", "kind", "record", "id", "field", "message"}, and {"findings": [...]} of a list:
// what `gongshi check --json` prints and GET /api/checks answers.
Poco::JSON::Object::Ptr toJson(const Finding& f);
Poco::JSON::Object::Ptr findingsJson(const std::vector<Finding>& findings);

} // namespace gongshi::content
