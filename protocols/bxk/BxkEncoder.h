#pragma once
// Turns product Commands into K protocol frames for one screen. Every frame asks for a reply
// (Resp 0x01) and fits the cards' 1 KB packet limit on the wire.
#include "protocols/Protocol.h"
#include "protocols/bxk/BxkProgramFile.h"

#include <utility>

namespace gongshi::protocols::bxk {

class BxkEncoder {
public:
    explicit BxkEncoder(ScreenSpec screen) : screen_(std::move(screen)) {}

    // Throws InputError for what a K card cannot take (text outside GBK, a field out of range, an
    // area off the screen or not on an 8-pixel column, text too long for one packet).
    std::vector<Bytes> encode(const Command& command) const;

private:
    Bytes frame(std::uint8_t group, std::uint8_t cmd, const Bytes& payload) const;
    Bytes clock(const ClockTime& t) const;
    Bytes timer(const std::vector<OnOffTime>& times) const;
    Bytes brightness(int level) const;
    Bytes textBody(const Command& c) const; // colour code and GBK text
    static std::uint8_t displayModeOf(Effect e);
    // A text area's width and height: the command's, or to the screen's edges; off the screen is an
    // InputError.
    std::pair<int, int> textAreaSize(const Command& c) const;
    Bytes text(const Command& c) const;
    std::vector<Bytes> bitmap(const Command& c) const;
    // A program file (BxkProgramFile.h) written to flash: A1 05, then A1 06 blocks.
    std::vector<Bytes> program(const Command& c) const;
    ProgramTextArea programArea(const Command& area) const;

public:
    // The program file a Program command carries (checked as encode() checks it): Text areas, and
    // dark Bitmap areas as areas without text; other pictures are an InputError.
    Bytes programFile(const Command& c) const;

private:
    void checkPages(const Command& c) const;

    ScreenSpec screen_;
};

} // namespace gongshi::protocols::bxk
