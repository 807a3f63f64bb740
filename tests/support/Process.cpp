#include "tests/support/Process.h"

#include <chrono>
#include <cstdlib>
#include <poll.h>
#include <signal.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace gongshi::test {

std::string gongshiBinary() {
    const char* bin = std::getenv("GONGSHI_BIN");
    return bin ? bin : "./gongshi";
}

ProcessResult runProcess(const std::vector<std::string>& argv, int timeoutMs, const std::string& stdinText) {
    int outPipe[2], errPipe[2], inPipe[2];
    if (pipe(outPipe) != 0 || pipe(errPipe) != 0 || pipe(inPipe) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        dup2(inPipe[0], 0);
        dup2(outPipe[1], 1);
        dup2(errPipe[1], 2);
        for (int fd : {inPipe[0], inPipe[1], outPipe[0], outPipe[1], errPipe[0], errPipe[1]}) close(fd);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(inPipe[0]);
    close(outPipe[1]);
    close(errPipe[1]);
    if (!stdinText.empty()) {
        ssize_t ignored = write(inPipe[1], stdinText.data(), stdinText.size());
        (void)ignored;
    }
    close(inPipe[1]);

    ProcessResult result;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    bool outOpen = true, errOpen = true, killed = false;
    char buf[4096];
    while (outOpen || errOpen) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            kill(pid, SIGKILL);
            killed = true;
            break;
        }
        pollfd fds[2] = {{outPipe[0], POLLIN, 0}, {errPipe[0], POLLIN, 0}};
        poll(fds, 2, static_cast<int>(left));
        for (int k = 0; k < 2; ++k) {
            bool& open = k == 0 ? outOpen : errOpen;
            if (!open || !(fds[k].revents & (POLLIN | POLLHUP))) continue;
            ssize_t n = read(fds[k].fd, buf, sizeof buf);
            if (n <= 0) open = false;
            else (k == 0 ? result.out : result.err).append(buf, static_cast<std::size_t>(n));
        }
    }
    close(outPipe[0]);
    close(errPipe[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    result.exitCode = (!killed && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
    return result;
}

} // namespace gongshi::test
