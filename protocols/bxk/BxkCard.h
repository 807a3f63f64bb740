#pragma once
// A K card as the emulator runs it: reads frames from any chunking of the byte stream, checks
// them as the card does, applies them to its screen and answers with the card's reply frames.
// The screen is the program in flash (each area's first page) with the dynamic areas over it;
// clearing the screen (A3 10) drops the dynamic areas and shows the program alone. A new program
// starts afresh: dynamic areas shown before it are gone until sent again.
#include "protocols/Protocol.h"
#include "protocols/bxk/BxkCommands.h"
#include "protocols/bxk/BxkErrors.h"
#include "protocols/bxk/BxkFrame.h"
#include "protocols/onbon/OnbonFlash.h"

#include <optional>
#include <set>

namespace gongshi::protocols::bxk {

class BxkCard : public CardDecoder {
public:
    // Throws InputError for an rgb screen: K cards drive mono and red-green panels only.
    // `drawText` may be empty; text areas are then blanked instead of drawn.
    BxkCard(const ScreenSpec& screen, TextDrawer drawText);

    std::vector<FrameEvent> feed(const std::uint8_t* data, std::size_t size) override;
    // All dark while the screen is switched off; the contents come back when it is switched on.
    // With header DisplayMode 1 (dynamic mode) the dynamic areas take priority: while any is
    // shown, the program is not.
    const renderer::Bitmap& screen() const override { return !on_ ? dark_ : dynamicPriority_ && anyDynamic_ ? dynamicOnly_ : content_; }

    // The program's areas, each text paged or scrolled as the card plays it with its font, then the
    // dynamic areas (text areas, the special area) over them; in dynamic mode the dynamic areas
    // alone while any is shown.
    Playlist playing() const override;

    bool isOn() const { return on_; }
    int brightness() const { return brightness_; }
    const std::optional<ClockTime>& clock() const { return clock_; }
    const std::vector<OnOffTime>& timers() const { return timers_; }
    // The special area's pages as last received complete, cropped to the screen.
    const std::vector<renderer::Bitmap>& pages() const { return pages_; }
    std::map<std::string, Bytes> flash() const override { return flash_.files(); }
    void restoreFlash(const std::map<std::string, Bytes>& files) override;
    // The program's areas as the card plays them from flash (every page of each).
    const std::vector<std::vector<renderer::Bitmap>>& programPages() const { return programPages_; }

private:
    struct Outcome {
        std::string cmd = "unknown";
        BxkError error = BxkError::Ok;
        std::map<std::string, std::string> details;
        bool flash = false;
        Bytes replyData;
    };
    // The 5MK special dynamic area being received.
    struct SpecialArea {
        bool ready = false;
        int x = 0, y = 0, groups = 0, height = 0, pageCount = 1;
        Bytes data;
        std::size_t received = 0;
        int blocks = 0;
    };

    FrameEvent onFrame(const DecodedFrame& decoded, std::size_t wireBytes);
    Outcome apply(const Bytes& data);
    Outcome setClock(const std::uint8_t* p, std::size_t n);
    Outcome setTimers(const std::uint8_t* p, std::size_t n);
    Outcome setBrightness(const std::uint8_t* p, std::size_t n);
    Outcome dynamicArea(const std::uint8_t* p, std::size_t n);
    Outcome specialSetup(const std::uint8_t* p, std::size_t n);
    Outcome specialData(const std::uint8_t* p, std::size_t n);
    Outcome fileStart(const std::uint8_t* p, std::size_t n);
    Outcome fileBlock(const std::uint8_t* p, std::size_t n);
    // What a K card answers when its flash refuses a start or a block.
    static BxkError errorOf(onbon::FlashResult result);
    // Plays `file` as the program; else the error (file-crc for a damaged file, out-of-memory for
    // areas off the screen) and the reason, the program before it playing on.
    BxkError loadProgram(const Bytes& file, std::string& reason);
    Bytes reply(std::uint16_t to, BxkError error, const Bytes& data = {}, std::uint8_t cmd = kAck) const;
    renderer::Bitmap drawArea(const std::string& utf8, int w, int h, renderer::Color colour, HAlign align) const;
    // The text as one line from the area's left edge, never wrapped, `w` pixels of it.
    renderer::Bitmap drawLine(const std::string& utf8, int w, int h, renderer::Color colour) const;
    // A text area as the card cycles it: moving left or in a single line, the text as one line cut
    // into area-wide pages that follow each other (as wide as the font makes it: 8 pixels a GBK
    // byte); else the text wrapped to the area's width, a page for each area height of lines.
    struct TextArea {
        std::string utf8;
        int x = 0, y = 0, w = 0, h = 0;
        renderer::Color colour;
        HAlign align = HAlign::Left;
        std::uint8_t displayMode = 0;
        int speed = 1, stay = 10;
        bool singleLine = false; // SingleLine 1: the text stays on one line, cut at the area's edge
    };
    PlayArea playText(const TextArea& t) const;
    // What the area shows first, the picture the card holds of it: a single-line area's line up
    // to its right edge (a marquee's first page), else the text wrapped in the area.
    renderer::Bitmap heldText(const TextArea& t) const;
    void drawDynamic(const renderer::Bitmap& b, int x, int y);
    void dropDynamic();
    void flushGarbage(std::vector<FrameEvent>& events);

    ScreenSpec spec_;
    TextDrawer drawText_;
    renderer::Bitmap content_;
    renderer::Bitmap dark_;
    bool on_ = true;
    int brightness_ = kMaxBrightness;
    std::optional<ClockTime> clock_;
    std::vector<OnOffTime> timers_;
    SpecialArea special_;
    std::vector<renderer::Bitmap> pages_;
    onbon::OnbonFlash flash_;        // the program file, P000, and the one being written
    renderer::Bitmap programScreen_; // the program's picture without dynamic areas
    renderer::Bitmap dynamicOnly_;   // the dynamic areas on a dark screen (dynamic mode)
    bool anyDynamic_ = false;
    bool dynamicPriority_ = false; // the last dynamic area came with header DisplayMode 1
    std::set<int> dynamicIds_;     // the text areas shown, for the status answer
    std::vector<std::vector<renderer::Bitmap>> programPages_;
    // What the card cycles, drawn when asked (playing()): the program's text areas, the dynamic
    // text areas by id, the special area's pages.
    std::vector<TextArea> programText_;
    std::map<int, TextArea> dynamicText_;
    std::optional<PlayArea> specialPlay_;

    Bytes buffer_;                   // received bytes not yet part of a reported frame
    std::size_t pendingGarbage_ = 0; // garbage seen, reported when the next frame arrives
    std::size_t pendingPreamble_ = 0;
};

} // namespace gongshi::protocols::bxk
