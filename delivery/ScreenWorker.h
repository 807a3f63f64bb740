#pragma once
// One screen's worker (private to delivery/): its thread, link and health, its card and frame sessions.
#include "records/Records.h"
#include "delivery/DeviceManager.h"
#include "delivery/FlashRecords.h"
#include "delivery/ScreenContent.h"
#include "protocols/CommandSender.h"
#include "protocols/Protocol.h"
#include "protocols/transport/Transport.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace gongshi::delivery {

class ScreenWorker {
public:
    using Clk = std::chrono::steady_clock;
    using Millis = std::chrono::milliseconds;
    using DeviceKind = protocols::DeviceKind;

    // What the scheduler hands a worker: the plan made for its kind of device.
    struct Content {
        std::string source;
        bool urgent = false; // an urgent notice interrupting: nothing of it goes to flash
        std::uint64_t hash = 0;
        std::vector<CardArea> areas;           // cards
        std::shared_ptr<Playout> playout;      // frame devices and web players
        std::set<content::PlayedRecord> shown; // the records on this picture, for the play record
    };

    ScreenWorker(content::ScreenRecord screen, const Clock& clock, const DeliveryOptions& options, std::shared_ptr<FrameHub> hub,
                 std::shared_ptr<FlashRecords> records);
    ~ScreenWorker() { stop(); }

    void stop();

    int version() const { return screen_.meta.version; }
    content::Id screenId() const { return screen_.meta.id; }
    DeviceKind kind() const { return kind_; }
    int fps() const { return fps_; }
    const content::ScreenRecord& screen() const { return screen_; }
    std::optional<protocols::CardFont> cardFont() const;
    // Whether the card keeps clock areas in its program (Protocol::keepsClock).
    bool keepsClock() const { return protocol_ && protocol_->keepsClock(); }

    void post(std::shared_ptr<const Content> content);
    ScreenHealth health();

private:
    static std::string isoNow(const Clock& clock);

    // The thread, the link and health (ScreenWorker.cpp).
    // `error` is what staff read (Chinese), `detail` what the transport or the device said.
    void setError(const std::string& error, bool offline, const std::string& detail = "");
    void seen();
    void run();
    void connect();
    void drop(const std::string& why, const std::string& detail = "");
    bool stopRequested();

    // Cards (CardSession.cpp): commands, areas in parts taking turns, the program in flash, dynamic
    // areas, clock, brightness, on/off and pings.
    bool send(const protocols::Command& cmd);
    void sendOptional(const protocols::Command& cmd);
    const std::vector<protocols::Command>& chunksFor(std::size_t i, const CardArea& a);
    static Millis playTime(const protocols::Command& c);
    bool sendChunk(std::size_t i, const CardArea& a, std::size_t k);
    void publishCard();
    void rotate();
    std::string cardName() const;
    bool canAskFile() const;
    bool rememberedKeeps(const protocols::Bytes& file);
    bool cardKeeps(const protocols::Bytes& file);
    std::optional<protocols::SendOutcome> askCard(protocols::Command::Kind kind);
    void programFileFor(std::uint64_t key, const protocols::Command& program);
    bool deliverProgram(std::vector<std::size_t>& dynamic, bool& wrote);
    bool sendProgram(const protocols::Command& program);
    void forgetDynamicAreas();
    void deliverCard();
    void maintain();
    void ping();

    // Frame devices and web players (FrameSession.cpp).
    renderer::Bitmap frameNow();
    void publishFrame();
    void sendFrame();

    content::ScreenRecord screen_;
    const Clock& clock_;
    DeliveryOptions options_;
    std::shared_ptr<FrameHub> hub_;
    std::shared_ptr<FlashRecords> records_; // what each card was given, for cards that cannot say
    DeviceKind kind_ = DeviceKind::Card;    // what the screen's protocol drives
    int fps_ = 25;
    std::vector<protocols::OnOffTime> onOff_; // from the screen's option on_off
    protocols::ScreenSpec spec_;
    std::unique_ptr<protocols::Protocol> protocol_;

    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::shared_ptr<const Content> pending_;
    ScreenHealth health_;
    std::thread thread_;

    // The worker thread's own state.
    std::shared_ptr<const Content> current_;
    bool changed_ = false;
    bool framePending_ = false;
    Clk::time_point playStart_;
    std::unique_ptr<protocols::transport::Transport> link_;
    std::unique_ptr<protocols::CardDecoder> decoder_;
    Clk::time_point nextConnect_ = Clk::now();
    Clk::time_point nextPing_ = Clk::now();
    Millis backoff_{500};
    std::map<std::size_t, std::uint64_t> sentHashes_;
    std::map<std::size_t, std::size_t> areaPages_;
    std::map<std::size_t, std::vector<protocols::Command>> chunks_; // by area, for the content delivered
    struct Rotation {
        std::size_t chunk = 0;
        Clk::time_point nextAt;
    };
    std::map<std::size_t, Rotation> rotations_; // areas too large for the device, taking turns
    std::vector<std::tuple<int, int, int, int>> cardRects_;
    std::optional<std::size_t> lastArea_;  // the area the card last set up
    Clk::time_point retryAt_ = Clk::now(); // a refused delivery is tried again from then
    Millis retryBackoff_{500};
    std::uint64_t lastFrameHash_ = 0;
    std::string clockDate_;
    std::optional<int> brightness_;
    bool onOffSent_ = false;
    bool flashChecked_ = false;             // the card on this link was asked what it keeps
    std::optional<std::uint64_t> flashKey_; // of the areas in the program file the card keeps
    std::optional<std::uint64_t> fileKey_;  // of the areas file_ was built for
    std::optional<protocols::Bytes> file_;
};

} // namespace gongshi::delivery
