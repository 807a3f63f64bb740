#pragma once
// Runs the gongshi CLI (or any program) as a separate process and collects what it printed.
#include <string>
#include <vector>

namespace gongshi::test {

struct ProcessResult {
    int exitCode = -1; // -1 when killed by the timeout or a signal
    std::string out;
    std::string err;
};

// argv[0] is the program path. Kills the process after timeoutMs.
ProcessResult runProcess(const std::vector<std::string>& argv, int timeoutMs = 30000, const std::string& stdinText = "");
// Path of the built gongshi executable ($GONGSHI_BIN, set by CTest).
std::string gongshiBinary();

} // namespace gongshi::test
