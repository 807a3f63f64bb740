// Several `gongshi serve` processes on one PostgreSQL: each screen driven by exactly one of them
// through its lease; kill -9 one, its screens move to the others within 15 s, no card ever has two
// senders at once (the emulators count their connections), nothing a killed server acknowledged
// is lost, and a change written through one server reaches the screens another drives.
#include "delivery/ScreenLeases.h"
#include "records/Database.h"
#include "records/RecordStore.h"
#include "server/Auth.h"
#include "tests/server/ServerFixture.h"
#include "tests/support/EmulatedCard.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <map>
#include <memory>
#include <set>
#include <thread>

namespace gongshi::test {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A bx-6 card on TCP, which counts the senders connected to it.
class Card : public EmulatedCard {
public:
    Card() : EmulatedCard("bx-6", 64, 32, "mono", "tcp:127.0.0.1:0") {}
    std::size_t frames() const { return frameLines().size(); }
};

// One `gongshi serve` on the shared database, with a data directory of its own.
class Server {
public:
    // `extra`: more options, as a township box's `--drive centre=3`.
    Server(const std::string& url, const std::string& name, const std::vector<std::string>& extra = {}) : dir_("gongshi-county-" + name) {
        std::vector<std::string> argv{gongshiBinary(), "serve", "--database",  url,           "--data-dir", dir_.str(),
                                      "--port",        "0",     "--port-file", dir_ / "port", "--instance", name};
        argv.insert(argv.end(), extra.begin(), extra.end());
        proc_ = std::make_unique<BackgroundProcess>(argv);
        const auto deadline = Clock::now() + std::chrono::seconds(30);
        while (Clock::now() < deadline && slurp(dir_ / "port").empty()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        const std::string port = slurp(dir_ / "port");
        REQUIRE_MESSAGE(!port.empty(), "serve " << name << " did not start: " << proc_->stderrText());
        port_ = std::stoi(port);
    }
    int port() const { return port_; }
    // SIGTERM: stops as a service stop does, its screens handed back.
    void stop() { CHECK(proc_->stop(15000) == 0); }
    void kill9() {
        ::kill(proc_->pid(), SIGKILL);
        proc_->stop(5000);
    }

private:
    TempDir dir_;
    std::unique_ptr<BackgroundProcess> proc_;
    int port_ = 0;
};

struct County {
    TempDir base{"gongshi-county"};
    std::string url = databaseUrl(base.path());
    std::unique_ptr<content::Database> db;
    std::vector<std::unique_ptr<Card>> cards;
    std::vector<content::Id> screens;
    std::vector<content::Id> centres; // screen i is centre i % centres.size()'s
    content::Id centre = 0;           // the first

    explicit County(int screenCount, int centreCount = 1) {
        db = std::make_unique<content::Database>(base.str(), url);
        const char* townships[] = {"青石镇", "白沙乡", "柳河镇"};
        for (int i = 0; i < centreCount; ++i) {
            content::Centre c;
            c.county = "青石县";
            c.township = townships[i % 3];
            c.name = c.township + "人民政府便民服务中心";
            centres.push_back(content::RecordStore<content::Centre>(*db).create(c, "test").meta.id);
        }
        centre = centres.front();
        content::RecordStore<content::ScreenRecord> store(*db);
        for (int i = 0; i < screenCount; ++i) {
            cards.push_back(std::make_unique<Card>());
            content::ScreenRecord s;
            s.centreId = centres[static_cast<std::size_t>(i) % centres.size()];
            s.name = "屏" + std::to_string(i + 1);
            s.width = 64;
            s.height = 32;
            s.protocol = "bx-6";
            s.address = "tcp:" + cards.back()->address().substr(4);
            screens.push_back(store.create(s, "test").meta.id);
        }
        server::Auth(*db, {.iterations = 1000}).addUser("admin", "admin", 0, "county-pass-1", "test");
    }

    std::map<content::Id, std::string> drivers() { return delivery::ScreenLeases::drivers(*db); }

    // 3 s on: each card of the screens `moved` has had at least `senders` senders, one after
    // another, and no card ever had two at once.
    void checkSenders(const std::set<content::Id>& moved, int senders) {
        std::this_thread::sleep_for(std::chrono::seconds(3));
        for (std::size_t i = 0; i < cards.size(); ++i) {
            const auto [accepted, most] = cards[i]->connections();
            CHECK_MESSAGE(most == 1, "card " << i << " had " << most << " senders at once");
            if (moved.count(screens[i])) CHECK_MESSAGE(accepted >= senders, "card " << i << " had " << accepted << " senders");
        }
    }

