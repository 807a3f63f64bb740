#include "server/FirstRun.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/CentreNaming.h"
#include "records/Database.h"
#include "records/RecordStore.h"
#include "server/Auth.h"

namespace gongshi::server {

content::Centre firstRunCentre(const FirstRunInput& input) {
    content::Centre centre = input.places;
    const std::string standard = content::standardCentreName(centre);
    if (input.name && !input.name->empty() && *input.name != standard)
        throw ValidationError("name", msg::centreNameNotStandard(*input.name, standard));
    centre.name = standard;
    return centre;
}

bool firstRunOpen(content::Database& db) { return content::RecordStore<content::Centre>(db).all().empty() && Auth(db).users().empty(); }

content::Centre runFirstRun(content::Database& db, const FirstRunInput& input, const std::string& by) {
    const content::Centre centre = firstRunCentre(input);
    Auth::checkNewUser(input.admin, "admin", 0, input.password);
    // Only an empty database: the first run never adds a second centre or touches records.
    const auto centres = content::RecordStore<content::Centre>(db).all();
    if (!centres.empty()) throw ConflictError(msg::firstRunDone(centres.front().meta.id, centres.front().name));
    const content::Centre made = content::RecordStore<content::Centre>(db).create(centre, by);
    Auth(db).addUser(input.admin, "admin", 0, input.password, by);
    return made;
}

} // namespace gongshi::server
