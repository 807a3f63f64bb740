// bench/render: the corpus laid out and rasterised into 192x64 led16 pages by gongshi, and the
// same paragraphs by PangoCairo at the same pixel size and width. Prints key=value figures, the
// ratio of throughputs last.
#include "bench/PangoPeer.h"
#include "layout/TextRenderer.h"
#include "common/Utf8.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using Clock = std::chrono::steady_clock;
using namespace gongshi;

namespace {

double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

std::vector<std::string> corpus(std::size_t& characters) {
    namespace fs = std::filesystem;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(GONGSHI_SOURCE_DIR) / "tests/data/corpus"))
        if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    std::vector<std::string> paragraphs;
    characters = 0;
    for (const auto& f : files) {
        std::ifstream in(f);
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) {
                characters += gongshi::decodeUtf8(line).size();
                paragraphs.push_back(line);
            }
    }
    return paragraphs;
}

} // namespace

int main(int argc, char** argv) {
    const auto processStart = Clock::now();
    int rounds = argc > 1 ? std::atoi(argv[1]) : 5;
    const int width = 192, height = 64;

    // First render in a fresh process: fonts opened, ICU iterator made, one page drawn.
    std::size_t characters = 0;
    renderer::TextRenderer r;
    renderer::LayoutOptions o;
    o.width = width;
    o.height = height;
    auto first = r.layout("青石镇便民服务中心公示：最低生活保障对象名单。", "led16", o);
    auto firstPage = r.renderPage(first, 0, renderer::ColorMode::Mono, renderer::Color::white());
    double firstMs = msSince(processStart);

    auto paragraphs = corpus(characters);
    long pages = 0;
    auto gongshiRound = [&] {
        for (const auto& p : paragraphs) {
            auto layout = r.layout(p, "led16", o);
            for (std::size_t i = 0; i < layout.pages.size(); ++i)
                pages += r.renderPage(layout, i, renderer::ColorMode::Mono, renderer::Color::white()).height() > 0;
        }
    };
    gongshiRound(); // warm the glyph cache
    pages = 0;
    auto t0 = Clock::now();
    for (int i = 0; i < rounds; ++i) gongshiRound();
    double gongshiMs = msSince(t0);

    bench::PangoPeer pango("WenQuanYi Bitmap Song", 16, width, height);
    long lit = 0;
    auto pangoRound = [&] {
        for (const auto& p : paragraphs) lit += pango.render(p);
    };
    pangoRound();
    auto t1 = Clock::now();
    for (int i = 0; i < rounds; ++i) pangoRound();
    double pangoMs = msSince(t1);

    double gongshiRate = characters * rounds / (gongshiMs / 1000.0);
    double pangoRate = characters * rounds / (pangoMs / 1000.0);
    auto& cache = r.rasterizer("led16").cache();
    std::printf("corpus_characters=%zu\n", characters);
    std::printf("paragraphs=%zu\n", paragraphs.size());
    std::printf("rounds=%d\n", rounds);
    std::printf("pages_per_round=%ld\n", pages / rounds);
    std::printf("first_render_ms=%.1f\n", firstMs);
    std::printf("first_page_lit_pixels=%zu\n", firstPage.litCount());
    std::printf("gongshi_chars_per_s=%.0f\n", gongshiRate);
    std::printf("gongshi_us_per_char=%.3f\n", 1e6 / gongshiRate);
    std::printf("pango_chars_per_s=%.0f\n", pangoRate);
    std::printf("pango_us_per_char=%.3f\n", 1e6 / pangoRate);
    std::printf("glyph_cache_entries=%zu\n", cache.entries());
    std::printf("glyph_cache_bytes=%zu\n", cache.bytes());
    std::printf("ratio_vs_pango=%.2f\n", gongshiRate / pangoRate);
    return lit > 0 ? 0 : 1;
}
