// gongshi init: a real centre's first run from the command line. The centre is made with its
// standard Attachment 1 name from its kind and place names, and its first admin with a password
// read from standard input; everything is checked before anything is written, and a data
// directory that already holds a centre is refused.
#include "app/Args.h"
#include "app/Commands.h"
#include "common/Error.h"
#include "common/Messages.h"
#include "records/CentreNaming.h"
#include "records/Database.h"
#include "records/RecordStore.h"
#include "server/Auth.h"

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
    Args args(argv, {"data-dir", "kind", "county", "township", "street", "station", "village", "name", "admin"}, {});
    if (!args.positional().empty()) throw InputError(msg::cliNoArguments("init", args.positional()[0]));
    if (!args.has("data-dir")) throw InputError(msg::cliRequired("data-dir", "数据目录"));
    if (!args.has("kind")) throw InputError(msg::cliRequired("kind", msg::centreKindChoices()));
    if (!args.has("admin")) throw InputError(msg::cliRequired("admin", "第一个管理员的用户名"));
    const std::string dataDir = *args.get("data-dir");
    content::Centre centre;
    std::string password;
    try {
        centre.kind = content::parseCentreKind(*args.get("kind"));
        centre.county = args.get("county", "");
        centre.township = args.get("township", "");
        centre.street = args.get("street", "");
        centre.station = args.get("station", "");
        centre.village = args.get("village", "");
        const std::string standard = content::standardCentreName(centre);
        if (auto given = args.get("name"); given && *given != standard)
            throw ValidationError("name", msg::centreNameNotStandard(*given, standard));
        centre.name = standard;
        if (!std::getline(std::cin, password)) throw InputError(msg::passwordOnStdin());
        if (!password.empty() && password.back() == '\r') password.pop_back();
        server::Auth::checkNewUser(*args.get("admin"), "admin", 0, password);
    } catch (const ValidationError& e) {
        throw InputError(e.field() == "password" ? std::string(e.what()) : msg::cliField(optionOf(e.field()), e.what()));
    }
    // Only a data directory without a centre: init never adds a second centre or touches records.
    if (std::filesystem::exists(std::filesystem::path(dataDir) / "gongshi.db")) {
        content::Database existing(dataDir);
        const auto centres = content::RecordStore<content::Centre>(existing).all();
        if (!centres.empty()) throw InputError(msg::initHasCentre(dataDir, centres.front().meta.id, centres.front().name));
    }
    content::Database db(dataDir);
    const content::Centre made = content::RecordStore<content::Centre>(db).create(centre, *args.get("admin"));
    server::Auth(db).addUser(*args.get("admin"), "admin", 0, password, "init");
    std::printf("%s\n", made.name.c_str());
    std::fprintf(stderr, "%s\n", msg::initDone(dataDir, made.meta.id, *args.get("admin")).c_str());
    return 0;
}

} // namespace gongshi::app
