#pragma once
// The card side of bx-6: an emulated 6Q/6E that takes the host's bytes in any chunks and answers
// each frame as the card answers Onbon's SDK: dynamic areas (F0 frames) and control commands (07
// frames: ping, status, clock, on/off, brightness, file transfer, directory). Its flash keeps the
// files written to it; the program in P000 and D000 (Bx6ProgramFile.h) plays from power-on, and
// dynamic areas show over it (ImmePlay 0) or alone, the program stopped (ImmePlay 1). A new
// program starts afresh, without the dynamic areas shown before it.
#include "protocols/Protocol.h"
#include "protocols/bx6/Bx6AreaUpdate.h"
#include "protocols/bx6/Bx6ClockArea.h"
#include "protocols/bx6/Bx6ControlFrame.h"
#include "protocols/bx6/Bx6Frame.h"
#include "protocols/bx6/Bx6Reply.h"
#include "protocols/bx6/Bx6Settings.h"
#include "protocols/bx6/Bx6Status.h"
#include "protocols/onbon/OnbonFlash.h"

#include <chrono>
#include <cstdint>
#include <map>
#include <vector>

namespace gongshi::protocols::bx6 {

class Bx6Card : public CardDecoder {
public:
    // The card's address is screen.address; its options (device, pixels, packet) as for the sender.
    explicit Bx6Card(const ScreenSpec& screen);

    std::vector<FrameEvent> feed(const std::uint8_t* data, std::size_t size) override;
    // The program's first pages, then every dynamic area's first page in id order (the card's
    // picture at the moment a frame lands): the bands of a large picture show as the whole picture.
    const renderer::Bitmap& screen() const override { return screen_; }
    // The program (each area cycling all its pages with their effect, speed and dwell; each clock
    // area keeping the card's time), with every dynamic area over it cycling likewise (on black
    // when one plays alone).
    Playlist playing() const override;
    // All pages of dynamic area `id` as the card holds them; empty when there is no such area.
    std::vector<renderer::Bitmap> areaPages(int id) const;
    int brightness() const { return brightness_; }
    bool on() const { return on_; }
    // The card's clock: as last set, run on since.
    ClockTime now() const;
    std::map<std::string, Bytes> flash() const override { return flash_.files(); }
    void restoreFlash(const std::map<std::string, Bytes>& files) override;
    // The program's areas as the card plays them from flash (every page of each; a clock area's
    // background, without the time).
    const std::vector<std::vector<renderer::Bitmap>>& programPages() const { return programPages_; }

private:
    enum class State { Idle, Preamble, Body };
    struct Area {
        DynamicArea params;
        std::vector<renderer::Bitmap> pages;
    };

    FrameEvent finishFrame();
    FrameEvent frameEvent(std::size_t wireBytes);
    bool addressedToMe(std::uint16_t dst, FrameEvent& event) const;
    void dispatchArea(const Bx6Frame& frame, FrameEvent& event, CardError& error);
    // Control commands; `answer` is set for questions (the answer's data), else an ACK or NACK goes.
    void dispatchControl(std::uint8_t group, std::uint8_t cmd, const Bytes& payload, FrameEvent& event, CardError& error,
                         std::optional<Bytes>& answer);
    void updateAreas(const std::uint8_t* payload, std::size_t size, FrameEvent& event, CardError& error);
    void fileCommand(std::uint8_t cmd, const Bytes& payload, FrameEvent& event, CardError& error, std::optional<Bytes>& answer);
    // What a 6th-generation card answers when its flash refuses a start or a block.
    static CardError errorOf(onbon::FlashResult result);
    void redraw();
    // Plays P000 with D000 from flash; false (and why) when they do not make a program this card plays.
    bool loadProgram(std::string& reason);
    void dropProgram();
    static PlayArea playArea(int x, int y, const std::vector<renderer::Bitmap>& pages, const AreaPage& first);
    std::vector<std::pair<std::string, std::uint8_t>> filesOfType(std::uint8_t type) const;
    CardState state() const; // what the card reports of itself

    ScreenSpec spec_;
    Bx6Settings settings_;
    State state_ = State::Idle;
    Bytes body_;
    std::size_t frameBytes_ = 0;
    bool overflow_ = false;
    std::size_t garbage_ = 0;
    std::map<int, Area> areas_;
    int brightness_ = 15;
    bool on_ = true;
    ClockTime clock_;
    std::chrono::steady_clock::time_point clockSetAt_;
    renderer::Bitmap screen_;
    onbon::OnbonFlash flash_;     // every file written to the card, and the one being written
    std::uint8_t listedType_ = 0; // the file type A1 06 asked for, which A1 07 goes on to list
    renderer::Bitmap programScreen_;
    std::vector<std::vector<renderer::Bitmap>> programPages_;
    std::vector<PlayArea> programAreas_; // the program's picture areas, as played
    struct ProgramClock {
        int x = 0, y = 0;
        renderer::Bitmap background;
        std::vector<ClockUnit> units;
    };
    std::vector<ProgramClock> programClocks_;
};

} // namespace gongshi::protocols::bx6
