// Golden frames: every command's bytes on the wire, kept as hex in tests/golden/protocols/bxk.
// Rewritten only with --update-golden (or GONGSHI_UPDATE_GOLDEN=1), then checked by hand.
#include "protocols/bxk/BxkProtocol.h"
#include "tests/support/GoldenHex.h"

#include <doctest/doctest.h>

#include <set>
#include <sstream>

using namespace gongshi;
using namespace gongshi::protocols;

namespace {

struct GoldenCase {
    const char* name; // of the file, without .hex
    Command command;
    ScreenSpec screen;
};

ScreenSpec goldenScreen(renderer::ColorMode mode) {
    ScreenSpec s;
    s.width = 64;
    s.height = 16;
    s.color = mode;
    s.address = 1;
    return s;
}

std::vector<GoldenCase> goldenCases() {
    using K = Command::Kind;
    const ScreenSpec rg = goldenScreen(renderer::ColorMode::RedGreen);
    const ScreenSpec mono = goldenScreen(renderer::ColorMode::Mono);
    std::vector<GoldenCase> cases;
    auto add = [&](const char* name, K kind, const ScreenSpec& s) -> Command& {
        Command c;
        c.kind = kind;
        cases.push_back({name, c, s});
        return cases.back().command;
    };
    add("ping", K::Ping, rg);
    add("reset", K::Reset, rg);
    add("clock", K::SetClock, rg).clock = {2024, 3, 15, 9, 30, 5, 5};
    add("on", K::ScreenOn, rg);
    add("off", K::ScreenOff, rg);
    add("timer", K::TimedOnOff, rg).onOff = {{8 * 60 + 30, 17 * 60 + 30}};
    add("brightness", K::Brightness, rg).brightness = 12;
    add("clear", K::Clear, rg);
    add("status", K::Status, rg);
    {
        Command& p = add("program", K::Program, rg);
        Command area;
        area.kind = K::Text;
        area.text = "中文测试";
        area.color = renderer::Color::red();
        area.stayHalfSeconds = 10;
        p.areas = {area};
    }
    {
        Command& t = add("text", K::Text, rg);
        t.text = "一号窗口：社保";
        t.color = renderer::Color::green();
        t.effect = Effect::MoveLeft;
        t.speed = 2;
        t.stayHalfSeconds = 4;
    }
    {
        Command& t = add("text-mono", K::Text, mono);
        t.text = "Z[";
        t.align = HAlign::Center;
        t.effect = Effect::MoveUp;
        t.x = 8;
        t.y = 8;
    }
    {
        // 12x3 red-green page at (8, 2): red, green and yellow pixels, width not a multiple of 8.
        Command& b = add("bitmap", K::Bitmap, rg);
        renderer::Bitmap page(12, 3, renderer::ColorMode::RedGreen);
        page.setPixel(0, 0, renderer::Color::red());
        page.setPixel(11, 0, renderer::Color::green());
        page.setPixel(1, 1, renderer::Color::yellow());
        page.setPixel(8, 2, renderer::Color::red());
        b.pages = {page};
        b.x = 8;
        b.y = 2;
        b.stayHalfSeconds = 6;
    }
    {
        Command& b = add("bitmap-mono", K::Bitmap, mono);
        renderer::Bitmap page(16, 2, renderer::ColorMode::Mono);
        page.setPixel(0, 0, renderer::Color::white());
        page.setPixel(15, 1, renderer::Color::white());
        b.pages = {page};
    }
    return cases;
}

std::string render(const GoldenCase& c, const std::vector<Bytes>& frames) {
    std::ostringstream out;
    out << "# bx-k " << c.name << ".hex: " << c.screen.width << "x" << c.screen.height << " " << renderer::colorModeName(c.screen.color)
        << ", address " << c.screen.address << ", " << frames.size() << " frame(s), one per line\n";
    for (const auto& f : frames) out << test::hex(f) << "\n";
    return out.str();
}

} // namespace

TEST_CASE("bxk: golden frames: every command's bytes match tests/golden/protocols/bxk") {
    auto proto = protocols::bxk::makeBxkProtocol();
    for (const auto& c : goldenCases()) {
        CAPTURE(std::string(c.name));
        test::checkGolden("bxk", c.name, render(c, proto->encode(c.command, c.screen)));
    }
}

TEST_CASE("bxk: golden files cover every command kind") {
    std::set<std::string> covered;
    for (const auto& c : goldenCases()) covered.insert(commandName(c.command.kind));
    // Every kind commandName() knows, in the enum's order: a kind added later is named there (the
    // switch warns until it is) and so comes up here, without its golden case.
    std::vector<std::string> kinds;
    for (int k = 0; std::string(commandName(static_cast<Command::Kind>(k))) != "unknown"; ++k)
        kinds.push_back(commandName(static_cast<Command::Kind>(k)));
    CHECK(kinds.size() >= 13);
    for (const auto& name : kinds) {
        CAPTURE(name);
        if (name == "program-info") continue; // a K card cannot answer which program it keeps
        CHECK(covered.count(name) == 1);
    }
}
