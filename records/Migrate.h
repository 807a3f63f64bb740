#pragma once
// Every record of one database copied into another, all or nothing: `gongshi migrate-to` (an
// SQLite data directory into PostgreSQL). Both are at the newest schema (Database migrates on
// open); the target must hold no records.
#include "records/Database.h"

#include <map>
#include <string>

namespace gongshi::content {

struct CopySummary {
    std::map<std::string, long long> rows; // by table
    long long total = 0;
};

// Throws InputError (naming the table) when `to` already holds records, and passes on what the
// target refuses; nothing is written then.
CopySummary copyRecords(Database& from, Database& to);

} // namespace gongshi::content
