// gongshi compose: records of a data directory composed for a screen, written as PNG pages and a
// program.json that lists every segment with the texts of its lines.
#include "app/Args.h"
#include "app/Commands.h"
#include "app/DataDir.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "common/Parse.h"
#include "common/Json.h"
#include "compose/Composer.h"
#include "records/Database.h"
#include "records/Publication.h"
#include "records/RecordStore.h"
#include "compose/ScreenPlan.h"
#include "rules/WhatPlays.h"
#include "rules/WorkingDays.h"
#include "bitmap/ImageIO.h"
#include "bitmap/Preview.h"
#include "layout/TextRenderer.h"
#include "common/Utf8.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace gongshi::app {
namespace {

namespace fs = std::filesystem;
using content::Id;

// The moment composed for: --at "YYYY-MM-DD HH:MM"; --today D is that day at the present time of
// day; neither, now.
content::LocalTime momentOf(const Args& args) {
    if (args.has("at") && args.has("today")) throw InputError(msg::cliEitherOr("at", "today"));
    if (auto at = args.get("at")) {
        const parse::Field field{"at", "--at"};
        const auto space = at->find(' ');
        if (space == std::string::npos) throw ValidationError(field.key, field.label + "“" + *at + "”应写作“2026-11-27 08:30”");
        const std::string day = at->substr(0, space);
        parse::date(day, field);
        return content::localTimeAt(day, parse::clockMinutes(at->substr(space + 1), field));
    }
    const content::LocalTime now = content::localTimeOf(std::chrono::system_clock::now(), false);
    if (auto today = args.get("today")) {
        parse::date(*today, {"today", "--today"});
        return content::localTimeAt(*today, now.minute);
    }
    return now;
}

std::string jsonString(const std::string& s) { return "\"" + jsonEscape(s) + "\""; }

std::string colorName(const renderer::Color& c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X", c.r, c.g, c.b);
    return buf;
}

void writeProgram(const content::ComposedProgram& p, const std::vector<std::vector<std::string>>& files, const std::string& source,
                  const std::string& path) {
    std::string j = "{\"source\": " + jsonString(source) + ", \"width\": " + std::to_string(p.width) +
                    ", \"height\": " + std::to_string(p.height) + ", \"color\": " + jsonString(renderer::colorModeName(p.colorMode)) +
                    ",\n \"segments\": [";
    for (std::size_t i = 0; i < p.segments.size(); ++i) {
        const auto& s = p.segments[i];
        j += std::string(i ? "," : "") + "\n  {\"source\": " + jsonString(s.source) +
             ", \"effect\": " + jsonString(std::string(content::areaEffectName(s.effect))) +
             ", \"dwell_seconds\": " + std::to_string(s.dwellSeconds) + ", \"speed\": " + std::to_string(s.speed) +
             ", \"x\": " + std::to_string(s.x) + ", \"y\": " + std::to_string(s.y) + ", \"width\": " + std::to_string(s.width) +
             ", \"height\": " + std::to_string(s.height) + ", \"font\": " + jsonString(s.font) +
             ", \"text_color\": " + jsonString(colorName(s.color)) + ", \"pages\": [";
        for (std::size_t pg = 0; pg < s.layout.pages.size(); ++pg) {
            j += std::string(pg ? ", " : "") + "{\"file\": " + jsonString(files[i][pg]) + ", \"lines\": [";
            const auto& lines = s.layout.pages[pg].lines;
            for (std::size_t l = 0; l < lines.size(); ++l) j += std::string(l ? ", " : "") + jsonString(encodeUtf8(lines[l].text));
            j += "]}";
        }
        j += "], \"warnings\": [";
        for (std::size_t w = 0; w < s.warnings.size(); ++w) j += std::string(w ? ", " : "") + jsonString(s.warnings[w]);
        j += "]}";
    }
    j += "],\n \"warnings\": [";
    for (std::size_t w = 0; w < p.warnings.size(); ++w) j += std::string(w ? ", " : "") + jsonString(p.warnings[w]);
    j += "]}\n";
    std::ofstream out(path, std::ios::binary);
    out << j;
    if (!out) throw Error(msg::cannotWriteFile(path, ""));
}

} // namespace

