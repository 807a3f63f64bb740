#include "app/Args.h"
#include "app/Commands.h"
#include "common/Error.h"
#include "layout/Frames.h"
#include "bitmap/ImageIO.h"
#include "layout/LayoutJson.h"
#include "bitmap/Preview.h"
#include "layout/TextRenderer.h"
#include "common/Utf8.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace gongshi::app {
namespace {

void writeImage(const renderer::Bitmap& b, const std::string& path) {
    if (path.size() > 4 && path.compare(path.size() - 4, 4, ".pbm") == 0)
        renderer::writePbm(b, path);
    else
        renderer::writePng(b, path);
}

// OUT.png -> OUT-3.png
std::string numbered(const std::string& out, std::size_t n) {
    std::filesystem::path p(out);
    std::string stem = p.stem().string() + "-" + std::to_string(n);
    return (p.parent_path() / (stem + p.extension().string())).string();
}

} // namespace

int renderCommand(const std::vector<std::string>& argv) {
    Args args(argv,
              {"width", "height", "color", "fg", "font", "align", "valign", "breaks", "line-gap", "text", "text-file", "out", "layout-json",
               "effect", "step", "frames-dir", "scale"},
              {"marquee", "strict-glyphs"});
    if (!args.has("width") || !args.has("height")) throw InputError("--width and --height are required");
    if (args.has("text") == args.has("text-file")) throw InputError("give exactly one of --text or --text-file");
    if (!args.has("out")) throw InputError("--out FILE.png is required");

    renderer::LayoutOptions opt;
    opt.width = args.getInt("width", 0, 1, 65535);
    opt.height = args.getInt("height", 0, 1, 65535);
    opt.align = renderer::parseAlign(args.get("align", "left"));
    opt.valign = renderer::parseVAlign(args.get("valign", "center"));
    opt.rules = renderer::parseBreakRules(args.get("breaks", "gb"));
    opt.lineGap = args.getInt("line-gap", 0, 0, 1000);
    opt.marquee = args.has("marquee");
    renderer::ColorMode mode = renderer::parseColorMode(args.get("color", "mono"));
    renderer::Color color = renderer::parseColor(args.get("fg", mode == renderer::ColorMode::Mono ? "white" : "red"));
    std::string font = args.get("font", "led16");
    std::string effect = args.get("effect", "static");
    if (effect != "static" && effect != "left" && effect != "up")
        throw InputError("unknown effect '" + effect + "' (use static, left or up)");
    if (effect != "static" && !args.has("frames-dir")) throw InputError("--effect " + effect + " needs --frames-dir DIR");
    int step = args.getInt("step", 1, 1, 4096);

    std::string text = args.has("text") ? *args.get("text") : readTextFile(*args.get("text-file"));
    if (effect == "left") opt.marquee = true;

    renderer::TextRenderer r;
    renderer::Layout layout = r.layout(text, font, opt);

    if (auto json = args.get("layout-json")) {
        std::ofstream out(*json, std::ios::binary);
        out << renderer::layoutToJson(layout);
        if (!out) throw Error("cannot write " + *json);
    }
    for (char32_t cp : layout.missing) {
        std::string ch;
        appendUtf8(ch, cp);
        std::fprintf(stderr, "gongshi render: no font in %s has %s (%s); %s\n", layout.font.c_str(), codePointName(cp).c_str(), ch.c_str(),
                     args.has("strict-glyphs") ? "nothing drawn" : "drawn as a placeholder box");
    }
    if (!layout.missing.empty() && args.has("strict-glyphs")) return 3;

    std::vector<renderer::Bitmap> pages = r.renderPages(layout, mode, color);
    // --scale writes what a person sees (LED dots), not the panel's own pixels.
    const int scale = args.getInt("scale", 1, 1, 64);
    auto shown = [&](const renderer::Bitmap& b) { return scale == 1 ? b : renderer::ledPreview(b, scale); };
    std::string out = *args.get("out");
    std::vector<std::string> written;
    if (pages.size() == 1) {
        writeImage(shown(pages[0]), out);
        written.push_back(out);
    } else {
        for (std::size_t i = 0; i < pages.size(); ++i) {
            written.push_back(numbered(out, i + 1));
            writeImage(shown(pages[i]), written.back());
        }
    }

    if (auto dir = args.get("frames-dir"); dir && effect != "static") {
        std::filesystem::create_directories(*dir);
        std::vector<renderer::Frame> frames;
        if (effect == "left") {
            // The marquee strip scrolls across a screen of the requested width.
            frames = renderer::scrollLeftFrames(pages[0], args.getInt("width", 0, 1, 65535), step);
        } else {
            frames = renderer::scrollUpFrames(pages, step);
        }
        for (std::size_t i = 0; i < frames.size(); ++i) {
            char name[32];
            std::snprintf(name, sizeof name, "frame-%04zu.png", i + 1);
            renderer::writePng(shown(frames[i].bitmap), (std::filesystem::path(*dir) / name).string());
        }
        std::printf("wrote %zu %s-scroll frames to %s\n", frames.size(), effect.c_str(), dir->c_str());
    }

    std::printf("font %s, %zu page(s):", layout.font.c_str(), pages.size());
    for (const auto& w : written) std::printf(" %s", w.c_str());
    std::printf("\n");
    return 0;
}

} // namespace gongshi::app