    // Waits until every screen has a driver; false after `seconds`.
    bool allDriven(double seconds, const std::set<std::string>& among = {}) {
        const auto start = Clock::now();
        while (secondsSince(start) < seconds) {
            const auto d = drivers();
            bool all = d.size() == screens.size();
            for (const auto& [id, who] : d)
                if (!among.empty() && !among.count(who)) all = false;
            if (all) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }
};

void takeover(int serverCount) {
    County county(2 * serverCount);
    std::vector<std::unique_ptr<Server>> servers;
    std::set<std::string> names;
    for (int i = 0; i < serverCount; ++i) {
        const std::string name = "s" + std::to_string(i + 1);
        servers.push_back(std::make_unique<Server>(county.url, name));
        names.insert(name);
    }
    REQUIRE(county.allDriven(15));
    // The first server up took every screen; the others get their shares handed over (a server
    // stops its workers before it lets a lease go), until each drives some.
    {
        const auto start = Clock::now();
        std::set<std::string> driving;
        while (secondsSince(start) < 30) {
            driving.clear();
            for (const auto& [id, who] : county.drivers()) driving.insert(who);
            if (driving == names && county.drivers().size() == county.screens.size()) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        CHECK(driving == names);
    }
    // Each card is reached: its first sender connected.
    const auto start = Clock::now();
    while (secondsSince(start) < 15) {
        bool all = true;
        for (const auto& c : county.cards) all = all && c->connections().first >= 1;
        if (all) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    for (const auto& c : county.cards) CHECK(c->connections().first >= 1);

    // Written through the server about to die, and acknowledged.
    Client client(servers[0]->port());
    REQUIRE(client.login("admin", "county-pass-1").status == 200);
    Poco::JSON::Object::Ptr notice = new Poco::JSON::Object;
    notice->set("centre_id", county.centre);
    notice->set("title", "停电通知");
    notice->set("body", "本周六上午停电检修，暂停办理业务。");
    notice->set("category", "other");
    const Response made = client.post("/api/notices", notice);
    REQUIRE_MESSAGE(made.status == 201, made.body);
    const int noticeId = made.json()->getValue<int>("id");

    // The first server goes as a power cut takes it: no goodbye, no lease handed back.
    const auto before = county.drivers();
    std::set<content::Id> orphaned;
    for (const auto& [id, who] : before)
        if (who == "s1") orphaned.insert(id);
    servers[0]->kill9();
    const auto killed = Clock::now();
    names.erase("s1");
    REQUIRE_MESSAGE(county.allDriven(15, names), "screens still without a live driver 15 s after the kill");
    const double moved = secondsSince(killed);
    MESSAGE(serverCount << " servers: " << orphaned.size() << " screens of the killed one taken over in " << moved << " s");
    CHECK(moved < 15.0);
    // The screens are driven again (connected anew), and no card ever had two senders at once.
    county.checkSenders(orphaned, 2);
    // What the dead server acknowledged is there for the living.
    Client other(servers[1]->port());
    REQUIRE(other.login("admin", "county-pass-1").status == 200);
    const Response got = other.get("/api/notices/" + std::to_string(noticeId));
    CHECK(got.status == 200);
    CHECK(got.json()->getValue<std::string>("title") == "停电通知");
    // Every server names the same driver for a screen.
    for (std::size_t s = 1; s < servers.size(); ++s) {
        Client c(servers[s]->port());
        REQUIRE(c.login("admin", "county-pass-1").status == 200);
        const auto drivers = county.drivers();
        for (content::Id id : county.screens) {
            const Response h = c.get("/api/screens/" + std::to_string(id) + "/health");
            REQUIRE_MESSAGE(h.status == 200, h.body);
            CHECK(h.json()->getValue<std::string>("driver") == drivers.at(id));
        }
    }
}

// The screens `own` go to the box, every other to "hall" (up first, so it held them all and hands
// the box's over); the box killed, its screens are the hall's within 15 s; no card ever saw two senders.
void limitedBox(County& county, const std::vector<std::string>& drive, const std::set<content::Id>& own) {
    REQUIRE(!own.empty());
    REQUIRE(own.size() < county.screens.size());
    // Each card has had `n` senders, those of `only` when given.
    auto connected = [&](int n, const std::set<content::Id>& only) {
        const auto start = Clock::now();
        while (secondsSince(start) < 15) {
            bool all = true;
            for (std::size_t i = 0; i < county.cards.size(); ++i)
                if ((only.empty() || only.count(county.screens[i])) && county.cards[i]->connections().first < n) all = false;
            if (all) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    };
    Server hall(county.url, "hall");
    REQUIRE(county.allDriven(15, {"hall"}));
    REQUIRE(connected(1, {}));
    Server box(county.url, "box", drive);
    std::map<content::Id, std::string> expected;
    for (content::Id id : county.screens) expected[id] = own.count(id) ? "box" : "hall";
    const auto started = Clock::now();
    while (secondsSince(started) < 30 && county.drivers() != expected) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    REQUIRE(county.drivers() == expected);
    MESSAGE("the box drives its " << own.size() << " screens " << secondsSince(started) << " s after it started");
    // Settled: it stays so, and the box reached its cards.
    std::this_thread::sleep_for(std::chrono::seconds(3));
    CHECK(county.drivers() == expected);
    REQUIRE(connected(2, own));

    box.kill9();
    const auto killed = Clock::now();
    REQUIRE_MESSAGE(county.allDriven(15, {"hall"}), "the box's screens still without the hall 15 s after the kill");
    const double moved = secondsSince(killed);
    MESSAGE(own.size() << " screens of the killed box taken over by the unlimited server in " << moved << " s");
    CHECK(moved < 15.0);
    county.checkSenders(own, 3); // hall, box, hall
}

// Sets a screen's `tags` option through the API, as the screen page does.
Response setTags(Client& admin, content::Id screen, const std::string& tags) {
    auto o = copyObject(admin.get("/api/screens/" + std::to_string(screen)).json());
    Poco::JSON::Object::Ptr options = new Poco::JSON::Object;
    options->set("tags", tags);
    o->set("options", options);
    return admin.put("/api/screens/" + std::to_string(screen), o);
}

} // namespace

TEST_CASE("two servers - one killed - its screens move to the other within 15 s, never two senders") { takeover(2); }

TEST_CASE("three servers - one killed - its screens move to the others within 15 s, never two senders") { takeover(3); }

TEST_CASE("a change written through one server reaches a screen another server drives within a second") {
    County county(2);
    Server a(county.url, "a");
    REQUIRE(county.allDriven(15));
    Server b(county.url, "b"); // drives nothing yet: every screen is a's
    std::this_thread::sleep_for(std::chrono::seconds(2));
    for (const auto& [id, who] : county.drivers()) REQUIRE(who == "a");
    // Settled: nothing more is being sent.
    std::this_thread::sleep_for(std::chrono::seconds(3));
    const std::size_t framesBefore = county.cards[0]->frames();
    Client client(b.port());
    REQUIRE(client.login("admin", "county-pass-1").status == 200);
    Poco::JSON::Object::Ptr broadcast = new Poco::JSON::Object;
    broadcast->set("text", "紧急通知：大厅暂停服务");
    Poco::JSON::Array::Ptr ids = new Poco::JSON::Array;
    for (auto id : county.screens) ids->add(id);
    broadcast->set("screens", ids);
    const auto sent = Clock::now();
    const Response r = client.post("/api/broadcasts", broadcast);
    REQUIRE_MESSAGE(r.status == 201, r.body);
    double took = -1;
    while (secondsSince(sent) < 5) {
        if (county.cards[0]->frames() > framesBefore) {
            took = secondsSince(sent);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    MESSAGE("broadcast through b on a's screen after " << took << " s");
    REQUIRE(took >= 0);
    CHECK(took < 1.0);
}

TEST_CASE("a box limited by --drive centre=ID drives exactly that centre's screens - killed, the unlimited server takes them within 15 s") {
    County county(6, 2);
    const content::Id township = county.centres[1];
    std::set<content::Id> own;
    for (std::size_t i = 0; i < county.screens.size(); ++i)
        if (i % 2 == 1) own.insert(county.screens[i]);
    limitedBox(county, {"--drive", "centre=" + std::to_string(township)}, own);
}

TEST_CASE(
    "a box limited by --drive tag=NAME drives exactly the screens tagged so through the API - killed, the unlimited server takes them") {
    County county(6, 2);
    Server setup(county.url, "setup");
    Client admin(setup.port());
    REQUIRE(admin.login("admin", "county-pass-1").status == 200);
    const Response bad = setTags(admin, county.screens[0], "串口,,大厅");
    CHECK(bad.status == 400);
    CHECK(bad.field() == "options.tags");
    CHECK(bad.error() == "标签“串口,,大厅”中有空的名称：名称之间用一个英文逗号隔开，如“串口,大厅”");
    CHECK(setTags(admin, county.screens[0], "大厅=1").field() == "options.tags");
    // Of both centres; spaces around a name do not count, and one tag of several is enough.
    REQUIRE(setTags(admin, county.screens[0], "串口").status == 200);
    REQUIRE(setTags(admin, county.screens[3], " 大厅 , 串口 ").status == 200);
    REQUIRE(setTags(admin, county.screens[4], "大厅").status == 200);
    setup.stop(); // hands its screens back at once
    limitedBox(county, {"--drive", "tag=串口"}, {county.screens[0], county.screens[3]});
}

TEST_CASE("a box limited by both centre and tag drives only that centre's screens with the tag") {
    County county(6, 2); // screens 1, 3, 5 are the second centre's
    {
        Server setup(county.url, "setup");
        Client admin(setup.port());
        REQUIRE(admin.login("admin", "county-pass-1").status == 200);
        for (std::size_t i : {0, 1, 5}) REQUIRE(setTags(admin, county.screens[i], "串口").status == 200);
        REQUIRE(setTags(admin, county.screens[3], "大厅").status == 200);
        setup.stop();
    }
    limitedBox(county, {"--drive", "centre=" + std::to_string(county.centres[1]) + ";tag=串口"}, {county.screens[1], county.screens[5]});
}

} // namespace gongshi::test
