#include "delivery/ScreenLeases.h"

#include "common/Error.h"
#include "records/JsonText.h"
#include "records/RecordJson.h"
#include "records/ScreenOptions.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <map>
#include <vector>

using namespace Poco::Data::Keywords;

namespace gongshi::delivery {
namespace {

// Another server's limit as it keeps it in `instances.drives`; a server of the release before
// tags kept its centres alone ("3,7").
std::optional<DriveLimit> storedLimit(const std::string& text) {
    try {
        return DriveLimit::parse(text.find('=') == std::string::npos ? "centre=" + text : text);
    } catch (const InputError& e) {
        Poco::Logger::get("gongshi.devices").warning("a server's drive limit %s is not understood: %s", text, std::string(e.what()));
        return std::nullopt;
    }
}

// A screen as the lease round sees it: its centre, and its tags when some live limit asks for them.
struct LeasedScreen {
    content::Id id = 0;
    content::Id centre = 0;
    std::set<std::string> tags;
};

std::vector<LeasedScreen> screensOf(content::Connection& s, bool withTags) {
    std::vector<content::Id> ids, owners;
    std::vector<LeasedScreen> out;
    if (!withTags) {
        s << "SELECT id, COALESCE(owner_id, 0) FROM screens ORDER BY id", into(ids), into(owners), now;
        for (std::size_t i = 0; i < ids.size(); ++i) out.push_back({ids[i], owners[i], {}});
        return out;
    }
    std::vector<std::string> data;
    s << "SELECT id, COALESCE(owner_id, 0), data FROM screens ORDER BY id", into(ids), into(owners), into(data), now;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        LeasedScreen screen{ids[i], owners[i], {}};
        try {
            screen.tags =
                content::screenTags(content::fromStoredJson<content::ScreenRecord>(*content::readJsonObject(data[i], "保存的记录")));
        } catch (const InputError& e) {
            // Checked on save; a screen whose tags cannot be read goes by its centre alone.
            Poco::Logger::get("gongshi.devices").warning("screen %s: tags: %s", std::to_string(ids[i]), std::string(e.what()));
        }
        out.push_back(std::move(screen));
    }
    return out;
}

} // namespace

ScreenLeases::ScreenLeases(content::Database& db, LeaseOptions options, std::function<void()> changed)
    : db_(db), options_(std::move(options)), changed_(std::move(changed)) {}

ScreenLeases::~ScreenLeases() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void ScreenLeases::start() {
    tick(); // the first screens at once, not a second later
    thread_ = std::thread([this] { loop(); });
}

void ScreenLeases::loop() {
    while (true) {
        {
            std::unique_lock lock(mutex_);
            cv_.wait_for(lock, options_.every, [&] { return stopping_; });
            if (stopping_) return;
        }
        tick();
    }
}

void ScreenLeases::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
        held_.clear();
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    try {
        db_.writeApart([&](content::Connection& s) {
            std::string me = options_.instance;
            s << "DELETE FROM screen_leases WHERE instance = ?", use(me), now;
            s << "DELETE FROM instances WHERE name = ?", use(me), now;
        });
    } catch (const std::exception& e) {
        // They expire by themselves.
        Poco::Logger::get("gongshi.devices").warning("handing back screens: %s", std::string(e.what()));
    }
}

std::set<content::Id> ScreenLeases::held() const {
    std::lock_guard lock(mutex_);
    return held_;
}

void ScreenLeases::released(const std::set<content::Id>& screens) {
    std::lock_guard lock(mutex_);
    for (auto id : screens)
        if (handing_.erase(id)) stopped_.insert(id);
}

