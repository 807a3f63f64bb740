#include "records/Migrate.h"

#include "common/Error.h"
#include "common/Messages.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Nullable.h>

#include <cstdint>
#include <vector>

using namespace Poco::Data::Keywords;

namespace gongshi::content {
namespace {

// The tables of the records, in the order they were made (a table before those naming it).
// Not copied: the schema's own bookkeeping and what only a running server keeps.
std::vector<std::string> tablesOf(Database& db) {
    Connection s = db.session();
    std::vector<std::string> names;
    if (db.postgres()) {
        s << "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
             " AND n.nspname = current_schema() ORDER BY c.oid",
            into(names), now;
    } else {
        s << "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY rowid", into(names), now;
    }
    std::vector<std::string> out;
    for (const auto& n : names)
        if (n != "schema_migrations" && n != "instances" && n != "screen_leases") out.push_back(n);
    return out;
}

} // namespace

// A Poco error anywhere (the target refused a statement, a connection was lost) is the target's.
CopySummary copyRecords(Database& from, Database& to) try {
    if (from.schemaVersion() != to.schemaVersion())
        throw EnvironmentError(msg::migrateSchemaDiffers(from.schemaVersion(), to.schemaVersion()));
    const std::vector<std::string> tables = tablesOf(from);
    {
        Connection t = to.session();
        for (const auto& table : tables) {
            std::int64_t n = 0;
            t << "SELECT COUNT(*) FROM " + table, into(n), now;
            if (n > 0) throw InputError(msg::migrateTargetNotEmpty(to.path(), table, n));
        }
    }
    CopySummary summary;
    Connection src = from.session();
    to.write([&](Connection& dst) {
        for (const auto& table : tables) {
            Poco::Data::RecordSet rows(src.poco(), "SELECT * FROM " + table);
            const std::size_t columns = rows.columnCount();
            long long copied = 0;
            if (rows.rowCount() > 0) {
                std::string names, marks;
                for (std::size_t c = 0; c < columns; ++c) {
                    names += (c ? ", " : "") + rows.columnName(c);
                    marks += c ? ", ?" : "?";
                }
                std::vector<Poco::Nullable<std::string>> values(columns);
                Poco::Data::Statement insert = dst.statement("INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")");
                for (auto& v : values) insert, use(v);
                for (std::size_t r = 0; r < rows.rowCount(); ++r) {
                    for (std::size_t c = 0; c < columns; ++c) {
                        const Poco::Dynamic::Var& v = rows.value(c, r);
                        if (v.isEmpty())
                            values[c].clear();
                        else
                            values[c] = v.convert<std::string>();
                    }
                    try {
                        insert.execute();
                    } catch (const Poco::Exception& e) {
                        // The row the target refused, named (nothing stays written: the transaction goes).
                        throw EnvironmentError(msg::migrateRowRefused(table, r + 1, e.displayText()));
                    }
                    ++copied;
                }
            }
            summary.rows[table] = copied;
            summary.total += copied;
            // Ids the database makes go on after the highest copied.
            if (to.postgres()) {
                std::int64_t identity = 0;
                dst << "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '" + table +
                           "' AND column_name = 'id' AND is_identity = 'YES'",
                    into(identity), now;
                if (identity > 0)
                    dst << "SELECT setval(pg_get_serial_sequence('" + table +
                               "', 'id'), GREATEST(COALESCE(MAX(id), 0), 1), MAX(id) IS NOT NULL)"
                               " FROM " +
                               table,
                        now;
            }
        }
    });
    return summary;
} catch (const Error&) {
    throw;
} catch (const Poco::Exception& e) {
    throw EnvironmentError(msg::cannotOpenDatabase(to.path(), e.displayText()));
}

} // namespace gongshi::content
