#include "common/Error.h"
#include "records/FileStore.h"
#include "tests/support/TestSupport.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <vector>

using namespace gongshi;
using namespace gongshi::content;
using gongshi::test::TempDir;

TEST_CASE("stored files are named by their content and read back byte for byte") {
    TempDir dir("gongshi-files");
    FileStore files(dir.str(), 64);
    std::string photo("\xFF\xD8\xFF\xE0 photo bytes\0 with a NUL", 30);
    std::string path = files.store(photo, "JPG");
    CHECK(path == "files/" + path.substr(6, 2) + "/" + path.substr(9, 64) + ".jpg");
    CHECK(path.size() == 6 + 3 + 64 + 4);
    CHECK(files.store(photo, "jpg") == path); // the same file once
    CHECK(files.read(path) == photo);
}

TEST_CASE("an upload or a stored path is refused in Chinese, saying why") {
    TempDir dir("gongshi-files");
    FileStore files(dir.str(), 64);
    CHECK_THROWS_WITH_AS(files.store(std::string(65, 'x'), "png"), "文件有65字节，超过上限64字节", ValidationError);
    CHECK_THROWS_WITH_AS(files.store("", "png"), "文件是空的", ValidationError);
    CHECK_THROWS_WITH_AS(files.store("x", "exe"), "不保存“exe”类型的文件（只收jpg、png、pdf、doc、docx）", ValidationError);
    CHECK_THROWS_WITH_AS(files.read("files/../gongshi.db"), "“files/../gongshi.db”不是已保存的文件", ValidationError);
    CHECK_THROWS_WITH_AS(files.read("/etc/passwd"), "“/etc/passwd”不是已保存的文件", ValidationError);
    CHECK_THROWS_WITH_AS(files.read("files/00/nothing.jpg"), "已保存的文件“files/00/nothing.jpg”不见了，请重新上传", NotFoundError);
}

namespace {

// The names under `dir` that end in ".part".
std::vector<std::string> partFiles(const std::filesystem::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
        if (e.path().extension() == ".part") out.push_back(e.path().filename().string());
    return out;
}

} // namespace

TEST_CASE("a write that fails leaves no temporary file behind") {
    TempDir dir("gongshi-files");
    FileStore files(dir.str(), 64);
    const std::string photo = "\xFF\xD8\xFF photo";
    // Where the file would go, a directory with something in it: the rename cannot replace it.
    const std::string path = files.store(photo, "jpg");
    const auto target = std::filesystem::path(dir.str()) / path;
    std::filesystem::remove(target);
    std::filesystem::create_directories(target / "in-the-way");
    CHECK_THROWS_WITH_AS(files.store(photo, "jpg"), ("无法写入“" + target.string() + "”（磁盘已满或没有写权限？）").c_str(), Error);
    CHECK(partFiles(dir.str()).empty());
    CHECK(std::filesystem::is_directory(target / "in-the-way")); // what was there is untouched
}

TEST_CASE("the temporary files of interrupted writes are removed at start, and only they") {
    TempDir dir("gongshi-files");
    FileStore files(dir.str(), 64);
    const std::string kept = files.store("kept bytes", "png");
    const auto folder = std::filesystem::path(dir.str()) / "files" / "ab";
    std::filesystem::create_directories(folder);
    std::ofstream(folder / "abcdef.jpg.part") << "half a photo";
    std::ofstream(std::filesystem::path(dir.str()) / kept.substr(0, 8) / "other.pdf.part") << "half a form";
    CHECK(partFiles(dir.str()).size() == 2);
    CHECK(files.removeStaleParts() == 2);
    CHECK(partFiles(dir.str()).empty());
    CHECK(files.read(kept) == "kept bytes");
    CHECK(files.removeStaleParts() == 0);
}
