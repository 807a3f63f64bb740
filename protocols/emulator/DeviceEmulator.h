#pragma once
// The card side of any protocol, as a program can see it: bytes in, replies out, and after each
// frame a line in DIR/frames.jsonl and (when the picture changed) DIR/screen.png, what the card
// holds (each area at its first page). DIR/playing.png is what the card shows at this moment, as
// it turns pages and moves text. The card's flash
// is DIR/flash/ (one file per program file): an emulator started again on the same DIR is the
// same card powered on again, playing the program it kept, without what was only in RAM.
#include "protocols/Protocol.h"

#include <chrono>
#include <fstream>
#include <memory>
#include <string>

namespace gongshi::protocols::emulator {

class DeviceEmulator {
public:
    DeviceEmulator(const Protocol& protocol, const ScreenSpec& screen, TextDrawer drawText, std::string outDir);

    // Bytes from a stream link (serial, TCP) in any chunks; returns what the card answers.
    Bytes onBytes(const std::uint8_t* data, std::size_t size);
    // One datagram from a datagram link (UDP).
    Bytes onDatagram(const Bytes& datagram);

    // Moves what the card plays on to now: writes playing.png when the picture changed (a page
    // turned, a moving text stepped). Serving loops call it at least every 100 ms.
    void tick();

    const renderer::Bitmap& screen() const { return card_->screen(); }
    std::size_t frames() const { return frames_; }

private:
    Bytes record(const std::vector<FrameEvent>& events);
    void restartPlayback();
    void writeScreen();
    void writePlaying(const renderer::Bitmap& picture);
    void saveFlash();

    std::unique_ptr<CardDecoder> card_;
    std::string outDir_;
    std::ofstream log_;
    std::size_t frames_ = 0;
    Player player_{Playlist{}};
    std::chrono::steady_clock::time_point playStart_;
    std::chrono::steady_clock::time_point lastWrite_;
    renderer::Bitmap shown_;
};

} // namespace gongshi::protocols::emulator
