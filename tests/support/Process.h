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

namespace gongshi::test {

// A program left running (an emulator, a server) while a test talks to it; killed when the
// object goes. Its stdout is read line by line; stderr goes to a file for the failure message.
class BackgroundProcess {
public:
    explicit BackgroundProcess(const std::vector<std::string>& argv);
    ~BackgroundProcess();
    BackgroundProcess(const BackgroundProcess&) = delete;
    BackgroundProcess& operator=(const BackgroundProcess&) = delete;

    // The next line of stdout without its newline; empty when none came within timeoutMs.
    std::string readLine(int timeoutMs = 10000);
    // Sends SIGTERM and waits up to timeoutMs; returns the exit status (-1 if it had to be killed).
    int stop(int timeoutMs = 5000);
    bool running();
    int pid() const { return pid_; }
    std::string stderrText() const;

private:
    int pid_ = -1;
    int out_ = -1;
    std::string buffered_;
    std::string errPath_;
    bool reaped_ = false;
    int status_ = -1;
};

} // namespace gongshi::test
