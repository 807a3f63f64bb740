#include "server/DeviceManager.h"

#include "common/Error.h"
#include "content/Composer.h"
#include "content/Publication.h"
#include "content/RecordStore.h"
#include "content/ScreenOptions.h"
#include "content/WorkingDays.h"
#include "protocols/CommandSender.h"
#include "protocols/transport/Transport.h"
#include "renderer/TextRenderer.h"
#include "server/CardFontDrawer.h"
#include "server/FlashRecords.h"
#include "server/Scheduler.h"
#include "server/ScreenContent.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <functional>
#include <condition_variable>
#include <filesystem>
#include <sstream>

namespace gongshi::server {
namespace {

using Clk = std::chrono::steady_clock;
using Millis = std::chrono::milliseconds;

std::string isoNow(const Clock& clock) {
    const std::time_t t = std::chrono::system_clock::to_time_t(clock.now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

enum class DeviceKind { Card, Frames, Web };

DeviceKind kindOf(const std::string& protocol) {
    if (protocol == "ddp") return DeviceKind::Frames;
    if (protocol == "web") return DeviceKind::Web;
    return DeviceKind::Card;
}

// What the scheduler hands a worker: the plan made for its kind of device.
struct Content {
    std::string source;
    bool urgent = false;               // an urgent notice interrupting: nothing of it goes to flash
    std::uint64_t hash = 0;
    std::vector<CardArea> areas;       // cards
    std::shared_ptr<Playout> playout;  // frame devices and web players
};

// What a screen's picture is made from, as ids and versions: a plan is made again only when one
// of them changes, so an edit recomposes the screens that show it, not every screen.
template <class T> std::string versions(const std::vector<T>& records) {
    std::string out;
    for (const auto& r : records) out += std::to_string(r.meta.id) + ":" + std::to_string(r.meta.version) + ",";
    return out;
}

template <class T> std::string versionOf(const std::vector<T>& records, content::Id id) {
    for (const auto& r : records)
        if (r.meta.id == id) return std::to_string(id) + ":" + std::to_string(r.meta.version);
    return std::to_string(id) + ":none";
}

std::string planInputs(const content::ComposeRecords& r, const std::optional<content::Program>& program,
                       const std::vector<content::Id>& urgent) {
    std::string key = "c" + std::to_string(r.centre.meta.id) + ":" + std::to_string(r.centre.meta.version);
    bool matters = !program, notices = !program || !urgent.empty(), staff = false;
    if (program) {
        key += "|p" + std::to_string(program->meta.id) + ":" + std::to_string(program->meta.version);
        for (const auto& area : program->areas)
            for (const auto& item : area.items) {
                if (item.kind == content::ItemKind::Matter) key += "|m" + versionOf(r.matters, item.recordId);
                else if (item.kind == content::ItemKind::Notice) key += "|n" + versionOf(r.notices, item.recordId);
                else if (item.kind == content::ItemKind::Window) {
                    key += "|w" + versionOf(r.windows, item.recordId);
                    staff = true;
                } else if (item.kind == content::ItemKind::MatterList || item.kind == content::ItemKind::FeeTable) matters = true;
                else if (item.kind == content::ItemKind::NoticeList) notices = true;
            }
    }
    if (matters) key += "|M" + versions(r.matters);
    if (notices) key += "|N" + versions(r.notices);
    if (staff) {
        key += "|S" + versions(r.staff) + "|A";
        for (auto id : r.absentStaff) key += std::to_string(id) + ",";
    }
    return key;
}

} // namespace

// ---- one screen's worker ----------------------------------------------------------------------

class DeviceManager::Worker {
public:
    Worker(content::ScreenRecord screen, const Clock& clock, const DeliveryOptions& options, std::shared_ptr<FrameHub> hub,
           std::shared_ptr<FlashRecords> records)
        : screen_(std::move(screen)), clock_(clock), options_(options), hub_(std::move(hub)), records_(std::move(records)),
          kind_(kindOf(screen_.protocol)) {
        health_.screenId = screen_.meta.id;
        health_.protocol = screen_.protocol;
        health_.address = screen_.address;
        spec_.width = screen_.width;
        spec_.height = screen_.height;
        try {
            spec_.color = renderer::parseColorMode(screen_.color);
            if (kind_ != DeviceKind::Web) protocol_ = protocols::makeProtocol(screen_.protocol);
        } catch (const InputError& e) {
            health_.lastError = e.what();
        }
        spec_.options = screen_.options;
        fps_ = options_.defaultFps;
        try {
            // Options saved before they were checked on saving: a bad one leaves the screen undriven,
            // saying why, rather than driven at a guessed address or level.
            content::checkScreenOptions(screen_);
            if (auto address = content::cardAddress(screen_)) spec_.address = *address;
            if (auto fps = content::framesPerSecond(screen_)) fps_ = *fps;
            for (const auto& w : content::onOffWindows(screen_)) onOff_.push_back({w.onMinute, w.offMinute});
        } catch (const InputError& e) {
            health_.lastError = e.what();
            protocol_.reset();
        }
        backoff_ = options_.firstBackoff;
        retryBackoff_ = options_.firstBackoff;
        thread_ = std::thread([this] { run(); });
    }

    ~Worker() { stop(); }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
            stopping_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

    int version() const { return screen_.meta.version; }
    DeviceKind kind() const { return kind_; }
    int fps() const { return fps_; }
    const content::ScreenRecord& screen() const { return screen_; }
    // The font the card draws text with, unless the screen's option text=pictures asks for our
    // typography everywhere (every area as pictures: more bytes, the card's RAM).
    std::optional<protocols::CardFont> cardFont() const {
        auto it = screen_.options.find("text");
        if (!protocol_ || (it != screen_.options.end() && it->second == "pictures")) return std::nullopt;
        return protocol_->cardFont();
    }

    // Latest wins: a plan not yet delivered is replaced by a newer one (the queue holds one).
    void post(std::shared_ptr<const Content> content) {
        {
            std::lock_guard lock(mutex_);
            pending_ = std::move(content);
        }
        cv_.notify_all();
    }

    ScreenHealth health() {
        std::lock_guard lock(mutex_);
        ScreenHealth h = health_;
        h.watchers = hub_->watchers();
        if (kind_ == DeviceKind::Web) h.online = hub_->players() > 0;
        return h;
    }

private:
    void setError(const std::string& error, bool offline) {
        std::lock_guard lock(mutex_);
        health_.lastError = error;
        if (offline) health_.online = false;
    }

    void seen() {
        std::lock_guard lock(mutex_);
        health_.online = true;
        health_.lastSeen = isoNow(clock_);
    }

    void run() {
        auto& log = Poco::Logger::get("gongshi.devices");
        Clk::time_point nextFrame = Clk::now();
        while (true) {
            std::shared_ptr<const Content> incoming;
            {
                std::unique_lock lock(mutex_);
                Clk::time_point wake = Clk::now() + Millis(1000);
                if (!link_ && kind_ != DeviceKind::Web && protocol_) wake = std::min(wake, nextConnect_);
                if (link_ && protocol_ && kind_ == DeviceKind::Card) wake = std::min(wake, nextPing_);
                if (link_ && protocol_ && kind_ == DeviceKind::Card && changed_ && current_) wake = std::min(wake, retryAt_);
                if (link_ && kind_ == DeviceKind::Card && !changed_)
                    for (const auto& [area, r] : rotations_) wake = std::min(wake, r.nextAt);
                if (current_ && current_->playout && (link_ || kind_ == DeviceKind::Web) &&
                    (current_->playout->animated() || framePending_))
                    wake = std::min(wake, nextFrame);
                cv_.wait_until(lock, wake, [&] { return stopping_ || pending_ != nullptr; });
                if (stopping_) break;
                incoming = std::move(pending_);
                pending_.reset();
            }
            try {
                if (incoming && (!current_ || incoming->hash != current_->hash)) {
                    current_ = incoming;
                    changed_ = true;
                    retryAt_ = Clk::now();
                    retryBackoff_ = options_.firstBackoff;
                    playStart_ = Clk::now();
                    framePending_ = true;
                    nextFrame = Clk::now();
                    std::lock_guard lock(mutex_);
                    health_.source = current_->source;
                }
                if (kind_ == DeviceKind::Web) {
                    // The web player draws what the hub has: frames at the screen's rate.
                    if (current_ && current_->playout && Clk::now() >= nextFrame) {
                        publishFrame();
                        nextFrame += Millis(1000 / fps_);
                        if (nextFrame < Clk::now()) nextFrame = Clk::now() + Millis(1000 / fps_);
                    }
                    continue;
                }
                if (!protocol_) continue;
                if (!link_) {
                    if (Clk::now() < nextConnect_) continue;
                    connect();
                }
                if (!link_) continue;
                if (kind_ == DeviceKind::Card) {
                    if (changed_ && current_ && Clk::now() >= retryAt_) deliverCard();
                    if (link_ && !changed_ && current_) rotate();
                    // A delivery that found the device gone has dropped the link: nothing more to send.
                    if (link_) maintain();
                    if (link_ && Clk::now() >= nextPing_) ping();
                } else if (current_ && current_->playout && Clk::now() >= nextFrame) {
                    sendFrame();
                    nextFrame += Millis(1000 / fps_);
                    if (nextFrame < Clk::now()) nextFrame = Clk::now() + Millis(1000 / fps_);
                }
            } catch (const TransportError& e) {
                drop(e.what());
            } catch (const InputError& e) {
                // The device cannot take this content (a protocol limit): say so, keep the link.
                setError(e.what(), false);
                changed_ = false;
                log.warning("screen %s: %s", std::to_string(screen_.meta.id), std::string(e.what()));
            }
        }
        if (link_) link_->close();
    }

    void connect() {
        protocols::transport::Timeouts t;
        t.connect = options_.connectTimeout;
        t.write = options_.replyTimeout;
        t.read = options_.replyTimeout;
        try {
            link_ = protocols::transport::openTransport(screen_.address, t, protocols::transport::RetryPolicy{1, Millis(0)});
        } catch (const Error& e) {
            setError(std::string("cannot reach ") + screen_.address + ": " + e.what(), true);
            nextConnect_ = Clk::now() + backoff_;
            backoff_ = std::min(backoff_ * 2, options_.maxBackoff);
            return;
        }
        // A device that comes (back) is brought up to date: its clock, its settings, everything.
        backoff_ = options_.firstBackoff;
        sentHashes_.clear();
        chunks_.clear();
        rotations_.clear();
        // What the card holds in RAM is not known: its dynamic areas are cleared before the first delivery.
        cardRects_ = {{-1, -1, -1, -1}};
        areaPages_.clear();
        decoder_ = protocol_->makeCard(spec_, cardFontDrawer());
        changed_ = true;
        retryAt_ = Clk::now();
        retryBackoff_ = options_.firstBackoff;
        lastArea_.reset();
        framePending_ = true;
        lastFrameHash_ = 0;
        clockDate_.clear();
        brightness_.reset();
        flashChecked_ = false; // another card may be on the line now: ask it what it keeps
        flashKey_.reset();
        onOffSent_ = false;
        nextPing_ = Clk::now() + options_.pingEvery;
    }

    void drop(const std::string& why) {
        if (link_) link_->close();
        link_.reset();
        setError(why, true);
        nextConnect_ = Clk::now() + backoff_;
        backoff_ = std::min(backoff_ * 2, options_.maxBackoff);
    }

    bool stopRequested() {
        std::lock_guard lock(mutex_);
        return stopping_;
    }

    // Sends a command; false when the device refused or did not answer (then the link is dropped).
    bool send(const protocols::Command& cmd) {
        if (!link_) return false;
        const auto packets = protocol_->encode(cmd, spec_);
        // A worker asked to stop (its screen changed, the server stops) lets go between packets;
        // the live view's card takes each packet the device took.
        protocols::SendHooks hooks;
        hooks.stop = [this] { return stopRequested(); };
        hooks.taken = [this](const protocols::Bytes& p) { decoder_->feed(p.data(), p.size()); };
        const auto outcome = protocols::sendCommand(*link_, *protocol_, packets, protocol_->expectsReply(cmd),
                                                    options_.replyTimeout, options_.retries, hooks);
        {
            std::lock_guard lock(mutex_);
            health_.bytesSent += outcome.bytes;
            if (outcome.status != protocols::SendOutcome::Status::Stopped) ++health_.commandsSent;
        }
        if (outcome.status == protocols::SendOutcome::Status::Stopped) return false;
        if (!outcome.ok()) {
            if (outcome.status == protocols::SendOutcome::Status::NoReply) {
                drop(outcome.error);
            } else {
                setError(outcome.error, false);
            }
            return false;
        }
        if (protocol_->expectsReply(cmd)) seen();
        return true;
    }

    // A command the device may not know (clock, brightness on a sign without them): tried once.
    void sendOptional(const protocols::Command& cmd) {
        try {
            send(cmd);
        } catch (const InputError&) {
        }
    }

    // An area's pages as commands the device can take: the whole set when it fits; else, split in
    // halves until each part encodes (a card's memory or frame limit), the parts then take turns.
    const std::vector<protocols::Command>& chunksFor(std::size_t i, const CardArea& a) {
        auto it = chunks_.find(i);
        if (it != chunks_.end()) return it->second;
        std::vector<protocols::Command> out;
        std::function<void(const protocols::Command&)> split = [&](const protocols::Command& cmd) {
            try {
                protocol_->encode(cmd, spec_);
                out.push_back(cmd);
            } catch (const InputError&) {
                if (cmd.pages.size() < 2) throw; // not a matter of size: the device cannot take it
                protocols::Command first = cmd, second = cmd;
                const auto half = static_cast<std::ptrdiff_t>(cmd.pages.size() / 2);
                first.pages.assign(cmd.pages.begin(), cmd.pages.begin() + half);
                second.pages.assign(cmd.pages.begin() + half, cmd.pages.end());
                split(first);
                split(second);
            }
        };
        if (a.command.kind == protocols::Command::Kind::Text && a.picture) {
            try {
                protocol_->encode(a.command, spec_);
                out.push_back(a.command);
            } catch (const InputError& e) {
                // Too long for one packet, say: the same area as pictures.
                Poco::Logger::get("gongshi.devices")
                    .information("screen %s: area (%d, %d) goes as pictures: %s", std::to_string(screen_.meta.id), a.x, a.y,
                                 std::string(e.what()));
                split(*a.picture);
            }
        } else {
            split(a.command);
        }
        return chunks_.emplace(i, std::move(out)).first->second;
    }

    // How long the card takes to play a command once: its pages' dwell, or for a marquee its
    // width at about 30 pixels a second at speed 1.
    static Millis playTime(const protocols::Command& c) {
        if (c.effect == protocols::Effect::MoveLeft) {
            long long px = 0;
            for (const auto& p : c.pages) px += p.width();
            return Millis(std::max<long long>(1000, px * 33 * std::max(1, c.speed)));
        }
        return Millis(std::max<long long>(1000, static_cast<long long>(c.pages.size()) * std::max(1, c.stayHalfSeconds) * 500));
    }

    // Sends part `k` of area i; parts beyond one take turns after each has played.
    bool sendChunk(std::size_t i, const CardArea& a, std::size_t k) {
        const auto& chunks = chunksFor(i, a);
        protocols::Command cmd = chunks[k % chunks.size()];
        // A card holds one area set up at a time (BX-K's special dynamic area): the last one sent.
        // Only that one may take new pixels without being set up again.
        cmd.areaReady = lastArea_ == i && areaPages_.count(i) && areaPages_[i] == cmd.pages.size();
        lastArea_.reset();
        if (!send(cmd)) return false;
        areaPages_[i] = cmd.pages.size();
        lastArea_ = i;
        if (chunks.size() > 1) rotations_[i] = {k % chunks.size(), Clk::now() + playTime(cmd)};
        return true;
    }

    // The card's picture as its bytes drew it, and what it cycles through from there.
    void publishCard() { hub_->publish(decoder_->screen(), std::make_shared<const protocols::Playlist>(decoder_->playing())); }

    void rotate() {
        for (auto& [i, r] : rotations_) {
            if (Clk::now() < r.nextAt || i >= current_->areas.size()) continue;
            if (!sendChunk(i, current_->areas[i], r.chunk + 1)) return;
            publishCard();
            if (!link_) return;
        }
    }

    std::string cardName() const { return FlashRecords::cardName(screen_.address, spec_.address); }

    // Whether the protocol's cards can say which program file they keep (Command::ProgramInfo). A
    // protocol whose cards cannot (bx-k) refuses to encode the question.
    bool canAskFile() const {
        protocols::Command query;
        query.kind = protocols::Command::Kind::ProgramInfo;
        try {
            protocol_->encode(query, spec_);
            return true;
        } catch (const InputError&) {
            return false;
        }
    }

    // For cards that cannot say which file they keep: whether this card was given `file` last (by
    // this server, before a restart too). A card whose status says it keeps no program at all (a
    // card swapped for a new one, a card reset) is not taken to keep it.
    bool rememberedKeeps(const protocols::Bytes& file) {
        if (!records_->keeps(cardName(), file)) return false;
        const auto outcome = askCard(protocols::Command::Kind::Status);
        // No status question, or no answer: the record is all there is.
        if (!outcome || outcome->status == protocols::SendOutcome::Status::NoReply) return true;
        protocols::ReplyResult reply;
        reply.data = outcome->reply;
        const auto status = protocol_->parseStatus(reply);
        if (outcome->ok() && status && status->programs && *status->programs == 0) {
            records_->forget(cardName());
            return false;
        }
        return true;
    }

    // Whether the card already keeps `file` in flash. A card that cannot say (a firmware without
    // the question refuses or ignores it) is taken not to: it gets the file once on this link.
    bool cardKeeps(const protocols::Bytes& file) {
        const auto outcome = askCard(protocols::Command::Kind::ProgramInfo);
        // No answer at all (a firmware that ignores what it does not know): the card cannot say. The
        // link stays; if the card is gone, writing the program finds out.
        if (!outcome || outcome->status == protocols::SendOutcome::Status::NoReply) return false;
        return outcome->ok() && protocol_->keepsFile(outcome->reply, file);
    }

    // Asks the card a question (read only): nullopt when the protocol has no such question. A card
    // that answered is seen.
    std::optional<protocols::SendOutcome> askCard(protocols::Command::Kind kind) {
        protocols::Command query;
        query.kind = kind;
        std::vector<protocols::Bytes> packets;
        try {
            packets = protocol_->encode(query, spec_);
        } catch (const InputError&) {
            return std::nullopt;
        }
        auto outcome = protocols::sendCommand(*link_, *protocol_, packets, true, options_.replyTimeout, options_.retries);
        {
            std::lock_guard lock(mutex_);
            health_.bytesSent += outcome.bytes;
            ++health_.commandsSent;
        }
        if (outcome.status != protocols::SendOutcome::Status::NoReply) seen();
        return outcome;
    }

    // The program file for the areas that go to flash into file_, built once for each set of them
    // (nullopt: the device takes no programs, or this one does not fit its flash).
    void programFileFor(std::uint64_t key, const protocols::Command& program) {
        if (fileKey_ == key) return;
        fileKey_ = key;
        file_.reset();
        try {
            file_ = protocol_->programFile(program, spec_);
        } catch (const InputError& e) {
            // Too large for the card's flash, say: the areas go as dynamic areas instead.
            Poco::Logger::get("gongshi.devices")
                .warning("screen %s: program not written to flash: %s", std::to_string(screen_.meta.id), std::string(e.what()));
        }
    }

    // The areas that change seldom go to the card's flash as one program, written only when the
    // card does not keep that very file; the others (window statuses, an urgent notice, all of
    // them on devices without flash programs) are returned for dynamic areas. False when the link
    // dropped or the card refused the program.
    bool deliverProgram(std::vector<std::size_t>& dynamic, bool& wrote) {
        dynamic.clear();
        std::vector<std::size_t> flash;
        for (std::size_t i = 0; i < current_->areas.size(); ++i)
            (current_->urgent || current_->areas[i].dynamic ? dynamic : flash).push_back(i);
        // The program of `areas` and its key; its file (nullopt when the card cannot keep it) in file_.
        protocols::Command program;
        std::uint64_t key = kHashSeed;
        auto build = [&](const std::vector<std::size_t>& areas) {
            program = protocols::Command{};
            program.kind = protocols::Command::Kind::Program;
            key = kHashSeed;
            for (std::size_t i : areas) {
                program.areas.push_back(current_->areas[i].command);
                key = mixHash(key, current_->areas[i].hash);
            }
            if (program.areas.empty()) {
                // Everything is dynamic (a window screen): the flash holds a dark screen, so a card
                // that loses power shows no stale program until it is brought up to date.
                protocols::Command dark;
                dark.kind = protocols::Command::Kind::Bitmap;
                dark.pages.emplace_back(spec_.width, spec_.height, spec_.color);
                program.areas.push_back(std::move(dark));
            }
            key = mixHash(key, program.areas.size());
            programFileFor(key, program);
        };
        if (current_->urgent) return true; // nothing of an urgent notice goes to flash
        build(flash);
        const auto isText = [&](std::size_t i) { return current_->areas[i].command.kind == protocols::Command::Kind::Text; };
        if (!file_ && std::any_of(flash.begin(), flash.end(), isText)) {
            // A card whose programs hold text alone (bx-k): its text areas go to flash, its
            // picture areas as dynamic areas over them.
            std::vector<std::size_t> text;
            for (std::size_t i : flash) (isText(i) ? text : dynamic).push_back(i);
            std::sort(dynamic.begin(), dynamic.end());
            build(text);
        }
        if (!file_) {
            dynamic.clear();
            for (std::size_t i = 0; i < current_->areas.size(); ++i) dynamic.push_back(i);
            return true;
        }
        // Unchanged since it was written or found on the card: nothing to build or send.
        if (flashKey_ == key) return true;
        if (!flashChecked_) {
            flashChecked_ = true;
            if (canAskFile() ? cardKeeps(*file_) : rememberedKeeps(*file_)) {
                flashKey_ = key;
                // The live view learns the program the card plays without it going on the line.
                for (const auto& p : protocol_->encode(program, spec_)) decoder_->feed(p.data(), p.size());
            }
            if (!link_) return false;
        }
        if (flashKey_ == key) return true;
        if (!send(program)) return false;
        flashKey_ = key;
        wrote = true;
        try {
            records_->wrote(cardName(), *file_);
        } catch (const Error& e) {
            // The card has its program; only a restart of the server will write it once more.
            Poco::Logger::get("gongshi.devices").warning("screen %s: %s", std::to_string(screen_.meta.id), std::string(e.what()));
        }
        {
            std::lock_guard lock(mutex_);
            ++health_.programsWritten;
        }
        // A new program starts afresh on the card: no dynamic areas until they are sent again.
        forgetDynamicAreas();
        cardRects_.clear();
        for (std::size_t i : dynamic) {
            const auto& a = current_->areas[i];
            cardRects_.emplace_back(a.x, a.y, a.width, a.height);
        }
        return true;
    }

    void forgetDynamicAreas() {
        sentHashes_.clear();
        chunks_.clear();
        rotations_.clear();
        areaPages_.clear();
        lastArea_.reset();
    }

    void deliverCard() {
        std::vector<std::size_t> dynamic;
        bool any = false;
        if (!deliverProgram(dynamic, any)) {
            if (link_) {
                retryAt_ = Clk::now() + retryBackoff_;
                retryBackoff_ = std::min(retryBackoff_ * 2, options_.maxBackoff);
            }
            return;
        }
        std::vector<std::tuple<int, int, int, int>> rects;
        for (std::size_t i : dynamic) {
            const auto& a = current_->areas[i];
            rects.emplace_back(a.x, a.y, a.width, a.height);
        }
        if (rects != cardRects_) {
            // Another layout: the card forgets the old areas first.
            protocols::Command clear;
            clear.kind = protocols::Command::Kind::Clear;
            sendOptional(clear);
            if (!link_) return;
            forgetDynamicAreas();
            cardRects_ = rects;
        }
        for (std::size_t i : dynamic) {
            const CardArea& a = current_->areas[i];
            if (sentHashes_.count(i) && sentHashes_[i] == a.hash) continue;
            chunks_.erase(i);
            rotations_.erase(i);
            if (!sendChunk(i, a, 0)) {
                if (link_) {
                    // Refused: tried again after a growing wait (or at once for new content or a new link),
                    // not at every turn of the loop.
                    retryAt_ = Clk::now() + retryBackoff_;
                    retryBackoff_ = std::min(retryBackoff_ * 2, options_.maxBackoff);
                }
                return;
            }
            sentHashes_[i] = a.hash;
            any = true;
        }
        changed_ = false;
        retryBackoff_ = options_.firstBackoff;
        if (any) {
            std::lock_guard lock(mutex_);
            ++health_.deliveredVersion;
            health_.deliveredAt = isoNow(clock_);
            health_.lastError.clear();
        }
        publishCard();
    }

    // Clock on connect and when the date changes; brightness as its schedule says; on/off times.
    void maintain() {
        const LocalTime now = clock_.local();
        if (clockDate_ != now.date) {
            protocols::Command c;
            c.kind = protocols::Command::Kind::SetClock;
            const auto ymd = std::chrono::year_month_day(content::parseDate(now.date));
            c.clock = {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                       static_cast<int>(static_cast<unsigned>(ymd.day())), now.minute / 60, now.minute % 60, now.second,
                       now.weekday};
            sendOptional(c);
            if (!link_) return;
            clockDate_ = now.date;
        }
        if (auto level = content::brightnessAt(screen_, now.minute); level && level != brightness_) {
            protocols::Command c;
            c.kind = protocols::Command::Kind::Brightness;
            c.brightness = *level;
            sendOptional(c);
            if (!link_) return;
            brightness_ = level;
        }
        if (!onOffSent_) {
            if (!onOff_.empty()) {
                protocols::Command c;
                c.kind = protocols::Command::Kind::TimedOnOff;
                c.onOff = onOff_;
                sendOptional(c);
                if (!link_) return;
            }
            onOffSent_ = true;
        }
    }

    void ping() {
        protocols::Command c;
        c.kind = protocols::Command::Kind::Ping;
        nextPing_ = Clk::now() + options_.pingEvery;
        if (!protocol_->expectsReply(c)) return;
        send(c);
    }

    renderer::Bitmap frameNow() {
        return current_->playout->frameAt(std::chrono::duration_cast<Millis>(Clk::now() - playStart_));
    }

    void publishFrame() {
        renderer::Bitmap frame = frameNow();
        const std::uint64_t h = hashBitmap(frame);
        framePending_ = false;
        if (h == lastFrameHash_) return;
        lastFrameHash_ = h;
        hub_->publish(frame);
        std::lock_guard lock(mutex_);
        ++health_.framesSent;
        if (hub_->players() > 0) health_.lastSeen = isoNow(clock_); // a player has it
        if (changed_) {
            ++health_.deliveredVersion;
            health_.deliveredAt = isoNow(clock_);
            changed_ = false;
        }
    }

    // Frame devices get a frame only when it differs from the last one sent.
    void sendFrame() {
        renderer::Bitmap frame = frameNow();
        const std::uint64_t h = hashBitmap(frame);
        framePending_ = false;
        if (h == lastFrameHash_) return;
        protocols::Command c;
        c.kind = protocols::Command::Kind::Bitmap;
        c.pages.push_back(frame);
        const auto packets = protocol_->encode(c, spec_);
        std::size_t bytes = 0;
        for (const auto& p : packets) {
            link_->write(p);
            bytes += p.size();
        }
        lastFrameHash_ = h;
        hub_->publish(frame);
        std::lock_guard lock(mutex_);
        health_.bytesSent += bytes;
        ++health_.framesSent;
        health_.online = true;
        health_.lastSeen = isoNow(clock_);
        if (changed_) {
            ++health_.deliveredVersion;
            health_.deliveredAt = health_.lastSeen;
            health_.lastError.clear();
            changed_ = false;
        }
    }

    content::ScreenRecord screen_;
    const Clock& clock_;
    DeliveryOptions options_;
    std::shared_ptr<FrameHub> hub_;
    std::shared_ptr<FlashRecords> records_; // what each card was given, for cards that cannot say
    DeviceKind kind_;
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
    std::optional<std::size_t> lastArea_; // the area the card last set up
    Clk::time_point retryAt_ = Clk::now();  // a refused delivery is tried again from then
    Millis retryBackoff_{500};
    std::uint64_t lastFrameHash_ = 0;
    std::string clockDate_;
    std::optional<int> brightness_;
    bool onOffSent_ = false;
    bool flashChecked_ = false;              // the card on this link was asked what it keeps
    std::optional<std::uint64_t> flashKey_;  // of the areas in the program file the card keeps
    std::optional<std::uint64_t> fileKey_;   // of the areas file_ was built for
    std::optional<protocols::Bytes> file_;
};

// ---- the scheduler ------------------------------------------------------------------------------

struct DeviceManager::Private {
    renderer::TextRenderer renderer; // the scheduler thread's own
    std::map<content::Id, UrgentNotices> urgent; // by centre
    std::map<content::Id, std::string> lastKey;  // by screen: what its plan was made from
    std::map<content::Id, std::uint64_t> lastHash;
    std::optional<Poco::Data::Session> watch; // its own connection, for PRAGMA data_version
    int dataVersion = -1;
    std::optional<std::chrono::system_clock::time_point> urgentEnd; // the next interruption's end
    std::mutex evaluating; // one evaluation at a time (the scheduler thread, or refresh())
    std::shared_ptr<FlashRecords> flashRecords;
};

DeviceManager::DeviceManager(content::Database& db, const Clock& clock, DeliveryOptions options)
    : db_(db), clock_(clock), options_(options), p_(std::make_unique<Private>()) {
    // Beside the database in the data directory; an in-memory database keeps them in memory.
    const std::filesystem::path dbPath(db_.path());
    p_->flashRecords = std::make_shared<FlashRecords>(
        dbPath.empty() || dbPath.string().find(":memory:") != std::string::npos ? "" : (dbPath.parent_path() / "flash-records.txt").string());
}

DeviceManager::~DeviceManager() { stop(); }

void DeviceManager::start() {
    p_->watch.emplace(db_.session());
    scheduler_ = std::thread([this] { schedulerLoop(); });
}

void DeviceManager::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    cv_.notify_all();
    if (scheduler_.joinable()) scheduler_.join();
    std::map<content::Id, std::unique_ptr<Worker>> workers;
    {
        std::lock_guard lock(mutex_);
        workers.swap(workers_);
        for (auto& [id, hub] : hubs_) hub->close();
    }
    for (auto& [id, w] : workers) w->stop();
}

void DeviceManager::notifyChanged() {
    {
        std::lock_guard lock(mutex_);
        changed_ = true;
    }
    cv_.notify_all();
}

void DeviceManager::schedulerLoop() {
    auto& log = Poco::Logger::get("gongshi.devices");
    std::string lastMinute;
    while (true) {
        {
            std::unique_lock lock(mutex_);
            // Records written by another process show in the database's data_version; look twice a second.
            cv_.wait_for(lock, Millis(500), [&] { return stopping_ || changed_; });
            if (stopping_) return;
        }
        bool external = false;
        try {
            int version = 0;
            *p_->watch << "PRAGMA data_version", Poco::Data::Keywords::into(version), Poco::Data::Keywords::now;
            external = p_->dataVersion != -1 && version != p_->dataVersion;
            p_->dataVersion = version;
        } catch (const Poco::Exception& e) {
            log.warning("data_version: %s", e.displayText());
        }
        const LocalTime now = clock_.local();
        const std::string minute = now.date + " " + std::to_string(now.minute);
        bool changed;
        {
            std::lock_guard lock(mutex_);
            changed = changed_ || external;
            changed_ = false;
        }
        try {
            // urgentEnd is written by evaluate(), which refresh() may run on another thread.
            std::lock_guard lock(p_->evaluating);
            const bool urgentEnded = p_->urgentEnd && clock_.now() >= *p_->urgentEnd;
            if (!changed && minute == lastMinute && !urgentEnded) continue;
            lastMinute = minute;
            evaluate();
        } catch (const std::exception& e) {
            log.error("scheduling screens: %s", std::string(e.what()));
        }
    }
}

void DeviceManager::refresh() {
    std::lock_guard lock(p_->evaluating);
    evaluate();
}

void DeviceManager::evaluate() {
    const auto screens = content::RecordStore<content::ScreenRecord>(db_).all();
    const auto programs = content::RecordStore<content::Program>(db_).all();
    const auto calendar = content::WorkingDays::load(db_);
    const LocalTime now = clock_.local();

    // Workers follow the screen records: new ones start, changed ones start again, gone ones stop.
    std::vector<std::unique_ptr<Worker>> retired;
    {
        std::lock_guard lock(mutex_);
        std::set<content::Id> present;
        for (const auto& s : screens) {
            present.insert(s.meta.id);
            auto& hub = hubs_[s.meta.id];
            if (!hub) hub = std::make_shared<FrameHub>();
            auto it = workers_.find(s.meta.id);
            if (it != workers_.end() && it->second->version() == s.meta.version) continue;
            if (it != workers_.end()) retired.push_back(std::move(it->second));
            workers_[s.meta.id] = std::make_unique<Worker>(s, clock_, options_, hub, p_->flashRecords);
            p_->lastKey.erase(s.meta.id);
            p_->lastHash.erase(s.meta.id);
        }
        for (auto it = workers_.begin(); it != workers_.end();) {
            if (present.count(it->first)) {
                ++it;
                continue;
            }
            retired.push_back(std::move(it->second));
            hubs_[it->first]->close();
            hubs_.erase(it->first);
            it = workers_.erase(it);
        }
    }
    for (auto& w : retired) w->stop();

    std::map<content::Id, content::ComposeRecords> centres;
    for (const auto& screen : screens) {
        auto rec = centres.find(screen.centreId);
        if (rec == centres.end()) {
            rec = centres.emplace(screen.centreId, content::loadPublishedRecords(db_, screen.centreId)).first;
        }
        std::vector<content::Program> mine;
        for (const auto& p : programs)
            if (p.screenId == screen.meta.id) mine.push_back(p);
        // Each centre's tracker interrupts for the configured time (not the tracker's default).
        auto tracker = p_->urgent.try_emplace(screen.centreId, options_.urgentFor).first;
        const auto urgent = tracker->second.active(rec->second.notices, now.date, clock_.now());
        const auto chosen = chooseProgram(mine, now, calendar);
        std::string key = now.date + "|" + (chosen ? std::to_string(chosen->meta.id) : std::string("default"));
        for (auto id : urgent) key += "|u" + std::to_string(id);
        key = std::to_string(std::hash<std::string>{}(key + "|" + planInputs(rec->second, chosen, urgent)));
        if (p_->lastKey[screen.meta.id] == key) continue;
        p_->lastKey[screen.meta.id] = key;

        ScreenPlan plan = planScreen(p_->renderer, screen, mine, rec->second, calendar, now, urgent);
        ++plansComposed_;
        Worker* worker = nullptr;
        {
            std::lock_guard lock(mutex_);
            worker = workers_[screen.meta.id].get();
        }
        // Rendered once, in the form the device takes.
        auto content = std::make_shared<Content>();
        content->source = plan.source;
        content->urgent = plan.urgent;
        if (worker->kind() == DeviceKind::Card) {
            const auto font = worker->cardFont();
            content->areas = cardAreas(p_->renderer, plan.program, font ? &*font : nullptr);
            for (const auto& a : content->areas)
                if (!a.whyPicture.empty())
                    Poco::Logger::get("gongshi.devices")
                        .information("screen %s: area (%d, %d) goes as pictures: %s", std::to_string(screen.meta.id), a.x, a.y, a.whyPicture);
            std::uint64_t h = kHashSeed;
            for (const auto& a : content->areas) h = mixHash(h, a.hash);
            content->hash = h;
        } else {
            content->playout = std::make_shared<Playout>(p_->renderer, plan.program, worker->fps());
            content->hash = content->playout->hash();
        }
        if (p_->lastHash[screen.meta.id] == content->hash) continue; // the same pixels: nothing to send
        p_->lastHash[screen.meta.id] = content->hash;
        worker->post(content);
    }
    p_->urgentEnd.reset();
    for (const auto& [centre, tracker] : p_->urgent)
        if (auto end = tracker.nextEnd(clock_.now()); end && (!p_->urgentEnd || *end < *p_->urgentEnd)) p_->urgentEnd = end;
}

std::vector<ScreenHealth> DeviceManager::health() {
    std::lock_guard lock(mutex_);
    std::vector<ScreenHealth> out;
    for (auto& [id, w] : workers_) out.push_back(w->health());
    return out;
}

std::optional<ScreenHealth> DeviceManager::health(content::Id screen) {
    std::lock_guard lock(mutex_);
    auto it = workers_.find(screen);
    if (it == workers_.end()) return std::nullopt;
    return it->second->health();
}

std::shared_ptr<FrameHub> DeviceManager::hub(content::Id screen) {
    std::lock_guard lock(mutex_);
    auto it = hubs_.find(screen);
    return it == hubs_.end() ? nullptr : it->second;
}

} // namespace gongshi::server
