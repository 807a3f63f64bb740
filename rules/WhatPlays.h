#pragma once
// What a screen plays at a moment: the one answer for the screens (delivery/DeviceManager), the admin
// preview and `gongshi compose --screen`. Of the screen's programs, the one whose schedule allows
// the moment with the highest priority (ties: the older program); none allowed, or none at all, the
// default program (welcome line, the notices in their period, the matter list). An urgent notice
// in its period interrupts every screen of its centre for a while, whole-screen, then yields. A
// program asked for by id (a preview of that program) plays whatever the schedule says.
#include "records/Broadcasts.h"
#include "records/CentreRecords.h"
#include "records/QueueCalls.h"
#include "records/Records.h"
#include "rules/WorkingDays.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::content {

// A moment in the hall's own time zone.
struct LocalTime {
    Date date;       // "YYYY-MM-DD"
    int minute = 0;  // minutes after midnight
    int second = 0;  // 0..59
    int weekday = 1; // 1 = Monday .. 7 = Sunday
};

LocalTime localTimeOf(std::chrono::system_clock::time_point t, bool utc);
// `minute` after midnight of `date`, its weekday from the calendar. Throws ValidationError for a bad date.
LocalTime localTimeAt(const Date& date, int minute);

// Date range (inclusive), weekdays, time windows [start, end), working days per the calendar.
bool scheduleAllows(const Schedule& schedule, const LocalTime& t, const WorkingDays& calendar);

std::optional<Program> chooseProgram(const std::vector<Program>& programsOfScreen, const LocalTime& t, const WorkingDays& calendar);

// Urgent notices interrupt for `interruptFor` from the moment each version was first seen in its
// period; a changed urgent notice (new version) interrupts again.
class UrgentNotices {
public:
    explicit UrgentNotices(std::chrono::seconds interruptFor = std::chrono::seconds(120)) : interruptFor_(interruptFor) {}
    std::vector<Id> active(const std::vector<Notice>& notices, const Date& today, std::chrono::system_clock::time_point now);
    // When the next interruption ends (to look again then), if one is running.
    std::optional<std::chrono::system_clock::time_point> nextEnd(std::chrono::system_clock::time_point now) const;

private:
    std::chrono::seconds interruptFor_;
    std::map<std::pair<Id, int>, std::chrono::system_clock::time_point> firstSeen_;
};

// An emergency broadcast taking the screen over (records/Broadcasts): ahead of programs and urgent
// notices, the whole screen.
struct BroadcastShown {
    Id id = 0;
    std::string text;
};

// Queue calls (records/QueueCalls) this screen shows: after an emergency broadcast, ahead of urgent
// notices and programs, the whole screen, for their seconds.
struct CallShown {
    Id id = 0;
    std::string text; // "请 A012 号到 3 号窗口"
};

// What runs on a screen ahead of its programs, as the screens and their previews are told: the
// emergency broadcast covering it (records/broadcastFor), and the queue calls it shows
// (records/callsFor), worded.
struct Interruptions {
    std::optional<BroadcastShown> broadcast;
    std::vector<CallShown> calls;
};
Interruptions interruptionsFor(const std::vector<Broadcast>& activeBroadcasts, const std::vector<QueueCall>& activeCalls,
                               const ScreenRecord& screen, const std::vector<Program>& programsOfScreen);

// What plays, decided before anything is composed.
struct ScreenChoice {
    Date date;                      // the day composed for (notices in their period)
    LocalTime at;                   // the moment decided for (a television's header clock, clock items)
    std::vector<Id> urgent;         // urgent notices interrupting (those among the records); when set only they play
    std::optional<Program> program; // none (and no urgent notice): the default program
    std::string key;                // pictureKey of this choice

    // An emergency broadcast: when set only it plays, ahead of urgent notices and programs.
    std::optional<BroadcastShown> broadcast;
    // Queue calls, newest first: when set (and no broadcast) only they play.
    std::vector<CallShown> calls;

    std::string source() const; // "program 3", "default", "urgent notice 12", "broadcast 4", "call 7"
};

// `records` are what may be shown (approvals applied, content::loadPublishedRecords); `urgent` from
// UrgentNotices::active; `program` set: that program of the screen, whatever the schedule and the
// urgent notices (NotFoundError when the screen has no such program); else `broadcast` set: it,
// ahead of everything; else `calls` when any, ahead of urgent notices and the schedule.
ScreenChoice whatPlays(const ScreenRecord& screen, const std::vector<Program>& programsOfScreen, const ComposeRecords& records,
                       const WorkingDays& calendar, const LocalTime& t, const std::vector<Id>& urgent,
                       std::optional<Id> program = std::nullopt, std::optional<BroadcastShown> broadcast = std::nullopt,
                       std::vector<CallShown> calls = {});

// A screen with protocol "web" is a television: drawn at its own size with the print fonts, in
// full colour, its header showing the time (compose/TvComposer), not an LED panel.
bool isTelevision(const ScreenRecord& screen);
// Whether the screen's card keeps a clock of its own in its program (a bx-6 clock area): its clock
// items are the card's, not pictures the server sends each minute.
bool keepsOwnClock(const ScreenRecord& screen);

// What a composed picture is made from, as ids and versions: the screen, the day, the urgent
// notices or the program (or the default), the centre and only the records the program reads
// (absent staff with window items). Equal keys, equal pictures: a picture is composed again only
// when its key changes, so an edit recomposes the screens that show it, not every screen. A
// television's key holds the minute too: its header clock is drawn again every minute.
std::string pictureKey(const ScreenRecord& screen, const ScreenChoice& choice, const ComposeRecords& records);

} // namespace gongshi::content
