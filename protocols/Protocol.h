#pragma once
// The narrow interface every screen protocol implements: the sender's encoder and reply reader,
// and the card's decoder (used by the emulator and by tests to turn every sent byte back into
// pixels). Protocols know the renderer's Bitmap and nothing else of the product.
#include "protocols/Playback.h"
#include "bitmap/Bitmap.h"
#include "bitmap/ClockFace.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongshi::protocols {

using Bytes = std::vector<std::uint8_t>;

struct ScreenSpec {
    int width = 0;
    int height = 0;
    renderer::ColorMode color = renderer::ColorMode::Mono;
    std::uint16_t address = 1;                  // screen/card address where the protocol has one
    std::map<std::string, std::string> options; // protocol options, e.g. bx-6 "pixels=rgb888|planes"
};

enum class HAlign { Left, Center, Right };

using renderer::ClockTime;
// `t` run on by `by` (a card's clock keeps time between settings); the weekday follows the date.
ClockTime advanced(const ClockTime& t, std::chrono::seconds by);

struct OnOffTime {
    int onMinutes = 0; // minutes after midnight
    int offMinutes = 0;
};

struct Command {
    enum class Kind {
        Ping,
        Reset,
        SetClock,
        ScreenOn,
        ScreenOff,
        TimedOnOff,
        Brightness,
        Clear,
        Bitmap,
        Text,
        Program,
        ProgramInfo,
        Status
    };
    Kind kind = Kind::Ping;
    ClockTime clock;                                // SetClock
    std::vector<OnOffTime> onOff;                   // TimedOnOff
    int brightness = 15;                            // Brightness, 0..15
    std::vector<renderer::Bitmap> pages;            // Bitmap: one or more pages of the area's size
    std::string text;                               // Text: UTF-8, for cards with their own font
    int width = 0, height = 0;                      // Text: the area's size (0: to the screen's edge)
    renderer::Color color = renderer::Color::red(); // Text colour
    Effect effect = Effect::Static;
    int speed = 1;            // 1 = fastest
    int stayHalfSeconds = 10; // dwell per page, in 0.5 s units
    HAlign align = HAlign::Left;
    int x = 0, y = 0; // area position in pixels; size = the pages' size or the screen
    int areaId = 0;
    // The card already holds this area (same place, size and page count) from an earlier
    // command: protocols that set an area up before its pixels (bx-k) send only the pixels.
    bool areaReady = false;
    // Status: asks the card what it is and what it plays (read only: safe on a playing card); the
    // reply's data goes to Protocol::parseStatus.
    // ProgramInfo: asks which program file the card keeps (its size and CRC come in the reply).
    // Program: a program the card keeps in flash and plays from power-on, one Bitmap command per
    // area (place, pages, effect, speed, dwell). Cards without flash programs refuse it.
    std::vector<Command> areas;
    // A Program's area: a clock the card keeps itself (Protocol::keepsClock); `pages` hold the
    // face at the time it was composed, for cards and places (dynamic areas) without clock areas.
    std::shared_ptr<const renderer::ClockFace> clockFace;
};

// commandName() and failedEvent() are in gongshi_protocol_core (ProtocolCore.cpp), which every
// protocol's library links; makeProtocol() and protocolNames() are the registry, gongshi_protocols.
const char* commandName(Command::Kind kind); // "ping", "reset", "clock", "on", "off", "timer", ..., "program"

// One complete frame as the card saw it: one line of the emulator's frames.jsonl.
struct FrameEvent {
    std::string cmd; // commandName(), or "unknown"/"garbage" for what the card cannot use
    bool ok = true;
    std::string error;                          // the card's error name when !ok, e.g. "crc", "no-command"
    std::size_t bytes = 0;                      // bytes of the frame on the wire
    std::map<std::string, std::string> details; // extra fields for the JSON line (values as text)
    Bytes reply;                                // what the card answers; empty when it answers nothing
    bool screenChanged = false;
    bool flashChanged = false; // a file in the card's flash was written (or erased)
};

// What the card makes of bytes it cannot use (a garbage run, a damaged frame): not ok, with the
// error's name and the bytes it took on the wire.
FrameEvent failedEvent(std::string cmd, std::string error, std::size_t bytes);

// What the card side draws for text sent to its own font (the emulator passes the renderer's
// led16 profile in). Returns a bitmap of width x height.
using TextDrawer = std::function<renderer::Bitmap(const std::string& utf8, int width, int height, renderer::ColorMode mode,
                                                  renderer::Color color, HAlign align)>;

class CardDecoder {
public:
    virtual ~CardDecoder() = default;
    // Bytes as they arrive, in any chunks; one event per complete frame (or per garbage run).
    virtual std::vector<FrameEvent> feed(const std::uint8_t* data, std::size_t size) = 0;
    // Datagram transports hand over one datagram at a time.
    virtual std::vector<FrameEvent> feedDatagram(const Bytes& datagram) { return feed(datagram.data(), datagram.size()); }
    // What the screen shows now (each area at its first page).
    virtual const renderer::Bitmap& screen() const = 0;
    // What the card cycles through: every page of every area with its effect, speed and dwell, the
    // dynamic areas over the program. By default the screen as one still page.
    virtual Playlist playing() const;
    // The files the card keeps in flash (programs), which outlast a power cut: name -> contents.
    virtual std::map<std::string, Bytes> flash() const { return {}; }
    // A card powered on again with the files it kept: it plays its program as before.
    virtual void restoreFlash(const std::map<std::string, Bytes>& files) { (void)files; }
};

