#pragma once
// Golden files of bytes on the wire, kept as hex text under tests/golden/protocols/<folder>/<name>.hex
// and shared by every protocol's tests. Updating one is a deliberate act (--update-golden or
// GONGSHI_UPDATE_GOLDEN=1), never automatic.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace gongshi::test {

using ByteVector = std::vector<std::uint8_t>;

// "A5 A5 01 ...": upper-case pairs; with perLine > 0 a new line after every perLine bytes.
std::string hex(const ByteVector& bytes, std::size_t perLine = 0);
// The inverse: whitespace-separated hex pairs.
ByteVector fromHex(const std::string& text);

// The golden text of packets: "# <comment>", then per packet "# packet i of n, N bytes", its bytes
// `perLine` a line, and what `annotate` adds after them (e.g. a readable view, ending in a newline).
std::string packetsText(const std::string& comment, const std::vector<ByteVector>& packets, std::size_t perLine = 16,
                        const std::function<std::string(const ByteVector&)>& annotate = {});

// A packet kept in a golden file made by someone else's code (third-party conformance files),
// with the pauses that code kept inside it ("# pause after byte N: M ms" lines).
struct GoldenPacket {
    ByteVector bytes;
    std::vector<std::pair<std::size_t, long long>> pauses; // offset, milliseconds
};
// Reads tests/golden/protocols/<folder>/<name>.hex as packetsText lays it out ("# packet" lines
// start packets, other "#" lines are comments). Such files are never rewritten by the tests.
std::vector<GoldenPacket> readGoldenPackets(const std::string& folder, const std::string& name);

// Compares `text` with tests/golden/protocols/<folder>/<name>.hex, naming the first line that differs;
// rewrites the file instead when the run was asked to update golden files.
void checkGolden(const std::string& folder, const std::string& name, const std::string& text);

} // namespace gongshi::test
