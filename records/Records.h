#pragma once
// The records a service centre keeps and publishes (see docs/architecture.md and the province's
// standard). Plain values: storage, checks, composition, import and the API all work on these.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gongshi::content {

using Id = std::int64_t;

// Every stored record: its id, the version a save must name (optimistic concurrency) and who
// changed it last, when.
struct RecordMeta {
    Id id = 0;
    int version = 0;
    std::string createdAt; // ISO 8601 UTC, set by the store
    std::string changedAt;
    std::string changedBy;

    bool operator==(const RecordMeta&) const = default;
};

// A calendar date as "YYYY-MM-DD"; checked where it is read.
using Date = std::string;

enum class CentreKind { TownshipCentre, MergedTownshipStation, VillageRoom, StreetCentre, MergedStreetStation, CommunityRoom };

struct Centre {
    RecordMeta meta;
    CentreKind kind = CentreKind::TownshipCentre;
    std::string county;   // 县（市、区）
    std::string township; // 乡（镇）, for township centres and their stations
    std::string street;   // 街道, for street centres and their stations
    std::string station;  // the station's own place name (merged stations)
    std::string village;  // 村 or 社区, for rooms
    std::string name;     // the name in use; checks compare it with the standard form
    int population = 0;
    bool ethnicMinorityArea = false;
    double hallArea = 0; // m²
    int grade = 1;       // 1..3
    bool publishingNeedsApproval = false;
    std::string complaintPhone;
    std::string reviewUrl; // 好差评 address

    bool operator==(const Centre&) const = default;
};

enum class WindowStatus { Serving, Paused, Away };

struct AwayMessage {
    std::string where;  // 去向
    std::string why;    // 事由
    std::string backAt; // "14:30"
    std::string phone;

    bool operator==(const AwayMessage&) const = default;
};

struct Window {
    RecordMeta meta;
    Id centreId = 0;
    std::string number;   // "1", "A3"
    std::string business; // 业务
    Id postA = 0;         // staff ids; 0 = none
    Id postB = 0;
    WindowStatus status = WindowStatus::Serving;
    AwayMessage away;

    bool operator==(const Window&) const = default;
};

struct Staff {
    RecordMeta meta;
    Id centreId = 0;
    std::string unit;
    std::string name;
    std::string position;
    std::string phone;
    std::string photo; // stored file, relative to the data directory
    bool partyMember = false;

    bool operator==(const Staff&) const = default;
};

enum class MaterialForm { Original, Copy, OriginalAndCopy, Electronic };

struct Material {
    std::string name;
    MaterialForm form = MaterialForm::Original;
    int copies = 1;
    bool required = true; // false: only in some cases (conditional)
    std::string notes;
    std::string sampleFile;

    bool operator==(const Material&) const = default;
};

struct FeeItem {
    std::string name;   // may be empty for a single fee
    std::string amount; // decimal text in yuan, e.g. "10" or "12.50"
    std::string unit;   // "元/件", "元"

    bool operator==(const FeeItem&) const = default;
};

struct Matter {
    RecordMeta meta;
    Id centreId = 0;
    std::string code;
    std::string name;
    std::string department;
    std::string category;
    std::string legalBasis;
    std::vector<Material> materials;
    std::optional<int> statutoryDays; // working days
    std::optional<int> promisedDays;
    // Fees: `free` says explicitly that nothing is charged; otherwise `fees` lists what is.
    // Neither set means nobody has said yet (a finding).
    bool free = false;
    std::vector<FeeItem> fees;
    std::string feeBasis;
    std::vector<std::string> windows;
    std::string phone;
    std::string group; // "one thing, done once" group of related matters

    bool operator==(const Matter&) const = default;
};

enum class NoticeCategory {
    Employment,
    SocialInsurance,
    SocialAssistance,
    FamilyPlanning,
    FarmlandApproval,
    SocialWelfare,
    AgriculturalSubsidies,
    HouseholdRegistration,
    Other
};

struct Notice {
    RecordMeta meta;
    Id centreId = 0;
    NoticeCategory category = NoticeCategory::Other;
    std::string title;
    std::string body;
    Date publishFrom;  // 公示期 start, inclusive
    Date publishUntil; // end, inclusive
    bool urgent = false;

