#pragma once
// What a screen plays (rules/WhatPlays), composed for the screen.
#include "compose/Composer.h"
#include "rules/WhatPlays.h"

#include <optional>
#include <string>
#include <vector>

namespace gongshi::content {

struct ScreenPlan {
    std::string source;  // ScreenChoice::source
    bool urgent = false; // an urgent notice interrupting
    ComposedProgram program;
};

ScreenPlan composeChoice(renderer::TextRenderer& renderer, const ScreenRecord& screen, const ScreenChoice& choice,
                         const ComposeRecords& records);

// whatPlays, composed.
ScreenPlan planScreen(renderer::TextRenderer& renderer, const ScreenRecord& screen, const std::vector<Program>& programsOfScreen,
                      const ComposeRecords& records, const WorkingDays& calendar, const LocalTime& t, const std::vector<Id>& urgent,
                      std::optional<Id> program = std::nullopt);

} // namespace gongshi::content
