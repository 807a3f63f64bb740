#include "app/Args.h"
#include "app/Commands.h"
#include "protocols/CommandSender.h"
#include "app/ScreenOptions.h"
#include "common/Error.h"
#include "protocols/Protocol.h"
#include "protocols/transport/Transport.h"
#include "bitmap/ImageIO.h"
#include "layout/TextRenderer.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <sstream>

namespace gongshi::app {
namespace {

using protocols::Bytes;
using protocols::Command;

protocols::ClockTime now() {
    std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    return {local.tm_year + 1900,
            local.tm_mon + 1,
            local.tm_mday,
            local.tm_hour,
            local.tm_min,
            local.tm_sec,
            local.tm_wday == 0 ? 7 : local.tm_wday};
}

Command buildCommand(const Args& args, const protocols::ScreenSpec& screen) {
    int chosen = 0;
    for (const char* k : {"text", "text-file", "image", "ping", "clear", "on", "off", "clock", "brightness", "reset"})
        chosen += args.has(k);
    if (chosen != 1)
        throw InputError("give exactly one of --text, --text-file, --image, --ping, --clear, --on, --off, --clock, "
                         "--brightness N, --reset");
    Command c;
    c.effect = parseEffect(args.get("effect", "static"));
    c.speed = args.getInt("speed", 1, 1, 255);
    c.stayHalfSeconds = args.getInt("stay", 10, 0, 65535);
    c.areaId = args.getInt("area", 0, 0, 255);
    if (args.has("ping"))
        c.kind = Command::Kind::Ping;
    else if (args.has("reset"))
        c.kind = Command::Kind::Reset;
    else if (args.has("clear"))
        c.kind = Command::Kind::Clear;
    else if (args.has("on"))
        c.kind = Command::Kind::ScreenOn;
    else if (args.has("off"))
        c.kind = Command::Kind::ScreenOff;
    else if (args.has("clock")) {
        c.kind = Command::Kind::SetClock;
        c.clock = now();
    } else if (args.has("brightness")) {
        c.kind = Command::Kind::Brightness;
        c.brightness = args.getInt("brightness", 15, 0, 15);
    } else if (args.has("image")) {
        c.kind = Command::Kind::Bitmap;
        renderer::Bitmap image = renderer::readPng(*args.get("image"));
        // A picture is shown at the screen's size: cropped or padded with dark pixels.
        c.pages.push_back(image.crop(0, 0, screen.width, screen.height).convert(screen.color));
    } else {
        std::string text = args.has("text") ? *args.get("text") : readTextFile(*args.get("text-file"));
        renderer::Color color = renderer::parseColor(args.get("fg", screen.color == renderer::ColorMode::Mono ? "white" : "red"));
        std::string as = args.get("as", "bitmap");
        if (as == "text") {
            c.kind = Command::Kind::Text;
            c.text = text;
            c.color = color;
            std::string align = args.get("align", "left");
            c.align = align == "center" ? protocols::HAlign::Center : align == "right" ? protocols::HAlign::Right : protocols::HAlign::Left;
        } else if (as == "bitmap") {
            // What gongshi renders is what shows: the text goes as pictures of the screen's size.
            c.kind = Command::Kind::Bitmap;
            renderer::TextRenderer r;
            renderer::LayoutOptions o;
            o.width = screen.width;
            o.height = screen.height;
            o.align = renderer::parseAlign(args.get("align", "left"));
            o.rules = renderer::parseBreakRules(args.get("breaks", "gb"));
            renderer::Layout layout = r.layout(text, args.get("font", "led16"), o);
            for (char32_t cp : layout.missing)
                std::fprintf(stderr, "gongshi send: no font in %s has U+%04X; drawn as a placeholder box\n", layout.font.c_str(),
                             static_cast<unsigned>(cp));
            c.pages = r.renderPages(layout, screen.color, color);
        } else {
            throw InputError("--as must be bitmap or text, got '" + as + "'");
        }
    }
    return c;
}

} // namespace

int sendCommand(const std::vector<std::string>& argv) {
    Args args(argv,
              {"protocol", "to",   "width", "height", "color", "address", "option", "text", "text-file", "image",   "brightness", "effect",
               "as",       "dump", "fg",    "font",   "align", "breaks",  "speed",  "stay", "area",      "timeout", "retries"},
              {"ping", "clear", "on", "off", "clock", "reset"});
    if (!args.has("protocol")) throw InputError("--protocol is required");
    if (!args.has("to")) throw InputError("--to ADDRESS (or dry-run) is required");
    auto protocol = protocols::makeProtocol(*args.get("protocol"));
    protocols::ScreenSpec screen = screenFromArgs(args);
    Command command = buildCommand(args, screen);
    std::vector<Bytes> packets = protocol->encode(command, screen);

    std::size_t total = 0;
    for (const auto& p : packets) total += p.size();
    if (auto dump = args.get("dump")) {
        std::ofstream out(*dump, std::ios::binary);
        for (const auto& p : packets) out.write(reinterpret_cast<const char*>(p.data()), static_cast<std::streamsize>(p.size()));
        if (!out) throw Error("cannot write " + *dump);
    }
    std::string to = *args.get("to");
    if (to == "dry-run") {
        std::printf("%s %s: %zu packet(s), %zu bytes (not sent)\n", protocol->name().c_str(), protocols::commandName(command.kind),
                    packets.size(), total);
        return 0;
    }

    protocols::transport::Timeouts timeouts;
    timeouts.read = std::chrono::milliseconds(args.getInt("timeout", 2000, 10, 600000));
    const int retries = args.getInt("retries", 2, 0, 10);
    std::unique_ptr<protocols::transport::Transport> link;
    try {
        link = protocols::transport::openTransport(to, timeouts);
    } catch (const TransportError& e) {
        std::fprintf(stderr, "gongshi send: cannot reach %s: %s\n", to.c_str(), e.what());
        return 5;
    }
    const bool wantsReply = protocol->expectsReply(command);
    try {
        protocols::SendOutcome sent = protocols::sendCommand(*link, *protocol, packets, wantsReply, timeouts.read, retries);
        if (sent.status == protocols::SendOutcome::Status::Refused) {
            std::fprintf(stderr, "gongshi send: %s\n", sent.error.c_str());
            return 4;
        }
        if (sent.status == protocols::SendOutcome::Status::NoReply) {
            std::fprintf(stderr, "gongshi send: %s: the device at %s did not answer\n", sent.error.c_str(), to.c_str());
            return 5;
        }
    } catch (const TransportError& e) {
        // The device went away mid-command (cable pulled, card reset, connection dropped).
        std::fprintf(stderr, "gongshi send: the link to %s failed: %s\n", to.c_str(), e.what());
        return 5;
    }
    link->close();
    std::printf("%s %s: %zu packet(s), %zu bytes sent to %s%s\n", protocol->name().c_str(), protocols::commandName(command.kind),
                packets.size(), total, to.c_str(), wantsReply ? ", acknowledged" : "");
    return 0;
}

} // namespace gongshi::app