int composeCommand(const std::vector<std::string>& argv) {
    Args args(argv,
              {"data-dir", "database", "screen", "program", "centre", "today", "at", "out-dir", "width", "height", "font", "color", "what",
               "scale"},
              {});
    if (!args.has("data-dir")) throw InputError(msg::cliRequired("data-dir", "数据目录"));
    if (!args.has("out-dir")) throw InputError(msg::cliRequired("out-dir", "输出目录"));
    if (args.has("screen") == args.has("what")) throw InputError(msg::composeWhat());
    const content::LocalTime moment = momentOf(args);
    const std::string& today = moment.date;
    const int scale = args.getInt("scale", 1, 1, 64);

    auto db = openData(*args.get("data-dir"), args.get("database", ""));
    content::ScreenRecord screen;
    Id centreId = 0;
    std::string source;
    if (auto id = args.get("screen")) {
        for (const char* o : {"width", "height", "font", "color"})
            if (args.has(o)) throw InputError(std::string("--") + o + " comes from the screen record with --screen");
        screen = content::RecordStore<content::ScreenRecord>(*db).get(parseId("screen", *id));
        centreId = screen.centreId;
    } else {
        if (!args.has("width") || !args.has("height")) throw InputError(msg::cliNeeds("what", "--width 和 --height"));
        if (args.has("program")) throw InputError(msg::cliNeeds("program", "--screen"));
        screen.width = args.getInt("width", 0, 1, 65535);
        screen.height = args.getInt("height", 0, 1, 65535);
        screen.fontProfile = args.get("font", "auto");
        screen.color = args.get("color", "mono");
    }
    if (auto c = args.get("centre")) centreId = parseId("centre", *c);
    if (centreId == 0) centreId = chooseCentre(*db, std::nullopt, *args.get("data-dir")).meta.id;
    const content::ComposeRecords records = content::loadPublishedRecords(*db, centreId);

    renderer::TextRenderer renderer;
    content::ComposedProgram program;
    if (args.has("screen")) {
        std::optional<Id> programId;
        if (auto p = args.get("program")) {
            const auto chosen = content::RecordStore<content::Program>(*db).get(parseId("program", *p));
            if (chosen.screenId != screen.meta.id)
                throw InputError(msg::programOfOtherScreen(chosen.meta.id, chosen.screenId, screen.meta.id));
            programId = chosen.meta.id;
        }
        // What the screen plays at that moment; an urgent interruption lasts minutes from when the
        // server first shows it, so a composition at a chosen moment shows the schedule's choice.
        const auto programs = content::RecordStore<content::Program>(*db).all(screen.meta.id);
        content::ScreenPlan plan =
            content::planScreen(renderer, screen, programs, records, content::WorkingDays::load(*db), moment, {}, programId);
        program = std::move(plan.program);
        source = plan.source == "default" ? "default program" : plan.source; // as this command has always said
    } else {
        source = *args.get("what");
        program = content::Composer(renderer, screen).preview(source, records, today);
    }

    const fs::path dir(*args.get("out-dir"));
    fs::create_directories(dir);
    std::vector<std::vector<std::string>> files;
    std::size_t pageCount = 0;
    for (std::size_t i = 0; i < program.segments.size(); ++i) {
        const auto& s = program.segments[i];
        auto pages = content::renderSegment(renderer, s, program.colorMode);
        files.emplace_back();
        for (std::size_t p = 0; p < pages.size(); ++p) {
            char name[64];
            std::snprintf(name, sizeof name, "segment-%02zu-page-%zu.png", i + 1, p + 1);
            renderer::writePng(scale == 1 ? pages[p] : renderer::ledPreview(pages[p], scale), (dir / name).string());
            files.back().push_back(name);
        }
        pageCount += pages.size();
        std::printf("segment %02zu  %-12s %-6s font %-6s %zu page(s) at %d,%d %dx%d\n", i + 1, s.source.c_str(),
                    std::string(content::areaEffectName(s.effect)).c_str(), s.font.c_str(), pages.size(), s.x, s.y, s.width, s.height);
    }
    writeProgram(program, files, source, (dir / "program.json").string());
    for (const auto& w : program.allWarnings()) std::fprintf(stderr, "gongshi compose: %s\n", w.c_str());
    std::printf("%s for %dx%d %s: %zu segment(s), %zu page(s) in %s\n", source.c_str(), program.width, program.height,
                renderer::colorModeName(program.colorMode), program.segments.size(), pageCount, dir.string().c_str());
    return 0;
}

} // namespace gongshi::app
