#pragma once
// The card side of bx-6: an emulated 6Q/6E that takes the host's bytes in any chunks, answers each
// frame as Onbon's manual describes, and keeps its dynamic areas as pictures over the program it
// keeps in flash (onbon/OnbonProgram.h). Deleting the dynamic areas shows the program alone; a new
// program starts afresh, without the dynamic areas shown before it.
#include "protocols/Protocol.h"
#include "protocols/bx6/Bx6AreaUpdate.h"
#include "protocols/bx6/Bx6Frame.h"
#include "protocols/bx6/Bx6Reply.h"
#include "protocols/bx6/Bx6Settings.h"
#include "protocols/onbon/OnbonProgram.h"

#include <cstdint>
#include <map>
#include <vector>

namespace gongshi::protocols::bx6 {

class Bx6Card : public CardDecoder {
public:
    // The card's address is screen.address; its options (device, pixels, packet) as for the sender.
    explicit Bx6Card(const ScreenSpec& screen);

    std::vector<FrameEvent> feed(const std::uint8_t* data, std::size_t size) override;
    // Every area's first page on black, areas in id order (the card's picture at the moment a frame
    // lands): the bands of a picture too large for one frame show together as the whole picture.
    const renderer::Bitmap& screen() const override { return screen_; }
    // All pages of dynamic area `id` as the card holds them; empty when there is no such area.
    std::vector<renderer::Bitmap> areaPages(int id) const;
    int brightness() const { return brightness_; }
    std::map<std::string, Bytes> flash() const override { return flash_; }
    void restoreFlash(const std::map<std::string, Bytes>& files) override;
    // The program's areas as the card plays them from flash (every page of each).
    const std::vector<std::vector<renderer::Bitmap>>& programPages() const { return programPages_; }

private:
    enum class State { Idle, Preamble, Body };
    struct Area {
        DynamicArea params;
        std::vector<renderer::Bitmap> pages;
    };

    FrameEvent finishFrame();
    FrameEvent frameEvent(std::size_t wireBytes);
    void dispatch(const Bx6Frame& frame, FrameEvent& event, CardError& error);
    void updateAreas(const std::uint8_t* payload, std::size_t size, FrameEvent& event, CardError& error);
    void redraw();
    void writeFile(std::uint8_t cmd, const std::uint8_t* payload, std::size_t size, FrameEvent& event, CardError& error);
    // Plays `file` as the program; else file-crc (damaged) or memory (areas off the screen).
    CardError loadProgram(const Bytes& file, std::string& reason);

    ScreenSpec spec_;
    Bx6Settings settings_;
    State state_ = State::Idle;
    Bytes body_;
    std::size_t frameBytes_ = 0;
    bool overflow_ = false;
    std::size_t garbage_ = 0;
    std::map<int, Area> areas_;
    int brightness_ = 15;
    renderer::Bitmap screen_;
    onbon::FileReceiver receiver_;
    std::map<std::string, Bytes> flash_;
    renderer::Bitmap programScreen_;
    std::vector<std::vector<renderer::Bitmap>> programPages_;
};

} // namespace gongshi::protocols::bx6
