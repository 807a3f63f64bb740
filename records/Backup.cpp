#include "records/Backup.h"

#include "common/Error.h"
#include "common/Messages.h"
#include "records/Database.h"
#include "records/JsonText.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/SHA2Engine.h>
#include <Poco/Timestamp.h>
#include <Poco/Zip/Compress.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <sqlite3.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace gongshi::content {
namespace fs = std::filesystem;

namespace {

constexpr const char* kFormat = "gongshi-backup";
constexpr int kFormatVersion = 1;
constexpr const char* kManifest = "manifest.json";

// A raw SQLite connection (the backup API and a look into another data directory without
// migrating it are not Poco::Data's), closed with the scope.
class RawDb {
public:
    RawDb(const std::string& path, int flags) {
        if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
            const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw EnvironmentError(msg::cannotOpenDatabase(path, why));
        }
        sqlite3_busy_timeout(db_, 10000);
    }
    ~RawDb() { sqlite3_close(db_); }
    RawDb(const RawDb&) = delete;
    RawDb& operator=(const RawDb&) = delete;
    sqlite3* get() const { return db_; }

    // The first column of each row of `sql`, as text ("" for a statement that fails).
    std::vector<std::string> column(const std::string& sql) const {
        std::vector<std::string> out;
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) return out;
        while (sqlite3_step(st) == SQLITE_ROW) {
            const unsigned char* t = sqlite3_column_text(st, 0);
            out.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
        }
        sqlite3_finalize(st);
        return out;
    }
    std::string one(const std::string& sql) const {
        auto rows = column(sql);
        return rows.empty() ? "" : rows.front();
    }

private:
    sqlite3* db_ = nullptr;
};

struct Digest {
    std::uint64_t bytes = 0;
    std::string sha256;
};

Digest digestOf(std::istream& in, std::ostream* copy = nullptr) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    Digest d;
    char buf[64 * 1024];
    while (in) {
        in.read(buf, sizeof buf);
        const std::streamsize n = in.gcount();
        if (n <= 0) break;
        sha.update(buf, static_cast<unsigned>(n));
        if (copy) copy->write(buf, n);
        d.bytes += static_cast<std::uint64_t>(n);
    }
    d.sha256 = Poco::DigestEngine::digestToHex(sha.digest());
    return d;
}

// A directory of our own beside `near` (same file system, so a rename finishes the job).
fs::path scratchDir(const fs::path& near, const std::string& what) {
    std::string pattern =
        (near.parent_path().empty() ? fs::path(".") : near.parent_path()) / ("." + near.filename().string() + "." + what + "-XXXXXX");
    if (!mkdtemp(pattern.data())) throw EnvironmentError(msg::cannotWriteFile(pattern, std::strerror(errno)));
    return pattern;
}

// Paths an archive may hold: the database, the manifest and stored files, never outside.
bool safeEntry(const std::string& name) {
    if (name == "gongshi.db" || name == kManifest) return true;
    if (name.rfind("files/", 0) != 0 || name.size() <= 6 || name.back() == '/') return false;
    for (const auto& part : fs::path(name))
        if (part == ".." || part == ".") return false;
    return !fs::path(name).is_absolute();
}

int newestSchema() { return Database::migrations().empty() ? 0 : Database::migrations().back().version; }

} // namespace

