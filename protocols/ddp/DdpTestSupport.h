#pragma once
// Helpers for the ddp tests: hex dumps and golden files of packets. (The same few lines as
// bx6/Bx6TestSupport.h; a shared copy belongs in tests/support once that folder is open for it.)
#include "protocols/Protocol.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gongshi::protocols::ddp::test {

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

// Compares with tests/golden/protocols/ddp/<name>.txt; rewrites it only when asked to
// (GONGSHI_UPDATE_GOLDEN=1 or --update-golden).
inline void checkGolden(const std::string& name, const std::string& text) {
    namespace fs = std::filesystem;
    const fs::path path = fs::path(gongshi::test::sourceDir()) / "tests/golden/protocols/ddp" / (name + ".txt");
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
    CHECK_MESSAGE(text == expected.str(), "packets differ from " << path.string());
}

} // namespace gongshi::protocols::ddp::test