// What a card says of itself when asked (Command::Kind::Status): what `gongshi probe` prints.
// What the protocol or the card cannot tell stays unset.
struct CardStatus {
    std::optional<std::uint16_t> address; // the address the card answered from
    std::string model;                    // card type or firmware as the card names it
    std::optional<int> width, height;     // screen size in pixels
    std::optional<int> brightness;        // 0..15
    std::optional<bool> screenOn;
    std::optional<ClockTime> clock;           // the card's own clock
    std::optional<int> programs;              // programs kept in flash
    std::string program;                      // what plays now (a program's name), where the card says
    std::map<std::string, std::string> extra; // anything else the card told, as text
};

struct PacketPause {
    std::size_t offset = 0; // bytes of the packet written before the pause
    std::chrono::milliseconds duration{0};
};

struct ReplyResult {
    bool ok = true;
    std::string error;                   // the device's error, named
    std::size_t consumed = 0;            // bytes of `received` that made up the reply
    Bytes data;                          // what the reply carries after its status (e.g. a file's size and CRC)
    std::optional<std::uint16_t> source; // the address the reply came from, where the frame names it
    // The bytes were no sound reply of this protocol (a broken frame, a bad check): another
    // protocol's answer or line noise, not a device's refusal.
    bool garbled = false;
};

// The font a card draws text with itself (its text areas, the text of its programs): a line's
// height and the characters it has. A character it lacks is not drawn (a blank or a box on the
// panel), so text with one goes as a picture.
struct CardFont {
    int height = 16; // pixels of a line
    std::function<bool(char32_t)> covers;
    // Columns a character takes: half the height for ASCII, the height for the rest.
    int advance(char32_t c) const { return c < 0x80 ? height / 2 : height; }
};

// What a screen's protocol drives, which decides how delivery feeds it: a controller card (programs
// and areas it keeps and plays, replies, pings), a pixel controller fed whole frames as they play
// (ddp), or the browser player (protocol "web": pictures over the player's WebSocket, no wire).
enum class DeviceKind { Card, Frames, WebPlayer };

class Protocol {
public:
    virtual ~Protocol() = default;
    virtual std::string name() const = 0;
    virtual DeviceKind deviceKind() const { return DeviceKind::Card; }
    // The packets that carry one command, in order. Throws InputError for what the protocol or
    // card cannot carry (e.g. text GBK cannot encode, naming the character).
    virtual std::vector<Bytes> encode(const Command& command, const ScreenSpec& screen) const = 0;
    // Whether the device answers each packet of this command.
    virtual bool expectsReply(const Command& command) const = 0;
    // Looks for a reply at the start of `received` (garbage before it is skipped and counted in
    // `consumed`); nullopt while incomplete.
    virtual std::optional<ReplyResult> parseReply(const Bytes& received) const {
        (void)received;
        return ReplyResult{};
    }
    virtual std::unique_ptr<CardDecoder> makeCard(const ScreenSpec& screen, TextDrawer drawText) const = 0;
    // The program file a Program command writes to the card's flash, byte for byte; nullopt for
    // devices without flash programs. Throws InputError as encode() does.
    virtual std::optional<Bytes> programFile(const Command& program, const ScreenSpec& screen) const {
        (void)program;
        (void)screen;
        return std::nullopt;
    }
    // Whether a program's area may be a clock the card keeps from its own clock (Command::clockFace),
    // so that it shows the time without the server.
    virtual bool keepsClock() const { return false; }
    // The font of cards that draw text themselves; nullopt for devices that take pictures only.
    virtual std::optional<CardFont> cardFont() const { return std::nullopt; }
    // The address to reach every card on a link and have each answer (bx: 0xFFFE); nullopt where
    // a card answers only its own address. `gongshi probe` uses it first.
    virtual std::optional<std::uint16_t> probeAddress() const { return std::nullopt; }
    // Reads a Status reply (the whole reply, as parseReply returned it); nullopt when the protocol
    // has no status question or the reply does not carry one.
    virtual std::optional<CardStatus> parseStatus(const ReplyResult& reply) const {
        (void)reply;
        return std::nullopt;
    }
    // Whether the data of the reply to a ProgramInfo command says the card keeps exactly `file`.
    virtual bool keepsFile(const Bytes& infoReply, const Bytes& file) const {
        (void)infoReply;
        (void)file;
        return false;
    }
    // Where the device needs the line quiet inside one packet, in order: the sender writes the
    // bytes before each offset, then waits (Alpha signs: after a command's start, after a DOTS
    // picture's size, after their memory is set up; an offset may be the packet's size). None by
    // default; a dump of the packets is the same byte stream either way.
    virtual std::vector<PacketPause> pausesIn(const Bytes& packet) const {
        (void)packet;
        return {};
    }
};

// "bx-k", "bx-6", "alpha", "ddp"; throws InputError naming the known ones.
std::unique_ptr<Protocol> makeProtocol(std::string_view name);
std::vector<std::string> protocolNames();
// The name a screen gives for the browser player, which has no Protocol object.
inline constexpr std::string_view kWebPlayer = "web";
// What the screen's protocol drives: WebPlayer for kWebPlayer, else its Protocol's deviceKind();
// throws InputError for an unknown name as makeProtocol does.
DeviceKind deviceKindOf(std::string_view protocol);

} // namespace gongshi::protocols
