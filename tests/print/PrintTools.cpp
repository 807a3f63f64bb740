#include "tests/print/PrintTools.h"

#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <regex>

namespace gongshi::test {

std::string runTool(const std::vector<std::string>& argv) {
    const std::string path = "/usr/bin/" + argv.front();
    const char* package = argv.front() == "zbarimg" ? "zbar-tools" : "poppler-utils";
    REQUIRE_MESSAGE(std::filesystem::exists(path), argv.front() << " is missing: apt-get install " << package);
    std::vector<std::string> full = argv;
    full.front() = path;
    ProcessResult r = runProcess(full, 60000);
    REQUIRE_MESSAGE(r.exitCode == 0, argv.front() << " failed (" << r.exitCode << "): " << r.err);
    return r.out;
}

std::string withoutSpace(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') continue;
        // U+3000 ideographic space (E3 80 80) too: the sheets indent paragraphs with it.
        if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
            static_cast<unsigned char>(text[i + 2]) == 0x80) {
            i += 2;
            continue;
        }
        out.push_back(text[i]);
    }
    return out;
}

std::string pdfText(const std::string& pdf, int page) {
    std::vector<std::string> argv{"pdftotext", "-raw", "-enc", "UTF-8"};
    if (page > 0) argv.insert(argv.end(), {"-f", std::to_string(page), "-l", std::to_string(page)});
    argv.insert(argv.end(), {pdf, "-"});
    return withoutSpace(runTool(argv));
}

std::pair<double, double> pdfPageSize(const std::string& pdf) {
    static const std::regex size(R"(Page size:\s+([0-9.]+) x ([0-9.]+) pts)");
    const std::string info = runTool({"pdfinfo", pdf});
    std::smatch m;
    REQUIRE_MESSAGE(std::regex_search(info, m, size), info);
    return {std::stod(m[1]), std::stod(m[2])};
}

int pdfPages(const std::string& pdf) {
    static const std::regex pages(R"(Pages:\s+(\d+))");
    const std::string info = runTool({"pdfinfo", pdf});
    std::smatch m;
    REQUIRE_MESSAGE(std::regex_search(info, m, pages), info);
    return std::stoi(m[1]);
}

std::string qrText(const std::string& png) {
    REQUIRE(std::filesystem::exists("/usr/bin/zbarimg"));
    // zbarimg exits 4 when it finds no code: that is an answer, not a failure.
    ProcessResult r = runProcess({"/usr/bin/zbarimg", "--raw", "-q", png}, 60000);
    REQUIRE_MESSAGE((r.exitCode == 0 || r.exitCode == 4), "zbarimg failed: " << r.err);
    std::string out = r.out;
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    return out;
}

void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    REQUIRE(out.good());
}

int pngDpi(const std::string& png) {
    const std::string b = slurp(png);
    auto u32 = [&](std::size_t at) {
        return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
               (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
    };
    // Chunks after the 8-byte signature: length, type, data, CRC.
    for (std::size_t at = 8; at + 8 <= b.size();) {
        const std::uint32_t length = u32(at);
        const std::string type = b.substr(at + 4, 4);
        if (type == "pHYs" && length == 9 && b[at + 16] == 1) return static_cast<int>(std::lround(u32(at + 8) * 0.0254));
        if (type == "IDAT" || type == "IEND") return 0;
        at += 12 + length;
    }
    return 0;
}

} // namespace gongshi::test