    bool operator==(const Notice&) const = default;
};

struct ScreenRecord {
    RecordMeta meta;
    Id centreId = 0;
    std::string name;
    std::string location;
    int width = 0;
    int height = 0;
    std::string color = "mono"; // mono, red-green, rgb
    std::string fontProfile = "led16";
    std::string protocol; // bx-k, bx-6, alpha, ddp, web
    std::string address;
    std::map<std::string, std::string> options;

    bool operator==(const ScreenRecord&) const = default;
};

// What an item of a program area shows: one record (matter, notice, window: by id), the centre's
// welcome, every matter, the fees of the charged ones, every notice in its period, or free text.
// Clock: the time and date in the ICU pattern `text` (default "HH:mm"); countdown: the days to the
// date in `text` or to the end of notice `recordId`'s period; review-qr: the centre's 好差评 address;
// image: the uploaded picture `recordId` (records/Pictures).
enum class ItemKind { Matter, Notice, Window, Centre, MatterList, FeeTable, NoticeList, Text, Clock, Countdown, ReviewQr, Image };

// How an area plays: pages standing still, a marquee to the left, pages scrolling up.
enum class AreaEffect { Static, Left, Up };

// What an area of a program shows: a record (by kind and id) or free text.
struct ProgramItem {
    ItemKind kind = ItemKind::Text;
    Id recordId = 0;
    std::string text;

    bool operator==(const ProgramItem&) const = default;
};

struct ProgramArea {
    int x = 0, y = 0, width = 0, height = 0;
    std::vector<ProgramItem> items;
    AreaEffect effect = AreaEffect::Static;
    int speed = 1;
    int dwellSeconds = 5;

    bool operator==(const ProgramArea&) const = default;
};

struct TimeWindow {
    int startMinute = 0; // minutes after midnight
    int endMinute = 24 * 60;

    bool operator==(const TimeWindow&) const = default;
};

struct Schedule {
    Date from; // empty: always
    Date until;
    std::vector<int> weekdays;     // 1 = Monday .. 7 = Sunday; empty: every day
    std::vector<TimeWindow> times; // empty: all day
    bool workingDaysOnly = false;  // per the working-day calendar (holidays and make-up days)
    int priority = 0;

    bool operator==(const Schedule&) const = default;
};

struct Program {
    RecordMeta meta;
    Id screenId = 0;
    std::string name;
    std::vector<ProgramArea> areas;
    Schedule schedule;

    bool operator==(const Program&) const = default;
};

// Names as stored and as the API spells them, each enum's in one table.
template <class E> using NameTable = std::span<const std::pair<E, std::string_view>>;
NameTable<CentreKind> centreKindNames();
NameTable<WindowStatus> windowStatusNames();
NameTable<MaterialForm> materialFormNames();
NameTable<NoticeCategory> noticeCategoryNames();
NameTable<ItemKind> itemKindNames();       // "matter", "notice", "window", "centre", "matter-list", ...
NameTable<AreaEffect> areaEffectNames();   // "static", "left", "up"
NameTable<ItemKind> itemKindChinese();     // "事项", "公告", ...
NameTable<AreaEffect> areaEffectChinese(); // "静止", "左移", "上移"
std::string_view itemKindName(ItemKind k);
std::string_view areaEffectName(AreaEffect e);

std::string_view centreKindName(CentreKind k);     // "township-centre", ...
CentreKind parseCentreKind(std::string_view name); // throws ValidationError
std::string_view windowStatusName(WindowStatus s); // "serving", "paused", "away"
WindowStatus parseWindowStatus(std::string_view name);
std::string_view materialFormName(MaterialForm f); // "original", "copy", "original-and-copy", "electronic"
MaterialForm parseMaterialForm(std::string_view name);
std::string_view noticeCategoryName(NoticeCategory c); // "employment", ...
NoticeCategory parseNoticeCategory(std::string_view name);
std::string_view noticeCategoryChinese(NoticeCategory c); // "就业", ...
std::optional<NoticeCategory> noticeCategoryFromChinese(std::string_view name);

} // namespace gongshi::content
