#include "tests/support/GoldenHex.h"

#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace gongshi::test {

std::string hex(const ByteVector& bytes, std::size_t perLine) {
    static const char digits[] = "0123456789ABCDEF";
    std::string s;
    s.reserve(bytes.size() * 3);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0) s += (perLine != 0 && i % perLine == 0) ? '\n' : ' ';
        s += digits[bytes[i] >> 4];
        s += digits[bytes[i] & 0xF];
    }
    return s;
}

ByteVector fromHex(const std::string& text) {
    ByteVector out;
    std::istringstream in(text);
    std::string token;
    while (in >> token) out.push_back(static_cast<std::uint8_t>(std::stoul(token, nullptr, 16)));
    return out;
}

std::string packetsText(const std::string& comment, const std::vector<ByteVector>& packets, std::size_t perLine,
                        const std::function<std::string(const ByteVector&)>& annotate) {
    std::string text = "# " + comment + "\n";
    for (std::size_t i = 0; i < packets.size(); ++i) {
        text += "# packet " + std::to_string(i + 1) + " of " + std::to_string(packets.size()) + ", " + std::to_string(packets[i].size()) +
                " bytes\n";
        text += hex(packets[i], perLine) + "\n";
        if (annotate) text += annotate(packets[i]);
    }
    return text;
}

std::vector<GoldenPacket> readGoldenPackets(const std::string& folder, const std::string& name) {
    namespace fs = std::filesystem;
    const fs::path path = fs::path(sourceDir()) / "tests/golden/protocols" / folder / (name + ".hex");
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in, "missing golden file " << path.string());
    std::vector<GoldenPacket> out;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("# packet ", 0) == 0) {
            out.emplace_back();
        } else if (line.rfind("# pause after byte ", 0) == 0 && !out.empty()) {
            std::istringstream fields(line.substr(19));
            std::size_t offset = 0;
            char colon = 0;
            long long ms = 0;
            fields >> offset >> colon >> ms;
            out.back().pauses.emplace_back(offset, ms);
        } else if (!line.empty() && line[0] != '#' && !out.empty()) {
            ByteVector bytes = fromHex(line);
            out.back().bytes.insert(out.back().bytes.end(), bytes.begin(), bytes.end());
        }
    }
    return out;
}

namespace {
// 1-based number of the first line where the two texts differ.
std::size_t firstDifferentLine(const std::string& a, const std::string& b) {
    std::size_t line = 1;
    for (std::size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i)
        if (a[i] == '\n') ++line;
    return line;
}
} // namespace

void checkGolden(const std::string& folder, const std::string& name, const std::string& text) {
    namespace fs = std::filesystem;
    const fs::path path = fs::path(sourceDir()) / "tests/golden/protocols" / folder / (name + ".hex");
    if (updateGolden()) {
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
    CHECK_MESSAGE(text == expected.str(),
                  "bytes differ from " << path.string() << " from line " << firstDifferentLine(text, expected.str()));
}

} // namespace gongshi::test
