#pragma once
// A card as a separate process (`gongshi emulate`, loopback only): its out directory (frames.jsonl,
// screen.png, connections.json, flash/), its address for a screen record, and what it counted.
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gongshi::test {

class EmulatedCard {
public:
    // listen: "tcp:127.0.0.1:0", "udp:127.0.0.1:0", "tcp:127.0.0.1:PORT" or "pty". `card`: the
    // directory of a card that ran before (its flash), to power the same card on again.
    EmulatedCard(const std::string& protocol, int width, int height, const std::string& color, const std::string& listen,
                 const std::vector<std::string>& extra = {}, const TempDir* card = nullptr);

    // "tcp:127.0.0.1:PORT", "udp:…" or "serial:/dev/pts/N@9600".
    const std::string& address() const { return address_; }
    const std::string& ptyPath() const { return path_; }
    int port() const { return port_; }
    const TempDir& dir() const { return dir_; }
    int pid() const { return proc_->pid(); }
    std::string stderrText() const { return proc_->stderrText(); }

    // Gone at once, as a card whose power is cut: no goodbye on the link.
    void kill();
    // Senders that connected, and the most connected at once: {accepted, most at once}.
    std::pair<int, int> connections() const;
    // Complete lines of frames.jsonl, one per command or frame the card took.
    std::vector<std::string> frameLines() const;

private:
    std::unique_ptr<TempDir> own_;
    const TempDir& dir_;
    std::unique_ptr<BackgroundProcess> proc_;
    std::string address_, path_;
    int port_ = 0;
};

} // namespace gongshi::test
