#pragma once
// The card side of any protocol, as a program can see it: bytes in, replies out, and after each
// frame a line in DIR/frames.jsonl and (when the picture changed) DIR/screen.png. The card's flash
// is DIR/flash/ (one file per program file): an emulator started again on the same DIR is the
// same card powered on again, playing the program it kept, without what was only in RAM.
#include "protocols/Protocol.h"

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

    const renderer::Bitmap& screen() const { return card_->screen(); }
    std::size_t frames() const { return frames_; }

private:
    Bytes record(const std::vector<FrameEvent>& events);
    void writeScreen();
    void saveFlash();

    std::unique_ptr<CardDecoder> card_;
    std::string outDir_;
    std::ofstream log_;
    std::size_t frames_ = 0;
};

} // namespace gongshi::protocols::emulator
