#pragma once
// What the commands that read records share: opening an existing data directory, picking its
// centre, reading record ids from options.
#include "records/Database.h"
#include "records/Records.h"

#include <memory>
#include <string>

namespace gongshi::app {

// Opens an existing data directory; InputError when it holds no records (nothing is created).
std::unique_ptr<content::Database> openData(const std::string& dir);
// The one centre of the data directory; InputError when there is none or several (naming their ids).
content::Id onlyCentre(content::Database& db);
// A positive record id given to --option; InputError otherwise.
content::Id parseId(const std::string& option, const std::string& text);

} // namespace gongshi::app
