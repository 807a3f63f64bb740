// bench/wire: bytes on the wire for one full-screen picture in every protocol against the raw
// bitmap, and the time to push a 192x32 mono picture over a 9600 baud line (a pty paced at the
// baud rate, the card emulated on its master side) against bytes x bits-per-byte / baud.
#include "common/Error.h"
#include "compose/Composer.h"
#include "records/Database.h"
#include "records/Demo.h"
#include "records/Publication.h"
#include "records/RecordStore.h"
#include "compose/ScreenPlan.h"
#include "rules/WhatPlays.h"
#include "rules/WorkingDays.h"
#include "delivery/Clock.h"
#include "delivery/ScreenContent.h"
#include "protocols/Protocol.h"
#include "protocols/emulator/DeviceEmulator.h"
#include "protocols/transport/PtyPair.h"
#include "protocols/transport/Transport.h"
#include "layout/TextRenderer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <thread>

using namespace gongshi;
using Clock = std::chrono::steady_clock;

namespace {

renderer::Bitmap picture(int w, int h, renderer::ColorMode mode) {
    renderer::TextRenderer r;
    renderer::LayoutOptions o;
    o.width = w;
    o.height = h;
    auto layout = r.layout("便民服务中心：一号窗口暂停服务，14:30回，请到二号窗口办理。", "led16", o);
    return r.renderPage(layout, 0, mode, renderer::Color::red());
}

std::size_t packedBytes(const renderer::Bitmap& b) {
    return b.mode() == renderer::ColorMode::Rgb ? static_cast<std::size_t>(b.width() * b.height() * 3)
                                                : static_cast<std::size_t>(b.stride() * b.height() * b.planes());
}

struct WireCase {
    const char* protocol;
    int width, height;
    renderer::ColorMode mode;
    const char* options;
    bool areaReady; // a repeated update of an area the card already holds
    // Bytes of pixel data the protocol's own picture format needs, before framing.
    std::size_t (*pixelBytes)(const renderer::Bitmap&);
};

std::size_t asPacked(const renderer::Bitmap& b) { return packedBytes(b); }
std::size_t asRgb888(const renderer::Bitmap& b) { return static_cast<std::size_t>(b.width() * b.height() * 3); }
// SMALL DOTS: one ASCII colour digit per pixel and a CR per row.
std::size_t asAlphaDots(const renderer::Bitmap& b) { return static_cast<std::size_t>((b.width() + 1) * b.height()); }

// Writes `packets` over a 9600 baud line (a pty paced at the baud rate, the card emulated on its
// master side), each answered before the next where the protocol answers; returns the seconds
// until the card took the last one (or, for a card without replies, until `done` holds).
double pushOver9600(const protocols::Protocol& protocol, const protocols::ScreenSpec& spec, const std::vector<protocols::Bytes>& packets,
                    bool replies, const std::function<bool(const protocols::emulator::DeviceEmulator&)>& done) {
    auto dir = std::filesystem::temp_directory_path() / ("gongshi-bench-wire-" + protocol.name());
    protocols::emulator::DeviceEmulator emu(protocol, spec, nullptr, dir.string());
    protocols::transport::PtyPair pty;
    std::atomic<bool> stop{false};
    std::thread card([&] {
        while (!stop) {
            auto data = pty.readMaster(std::chrono::milliseconds(50));
            if (data.empty()) continue;
            auto reply = emu.onBytes(data.data(), data.size());
            if (!reply.empty()) pty.writeMaster(reply);
        }
    });
    auto link = protocols::transport::openTransport("serial:" + pty.slavePath() + "@9600,8N1,paced");
    auto start = Clock::now();
    for (const auto& p : packets) {
        link->write(p);
        if (!replies) continue;
        protocols::Bytes got;
        std::optional<protocols::ReplyResult> reply;
        auto until = Clock::now() + std::chrono::seconds(5);
        while (!reply && Clock::now() < until) {
            auto chunk = link->read(std::chrono::milliseconds(500));
            got.insert(got.end(), chunk.begin(), chunk.end());
            if (!got.empty()) reply = protocol.parseReply(got);
        }
        if (!reply || !reply->ok) std::fprintf(stderr, "%s: no acknowledgement\n", protocol.name().c_str());
    }
    auto until = Clock::now() + std::chrono::seconds(5);
    while (!replies && !done(emu) && Clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    stop = true;
    card.join();
    std::filesystem::remove_all(dir);
    return seconds;
}

double pushSeconds(const char* protocolName, const renderer::Bitmap& pic, std::size_t& wireBytes) {
    auto protocol = protocols::makeProtocol(protocolName);
    protocols::ScreenSpec spec;
    spec.width = pic.width();
    spec.height = pic.height();
    spec.color = pic.mode();
    protocols::Command c;
    c.kind = protocols::Command::Kind::Bitmap;
    c.pages = {pic};
    auto packets = protocol->encode(c, spec);
    wireBytes = 0;
    for (const auto& p : packets) wireBytes += p.size();
    // A card without replies is done when it has decoded every frame.
    return pushOver9600(*protocol, spec, packets, protocol->expectsReply(c),
                        [&](const protocols::emulator::DeviceEmulator& emu) { return emu.screen() == pic.convert(emu.screen().mode()); });
}

std::size_t wireBytes(const std::vector<protocols::Bytes>& packets) {
    std::size_t n = 0;
    for (const auto& p : packets) n += p.size();
    return n;
}

// The demo centre as the server plans its screens on a working Friday at 10:00.
struct DemoHall {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "gongshi-bench-wire-demo";
    std::unique_ptr<content::Database> db;
    delivery::ManualClock clock{"2026-11-27", 10, 0};
    renderer::TextRenderer renderer;

    DemoHall() {
        std::filesystem::remove_all(dir);
        db = std::make_unique<content::Database>(dir.string());
        content::importDemo(*db, content::demoDataDir(), "bench");
    }
    ~DemoHall() {
        db.reset();
        std::filesystem::remove_all(dir);
    }
    content::ScreenRecord screen(content::Id id) { return content::RecordStore<content::ScreenRecord>(*db).get(id); }
    // Screen `id`'s areas as the server sends them to its card (text where the card's font can).
    std::vector<delivery::CardArea> areas(content::Id id, const protocols::CardFont* font) {
        const auto s = screen(id);
        std::vector<content::Program> mine;
        for (const auto& p : content::RecordStore<content::Program>(*db).all())
            if (p.screenId == id) mine.push_back(p);
        content::ComposeRecords records = content::loadComposeRecords(*db, s.centreId);
        content::applyApprovals(*db, records);
        const auto plan = content::planScreen(renderer, s, mine, records, content::WorkingDays::load(*db), clock.local(), {});
        return delivery::cardAreas(renderer, plan.program, font);
    }
};

protocols::ScreenSpec specOf(const content::ScreenRecord& s) {
    protocols::ScreenSpec spec;
    spec.width = s.width;
    spec.height = s.height;
    spec.color = renderer::parseColorMode(s.color);
    return spec;
}

protocols::Command programOf(const std::vector<delivery::CardArea>& areas) {
    protocols::Command program;
    program.kind = protocols::Command::Kind::Program;
    for (const auto& a : areas) program.areas.push_back(a.command);
    return program;
}

// Bytes of the areas sent as pictures (the special area, one page at a time), as with text=pictures.
std::size_t pictureBytes(const protocols::Protocol& protocol, const protocols::ScreenSpec& spec,
                         const std::vector<delivery::CardArea>& areas) {
    std::size_t n = 0;
    for (const auto& a : areas) {
        const protocols::Command& c = a.picture ? *a.picture : a.command;
        for (const auto& page : c.pages) {
            protocols::Command one = c;
            one.pages = {page};
            n += wireBytes(protocol.encode(one, spec));
        }
    }
    return n;
}

} // namespace

int main() {
    const WireCase cases[] = {
        {"bx-k", 192, 32, renderer::ColorMode::Mono, "", false, asPacked},
        {"bx-k", 192, 32, renderer::ColorMode::Mono, "", true, asPacked},
        {"bx-k", 192, 64, renderer::ColorMode::RedGreen, "", false, asPacked},
        {"bx-k", 192, 64, renderer::ColorMode::RedGreen, "", true, asPacked},
        {"bx-6", 192, 32, renderer::ColorMode::Mono, "pixels=planes", false, asPacked},
        {"bx-6", 256, 64, renderer::ColorMode::RedGreen, "pixels=planes", false, asPacked},
        {"bx-6", 192, 64, renderer::ColorMode::Rgb, "", false, asRgb888},
        {"alpha", 160, 16, renderer::ColorMode::RedGreen, "", false, asAlphaDots},
        {"ddp", 192, 64, renderer::ColorMode::Rgb, "", false, asRgb888},
    };
    double worstOverhead = 0;
    const char* worst = "";
    for (const auto& c : cases) {
        auto protocol = protocols::makeProtocol(c.protocol);
        protocols::ScreenSpec spec;
        spec.width = c.width;
        spec.height = c.height;
        spec.color = c.mode;
        if (std::string(c.options) == "pixels=planes") spec.options["pixels"] = "planes";
        auto pic = picture(c.width, c.height, c.mode);
        protocols::Command cmd;
        cmd.kind = protocols::Command::Kind::Bitmap;
        cmd.pages = {pic};
        cmd.areaReady = c.areaReady;
        std::size_t wire = 0, packets = 0;
        for (const auto& p : protocol->encode(cmd, spec)) wire += p.size(), ++packets;
        std::size_t raw = packedBytes(pic), pixels = c.pixelBytes(pic);
        double overhead = static_cast<double>(wire) / static_cast<double>(pixels);
        std::string key = std::string(c.protocol) + "_" + std::to_string(c.width) + "x" + std::to_string(c.height) + "_" +
                          renderer::colorModeName(c.mode) + (c.areaReady ? "_update" : "");
        for (auto& ch : key)
            if (ch == '-') ch = '_';
        std::printf("%s_packets=%zu\n%s_wire_bytes=%zu\n%s_raw_bitmap_bytes=%zu\n%s_pixel_format_bytes=%zu\n", key.c_str(), packets,
                    key.c_str(), wire, key.c_str(), raw, key.c_str(), pixels);
        std::printf("%s_wire_vs_raw=%.3f\n%s_overhead=%.3f\n", key.c_str(), static_cast<double>(wire) / static_cast<double>(raw),
                    key.c_str(), overhead);
        if (overhead > worstOverhead) worstOverhead = overhead, worst = c.protocol;
    }

    // 192x32 mono over a 9600 baud line: median of three pushes.
    double worstSerial = 0;
    for (const char* name : {"bx-k", "alpha"}) {
        std::vector<double> times;
        std::size_t wire = 0;
        auto pic = picture(name == std::string("alpha") ? 160 : 192, name == std::string("alpha") ? 16 : 32, renderer::ColorMode::Mono);
        for (int i = 0; i < 3; ++i) times.push_back(pushSeconds(name, pic, wire));
        std::sort(times.begin(), times.end());
        double ideal = static_cast<double>(wire) * 10.0 / 9600.0;
        double ratio = times[1] / ideal;
        std::string key = name == std::string("bx-k") ? "bx_k" : name;
        std::printf("%s_serial_9600_bytes=%zu\n%s_serial_9600_seconds=%.3f\n%s_serial_9600_ideal_seconds=%.3f\n%s_serial_time_ratio=%.4f\n",
                    key.c_str(), wire, key.c_str(), times[1], key.c_str(), ideal, key.c_str(), ratio);
        worstSerial = std::max(worstSerial, ratio);
    }
    // A hall strip's program for flash (a welcome line, 70 marquee pages below, 256x32 red-green):
    // the program file against the same pages sent as dynamic areas, and a card's write time. Not
    // bx-k: a K program file holds text the card draws with its font, not pictures.
    for (const char* name : {"bx-6"}) {
        auto protocol = protocols::makeProtocol(name);
        protocols::ScreenSpec spec;
        spec.width = 256;
        spec.height = 32;
        spec.color = renderer::ColorMode::RedGreen;
        protocols::Command top, marquee, program;
        top.kind = marquee.kind = protocols::Command::Kind::Bitmap;
        top.pages = {picture(256, 16, spec.color)};
        marquee.y = 16;
        marquee.areaId = 1;
        for (int i = 0; i < 70; ++i) marquee.pages.push_back(picture(256, 16, spec.color));
        program.kind = protocols::Command::Kind::Program;
        program.areas = {top, marquee};
        const auto t0 = Clock::now();
        const auto frames = protocol->encode(program, spec);
        const double encodeMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        std::size_t wire = 0, packets = frames.size(), dynamicWire = 0;
        for (const auto& p : frames) wire += p.size();
        auto card = protocol->makeCard(spec, nullptr);
        const auto t1 = Clock::now();
        for (const auto& p : frames) card->feed(p.data(), p.size());
        const double decodeMs = std::chrono::duration<double, std::milli>(Clock::now() - t1).count();
        const std::size_t file = card->flash().begin()->second.size();
        // The same pages as dynamic areas (bx-k: the marquee in two parts, as one area holds 64 KB).
        for (const auto& c : {top, marquee}) {
            protocols::Command half = c;
            while (true) {
                try {
                    for (const auto& p : protocol->encode(half, spec)) dynamicWire += p.size();
                    break;
                } catch (const InputError&) {
                    protocols::Command rest = half;
                    half.pages.resize(half.pages.size() / 2);
                    rest.pages.erase(rest.pages.begin(), rest.pages.begin() + static_cast<std::ptrdiff_t>(half.pages.size()));
                    for (const auto& p : protocol->encode(rest, spec)) dynamicWire += p.size();
                }
            }
        }
        std::string key = name == std::string("bx-k") ? "bx_k" : "bx_6";
        std::printf("%s_program_file_bytes=%zu\n%s_program_packets=%zu\n%s_program_wire_bytes=%zu\n", key.c_str(), file, key.c_str(),
                    packets, key.c_str(), wire);
        std::printf("%s_program_vs_dynamic_areas=%.3f\n%s_program_9600_ideal_seconds=%.1f\n", key.c_str(),
                    static_cast<double>(wire) / static_cast<double>(dynamicWire), key.c_str(), static_cast<double>(wire) * 10.0 / 9600.0);
        std::printf("%s_program_encode_ms=%.2f\n%s_program_card_decode_ms=%.2f\n", key.c_str(), encodeMs, key.c_str(), decodeMs);
    }
    std::printf("worst_overhead_protocol=%s\n", worst);
    std::printf("serial_time_ratio=%.4f\n", worstSerial);
    std::printf("overhead_ratio=%.3f\n", worstOverhead);

    // Bytes on a slow line for the demo centre's K cards, the server's way against Onbon's SDK for
    // the same content. Text the card draws with its GB2312 font goes as text: the hall strip's
    // welcome line and notices' marquee as the program file in flash, a window's status as a
    // dynamic text area. Onbon's SDK sends the same content as the same frames (OFS_SendFileData
    // for a program file, SCREEN_SendDynamicArea for a dynamic area): our encoder's frames equal
    // Led5kSDK.dll's byte for byte (tests/golden/protocols/bxk-vendor), so the vendor's bytes are
    // counted from those frames, and the DLL's programs and areas are the unit the card takes.
    DemoHall demo;
    auto bxk = protocols::makeProtocol("bx-k");
    const auto font = bxk->cardFont();
    struct LineCase {
        const char* key;
        std::size_t ours, vendor, pictures;
        double seconds;
    };
    std::vector<LineCase> lineCases;
    // A DLL-built program file or area goes in the frames we send (see above); what Onbon's SDK
    // sends is counted from the frames of the same commands.
    auto vendorBytes = [&](const std::vector<protocols::Command>& commands, const protocols::ScreenSpec& spec) {
        std::size_t n = 0;
        for (const auto& c : commands) n += wireBytes(bxk->encode(c, spec));
        return n;
    };
    auto median9600 = [&](const protocols::ScreenSpec& spec, const std::vector<protocols::Bytes>& packets) {
        std::vector<double> t;
        for (int i = 0; i < 3; ++i) t.push_back(pushOver9600(*bxk, spec, packets, true, nullptr));
        std::sort(t.begin(), t.end());
        return t[1];
    };
    {
        // (c) a new program: the hall strip's whole program, written to flash.
        const auto hall = demo.screen(1);
        const auto spec = specOf(hall);
        const auto areas = demo.areas(1, &*font);
        const auto program = programOf(areas);
        const auto packets = bxk->encode(program, spec);
        const std::size_t text = wireBytes(packets);
        lineCases.push_back(
            {"new_program", text, vendorBytes({program}, spec), pictureBytes(*bxk, spec, areas), median9600(spec, packets)});
        std::printf(
            "hall_strip_text_areas=%zu\nhall_strip_program_file_bytes=%zu\n",
            static_cast<std::size_t>(std::count_if(
                areas.begin(), areas.end(), [](const delivery::CardArea& a) { return a.command.kind == protocols::Command::Kind::Text; })),
            bxk->programFile(program, spec)->size());

        // (a) one notice's title edited: the program file written again.
        content::RecordStore<content::Notice> notices(*demo.db);
        auto notice = notices.get(5);
        notice.title = "2027年度城乡居民医保集中缴费公告（延期）";
        notices.update(notice, "bench");
        const auto edited = demo.areas(1, &*font);
        const auto editedProgram = programOf(edited);
        const auto editPackets = bxk->encode(editedProgram, spec);
        lineCases.push_back({"notice_edit", wireBytes(editPackets), vendorBytes({editedProgram}, spec),
                             pictureBytes(*bxk, spec, {edited[1]}), median9600(spec, editPackets)});
    }
    {
        // (b) a window's status changed: window 4 away, back at 15:30 -> back at 16:00, on its
        // 64x16 K screen (the demo's serial card at 9600 baud): its dynamic area sent again.
        const auto win = demo.screen(4);
        const auto spec = specOf(win);
        content::RecordStore<content::Window> windows(*demo.db);
        content::Window w;
        for (const auto& x : windows.all())
            if (x.number == "4") w = x;
        w.status = content::WindowStatus::Away;
        w.away.backAt = "16:00";
        windows.update(w, "bench");
        const auto areas = demo.areas(4, &*font);
        std::vector<protocols::Command> sent;
        for (const auto& a : areas) sent.push_back(a.command);
        std::vector<protocols::Bytes> packets;
        for (const auto& c : sent)
            for (auto& p : bxk->encode(c, spec)) packets.push_back(std::move(p));
        lineCases.push_back(
            {"window_status", wireBytes(packets), vendorBytes(sent, spec), pictureBytes(*bxk, spec, areas), median9600(spec, packets)});
    }
    double worstVendor = 0, noticeSeconds = 0;
    for (const auto& c : lineCases) {
        const double ratio = static_cast<double>(c.ours) / static_cast<double>(c.vendor);
        worstVendor = std::max(worstVendor, ratio);
        std::printf("%s_bytes=%zu\n%s_vendor_sdk_bytes=%zu\n%s_as_pictures_bytes=%zu\n%s_9600_seconds=%.3f\n%s_9600_ideal_seconds=%.3f\n",
                    c.key, c.ours, c.key, c.vendor, c.key, c.pictures, c.key, c.seconds, c.key,
                    static_cast<double>(c.ours) * 10.0 / 9600.0);
        if (std::string(c.key) == "notice_edit") noticeSeconds = c.seconds;
    }
    std::printf("vendor_byte_ratio=%.3f\n", worstVendor);
    std::printf("notice_edit_9600_seconds=%.3f\n", noticeSeconds);
    return 0;
}
