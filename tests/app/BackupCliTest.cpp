// `gongshi backup` and `gongshi restore` as processes: a snapshot while a server serves the data
// directory and writers keep writing, restored whole; a damaged archive refused with nothing
// written; data in the way kept unless --replace, and then moved aside, not deleted.
#include "records/Database.h"
#include "records/RecordStore.h"
#include "tests/support/Process.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

using gongshi::test::BackgroundProcess;
using gongshi::test::gongshiBinary;
using gongshi::test::runProcess;
using gongshi::test::TempDir;
namespace content = gongshi::content;
namespace fs = std::filesystem;

namespace {

std::size_t noticesIn(const std::string& dir) {
    content::Database db(dir);
    return content::RecordStore<content::Notice>(db).all().size();
}

// Names in `dir` that start with `prefix` (scratch directories a restore may leave behind).
int entriesStarting(const fs::path& dir, const std::string& prefix) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename().string().rfind(prefix, 0) == 0 ? 1 : 0;
    return n;
}

} // namespace

TEST_CASE("gongshi backup while the server serves and writers write: each archive restores whole and consistent") {
    TempDir dir("gongshi-backup");
    const std::string data = dir / "data";
    REQUIRE(runProcess({gongshiBinary(), "import", "demo", "--data-dir", data}, 120000).exitCode == 0);
    fs::create_directories(fs::path(data) / "files/ab");
    std::ofstream(fs::path(data) / "files/ab/ab12.png") << "photo bytes";
    const std::size_t before = noticesIn(data);
    BackgroundProcess server({gongshiBinary(), "serve", "--port", "0", "--data-dir", data, "--port-file", dir / "port"});
    for (int i = 0; i < 300 && !fs::exists(dir / "port") && server.running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    REQUIRE_MESSAGE(fs::exists(dir / "port"), server.stderrText());

    std::atomic<bool> stop{false};
    std::atomic<int> written{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 3; ++w)
        writers.emplace_back([&, w] {
            content::Database db(data);
            content::RecordStore<content::Notice> store(db);
            for (int i = 0; !stop && i < 2000; ++i) {
                content::Notice n;
                n.centreId = 1;
                n.title = "备份中写入的公告" + std::to_string(w) + "-" + std::to_string(i);
                n.publishFrom = "2026-12-01";
                n.publishUntil = "2026-12-31";
                store.create(n, "writer");
                ++written;
            }
        });
    std::vector<std::string> archives;
    for (int k = 0; k < 3; ++k) {
        const std::string archive = dir / ("b" + std::to_string(k) + ".zip");
        auto r = runProcess({gongshiBinary(), "backup", "--data-dir", data, "--out", archive}, 60000);
        CHECK_MESSAGE(r.exitCode == 0, r.err);
        CHECK(r.out.find("已备份到 " + archive) == 0);
        archives.push_back(archive);
    }
    stop = true;
    for (auto& t : writers) t.join();
    CHECK_MESSAGE(server.stop(10000) == 0, server.stderrText());
    const std::size_t after = noticesIn(data);
    CHECK(after == before + static_cast<std::size_t>(written.load()));
    MESSAGE(written.load() << " notices written during 3 backups");

    std::size_t last = before;
    for (std::size_t k = 0; k < archives.size(); ++k) {
        const std::string to = dir / ("restored" + std::to_string(k));
        auto r = runProcess({gongshiBinary(), "restore", archives[k], "--data-dir", to}, 60000);
        REQUIRE_MESSAGE(r.exitCode == 0, r.err);
        CHECK(r.out.find("恢复到 " + to) != std::string::npos);
        // A snapshot: between what was there before and after, never less than the backup before it.
        const std::size_t n = noticesIn(to);
        CHECK(n >= last);
        CHECK(n <= after);
        last = n;
        std::ifstream photo(fs::path(to) / "files/ab/ab12.png");
        std::string bytes((std::istreambuf_iterator<char>(photo)), std::istreambuf_iterator<char>());
        CHECK(bytes == "photo bytes");
    }
}

TEST_CASE("gongshi restore refuses a damaged archive and writes nothing, and keeps data in the way unless --replace") {
    TempDir dir("gongshi-backup");
    const std::string data = dir / "data";
    REQUIRE(runProcess({gongshiBinary(), "import", "demo", "--data-dir", data}, 120000).exitCode == 0);
    const std::string archive = dir / "b.zip";
    REQUIRE(runProcess({gongshiBinary(), "backup", "--data-dir", data, "--out", archive}).exitCode == 0);
    const auto size = fs::file_size(archive);

    // A byte changed inside the database's entry, the archive cut short, a file that is no archive.
    fs::copy_file(archive, dir / "flipped.zip");
    {
        std::fstream f(dir / "flipped.zip", std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(static_cast<std::streamoff>(size / 3));
        f.put('\x5a').put('\xa5').put('\x00');
    }
    fs::copy_file(archive, dir / "short.zip");
    fs::resize_file(dir / "short.zip", size / 2);
    std::ofstream(dir / "text.zip") << "not an archive";
    for (const char* bad : {"flipped.zip", "short.zip", "text.zip"}) {
        CAPTURE(bad);
        auto r = runProcess({gongshiBinary(), "restore", dir / bad, "--data-dir", dir / "target"});
        CHECK(r.exitCode == 1);
        CHECK(r.err.find("已损坏") != std::string::npos);
        CHECK(r.err.find("什么都没有写入") != std::string::npos);
        CHECK_FALSE(fs::exists(dir / "target"));
        CHECK(entriesStarting(dir.path(), ".target.restore-") == 0);
    }

    // Restoring over the data directory itself: refused, saying what it would replace.
    auto refused = runProcess({gongshiBinary(), "restore", archive, "--data-dir", data});
    CHECK(refused.exitCode == 1);
    CHECK(refused.err.find("便民服务中心 1 青石镇人民政府便民服务中心") != std::string::npos);
    CHECK(refused.err.find("29条事项、13条公告") != std::string::npos);
    CHECK(noticesIn(data) == 13);
    auto replaced = runProcess({gongshiBinary(), "restore", archive, "--data-dir", data, "--replace"});
    CHECK_MESSAGE(replaced.exitCode == 0, replaced.err);
    CHECK(entriesStarting(dir.path(), "data.replaced-") == 1);
    CHECK(noticesIn(data) == 13);
}