void ScreenLeases::tick() {
    const auto began = std::chrono::steady_clock::now();
    const long long ttl = options_.ttl.count();
    std::set<content::Id> mine, surplus;
    std::set<content::Id> toDelete;
    {
        std::lock_guard lock(mutex_);
        toDelete = stopped_;
    }
    try {
        db_.writeApart([&](content::Connection& s) {
            const std::string now_ = s.nowMs();
            std::string me = options_.instance, drives = options_.drive.text();
            s << "INSERT INTO instances (name, started_at, heartbeat_at, drives) VALUES (?, " + now_ + ", " + now_ +
                     ", ?) ON CONFLICT (name) DO UPDATE SET heartbeat_at = excluded.heartbeat_at, drives = excluded.drives",
                use(me), use(drives), now;
            // Servers gone for a day (a name made of host and process id is not seen again).
            s << "DELETE FROM instances WHERE heartbeat_at < " + now_ + " - 86400000", now;
            for (content::Id id : toDelete) {
                content::Id screen = id;
                s << "DELETE FROM screen_leases WHERE screen_id = ? AND instance = ?", use(screen), use(me), now;
            }
            s << "UPDATE screen_leases SET expires_at = " + now_ + " + " + std::to_string(ttl) + " WHERE instance = ?", use(me), now;

            // Who is alive, and which screens the limited ones (township boxes) drive.
            std::vector<std::string> names, drivesList;
            s << "SELECT name, drives FROM instances WHERE heartbeat_at > " + now_ + " - " + std::to_string(ttl), into(names),
                into(drivesList), now;
            std::vector<DriveLimit> others; // the limits of live limited servers other than this one
            bool withTags = options_.drive.usesTags();
            int peers = 0; // live servers sharing this one's screens, itself included
            for (std::size_t i = 0; i < names.size(); ++i) {
                if (names[i] == me) continue;
                if (drivesList[i] == drives) ++peers;
                if (drivesList[i].empty()) continue;
                if (auto limit = storedLimit(drivesList[i])) {
                    withTags = withTags || limit->usesTags();
                    others.push_back(std::move(*limit));
                }
            }
            ++peers;
            std::vector<content::Id> eligible;
            for (const LeasedScreen& screen : screensOf(s, withTags)) {
                const auto matches = [&](const DriveLimit& l) { return l.matches(screen.centre, screen.tags); };
                if (options_.drive.empty() ? std::none_of(others.begin(), others.end(), matches) : matches(options_.drive))
                    eligible.push_back(screen.id);
            }
            std::vector<content::Id> leased;
            std::vector<std::string> holders;
            s << "SELECT screen_id, instance FROM screen_leases WHERE expires_at > " + now_, into(leased), into(holders), now;
            std::map<content::Id, std::string> holder;
            for (std::size_t i = 0; i < leased.size(); ++i) holder[leased[i]] = holders[i];
            std::size_t have = 0;
            for (const auto& [id, h] : holder)
                if (h == me) ++have;
            const std::size_t target = (eligible.size() + peers - 1) / peers;
            std::string free;
            std::size_t taking = 0;
            for (content::Id id : eligible) {
                if (have + taking >= target) break;
                if (holder.count(id)) continue;
                free += (free.empty() ? "" : ",") + std::to_string(id);
                ++taking;
            }
            if (!free.empty()) {
                // Only a lease nobody holds, or one that ran out: another server's live lease stays.
                s << "INSERT INTO screen_leases (screen_id, instance, expires_at) SELECT id, ?, " + now_ + " + " + std::to_string(ttl) +
                         " FROM screens WHERE id IN (" + free +
                         ") ON CONFLICT (screen_id) DO UPDATE SET instance = excluded.instance, expires_at = excluded.expires_at"
                         " WHERE screen_leases.expires_at <= " +
                         now_,
                    use(me), now;
            }
            std::vector<content::Id> ours;
            s << "SELECT screen_id FROM screen_leases WHERE instance = ? AND expires_at > " + now_ + " ORDER BY screen_id", use(me),
                into(ours), now;
            mine.insert(ours.begin(), ours.end());
            // More than a share (another server came up), or a screen a township box now drives:
            // handed back, the highest ids first, once this server's workers have stopped.
            const std::set<content::Id> eligibleSet(eligible.begin(), eligible.end());
            std::vector<content::Id> keep;
            for (content::Id id : ours) {
                if (!eligibleSet.count(id))
                    surplus.insert(id);
                else
                    keep.push_back(id);
            }
            while (keep.size() > target + 1) {
                surplus.insert(keep.back());
                keep.pop_back();
            }
        });
    } catch (const std::exception& e) {
        Poco::Logger::get("gongshi.devices").warning("screen leases: %s", std::string(e.what()));
        bool lost = false;
        {
            std::lock_guard lock(mutex_);
            // Not renewed: stop driving well before the leases run out, so no other server and
            // this one ever drive a screen together.
            if (!held_.empty() && (!renewedAt_ || std::chrono::steady_clock::now() - *renewedAt_ > options_.ttl - options_.margin)) {
                held_.clear();
                handing_.clear();
                lost = true;
            }
        }
        if (lost && changed_) changed_();
        return;
    }
    bool differs;
    {
        std::lock_guard lock(mutex_);
        renewedAt_ = began;
        for (auto id : toDelete) stopped_.erase(id);
        for (auto id : surplus)
            if (!stopped_.count(id)) handing_.insert(id);
        for (auto it = handing_.begin(); it != handing_.end();) it = mine.count(*it) ? std::next(it) : handing_.erase(it);
        std::set<content::Id> next;
        for (auto id : mine)
            if (!handing_.count(id) && !stopped_.count(id)) next.insert(id);
        differs = next != held_;
        held_ = std::move(next);
    }
    if (differs && changed_) changed_();
}

std::string ScreenLeases::driverOf(content::Database& db, content::Id screen) {
    content::Connection s = db.session();
    std::vector<std::string> names;
    content::Id id = screen;
    s << "SELECT instance FROM screen_leases WHERE screen_id = ? AND expires_at > " + std::string(s.nowMs()), use(id), into(names), now;
    return names.empty() ? "" : names.front();
}

std::map<content::Id, std::string> ScreenLeases::drivers(content::Database& db) {
    content::Connection s = db.session();
    std::vector<content::Id> ids;
    std::vector<std::string> names;
    s << "SELECT screen_id, instance FROM screen_leases WHERE expires_at > " + std::string(s.nowMs()), into(ids), into(names), now;
    std::map<content::Id, std::string> out;
    for (std::size_t i = 0; i < ids.size(); ++i) out[ids[i]] = names[i];
    return out;
}

} // namespace gongshi::delivery
