#include "tests/support/EmulatedCard.h"

#include <doctest/doctest.h>

#include <Poco/JSON/Parser.h>

#include <csignal>
#include <sstream>

namespace gongshi::test {

EmulatedCard::EmulatedCard(const std::string& protocol, int width, int height, const std::string& color, const std::string& listen,
                           const std::vector<std::string>& extra, const TempDir* card)
    : own_(card ? nullptr : std::make_unique<TempDir>("gongshi-emu")), dir_(card ? *card : *own_) {
    std::vector<std::string> argv{gongshiBinary(),       "emulate",  "--protocol",           protocol,  "--width",
                                  std::to_string(width), "--height", std::to_string(height), "--color", color,
                                  "--out-dir",           dir_.str(), "--max-seconds",        "300"};
    if (listen == "pty")
        argv.push_back("--pty");
    else
        argv.insert(argv.end(), {"--listen", listen});
    argv.insert(argv.end(), extra.begin(), extra.end());
    proc_ = std::make_unique<BackgroundProcess>(argv);
    const std::string line = proc_->readLine(20000);
    REQUIRE_MESSAGE(!line.empty(), "the emulator printed nothing: " << proc_->stderrText());
    if (listen == "pty") {
        REQUIRE(line.rfind("/dev/", 0) == 0);
        path_ = line;
        address_ = "serial:" + line + "@9600";
    } else {
        const std::string prefix = "listening on ";
        REQUIRE_MESSAGE(line.rfind(prefix, 0) == 0, line);
        address_ = line.substr(prefix.size());
        port_ = std::stoi(address_.substr(address_.rfind(':') + 1));
    }
}

void EmulatedCard::kill() {
    ::kill(proc_->pid(), SIGKILL);
    proc_->stop(5000);
}

std::pair<int, int> EmulatedCard::connections() const {
    const std::string text = slurp(dir_ / "connections.json");
    if (text.empty()) return {0, 0};
    auto o = Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
    return {o->getValue<int>("accepted"), o->getValue<int>("max_concurrent")};
}

std::vector<std::string> EmulatedCard::frameLines() const {
    std::vector<std::string> out;
    const std::string text = slurp(dir_ / "frames.jsonl");
    const auto end = text.rfind('\n');
    if (end == std::string::npos) return out;
    std::istringstream lines(text.substr(0, end + 1));
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

} // namespace gongshi::test
