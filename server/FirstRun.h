#pragma once
// A new install's first run, from `gongshi init` and from the admin page's first-run form alike:
// the centre with the standard name Attachment 1 gives its kind and place names, and its first
// admin. Everything is checked before anything is written.
#include "records/Records.h"

#include <optional>
#include <string>

namespace gongshi::content {
class Database;
}

namespace gongshi::server {

struct FirstRunInput {
    content::Centre places;          // kind and place names (county, township, street, station, village)
    std::optional<std::string> name; // the name asked for, if any: refused unless it is the standard one
    std::string admin, password;
};

// The centre `input` would make, its name the standard one. Throws ValidationError naming the
// field (a place name or "name").
content::Centre firstRunCentre(const FirstRunInput& input);

// True while the database holds neither a centre nor a user: only then may the admin page set it up.
bool firstRunOpen(content::Database& db);

// Checks, then makes the centre and the admin (`by` goes into the audit log). Throws what
// firstRunCentre and Auth::checkNewUser throw ("username" for the admin's name, "password"), and
// ConflictError when the database already holds a centre.
content::Centre runFirstRun(content::Database& db, const FirstRunInput& input, const std::string& by);

} // namespace gongshi::server
