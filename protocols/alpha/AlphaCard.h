#pragma once
// The sign's side, for the emulator and the tests: reads packets, keeps the memory configuration,
// the TEXT files and the SMALL DOTS pictures, and shows what the last-written TEXT file's first
// page shows (its pictures from the top-left corner, or its text drawn by the TextDrawer). It
// answers a read of its clock (F + space) sent to "00" or to its own address, from its own
// address, as a sign does; like a sign it refuses lower-case hex sizes, and an Alpha 1.0 sign
// (option alpha=1.0, the default) has no left or right position.
#include "protocols/Protocol.h"
#include "protocols/alpha/FrameScanner.h"
#include "protocols/alpha/TextFile.h"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gongshi::protocols::alpha {

class AlphaCard : public CardDecoder {
public:
    AlphaCard(const ScreenSpec& screen, TextDrawer drawText);

    std::vector<FrameEvent> feed(const std::uint8_t* data, std::size_t size) override;
    const renderer::Bitmap& screen() const override { return screen_; }
    // Every page of the shown TEXT file in turn, with the first page's mode (hold, rotate, roll
    // up) and speed; a sign holds a page about 5 s.
    Playlist playing() const override;

private:
    struct File {
        char type = 0;
        char lock = 0;
        std::uint16_t size = 0; // bytes, or rows << 8 | columns for DOTS
        std::string qqqq;
    };
    struct Picture {
        int width = 0;
        int height = 0;
        std::string digits; // row by row, width * height
    };

    void onFrame(const Bytes& frame, std::size_t wireSize, std::vector<FrameEvent>& out);
    void onCommand(std::string_view command, FrameEvent& event);
    void writeText(std::string_view data, FrameEvent& event);
    void writeDots(std::string_view data, FrameEvent& event);
    void writeSpecial(std::string_view data, FrameEvent& event);
    void readSpecial(std::string_view data, FrameEvent& event);
    void setMemory(std::string_view entries, FrameEvent& event);
    bool addressedToMe(std::string_view address) const;
    // Redraws the screen from the shown TEXT file; labels it calls that hold no picture go to
    // `missing`.
    renderer::Bitmap render(std::string& missing) const;
    renderer::Bitmap renderPage(const TextPage& page, std::string& missing) const;
    void redraw(FrameEvent& event, bool reportMissing);

    ScreenSpec spec_;
    TextDrawer drawText_;
    std::string ownAddress_;
    bool alpha3_ = false;
    // The time of day set with E + space, as minutes after midnight, and when it was set: the
    // sign's clock runs on from there. Until set, the host's clock.
    std::optional<int> clockMinutes_;
    std::chrono::steady_clock::time_point clockSetAt_;
    FrameScanner scanner_;
    renderer::Bitmap screen_;
    bool memoryConfigured_ = false; // until then the factory set-up takes any label
    std::map<char, File> files_;
    std::map<char, std::string> texts_;
    std::map<char, Picture> pictures_;
    std::optional<char> shown_;
};

} // namespace gongshi::protocols::alpha
