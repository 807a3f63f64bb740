#include "records/Demo.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/JsonText.h"
#include "records/MatterCsv.h"
#include "records/NoticeCsv.h"
#include "records/RecordJson.h"
#include "records/RecordStore.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace gongshi::content {
namespace {

namespace fs = std::filesystem;

std::string readDemoFile(const std::string& dir, const std::string& name) {
    fs::path p = fs::path(dir) / name;
    std::ifstream in(p, std::ios::binary);
    if (!in) throw InputError("demo file " + p.string() + " is missing (give --demo-dir DIR or set GONGSHI_DEMO_DIR)");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs `work`, putting the demo file's name in front of what it throws.
template <class F> auto inFile(const std::string& name, F&& work) {
    try {
        return work();
    } catch (const ValidationError& e) {
        // The JSON codecs name the field apart from the message; the CSV readers name it inside.
        std::string message = e.what();
        if (!e.field().empty() && message.find(e.field()) == std::string::npos) message = e.field() + " " + message;
        throw ValidationError(e.field(), "demo " + name + ": " + message);
    } catch (const InputError& e) {
        throw InputError("demo " + name + ": " + e.what());
    }
}

std::string text(const Poco::JSON::Object& o, const std::string& key) {
    return o.has(key) && o.get(key).isString() ? o.getValue<std::string>(key) : std::string();
}

} // namespace

std::string demoDataDir() {
    if (const char* env = std::getenv("GONGSHI_DEMO_DIR"); env && *env) return env;
    // This source file sits in records/, beside demo/.
    return (fs::path(__FILE__).parent_path() / "demo").string();
}

DemoSummary importDemo(Database& db, const std::string& demoDir, const std::string& user) {
    RecordStore<Centre> centres(db);
    if (auto existing = centres.all(); !existing.empty())
        throw InputError(msg::demoNeedsEmptyDataDir(existing.front().meta.id, existing.front().name));

    // Everything is read and checked before anything is written.
    DemoSummary summary;
    Centre centre =
        inFile("centre.json", [&] { return fromJson<Centre>(*readJsonObject(readDemoFile(demoDir, "centre.json"), "centre.json")); });
    std::vector<Staff> staff = inFile("staff.json", [&] {
        std::vector<Staff> out;
        for (const auto& o : readJsonObjects(readDemoFile(demoDir, "staff.json"), "staff.json")) out.push_back(fromJson<Staff>(*o));
        return out;
    });
    std::map<std::string, std::size_t> staffByName;
    for (std::size_t i = 0; i < staff.size(); ++i) staffByName.emplace(staff[i].name, i);
    // Windows name their A and B staff; the ids are filled in once the staff are stored.
    std::vector<std::pair<std::size_t, std::size_t>> posts; // staff index + 1, 0 = none
    std::vector<Window> windows = inFile("windows.json", [&] {
        std::vector<Window> out;
        for (const auto& o : readJsonObjects(readDemoFile(demoDir, "windows.json"), "windows.json")) {
            Window w = fromJson<Window>(*o);
            auto post = [&](const std::string& key) -> std::size_t {
                std::string name = text(*o, key);
                if (name.empty()) return 0;
                auto it = staffByName.find(name);
                if (it == staffByName.end())
                    throw ValidationError(key, "window " + w.number + ": " + key + " '" + name + "' is not in staff.json");
                return it->second + 1;
            };
            posts.emplace_back(post("post_a_staff"), post("post_b_staff"));
            out.push_back(std::move(w));
        }
        return out;
    });
    CsvRecords<Matter> matters = inFile("matters.csv", [&] { return readMattersCsv(readDemoFile(demoDir, "matters.csv"), 0); });
    CsvRecords<Notice> notices = inFile("notices.csv", [&] { return readNoticesCsv(readDemoFile(demoDir, "notices.csv"), 0); });
    std::vector<ScreenRecord> screens = inFile("screens.json", [&] {
        std::vector<ScreenRecord> out;
        for (const auto& o : readJsonObjects(readDemoFile(demoDir, "screens.json"), "screens.json"))
            out.push_back(fromJson<ScreenRecord>(*o));
        return out;
    });
    std::map<std::string, std::size_t> screenByName;
    for (std::size_t i = 0; i < screens.size(); ++i) screenByName.emplace(screens[i].name, i);
    std::map<std::string, std::size_t> windowByNumber;
    for (std::size_t i = 0; i < windows.size(); ++i) windowByNumber.emplace(windows[i].number, i);
    // Programs name their screen ("screen") and window items their window ("window": number).
    std::vector<std::size_t> programScreens;
    std::vector<std::vector<std::vector<std::size_t>>> itemWindows; // [program][area][item]: window index + 1
    std::vector<Program> programs = inFile("programs.json", [&] {
        std::vector<Program> out;
        for (const auto& o : readJsonObjects(readDemoFile(demoDir, "programs.json"), "programs.json")) {
            Program p = fromJson<Program>(*o);
            auto screen = screenByName.find(text(*o, "screen"));
            if (screen == screenByName.end())
                throw ValidationError("screen", "program '" + p.name + "': screen '" + text(*o, "screen") + "' is not in screens.json");
            programScreens.push_back(screen->second);
            auto areas = o->getArray("areas");
            std::vector<std::vector<std::size_t>> windowsOf(p.areas.size());
            for (std::size_t a = 0; a < p.areas.size(); ++a) {
                auto items = areas->getObject(static_cast<unsigned>(a))->getArray("items");
                for (std::size_t i = 0; i < p.areas[a].items.size(); ++i) {
                    std::size_t w = 0;
                    if (p.areas[a].items[i].kind == ItemKind::Window) {
                        const std::string number = text(*items->getObject(static_cast<unsigned>(i)), "window");
                        auto it = windowByNumber.find(number);
                        if (it == windowByNumber.end())
                            throw ValidationError("window", "program '" + p.name + "': window '" + number + "' is not in windows.json");
                        w = it->second + 1;
                    }
                    windowsOf[a].push_back(w);
                }
            }
            itemWindows.push_back(std::move(windowsOf));
            out.push_back(std::move(p));
        }
        return out;
    });
    for (const auto& w : matters.warnings) summary.warnings.push_back("demo matters.csv: " + w);
    for (const auto& w : notices.warnings) summary.warnings.push_back("demo notices.csv: " + w);

    centre = centres.create(centre, user);
    const Id id = centre.meta.id;
    for (auto& s : staff) s.centreId = id;
    RecordStore<Staff>(db).createAll(staff, user);
    for (std::size_t i = 0; i < windows.size(); ++i) {
        windows[i].centreId = id;
        windows[i].postA = posts[i].first ? staff[posts[i].first - 1].meta.id : 0;
        windows[i].postB = posts[i].second ? staff[posts[i].second - 1].meta.id : 0;
    }
    RecordStore<Window>(db).createAll(windows, user);
    for (auto& m : matters.records) m.centreId = id;
    RecordStore<Matter>(db).createAll(matters.records, user);
    for (auto& n : notices.records) n.centreId = id;
    RecordStore<Notice>(db).createAll(notices.records, user);
    for (auto& sc : screens) sc.centreId = id;
    RecordStore<ScreenRecord>(db).createAll(screens, user);
    for (std::size_t p = 0; p < programs.size(); ++p) {
        programs[p].screenId = screens[programScreens[p]].meta.id;
        for (std::size_t a = 0; a < programs[p].areas.size(); ++a)
            for (std::size_t i = 0; i < programs[p].areas[a].items.size(); ++i)
                if (std::size_t w = itemWindows[p][a][i]) programs[p].areas[a].items[i].recordId = windows[w - 1].meta.id;
    }
    RecordStore<Program>(db).createAll(programs, user);

    summary.centre = centre;
    summary.staff = staff.size();
    summary.windows = windows.size();
    summary.matters = matters.records.size();
    summary.notices = notices.records.size();
    summary.screens = screens.size();
    summary.programs = programs.size();
    return summary;
}

} // namespace gongshi::content
