#pragma once
// What a screen plays now: of its programs, the one whose schedule allows this moment with the
// highest priority (ties: the older program); none allowed, or none at all, the default program
// (welcome line, the notices in their period, the matter list). An urgent notice in its period
// interrupts every screen of its centre for a while, whole-screen, then yields.
#include "content/ComposeText.h"
#include "content/Composer.h"
#include "content/Records.h"
#include "content/WorkingDays.h"
#include "server/Clock.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gongshi::server {

// Date range (inclusive), weekdays, time windows [start, end), working days per the calendar.
bool scheduleAllows(const content::Schedule& schedule, const LocalTime& t, const content::WorkingDays& calendar);

std::optional<content::Program> chooseProgram(const std::vector<content::Program>& programsOfScreen, const LocalTime& t,
                                              const content::WorkingDays& calendar);

// Urgent notices interrupt for `interruptFor` from the moment each version was first seen in its
// period; a changed urgent notice (new version) interrupts again.
class UrgentNotices {
public:
    explicit UrgentNotices(std::chrono::seconds interruptFor = std::chrono::seconds(120)) : interruptFor_(interruptFor) {}
    std::vector<content::Id> active(const std::vector<content::Notice>& notices, const content::Date& today,
                                    std::chrono::system_clock::time_point now);
    // When the next interruption ends (to look again then), if one is running.
    std::optional<std::chrono::system_clock::time_point> nextEnd(std::chrono::system_clock::time_point now) const;

private:
    std::chrono::seconds interruptFor_;
    std::map<std::pair<content::Id, int>, std::chrono::system_clock::time_point> firstSeen_;
};

struct ScreenPlan {
    std::string source; // "program 3", "default", "urgent notice 12"
    bool urgent = false; // an urgent notice interrupting
    content::ComposedProgram program;
};

// `records` are what may be shown (approvals applied); `urgent` from UrgentNotices::active.
ScreenPlan planScreen(renderer::TextRenderer& renderer, const content::ScreenRecord& screen,
                      const std::vector<content::Program>& programsOfScreen, const content::ComposeRecords& records,
                      const content::WorkingDays& calendar, const LocalTime& t, const std::vector<content::Id>& urgent);

} // namespace gongshi::server
