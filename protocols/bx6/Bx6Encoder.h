#pragma once
// Turns commands into 6th-generation frames for one screen, as Onbon's SDK frames them: dynamic
// areas in dynamic-area frames (F0), everything else in control frames (07).
//
// A picture goes as graphic dynamic areas (A7 00). When it does not fit one frame (63 KB on the
// wire, or the `packet` option), it is cut into horizontal bands of equal height (the last may be
// lower), each its own area with its own Y: ids areaId, areaId + 1, ... top to bottom, one frame
// each, every band carrying its rows of every page. The card shows all its areas together, so the
// bands make the whole picture. The band height follows from the picture's geometry alone
// (width, pages, pixel format, packet size; up to 1 byte in 8 allowed to need escaping), so the
// same size of picture always lands in the same areas; only a picture with more escapes than that
// gets lower bands. Effects apply per area: a move-up or move-left on a banded picture moves each
// band within its own band, not the picture as a whole. Ids after the bands are left alone, so a
// smaller picture sent later to the same id leaves the lower bands of a larger one: clear first.
#include "protocols/Protocol.h"
#include "protocols/bx6/Bx6ProgramFile.h"
#include "protocols/bx6/Bx6Settings.h"

#include <vector>

namespace gongshi::protocols::bx6 {

class Bx6Encoder {
public:
    explicit Bx6Encoder(const ScreenSpec& screen);
    // Throws InputError for what bx-6 cards cannot carry, naming the command.
    std::vector<Bytes> encode(const Command& command) const;

private:
    std::vector<Bytes> bitmapFrames(const Command& command) const;
    // The program's two files (Bx6ProgramFile.h) written to flash as Onbon's SDK writes them.
    std::vector<Bytes> programFrames(const Command& command) const;

public:
    // The program a Program command carries, P000 then D000 (checked as encode() checks it).
    Bytes programFile(const Command& command) const;

private:
    void checkBitmap(const Command& command) const;
    // `area` (its place and size set) made the card's clock area showing `face`.
    ProgramArea clockArea(ProgramArea area, const renderer::ClockFace& face) const;
    // Rows top .. top + rows - 1 of every page, as dynamic area `id`, in one frame.
    Bytes bandFrame(const Command& command, int id, int top, int rows) const;
    // The band height the geometry allows; 0 when not even one row is sure to fit.
    int bandRows(const Command& command) const;
    Bytes frame(const Bytes& data) const;
    // Control frames (Bx6ControlFrame.h) for these data domains, numbered 4, 6, ...
    std::vector<Bytes> control(const std::vector<Bytes>& domains) const;

    ScreenSpec screen_;
    Bx6Settings settings_;
};

} // namespace gongshi::protocols::bx6
