#pragma once
// Helpers for the bx-6 tests: hex dumps, golden files of frames, and reproducible test pictures.
#include "protocols/Protocol.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gongshi::protocols::bx6::test {

inline std::string hex(const Bytes& bytes, std::size_t perLine = 0) {
    static const char digits[] = "0123456789ABCDEF";
    std::string s;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0) s += (perLine != 0 && i % perLine == 0) ? '\n' : ' ';
        s += digits[bytes[i] >> 4];
        s += digits[bytes[i] & 0xF];
    }
    return s;
}

inline Bytes fromHex(const std::string& text) {
    Bytes out;
    std::istringstream in(text);
    std::string token;
    while (in >> token) out.push_back(static_cast<std::uint8_t>(std::stoul(token, nullptr, 16)));
    return out;
}

// The golden text: a comment line, then per packet a header line and 16 bytes per line.
inline std::string goldenText(const std::string& comment, const std::vector<Bytes>& packets) {
    std::string text = "# " + comment + "\n";
    for (std::size_t i = 0; i < packets.size(); ++i) {
        text += "# packet " + std::to_string(i + 1) + " of " + std::to_string(packets.size()) + ", " +
                std::to_string(packets[i].size()) + " bytes\n";
        text += hex(packets[i], 16) + "\n";
    }
    return text;
}

// Compares with tests/golden/protocols/<folder>/<name>.txt; rewrites it only when asked to
// (GONGSHI_UPDATE_GOLDEN=1 or --update-golden).
inline void checkGolden(const std::string& folder, const std::string& name, const std::string& text) {
    namespace fs = std::filesystem;
    const fs::path path = fs::path(gongshi::test::sourceDir()) / "tests/golden/protocols" / folder / (name + ".txt");
    if (gongshi::test::updateGolden()) {
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
        MESSAGE("rewrote " << path.string());
        return;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        FAIL_CHECK("missing golden file " << path.string() << " (generate it with GONGSHI_UPDATE_GOLDEN=1 and check it)");
        return;
    }
    std::stringstream expected;
    expected << in.rdbuf();
    CHECK_MESSAGE(text == expected.str(), "frames differ from " << path.string());
}

// A reproducible picture that lights about half the pixels, in every colour the mode has.
inline renderer::Bitmap pattern(int width, int height, renderer::ColorMode mode, std::uint32_t seed = 1) {
    renderer::Bitmap b(width, height, mode);
    std::uint32_t s = seed * 2654435761u + 12345u;
    auto next = [&s] {
        s = s * 1664525u + 1013904223u;
        return s >> 8;
    };
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            std::uint32_t v = next();
            renderer::Color c = renderer::Color::black();
            switch (mode) {
            case renderer::ColorMode::Mono: c = (v & 1) ? renderer::Color::white() : renderer::Color::black(); break;
            case renderer::ColorMode::RedGreen: {
                static const renderer::Color colours[] = {renderer::Color::black(), renderer::Color::red(),
                                                          renderer::Color::green(), renderer::Color::yellow()};
                c = colours[v & 3];
                break;
            }
            case renderer::ColorMode::Rgb:
                c = {static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v >> 16)};
                break;
            }
            b.setPixel(x, y, c);
        }
    return b;
}

} // namespace gongshi::protocols::bx6::test
