// gongshi init: a real centre's first run from the command line. The centre is made with its
// standard Attachment 1 name from its kind and place names, and its first admin with a password
// read from standard input; everything is checked before anything is written, and a data
// directory that already holds a centre is refused.
#include "app/Args.h"
#include "app/Commands.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "records/Database.h"
#include "records/RecordStore.h"
#include "server/Auth.h"
#include "server/FirstRun.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace gongshi::app {
namespace {

// The option that gave a field: the place names and the kind are named as their fields are; the
// admin's name is --admin.
std::string optionOf(const std::string& field) { return field == "username" ? "admin" : field; }

} // namespace

int initCommand(const std::vector<std::string>& argv) {
    Args args(argv, {"data-dir", "database", "kind", "county", "township", "street", "station", "village", "name", "admin"}, {});
    if (!args.positional().empty()) throw InputError(msg::cliNoArguments("init", args.positional()[0]));
    if (!args.has("data-dir")) throw InputError(msg::cliRequired("data-dir", "数据目录"));
    if (!args.has("kind")) throw InputError(msg::cliRequired("kind", msg::centreKindChoices()));
    if (!args.has("admin")) throw InputError(msg::cliRequired("admin", "第一个管理员的用户名"));
    const std::string dataDir = *args.get("data-dir");
    server::FirstRunInput input;
    try {
        input.places.kind = content::parseCentreKind(*args.get("kind"));
        input.places.county = args.get("county", "");
        input.places.township = args.get("township", "");
        input.places.street = args.get("street", "");
        input.places.station = args.get("station", "");
        input.places.village = args.get("village", "");
        input.name = args.get("name");
        input.admin = *args.get("admin");
        server::firstRunCentre(input); // the names first, before the password is read
        if (!std::getline(std::cin, input.password)) throw InputError(msg::passwordOnStdin());
        if (!input.password.empty() && input.password.back() == '\r') input.password.pop_back();
        server::Auth::checkNewUser(input.admin, "admin", 0, input.password);
    } catch (const ValidationError& e) {
        throw InputError(e.field() == "password" ? std::string(e.what()) : msg::cliField(optionOf(e.field()), e.what()));
    }
    // Only a data directory without a centre: init never adds a second centre or touches records.
    const std::string database = args.get("database", "");
    if (!database.empty()) content::parsePostgresAddress(database);
    if (!database.empty() || std::filesystem::exists(std::filesystem::path(dataDir) / "gongshi.db")) {
        content::Database existing(dataDir, database);
        const auto centres = content::RecordStore<content::Centre>(existing).all();
        if (!centres.empty()) throw InputError(msg::initHasCentre(dataDir, centres.front().meta.id, centres.front().name));
    }
    content::Database db(dataDir, database);
    const content::Centre made = server::runFirstRun(db, input, "init");
    std::printf("%s\n", made.name.c_str());
    std::fprintf(stderr, "%s\n", msg::initDone(dataDir, made.meta.id, *args.get("admin")).c_str());
    return 0;
}

} // namespace gongshi::app
