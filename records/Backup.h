#pragma once
// A data directory in one archive, and back: the database copied through SQLite's online backup
// API (a consistent snapshot while the server keeps writing), the stored files (photos, sample
// forms) beside it, and a manifest with every entry's size and SHA-256. A restore checks the whole
// archive before it writes anything and never mixes an archive into existing data.
#include <string>
#include <vector>

namespace gongshi::content {

struct BackupSummary {
    std::string file;
    std::size_t bytes = 0;   // the archive's size
    std::size_t entries = 0; // the database and the files
    int schemaVersion = 0;
};

// Writes `outFile` (whole, or not at all: it is written beside and renamed). Throws InputError when
// `dataDir` holds no database, EnvironmentError when the archive cannot be written.
BackupSummary backupDataDir(const std::string& dataDir, const std::string& outFile);

struct RestoreSummary {
    std::string createdAt; // when the backup was made
    int schemaVersion = 0;
    std::size_t entries = 0;
    std::string replacedTo; // where the data directory's former content went (--replace), or empty
};

// What restoring into `dataDir` would replace: its centres and the count of its records and files,
// one line each (empty when it holds nothing).
std::vector<std::string> whatRestoreReplaces(const std::string& dataDir);

// Checks every entry of `archive` against its manifest (names, sizes, SHA-256, nothing missing,
// nothing extra, a database SQLite finds intact) and only then writes `dataDir`. A data directory
// that holds data is refused (InputError listing what it would replace) unless `replace`: then its
// former content is moved aside to DATA_DIR.replaced-<time>, never deleted. A damaged archive is an
// InputError naming the entry and what is wrong; nothing is written.
RestoreSummary restoreBackup(const std::string& archive, const std::string& dataDir, bool replace);

} // namespace gongshi::content
