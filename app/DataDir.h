#pragma once
// What the commands that read records share: opening an existing data directory, picking its
// centre, reading record ids from options.
#include "app/Args.h"
#include "records/Database.h"
#include "records/Records.h"

#include <memory>
#include <optional>
#include <string>

namespace gongshi::app {

// Opens an existing data directory; InputError when it holds no records (nothing is created).
// `database` (--database, a postgresql:// address): the records there, `dir` only for local files.
std::unique_ptr<content::Database> openData(const std::string& dir, const std::string& database = "");
// The records a command's --data-dir and --database name (openData of both).
std::unique_ptr<content::Database> openData(const Args& args);
// Centre `id` of the data directory `dir`, or without an id its one centre; InputError when there is
// no such centre, none, or several (naming them).
content::Centre chooseCentre(content::Database& db, std::optional<content::Id> id, const std::string& dir);
// --centre ID when given (a positive record id), else none.
std::optional<content::Id> centreOption(const Args& args);
// A positive record id given to --option; InputError otherwise.
content::Id parseId(const std::string& option, const std::string& text);

} // namespace gongshi::app
