#pragma once
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

namespace gongshi::test {

// True when the run was asked to rewrite golden files (--update-golden or GONGSHI_UPDATE_GOLDEN=1).
bool updateGolden();
// The project's source directory (for tests/golden and tests/data).
std::string sourceDir();

// Whether this run keeps records in PostgreSQL (`--postgres`, as CTest's "... postgres: ..." cases
// run): the throwaway cluster tests/support/postgres.sh started, its address in BUILD/postgres/url.
bool onPostgres();
// Where a test whose data directory is `dir` keeps its records: "" (SQLite in `dir`) or, on a
// PostgreSQL run, a schema of its own named after `dir` (the same directory, the same schema).
std::string databaseUrl(const std::filesystem::path& dir);
// A gongshi command line over data directory `dir`, with `--database` added on a PostgreSQL run.
std::vector<std::string> withDatabase(std::vector<std::string> argv, const std::filesystem::path& dir);

// A fresh, empty directory under the system's temp directory, removed with everything in it when
// the object goes. Unique per process and per object.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "gongshi-test") {
        static int n = 0;
        path_ = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::string str() const { return path_.string(); }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// The whole content of a file, byte for byte; empty when it cannot be read.
inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Polls `pred` every `poll` for at most `limit`; true as soon as it holds.
template <class Pred> bool waitFor(Pred pred, std::chrono::milliseconds limit = std::chrono::seconds(10),
                                   std::chrono::milliseconds poll = std::chrono::milliseconds(20)) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (true) {
        if (pred()) return true;
        if (std::chrono::steady_clock::now() >= end) return false;
        std::this_thread::sleep_for(poll);
    }
}

} // namespace gongshi::test
