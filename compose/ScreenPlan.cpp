#include "compose/ScreenPlan.h"

#include "compose/TvComposer.h"

namespace gongshi::content {

ScreenPlan composeChoice(renderer::TextRenderer& renderer, const ScreenRecord& screen, const ScreenChoice& choice,
                         const ComposeRecords& records) {
    // A television is drawn as one, not as an LED panel.
    if (isTelevision(screen)) return composeTelevision(screen, choice, records);
    Composer composer(renderer, screen);
    composer.setTime(choice.at.minute, choice.at.second);
    ScreenPlan plan;
    plan.source = choice.source();
    if (choice.broadcast) {
        // Nothing of a broadcast goes to a card's flash; it is drawn in the colour of alarms.
        plan.urgent = true;
        plan.program.width = screen.width;
        plan.program.height = screen.height;
        plan.program.colorMode = composer.colorMode();
        plan.program.segments = composer.broadcast(choice.broadcast->text, composer.screenArea());
        for (auto& s : plan.program.segments) s.source = "broadcast " + std::to_string(choice.broadcast->id);
    } else if (!choice.calls.empty()) {
        // Like a broadcast, a call goes to no card's flash.
        plan.urgent = true;
        plan.program.width = screen.width;
        plan.program.height = screen.height;
        plan.program.colorMode = composer.colorMode();
        std::vector<std::string> texts;
        for (const auto& c : choice.calls) texts.push_back(c.text);
        plan.program.segments = composer.queueCall(texts, composer.screenArea());
        for (auto& s : plan.program.segments) s.source = plan.source;
    } else if (!choice.urgent.empty()) {
        plan.urgent = true;
        plan.program.width = screen.width;
        plan.program.height = screen.height;
        plan.program.colorMode = composer.colorMode();
        for (Id id : choice.urgent)
            if (const Notice* n = findById(records.notices, id))
                for (auto& s : composer.notice(*n, composer.screenArea())) plan.program.segments.push_back(std::move(s));
    } else if (choice.program) {
        plan.program = composer.program(*choice.program, records, choice.date);
    } else {
        plan.program = composer.defaultProgram(records, choice.date);
    }
    return plan;
}

ScreenPlan planScreen(renderer::TextRenderer& renderer, const ScreenRecord& screen, const std::vector<Program>& programs,
                      const ComposeRecords& records, const WorkingDays& calendar, const LocalTime& t, const std::vector<Id>& urgent,
                      std::optional<Id> program) {
    return composeChoice(renderer, screen, whatPlays(screen, programs, records, calendar, t, urgent, program), records);
}

} // namespace gongshi::content
