#include "protocols/emulator/DeviceEmulator.h"

#include "common/Error.h"
#include "common/Json.h"
#include "bitmap/ImageIO.h"

#include <filesystem>
#include <iterator>
#include <map>

namespace gongshi::protocols::emulator {

DeviceEmulator::DeviceEmulator(const Protocol& protocol, const ScreenSpec& screen, TextDrawer drawText, std::string outDir)
    : card_(protocol.makeCard(screen, std::move(drawText))), outDir_(std::move(outDir)) {
    std::filesystem::create_directories(outDir_);
    log_.open(std::filesystem::path(outDir_) / "frames.jsonl", std::ios::app);
    if (!log_) throw Error("cannot write " + outDir_ + "/frames.jsonl");
    // Powered on: what the card kept in flash plays again.
    const auto flashDir = std::filesystem::path(outDir_) / "flash";
    std::map<std::string, Bytes> files;
    if (std::filesystem::is_directory(flashDir))
        for (const auto& entry : std::filesystem::directory_iterator(flashDir)) {
            if (!entry.is_regular_file() || entry.path().extension() == ".tmp") continue;
            std::ifstream in(entry.path(), std::ios::binary);
            files[entry.path().filename().string()] = Bytes(std::istreambuf_iterator<char>(in), {});
        }
    if (!files.empty()) card_->restoreFlash(files);
    restartPlayback(); // a card starts dark (or with its program), and says so
}

void DeviceEmulator::saveFlash() {
    const auto dir = std::filesystem::path(outDir_) / "flash";
    std::filesystem::create_directories(dir);
    const auto files = card_->flash();
    for (const auto& [name, bytes] : files) {
        // Written beside and renamed: a card that loses power mid-write keeps the old file.
        const auto tmp = dir / (name + ".tmp");
        {
            std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
            out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
            if (!out) throw Error("cannot write " + tmp.string());
        }
        std::filesystem::rename(tmp, dir / name);
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (!files.count(entry.path().filename().string())) std::filesystem::remove(entry.path());
}

Bytes DeviceEmulator::onBytes(const std::uint8_t* data, std::size_t size) { return record(card_->feed(data, size)); }

Bytes DeviceEmulator::onDatagram(const Bytes& datagram) { return record(card_->feedDatagram(datagram)); }

namespace {

// Written beside and renamed, so a reader never sees half a PNG.
void writeAtomically(const renderer::Bitmap& picture, const std::filesystem::path& path) {
    const auto tmp = path.string() + ".tmp";
    renderer::writePng(picture, tmp);
    std::filesystem::rename(tmp, path);
}

} // namespace

void DeviceEmulator::writeScreen() { writeAtomically(card_->screen(), std::filesystem::path(outDir_) / "screen.png"); }

void DeviceEmulator::writePlaying(const renderer::Bitmap& picture) {
    writeAtomically(picture, std::filesystem::path(outDir_) / "playing.png");
    shown_ = picture;
    lastWrite_ = std::chrono::steady_clock::now();
}

// What the card holds changed: it plays from the start of its pages again.
void DeviceEmulator::restartPlayback() {
    writeScreen();
    player_ = Player(card_->playing());
    playStart_ = std::chrono::steady_clock::now();
    writePlaying(player_.frameAt(std::chrono::milliseconds(0)));
}

void DeviceEmulator::tick() {
    if (!player_.playlist().animated()) return;
    const auto now = std::chrono::steady_clock::now();
    // A moving text steps every 10 ms or so; the file shows it at most ten times a second.
    if (now - lastWrite_ < std::chrono::milliseconds(100)) return;
    renderer::Bitmap picture = player_.frameAt(std::chrono::duration_cast<std::chrono::milliseconds>(now - playStart_));
    if (!(picture == shown_)) writePlaying(picture);
}

Bytes DeviceEmulator::record(const std::vector<FrameEvent>& events) {
    Bytes replies;
    std::string lines;
    bool changed = false, flash = false;
    for (const auto& e : events) {
        ++frames_;
        lines +=
            "{\"cmd\": \"" + jsonEscape(e.cmd) + "\", \"ok\": " + (e.ok ? "true" : "false") + ", \"bytes\": " + std::to_string(e.bytes);
        if (!e.error.empty()) lines += ", \"error\": \"" + jsonEscape(e.error) + "\"";
        for (const auto& [k, v] : e.details) lines += ", \"" + jsonEscape(k) + "\": \"" + jsonEscape(v) + "\"";
        lines += ", \"reply_bytes\": " + std::to_string(e.reply.size()) + "}\n";
        replies.insert(replies.end(), e.reply.begin(), e.reply.end());
        changed = changed || e.screenChanged;
        flash = flash || e.flashChanged;
    }
    if (flash) saveFlash();
    // The picture first, then the log: whoever reads a frame's line finds its screen already.
    if (changed) restartPlayback();
    log_ << lines;
    log_.flush();
    return replies;
}

} // namespace gongshi::protocols::emulator