BackupSummary backupDataDir(const std::string& dataDir, const std::string& outFile) {
    const fs::path dir(dataDir), dbPath = dir / "gongshi.db";
    if (!fs::exists(dbPath)) throw InputError(msg::noDatabaseIn(dataDir));
    const fs::path scratch = scratchDir(fs::absolute(outFile), "backup");
    struct Cleanup {
        fs::path p;
        ~Cleanup() {
            std::error_code ec;
            fs::remove_all(p, ec);
        }
    } cleanup{scratch};

    // One backup step copies every page under one read transaction: a consistent snapshot, while
    // the server's writers go on (WAL).
    const fs::path copy = scratch / "gongshi.db";
    int schema = 0;
    {
        RawDb src(dbPath.string(), SQLITE_OPEN_READONLY);
        RawDb dst(copy.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        sqlite3_backup* b = sqlite3_backup_init(dst.get(), "main", src.get(), "main");
        if (!b) throw EnvironmentError(msg::backupFailed(sqlite3_errmsg(dst.get())));
        int rc = SQLITE_OK;
        for (int attempt = 0; attempt < 200; ++attempt) {
            rc = sqlite3_backup_step(b, -1);
            if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
            sqlite3_sleep(50);
        }
        sqlite3_backup_finish(b);
        if (rc != SQLITE_DONE) throw EnvironmentError(msg::backupFailed(sqlite3_errstr(rc)));
        // The copy stands alone: no WAL beside it.
        dst.one("PRAGMA journal_mode = DELETE");
        const std::string check = dst.one("PRAGMA quick_check");
        if (check != "ok") throw EnvironmentError(msg::backupFailed(check));
        schema = std::atoi(dst.one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").c_str());
    }

    std::vector<std::pair<std::string, fs::path>> entries{{"gongshi.db", copy}};
    if (fs::is_directory(dir / "files"))
        for (const auto& e : fs::recursive_directory_iterator(dir / "files"))
            if (e.is_regular_file() && e.path().extension() != ".part")
                entries.emplace_back(fs::relative(e.path(), dir).generic_string(), e.path());

    Poco::JSON::Object::Ptr manifest = new Poco::JSON::Object;
    manifest->set("format", kFormat);
    manifest->set("format_version", kFormatVersion);
    manifest->set("created_at", utcNow());
    manifest->set("schema_version", schema);
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;

    const std::string tmpOut = outFile + ".part";
    {
        std::ofstream out(tmpOut, std::ios::binary | std::ios::trunc);
        if (!out) throw EnvironmentError(msg::cannotWriteFile(outFile, std::strerror(errno)));
        Poco::Zip::Compress zip(out, true);
        for (const auto& [name, path] : entries) {
            std::ifstream in(path, std::ios::binary);
            if (!in) continue; // a file deleted since the listing
            const Digest d = digestOf(in);
            in.clear();
            in.seekg(0);
            zip.addFile(in, Poco::DateTime(), Poco::Path(name, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_AUTO,
                        Poco::Zip::ZipCommon::CL_NORMAL);
            Poco::JSON::Object::Ptr entry = new Poco::JSON::Object;
            entry->set("path", name);
            entry->set("bytes", static_cast<Poco::UInt64>(d.bytes));
            entry->set("sha256", d.sha256);
            list->add(entry);
        }
        manifest->set("entries", list);
        std::ostringstream text;
        Poco::JSON::Stringifier::stringify(manifest, text, 1);
        std::istringstream manifestIn(text.str());
        zip.addFile(manifestIn, Poco::DateTime(), Poco::Path(kManifest, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
                    Poco::Zip::ZipCommon::CL_NORMAL);
        zip.close();
        out.flush();
        if (!out) throw EnvironmentError(msg::cannotWriteFile(outFile, std::strerror(errno)));
    }
    std::error_code ec;
    fs::rename(tmpOut, outFile, ec);
    if (ec) {
        fs::remove(tmpOut);
        throw EnvironmentError(msg::cannotWriteFile(outFile, ec.message()));
    }
    BackupSummary s;
    s.file = outFile;
    s.bytes = static_cast<std::size_t>(fs::file_size(outFile));
    s.entries = list->size();
    s.schemaVersion = schema;
    return s;
}

std::vector<std::string> whatRestoreReplaces(const std::string& dataDir) {
    std::vector<std::string> out;
    const fs::path dir(dataDir);
    if (fs::exists(dir / "gongshi.db")) {
        RawDb db((dir / "gongshi.db").string(), SQLITE_OPEN_READONLY);
        for (const auto& c : db.column("SELECT id || ' ' || title FROM centres ORDER BY id")) out.push_back(msg::restoreReplacesCentre(c));
        out.push_back(msg::restoreReplacesCounts(std::atoi(db.one("SELECT COUNT(*) FROM matters").c_str()),
                                                 std::atoi(db.one("SELECT COUNT(*) FROM notices").c_str()),
                                                 std::atoi(db.one("SELECT COUNT(*) FROM users").c_str())));
    }
    std::size_t files = 0;
    if (fs::is_directory(dir / "files"))
        for (const auto& e : fs::recursive_directory_iterator(dir / "files")) files += e.is_regular_file() ? 1 : 0;
    if (files) out.push_back(msg::restoreReplacesFiles(files));
    return out;
}

RestoreSummary restoreBackup(const std::string& archive, const std::string& dataDir, bool replace) {
    std::ifstream in(archive, std::ios::binary);
    if (!in) throw InputError(msg::cannotReadFile(archive, std::strerror(errno)));
    const fs::path target = fs::absolute(dataDir);
    const fs::path scratch = scratchDir(target, "restore");
    bool keep = false;
    struct Cleanup {
        fs::path p;
        bool& keep;
        ~Cleanup() {
            std::error_code ec;
            if (!keep) fs::remove_all(p, ec);
        }
    } cleanup{scratch, keep};

    RestoreSummary summary;
    try {
        Poco::Zip::ZipArchive zip(in);
        auto manifestAt = zip.findHeader(kManifest);
        if (manifestAt == zip.headerEnd()) throw InputError(msg::backupDamaged(archive, kManifest, "缺少清单"));
        std::string manifestText;
        {
            in.clear();
            Poco::Zip::ZipInputStream zin(in, manifestAt->second, true);
            std::ostringstream text;
            text << zin.rdbuf();
            manifestText = text.str();
        }
        const auto manifest = readJsonObject(manifestText, kManifest);
        if (manifest->optValue<std::string>("format", "") != kFormat || manifest->optValue<int>("format_version", 0) != kFormatVersion)
            throw InputError(msg::backupDamaged(archive, kManifest, "不是 gongshi 的备份（格式或版本不符）"));
        summary.createdAt = manifest->optValue<std::string>("created_at", "");
        summary.schemaVersion = manifest->optValue<int>("schema_version", 0);
        if (summary.schemaVersion > newestSchema()) throw InputError(msg::backupFromNewer(archive, summary.schemaVersion, newestSchema()));
        std::map<std::string, Digest> expected;
        const auto entries = manifest->getArray("entries");
        for (std::size_t i = 0; entries && i < entries->size(); ++i) {
            const auto e = entries->getObject(static_cast<unsigned>(i));
            if (!e) continue;
            expected[e->optValue<std::string>("path", "")] = {e->optValue<Poco::UInt64>("bytes", 0),
                                                              e->optValue<std::string>("sha256", "")};
        }
        if (!expected.count("gongshi.db")) throw InputError(msg::backupDamaged(archive, "gongshi.db", "清单里没有数据库"));

        std::map<std::string, bool> seen;
        for (auto h = zip.headerBegin(); h != zip.headerEnd(); ++h) {
            const std::string name = h->first;
            if (name == kManifest || (h->second.isDirectory() && safeEntry(name + "x"))) continue; // the zip's own folders
            if (!safeEntry(name) || !expected.count(name)) throw InputError(msg::backupDamaged(archive, name, "不在清单里"));
            const fs::path to = scratch / name;
            fs::create_directories(to.parent_path());
            std::ofstream out(to, std::ios::binary);
            in.clear();
            Poco::Zip::ZipInputStream zin(in, h->second, true);
            const Digest d = digestOf(zin, &out);
            out.close();
            const Digest& want = expected[name];
            if (d.bytes != want.bytes || d.sha256 != want.sha256) throw InputError(msg::backupDamaged(archive, name, "校验和不符"));
            seen[name] = true;
        }
        for (const auto& [name, d] : expected)
            if (!seen.count(name)) throw InputError(msg::backupDamaged(archive, name, "清单里有、归档里没有"));
        summary.entries = seen.size();
        {
            RawDb db((scratch / "gongshi.db").string(), SQLITE_OPEN_READONLY);
            const std::string check = db.one("PRAGMA quick_check");
            if (check != "ok") throw InputError(msg::backupDamaged(archive, "gongshi.db", "数据库不完整：" + check));
        }
    } catch (const Poco::Exception& e) {
        throw InputError(msg::backupDamaged(archive, "", e.displayText()));
    }

    // Only now is the data directory touched: moved aside when it holds something and --replace
    // says so, then the checked copy renamed into its place.
    std::error_code ec;
    const bool holds = fs::exists(target) && !fs::is_empty(target, ec);
    if (holds) {
        if (!replace) throw InputError(msg::restoreWouldReplace(dataDir, whatRestoreReplaces(dataDir)));
        const fs::path aside = target.string() + ".replaced-" + Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y%m%dT%H%M%S");
        fs::rename(target, aside, ec);
        if (ec) throw EnvironmentError(msg::cannotWriteFile(aside.string(), ec.message()));
        summary.replacedTo = aside.string();
    } else if (fs::exists(target)) {
        fs::remove(target, ec);
    }
    fs::rename(scratch, target, ec);
    if (ec) throw EnvironmentError(msg::cannotWriteFile(target.string(), ec.message()));
    keep = true;
    return summary;
}

} // namespace gongshi::content
