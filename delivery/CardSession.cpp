// A screen worker's card session: commands, areas in parts, the program in flash, dynamic areas, settings, pings.
#include "delivery/ScreenWorker.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/ScreenOptions.h"
#include "rules/WorkingDays.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <functional>

namespace gongshi::delivery {

// The font the card draws text with, unless the screen's option text=pictures asks for our
// typography everywhere (every area as pictures: more bytes, the card's RAM).
std::optional<protocols::CardFont> ScreenWorker::cardFont() const {
    auto it = screen_.options.find("text");
    if (!protocol_ || (it != screen_.options.end() && it->second == "pictures")) return std::nullopt;
    return protocol_->cardFont();
}

// Sends a command; false when the device refused or did not answer (then the link is dropped).
bool ScreenWorker::send(const protocols::Command& cmd) {
    if (!link_) return false;
    const auto packets = protocol_->encode(cmd, spec_);
    // A worker asked to stop (its screen changed, the server stops) lets go between packets;
    // the live view's card takes each packet the device took.
    protocols::SendHooks hooks;
    hooks.stop = [this] { return stopRequested(); };
    hooks.taken = [this](const protocols::Bytes& p) { decoder_->feed(p.data(), p.size()); };
    const auto outcome =
        protocols::sendCommand(*link_, *protocol_, packets, protocol_->expectsReply(cmd), options_.replyTimeout, options_.retries, hooks);
    {
        std::lock_guard lock(mutex_);
        health_.bytesSent += outcome.bytes;
        if (outcome.status != protocols::SendOutcome::Status::Stopped) ++health_.commandsSent;
    }
    if (outcome.status == protocols::SendOutcome::Status::Stopped) return false;
    if (!outcome.ok()) {
        if (outcome.status == protocols::SendOutcome::Status::NoReply) {
            drop(msg::screenNoReply(), outcome.error);
        } else {
            setError(msg::screenRefused(outcome.refusal), false, outcome.error);
        }
        return false;
    }
    if (protocol_->expectsReply(cmd)) seen();
    return true;
}

// A command the device may not know (clock, brightness on a sign without them): tried once.
void ScreenWorker::sendOptional(const protocols::Command& cmd) {
    try {
        send(cmd);
    } catch (const InputError&) {}
}

// An area's pages as commands the device can take: the whole set when it fits; else, split in
// halves until each part encodes (a card's memory or frame limit), the parts then take turns.
const std::vector<protocols::Command>& ScreenWorker::chunksFor(std::size_t i, const CardArea& a) {
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
ScreenWorker::Millis ScreenWorker::playTime(const protocols::Command& c) {
    if (c.effect == protocols::Effect::MoveLeft) {
        long long px = 0;
        for (const auto& p : c.pages) px += p.width();
        return Millis(std::max<long long>(1000, px * 33 * std::max(1, c.speed)));
    }
    return Millis(std::max<long long>(1000, static_cast<long long>(c.pages.size()) * std::max(1, c.stayHalfSeconds) * 500));
}

// Sends part `k` of area i; parts beyond one take turns after each has played.
bool ScreenWorker::sendChunk(std::size_t i, const CardArea& a, std::size_t k) {
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
void ScreenWorker::publishCard() { hub_->publish(decoder_->screen(), std::make_shared<const protocols::Playlist>(decoder_->playing())); }

void ScreenWorker::rotate() {
    for (auto& [i, r] : rotations_) {
        if (Clk::now() < r.nextAt || i >= current_->areas.size()) continue;
        if (!sendChunk(i, current_->areas[i], r.chunk + 1)) return;
        publishCard();
        if (!link_) return;
    }
}

std::string ScreenWorker::cardName() const { return FlashRecords::cardName(screen_.address, spec_.address); }

// Whether the protocol's cards can say which program file they keep (Command::ProgramInfo). A
// protocol whose cards cannot (bx-k) refuses to encode the question.
bool ScreenWorker::canAskFile() const {
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
bool ScreenWorker::rememberedKeeps(const protocols::Bytes& file) {
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
bool ScreenWorker::cardKeeps(const protocols::Bytes& file) {
    const auto outcome = askCard(protocols::Command::Kind::ProgramInfo);
    // No answer at all (a firmware that ignores what it does not know): the card cannot say. The
    // link stays; if the card is gone, writing the program finds out.
    if (!outcome || outcome->status == protocols::SendOutcome::Status::NoReply) return false;
    return outcome->ok() && protocol_->keepsFile(outcome->reply, file);
}

// Asks the card a question (read only): nullopt when the protocol has no such question. A card
// that answered is seen.
std::optional<protocols::SendOutcome> ScreenWorker::askCard(protocols::Command::Kind kind) {
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
void ScreenWorker::programFileFor(std::uint64_t key, const protocols::Command& program) {
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
bool ScreenWorker::deliverProgram(std::vector<std::size_t>& dynamic, bool& wrote) {
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
            key = mixHash(key, current_->areas[i].programHash);
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
    if (!sendProgram(program)) return false;
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

// A program file sent to flash; a refusal, a device that is gone mid-write or one that cannot
// take it counts as a failed write in the health (what alerts watch), its reason kept.
bool ScreenWorker::sendProgram(const protocols::Command& program) {
    auto failed = [&](const std::string& why) {
        std::lock_guard lock(mutex_);
        ++health_.programFailures;
        health_.lastProgramError = why;
    };
    try {
        if (send(program)) return true;
    } catch (const Error& e) {
        failed(msg::chineseOr(e.what(), msg::screenLinkLost()));
        throw;
    }
    if (stopRequested()) return false; // let go of on purpose: no failure of the card's
    std::string why;
    {
        std::lock_guard lock(mutex_);
        why = health_.lastError;
    }
    failed(why);
    return false;
}

void ScreenWorker::forgetDynamicAreas() {
    sentHashes_.clear();
    chunks_.clear();
    rotations_.clear();
    areaPages_.clear();
    lastArea_.reset();
}

void ScreenWorker::deliverCard() {
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
    {
        std::lock_guard lock(mutex_);
        health_.showing = current_->shown; // every area acknowledged
    }
    if (any) {
        std::lock_guard lock(mutex_);
        ++health_.deliveredVersion;
        health_.deliveredAt = isoNow(clock_);
        health_.lastError.clear();
        health_.lastErrorDetail.clear();
    }
    publishCard();
}

// Clock on connect and when the date changes; brightness as its schedule says; on/off times.
void ScreenWorker::maintain() {
    const LocalTime now = clock_.local();
    if (clockDate_ != now.date) {
        protocols::Command c;
        c.kind = protocols::Command::Kind::SetClock;
        const auto ymd = std::chrono::year_month_day(content::parseDate(now.date));
        c.clock = {static_cast<int>(ymd.year()),
                   static_cast<int>(static_cast<unsigned>(ymd.month())),
                   static_cast<int>(static_cast<unsigned>(ymd.day())),
                   now.minute / 60,
                   now.minute % 60,
                   now.second,
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

void ScreenWorker::ping() {
    protocols::Command c;
    c.kind = protocols::Command::Kind::Ping;
    nextPing_ = Clk::now() + options_.pingEvery;
    if (!protocol_->expectsReply(c)) return;
    send(c);
}

} // namespace gongshi::delivery
